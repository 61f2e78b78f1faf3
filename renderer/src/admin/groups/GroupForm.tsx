import { useState } from 'react';
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
    form.showSaved('Saved.');
    await onSaved();
  }, 'Saving…');

  const clientOptions =
    clients.state.status === 'ready' ? clients.state.data.map((c) => ({ value: c.id, label: c.name === c.id ? c.id : `${c.name} (${c.id})` })) : [];

  return (
    <form ref={form.ref} onSubmit={save} className="admin-form" noValidate>
      <TextField
        label="Name"
        required
        value={name}
        onChange={(event) => edit(setName)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={64}
        hint="The value apps see in the groups claim; renaming it can change what people may do in those apps."
        {...form.field('name', 'Name')}
        data-testid="group-name"
      />
      <TextField
        label="Display name"
        optional
        value={displayName}
        onChange={(event) => edit(setDisplayName)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        maxLength={100}
        {...form.field('displayName', 'Display name')}
      />
      <MemberPicker members={members} onChange={edit(setMembers)} disabled={busy} {...form.field('memberIds', 'Members')} />
      <ClaimsEditor rows={claims} onChange={edit(setClaims)} disabled={busy} {...form.field('claims', 'Custom claims')} />
      {clients.state.status === 'failed' && <ErrorAlert error={clients.state.error} />}
      <CheckboxGroup
        legend="Apps this group may use"
        options={clientOptions}
        selected={allowedClients}
        onChange={edit(setAllowedClients)}
        disabled={busy}
        hint="An app with allowed groups admits only their members; an app with none admits everyone."
        empty={clients.state.status === 'loading' ? 'Loading apps…' : 'There are no OpenID Connect apps (clients) yet.'}
        testId="group-clients"
        {...form.field('allowedClients', 'Apps')}
      />
      <GroupProtectedApps groupName={group.name} />
      <FormFooter form={form} submitLabel="Save changes" submitTestId="group-save" />
    </form>
  );
}
