import { useState } from 'react';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { uriLines } from '../clients/uriLines';
import { useConsoleForm } from '../useConsoleForm';
import { FormFooter } from '../FormFooter';

const FIELDS = ['name', 'description', 'claims'];

type CustomScope = AdminResult<'scopes.list'>[number];

interface ScopeFormProps {
  /** The scope to edit; none for a new one. */
  scope?: CustomScope;
  onSaved: () => Promise<void>;
  onCancel: () => void;
}

/** A custom scope's name (fixed once made), the sentence the consent screen shows, and the claims it releases. */
export function ScopeForm({ scope, onSaved, onCancel }: ScopeFormProps) {
  const admin = useAdminClient();
  const [name, setName] = useState(scope?.name ?? '');
  const [description, setDescription] = useState(scope?.description ?? '');
  const [claims, setClaims] = useState(scope?.claims.join('\n') ?? '');
  const form = useConsoleForm(FIELDS);
  const { busy, edit } = form;

  const save = form.onSubmit(
    async () => {
      // Blank lines go, so "Line 2" in an error is the second line shown.
      const claimNames = uriLines(claims);
      setClaims(claimNames.join('\n'));
      const input = { name: name.trim(), description: description.trim(), claims: claimNames };
      if (scope) await admin['scopes.update'](input);
      else await admin['scopes.create'](input);
      await onSaved();
    },
    scope ? 'Saving…' : 'Creating the scope…',
  );

  return (
    <form ref={form.ref} onSubmit={save} className="admin-form" noValidate onKeyDown={(event) => event.key === 'Escape' && !busy && onCancel()}>
      {scope ? (
        <p>
          Scope <code>{scope.name}</code>
        </p>
      ) : (
        <TextField
          label="Name"
          required
          autoFocus
          value={name}
          onChange={(event) => edit(setName)(event.target.value)}
          disabled={busy}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          placeholder="e.g. nextcloud_quota"
          hint="What apps put in their scope parameter. It cannot be changed later."
          {...form.field('name', 'Name')}
          data-testid="scope-name"
        />
      )}
      <TextField
        label="Description"
        required
        autoFocus={scope !== undefined}
        value={description}
        onChange={(event) => edit(setDescription)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        maxLength={200}
        placeholder="e.g. Your storage quota"
        hint="The consent screen shows it when an app asks for the scope."
        {...form.field('description', 'Description')}
        data-testid="scope-description"
      />
      <TextAreaField
        label="Claims"
        required
        rows={Math.max(2, (scope?.claims.length ?? 0) + 1)}
        value={claims}
        onChange={(event) => edit(setClaims)(event.target.value)}
        disabled={busy}
        spellCheck={false}
        autoCapitalize="none"
        hint="The claims an app gets with this scope, one name per line: custom claims of people and groups, or claims from an app’s claim settings."
        {...form.field('claims', 'Claims', { lines: true })}
        data-testid="scope-claims"
      />
      <FormFooter
        form={form}
        submitLabel={scope ? 'Save changes' : 'Create scope'}
        submitTestId="scope-save"
        secondary={{ label: 'Cancel', onClick: onCancel }}
      />
    </form>
  );
}
