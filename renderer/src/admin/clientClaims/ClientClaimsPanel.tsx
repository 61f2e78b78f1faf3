import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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

interface ClientClaimsPanelProps {
  clientId: string;
  policy: ClaimPolicy;
  /** Called once saved: the page loads the client again (and so the preview). */
  onSaved: () => Promise<void>;
}

/** How this app's claims are shaped: where, under which names, with which values. Saved as one policy. */
export function ClientClaimsPanel({ clientId, policy, onSaved }: ClientClaimsPanelProps) {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  const [values, setValues] = useState(() => policyForm(policy));
  const form = useConsoleForm(policyFieldPaths(values));
  const { busy, field } = form;
  const scopes = useResource('scopes', () => admin['scopes.list']({}));
  const scopeClaims = scopes.state.status === 'ready' ? scopes.state.data.flatMap((scope) => scope.claims) : [];
  const names = offeredClaimNames(values, scopeClaims);
  const preferredUsernameSources: Record<PreferredUsernameSource, string> = {
    username: t('claimsPanel.sources.username'),
    email: t('claimsPanel.sources.email'),
    email_local_part: t('claimsPanel.sources.emailLocalPart'),
  };
  const set = form.edit(<K extends keyof PolicyForm>(name: K, value: PolicyForm[K]) => setValues((current) => ({ ...current, [name]: value })));

  const save = form.onSubmit(async () => {
    // Empty rows go first, so an error's row number is the row shown.
    const sent = withoutEmptyRows(values);
    setValues(sent);
    await admin['clients.update']({ id: clientId, claimPolicy: policyFromForm(sent) });
    form.showSaved(t('claimsPanel.saved'));
    await onSaved();
  }, t('form.saving'));

  return (
    <form ref={form.ref} onSubmit={save} className="admin-form claims-form" noValidate data-testid="client-claims">
      <SelectField
        label={t('claimsPanel.preferredUsername')}
        value={values.preferredUsername}
        onChange={(event) => set('preferredUsername', event.target.value as PreferredUsernameSource)}
        disabled={busy}
        hint={t('claimsPanel.preferredUsernameHint')}
        {...field('claimPolicy.preferredUsername', 'preferred_username')}
        data-testid="claims-preferred-username"
      >
        {Object.entries(preferredUsernameSources).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <p className="muted small claim-selections-intro">
        <Trans t={t} i18nKey="claimsPanel.selectionsIntro" components={{ code: <code /> }} />
      </p>
      <div className="field-row claim-selections">
        <ClaimSelection
          legend={t('claimsPanel.idToken')}
          path="claimPolicy.idTokenClaims"
          selected={values.idTokenClaims}
          onChange={(next) => set('idTokenClaims', next)}
          names={names}
          field={field}
          disabled={busy}
          testId="claims-id-token"
        />
        <ClaimSelection
          legend={t('claimsPanel.userinfo')}
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
        legend={t('claimsPanel.staticClaims')}
        hint={t('claimsPanel.staticClaimsHint')}
        empty={t('claimsPanel.staticClaimsEmpty')}
        field="claimPolicy.staticClaims"
        rows={values.staticClaims}
        onChange={(next) => set('staticClaims', next)}
        disabled={busy}
        {...field('claimPolicy.staticClaims', t('claimsPanel.staticClaims'))}
      />
      <FormFooter form={form} submitLabel={t('claimsPanel.save')} submitTestId="claims-save" />
    </form>
  );
}
