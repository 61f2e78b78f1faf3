import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { claimRows, claimsFromRows } from '../claims/claimRows';
import { ClaimsEditor } from '../claims/ClaimsEditor';
import { useConsoleForm } from '../useConsoleForm';
import { GroupProtectedApps } from './GroupProtectedApps';
import { MemberPicker } from './MemberPicker';
import { FormFooter } from '../FormFooter';

const FIELDS = ['name', 'displayName', 'memberIds', 'claims', 'allowedClients'];

interface GroupFormProps {
  group: AdminResult<'groups.get'>;
  onSaved: () => Promise<void>;
}

/** A group's name, members, custom claims and the apps it may use. */
export function GroupForm({ group, onSaved }: GroupFormProps) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const clients = useResource('clients', () => client['clients.list']({}));
  const [name, setName] = useState(group.name);
  const [displayName, setDisplayName] = useState(group.displayName ?? '');
  const [members, setMembers] = useState(group.members);
  const [claims, setClaims] = useState(() => claimRows(group.claims));
  const [allowedClients, setAllowedClients] = useState(group.allowedClients);
  const form = useConsoleForm(FIELDS);
  const { busy, edit } = form;

  const save = form.onSubmit(async () => {
    await client['groups.update']({
      id: group.id,
      name: name.trim(),
      displayName: displayName.trim() || null,
      memberIds: members.map((member) => member.id),
      claims: claimsFromRows(claims),
      allowedClients,
    });
    form.showSaved(t('shared.saved'));
    await onSaved();
  }, t('shared.saving'));

  const clientOptions =
    clients.state.status === 'ready' ? clients.state.data.map((c) => ({ value: c.id, label: c.name === c.id ? c.id : `${c.name} (${c.id})` })) : [];

  return (
    <form ref={form.ref} onSubmit={save} className="admin-form" noValidate>
      <TextField
        label={t('shared.name')}
        required
        value={name}
        onChange={(event) => edit(setName)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={64}
        hint={t('groupForm.nameHint')}
        {...form.field('name', t('shared.name'))}
        data-testid="group-name"
      />
      <TextField
        label={t('shared.displayName')}
        optional
        value={displayName}
        onChange={(event) => edit(setDisplayName)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        maxLength={100}
        {...form.field('displayName', t('shared.displayName'))}
      />
      <MemberPicker members={members} onChange={edit(setMembers)} disabled={busy} {...form.field('memberIds', t('shared.members'))} />
      <ClaimsEditor rows={claims} onChange={edit(setClaims)} disabled={busy} {...form.field('claims', t('shared.customClaims'))} />
      {clients.state.status === 'failed' && <ErrorAlert error={clients.state.error} />}
      <CheckboxGroup
        legend={t('groupForm.apps')}
        options={clientOptions}
        selected={allowedClients}
        onChange={edit(setAllowedClients)}
        disabled={busy}
        hint={t('groupForm.appsHint')}
        empty={clients.state.status === 'loading' ? t('groupForm.loadingApps') : t('groupForm.noApps')}
        testId="group-clients"
        {...form.field('allowedClients', t('groupForm.appsField'))}
      />
      <GroupProtectedApps groupName={group.name} />
      <FormFooter form={form} submitLabel={t('shared.saveChanges')} submitTestId="group-save" />
    </form>
  );
}
