import { useState } from 'react';
import { TextField } from '../../components/TextField';
import { navigate } from '../../router';
import { useAdminClient } from '../AdminClientContext';
import { adminPaths } from '../adminViews';
import { useConsoleForm } from '../useConsoleForm';
import { FormFooter } from '../FormFooter';

/** Names a new group, then opens it to add members, claims and apps. */
export function NewGroupForm({ onCancel }: { onCancel: () => void }) {
  const client = useAdminClient();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const form = useConsoleForm(['name', 'displayName']);
  const { busy } = form;

  const create = form.onSubmit(async () => {
    const group = await client['groups.create']({ name: name.trim(), displayName: displayName.trim() || null });
    navigate(adminPaths.group(group.id));
  }, 'Creating the group…');

  return (
    <form ref={form.ref} onSubmit={create} className="admin-form" noValidate onKeyDown={(event) => event.key === 'Escape' && !busy && onCancel()}>
      <TextField
        label="Name"
        required
        autoFocus
        value={name}
        onChange={(event) => setName(event.target.value)}
        disabled={busy}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={64}
        placeholder="e.g. family"
        hint="Letters, digits and . _ : -. Apps see it in the groups claim."
        {...form.field('name', 'Name')}
        data-testid="group-name"
      />
      <TextField
        label="Display name"
        optional
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        disabled={busy}
        autoComplete="off"
        maxLength={100}
        placeholder="e.g. Family"
        {...form.field('displayName', 'Display name')}
      />
      <FormFooter form={form} submitLabel="Create group" submitTestId="group-save" secondary={{ label: 'Cancel', onClick: onCancel }} />
    </form>
  );
}
