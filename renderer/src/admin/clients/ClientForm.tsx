import { useState } from 'react';
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
function seconds(field: 'accessTokenTtl' | 'refreshTokenTtl', text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  if (!Number.isInteger(value)) throw ApiError.invalidInput(field, 'must be a whole number of seconds, or empty for the default');
  return value;
}

/** A client's settings: where it may redirect, who may use it, and how its tokens are made. */
export function ClientForm({ client, onSaved }: { client: Client; onSaved: () => Promise<void> }) {
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
      accessTokenTtl: seconds('accessTokenTtl', accessTtl),
      refreshTokenTtl: seconds('refreshTokenTtl', refreshTtl),
    });
    form.showSaved('Saved.');
    await onSaved();
  }, 'Saving…');

  return (
    <form ref={form.ref} onSubmit={save} className="admin-form" noValidate>
      <TextField
        label="Display name"
        required
        value={name}
        onChange={(event) => edit(setName)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        maxLength={100}
        {...form.field('name', 'Display name')}
      />
      <TextAreaField
        label="Redirect URIs"
        // A robot or a device-flow client signs no one in through a browser: it needs none.
        required={!client.clientCredentials && !client.deviceFlow}
        optional={client.clientCredentials || client.deviceFlow}
        rows={Math.max(2, client.redirectUris.length + 1)}
        value={redirectUris}
        onChange={(event) => edit(setRedirectUris)(event.target.value)}
        disabled={busy}
        spellCheck={false}
        autoCapitalize="none"
        hint="One per line, exactly as the app sends them."
        {...form.field('redirectUris', 'Redirect URIs', { lines: true })}
        data-testid="client-redirect-uris"
      />
      <TextAreaField
        label="Post-logout redirect URIs"
        optional
        rows={2}
        value={postLogoutUris}
        onChange={(event) => edit(setPostLogoutUris)(event.target.value)}
        disabled={busy}
        spellCheck={false}
        autoCapitalize="none"
        hint="One per line."
        {...form.field('postLogoutRedirectUris', 'Post-logout redirect URIs', { lines: true })}
        data-testid="client-post-logout-uris"
      />
      <AllowedGroupsField selected={allowedGroups} onChange={edit(setAllowedGroups)} disabled={busy} {...form.field('allowedGroups', 'Allowed groups')} />
      <CheckboxField
        label="Skip the consent screen"
        checked={skipConsent}
        onChange={(event) => edit(setSkipConsent)(event.target.checked)}
        disabled={busy}
        {...form.field('skipConsent', 'Skip consent')}
      />
      <CheckboxField
        label="Require PKCE"
        checked={requirePkce}
        onChange={(event) => edit(setRequirePkce)(event.target.checked)}
        disabled={busy}
        hint={client.public ? 'This public client has no secret; keep PKCE on.' : 'Only if the app sends a PKCE code challenge (S256).'}
        {...form.field('requirePkce', 'Require PKCE')}
      />
      <CheckboxField
        label="Require pushed authorization requests (PAR)"
        checked={requirePar}
        onChange={(event) => edit(setRequirePar)(event.target.checked)}
        disabled={busy}
        hint="Only if the app posts its sign-in request to Gatehouse first (RFC 9126), so nothing of it travels in the browser's address bar. Any other sign-in request is then refused."
        {...form.field('requirePar', 'Require PAR')}
        data-testid="client-require-par"
      />
      <SelectField
        label="ID token signing algorithm"
        value={idTokenAlg}
        onChange={(event) => edit(setIdTokenAlg)(event.target.value as Client['idTokenAlg'])}
        disabled={busy}
        hint="RS256 works with every app; choose ES256 only if the app asks for it."
        {...form.field('idTokenAlg', 'ID token algorithm')}
      >
        <option value="RS256">RS256</option>
        <option value="ES256">ES256</option>
      </SelectField>
      <TextField
        label="Launch URL"
        optional
        type="url"
        value={launchUrl}
        onChange={(event) => edit(setLaunchUrl)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        spellCheck={false}
        placeholder="https://app.home.example"
        hint="Where people open the app from their account page. Empty: the app is not listed there."
        {...form.field('launchUrl', 'Launch URL')}
      />
      <TextField
        label="Back-channel logout URI"
        optional
        type="url"
        value={backchannelUri}
        onChange={(event) => edit(setBackchannelUri)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        spellCheck={false}
        placeholder="https://cloud.home.example/apps/user_oidc/backchannel-logout/gatehouse"
        hint="Where Gatehouse tells the app that a person signed out, was signed out everywhere, disabled or deleted, or took back its access, so the app ends its own session too. Nextcloud (/apps/user_oidc/backchannel-logout/{provider id}) and Immich accept one. Empty: the app is not told."
        {...form.field('backchannelLogoutUri', 'Back-channel logout URI')}
        data-testid="client-backchannel-logout-uri"
      />
      <div className="field-row">
        <TextField
          label="Access token lifetime"
          optional
          inputMode="numeric"
          value={accessTtl}
          onChange={(event) => edit(setAccessTtl)(event.target.value)}
          disabled={busy}
          autoComplete="off"
          placeholder="default"
          hint="In seconds, 60 to 86400."
          {...form.field('accessTokenTtl', 'Access token lifetime')}
        />
        <TextField
          label="Refresh token lifetime"
          optional
          inputMode="numeric"
          value={refreshTtl}
          onChange={(event) => edit(setRefreshTtl)(event.target.value)}
          disabled={busy}
          autoComplete="off"
          placeholder="default"
          hint="In seconds, 60 to 31536000."
          {...form.field('refreshTokenTtl', 'Refresh token lifetime')}
        />
      </div>
      <FormFooter form={form} submitLabel="Save changes" submitTestId="client-save" />
    </form>
  );
}
