import { useState } from 'react';
import type { ClaimPolicy, PreferredUsernameSource } from '../../../../server/model/claimPolicy.ts';
import { SelectField } from '../../components/SelectField';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { ClaimsEditor } from '../claims/ClaimsEditor';
import { useConsoleForm } from '../useConsoleForm';
import { ClaimSelection } from './ClaimSelection';
import { offeredClaimNames } from './claimNames';
import { GroupMappingsEditor } from './GroupMappingsEditor';
import { type PolicyForm, policyFieldPaths, policyForm, policyFromForm, withoutEmptyRows } from './policyForm';
import { RenamesEditor } from './RenamesEditor';
import { FormFooter } from '../FormFooter';

const PREFERRED_USERNAME: Record<PreferredUsernameSource, string> = {
  username: 'Their username',
  email: 'Their email address',
  email_local_part: 'Their email address before the @',
};

interface ClientClaimsPanelProps {
  clientId: string;
  policy: ClaimPolicy;
  /** Called once saved: the page loads the client again (and so the preview). */
  onSaved: () => Promise<void>;
}

/** How this app's claims are shaped: where, under which names, with which values. Saved as one policy. */
export function ClientClaimsPanel({ clientId, policy, onSaved }: ClientClaimsPanelProps) {
  const admin = useAdminClient();
  const [values, setValues] = useState(() => policyForm(policy));
  const form = useConsoleForm(policyFieldPaths(values));
  const { busy, field } = form;
  const scopes = useResource('scopes', () => admin['scopes.list']({}));
  const scopeClaims = scopes.state.status === 'ready' ? scopes.state.data.flatMap((scope) => scope.claims) : [];
  const names = offeredClaimNames(values, scopeClaims);
  const set = form.edit(<K extends keyof PolicyForm>(name: K, value: PolicyForm[K]) => setValues((current) => ({ ...current, [name]: value })));

  const save = form.onSubmit(async () => {
    // Empty rows go first, so an error's row number is the row shown.
    const sent = withoutEmptyRows(values);
    setValues(sent);
    await admin['clients.update']({ id: clientId, claimPolicy: policyFromForm(sent) });
    form.showSaved('Saved. The preview below shows the new claims.');
    await onSaved();
  }, 'Saving…');

  return (
    <form ref={form.ref} onSubmit={save} className="admin-form claims-form" noValidate data-testid="client-claims">
      <SelectField
        label="preferred_username is"
        value={values.preferredUsername}
        onChange={(event) => set('preferredUsername', event.target.value as PreferredUsernameSource)}
        disabled={busy}
        hint="People without an email address keep their username."
        {...field('claimPolicy.preferredUsername', 'preferred_username')}
        data-testid="claims-preferred-username"
      >
        {Object.entries(PREFERRED_USERNAME).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <p className="muted small claim-selections-intro">
        Which claims the ID token and the userinfo answer carry. <code>sub</code> and the token’s own claims (<code>iss</code>, <code>aud</code>,{' '}
        <code>exp</code>…) are always there.
      </p>
      <div className="field-row claim-selections">
        <ClaimSelection
          legend="ID token"
          path="claimPolicy.idTokenClaims"
          selected={values.idTokenClaims}
          onChange={(next) => set('idTokenClaims', next)}
          names={names}
          field={field}
          disabled={busy}
          testId="claims-id-token"
        />
        <ClaimSelection
          legend="Userinfo"
          path="claimPolicy.userinfoClaims"
          selected={values.userinfoClaims}
          onChange={(next) => set('userinfoClaims', next)}
          names={names}
          field={field}
          disabled={busy}
          testId="claims-userinfo"
        />
      </div>
      <GroupMappingsEditor mappings={values.groupMappings} onChange={(next) => set('groupMappings', next)} field={field} disabled={busy} />
      <RenamesEditor rows={values.renames} onChange={(next) => set('renames', next)} names={names} field={field} disabled={busy} />
      <ClaimsEditor
        legend="Static claims"
        hint="The same value for everyone who signs in to this app."
        empty="No static claims."
        field="claimPolicy.staticClaims"
        rows={values.staticClaims}
        onChange={(next) => set('staticClaims', next)}
        disabled={busy}
        {...field('claimPolicy.staticClaims', 'Static claims')}
      />
      <FormFooter form={form} submitLabel="Save claims" submitTestId="claims-save" />
    </form>
  );
}
