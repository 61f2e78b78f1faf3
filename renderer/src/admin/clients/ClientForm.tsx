import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { CheckboxField } from '../../components/CheckboxField';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { useConsoleForm } from '../useConsoleForm';
import { AllowedGroupsField } from './AllowedGroupsField';
import { uriLines } from './uriLines';
import { FormFooter } from '../FormFooter';

const FIELDS = [
  'name',
  'redirectUris',
  'postLogoutRedirectUris',
  'allowedGroups',
  'skipConsent',
  'requirePkce',
  'requirePar',
  'idTokenAlg',
  'launchUrl',
  'backchannelLogoutUri',
  'accessTokenTtl',
  'refreshTokenTtl',
];

type Client = AdminResult<'clients.get'>;

/** Seconds from a text box: empty is Gatehouse's default (null); anything else must be a whole number. */
function seconds(t: TFunction, field: 'accessTokenTtl' | 'refreshTokenTtl', text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  if (!Number.isInteger(value)) throw ApiError.invalidInput(field, t('consoleClients:clientForm.ttlNotWhole'));
  return value;
}

/** A client's settings: where it may redirect, who may use it, and how its tokens are made. */
export function ClientForm({ client, onSaved }: { client: Client; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  const [name, setName] = useState(client.name);
  const [redirectUris, setRedirectUris] = useState(client.redirectUris.join('\n'));
  const [postLogoutUris, setPostLogoutUris] = useState(client.postLogoutRedirectUris.join('\n'));
  const [allowedGroups, setAllowedGroups] = useState(client.allowedGroups);
  const [skipConsent, setSkipConsent] = useState(client.skipConsent);
  const [requirePkce, setRequirePkce] = useState(client.requirePkce);
  const [requirePar, setRequirePar] = useState(client.requirePar);
  const [idTokenAlg, setIdTokenAlg] = useState(client.idTokenAlg);
  const [launchUrl, setLaunchUrl] = useState(client.launchUrl ?? '');
  const [backchannelUri, setBackchannelUri] = useState(client.backchannelLogoutUri ?? '');
  const [accessTtl, setAccessTtl] = useState(client.accessTokenTtl?.toString() ?? '');
  const [refreshTtl, setRefreshTtl] = useState(client.refreshTokenTtl?.toString() ?? '');
  const form = useConsoleForm(FIELDS);
  const { busy, edit } = form;

  const save = form.onSubmit(async () => {
    // Blank lines go, so "Line 3" in an error is the third line shown.
    const redirects = uriLines(redirectUris);
    const postLogout = uriLines(postLogoutUris);
    setRedirectUris(redirects.join('\n'));
    setPostLogoutUris(postLogout.join('\n'));
    await admin['clients.update']({
      id: client.id,
      name: name.trim(),
      redirectUris: redirects,
      postLogoutRedirectUris: postLogout,
      allowedGroups,
      skipConsent,
      requirePkce,
      requirePar,
      idTokenAlg,
      launchUrl: launchUrl.trim() || null,
      backchannelLogoutUri: backchannelUri.trim() || null,
      accessTokenTtl: seconds(t, 'accessTokenTtl', accessTtl),
      refreshTokenTtl: seconds(t, 'refreshTokenTtl', refreshTtl),
    });
    form.showSaved(t('form.saved'));
    await onSaved();
  }, t('form.saving'));

  return (
    <form ref={form.ref} onSubmit={save} className="admin-form" noValidate>
      <TextField
        label={t('clientFields.displayName')}
        required
        value={name}
        onChange={(event) => edit(setName)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        maxLength={100}
        {...form.field('name', t('clientFields.displayName'))}
      />
      <TextAreaField
        label={t('clientFields.redirectUris')}
        // A robot or a device-flow client signs no one in through a browser: it needs none.
        required={!client.clientCredentials && !client.deviceFlow}
        optional={client.clientCredentials || client.deviceFlow}
        rows={Math.max(2, client.redirectUris.length + 1)}
        value={redirectUris}
        onChange={(event) => edit(setRedirectUris)(event.target.value)}
        disabled={busy}
        spellCheck={false}
        autoCapitalize="none"
        hint={t('clientFields.redirectUrisHint')}
        {...form.field('redirectUris', t('clientFields.redirectUris'), { lines: true })}
        data-testid="client-redirect-uris"
      />
      <TextAreaField
        label={t('clientFields.postLogoutUris')}
        optional
        rows={2}
        value={postLogoutUris}
        onChange={(event) => edit(setPostLogoutUris)(event.target.value)}
        disabled={busy}
        spellCheck={false}
        autoCapitalize="none"
        hint={t('clientForm.postLogoutUrisHint')}
        {...form.field('postLogoutRedirectUris', t('clientFields.postLogoutUris'), { lines: true })}
        data-testid="client-post-logout-uris"
      />
      <AllowedGroupsField
        selected={allowedGroups}
        onChange={edit(setAllowedGroups)}
        disabled={busy}
        {...form.field('allowedGroups', t('clientFields.allowedGroups'))}
      />
      <CheckboxField
        label={t('clientFields.skipConsent')}
        checked={skipConsent}
        onChange={(event) => edit(setSkipConsent)(event.target.checked)}
        disabled={busy}
        {...form.field('skipConsent', t('clientFields.skipConsentField'))}
      />
      <CheckboxField
        label={t('clientFields.requirePkce')}
        checked={requirePkce}
        onChange={(event) => edit(setRequirePkce)(event.target.checked)}
        disabled={busy}
        hint={client.public ? t('clientForm.pkcePublicHint') : t('clientForm.pkceHint')}
        {...form.field('requirePkce', t('clientFields.requirePkce'))}
      />
      <CheckboxField
        label={t('clientForm.requirePar')}
        checked={requirePar}
        onChange={(event) => edit(setRequirePar)(event.target.checked)}
        disabled={busy}
        hint={t('clientForm.requireParHint')}
        {...form.field('requirePar', t('clientForm.requireParField'))}
        data-testid="client-require-par"
      />
      <SelectField
        label={t('clientForm.idTokenAlg')}
        value={idTokenAlg}
        onChange={(event) => edit(setIdTokenAlg)(event.target.value as Client['idTokenAlg'])}
        disabled={busy}
        hint={t('clientForm.idTokenAlgHint')}
        {...form.field('idTokenAlg', t('clientForm.idTokenAlgField'))}
      >
        <option value="RS256">RS256</option>
        <option value="ES256">ES256</option>
      </SelectField>
      <TextField
        label={t('clientForm.launchUrl')}
        optional
        type="url"
        value={launchUrl}
        onChange={(event) => edit(setLaunchUrl)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        spellCheck={false}
        placeholder="https://app.home.example"
        hint={t('clientForm.launchUrlHint')}
        {...form.field('launchUrl', t('clientForm.launchUrl'))}
      />
      <TextField
        label={t('clientForm.backchannelUri')}
        optional
        type="url"
        value={backchannelUri}
        onChange={(event) => edit(setBackchannelUri)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        spellCheck={false}
        placeholder="https://cloud.home.example/apps/user_oidc/backchannel-logout/gatehouse"
        hint={t('clientForm.backchannelUriHint')}
        {...form.field('backchannelLogoutUri', t('clientForm.backchannelUri'))}
        data-testid="client-backchannel-logout-uri"
      />
      <div className="field-row">
        <TextField
          label={t('clientForm.accessTtl')}
          optional
          inputMode="numeric"
          value={accessTtl}
          onChange={(event) => edit(setAccessTtl)(event.target.value)}
          disabled={busy}
          autoComplete="off"
          placeholder={t('clientForm.ttlPlaceholder')}
          hint={t('clientForm.accessTtlHint')}
          {...form.field('accessTokenTtl', t('clientForm.accessTtl'))}
        />
        <TextField
          label={t('clientForm.refreshTtl')}
          optional
          inputMode="numeric"
          value={refreshTtl}
          onChange={(event) => edit(setRefreshTtl)(event.target.value)}
          disabled={busy}
          autoComplete="off"
          placeholder={t('clientForm.ttlPlaceholder')}
          hint={t('clientForm.refreshTtlHint')}
          {...form.field('refreshTokenTtl', t('clientForm.refreshTtl'))}
        />
      </div>
      <FormFooter form={form} submitLabel={t('form.saveChanges')} submitTestId="client-save" />
    </form>
  );
}
