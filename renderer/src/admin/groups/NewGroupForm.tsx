import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/TextField';
import { navigate } from '../../router';
import { useAdminClient } from '../AdminClientContext';
import { adminPaths } from '../adminViews';
import { useConsoleForm } from '../useConsoleForm';
import { FormFooter } from '../FormFooter';

/** Names a new group, then opens it to add members, claims and apps. */
export function NewGroupForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const form = useConsoleForm(['name', 'displayName']);
  const { busy } = form;

  const create = form.onSubmit(async () => {
    const group = await client['groups.create']({ name: name.trim(), displayName: displayName.trim() || null });
    navigate(adminPaths.group(group.id));
  }, t('newGroup.creating'));

  return (
    <form ref={form.ref} onSubmit={create} className="admin-form" noValidate onKeyDown={(event) => event.key === 'Escape' && !busy && onCancel()}>
      <TextField
        label={t('shared.name')}
        required
        autoFocus
        value={name}
        onChange={(event) => setName(event.target.value)}
        disabled={busy}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={64}
        placeholder={t('newGroup.namePlaceholder')}
        hint={t('newGroup.nameHint')}
        {...form.field('name', t('shared.name'))}
        data-testid="group-name"
      />
      <TextField
        label={t('shared.displayName')}
        optional
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        disabled={busy}
        autoComplete="off"
        maxLength={100}
        placeholder={t('newGroup.displayNamePlaceholder')}
        {...form.field('displayName', t('shared.displayName'))}
      />
      <FormFooter form={form} submitLabel={t('newGroup.create')} submitTestId="group-save" secondary={{ label: t('shared.cancel'), onClick: onCancel }} />
    </form>
  );
}
