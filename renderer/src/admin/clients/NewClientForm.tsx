import { useState } from 'react';
import { CheckboxField } from '../../components/CheckboxField';
import { Heading } from '../../components/Heading';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import type { AdminInput, AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { useConsoleForm } from '../useConsoleForm';
import { AllowedGroupsField } from './AllowedGroupsField';
import { MACHINE_FIELDS, MachineAccessFields, machineAccessLists } from './MachineAccessFields';
import type { ClientTemplate } from './TemplatePicker';
import { uriLines } from './uriLines';
import { FormFooter } from '../FormFooter';

const COMMON_FIELDS = ['id', 'name', 'allowedGroups', 'skipConsent'];
const BLANK_FIELDS = ['public', 'redirectUris', 'postLogoutRedirectUris', 'requirePkce'];

interface NewClientFormProps {
  /** Null for a blank client. */
  template: ClientTemplate | null;
  onCreated: (result: AdminResult<'clients.create'>) => void;
  onBack: () => void;
}

/** Step 2 of a new client: the template's questions (or, blank, the URIs), the client id and who may use it. */
export function NewClientForm({ template, onCreated, onBack }: NewClientFormProps) {
  const client = useAdminClient();
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const [id, setId] = useState(template?.suggestedClientId ?? '');
  const [name, setName] = useState(template?.name ?? '');
  const [isPublic, setPublic] = useState(false);
  const [redirectUris, setRedirectUris] = useState('');
  const [postLogoutUris, setPostLogoutUris] = useState('');
  const [requirePkce, setRequirePkce] = useState(false);
  const [allowedGroups, setAllowedGroups] = useState<string[]>([]);
  const [skipConsent, setSkipConsent] = useState(false);
  const [machineAccess, setMachineAccess] = useState({ machineScopes: '', audiences: '' });
  const robot = template?.clientCredentials === true;
  // A template's redirect URIs come from its inputs, so an error in them belongs in the alert.
  const form = useConsoleForm([
    ...COMMON_FIELDS,
    ...(template ? template.inputs.map((question) => `inputs.${question.name}`) : BLANK_FIELDS),
    ...(robot ? MACHINE_FIELDS : []),
  ]);
  const { busy } = form;

  const create = form.onSubmit(async () => {
    const common = { id: id.trim(), name: name.trim() || undefined, allowedGroups, skipConsent };
    let input: AdminInput<'clients.create'>;
    if (template) {
      input = { ...common, template: template.id, inputs, ...(robot ? machineAccessLists(machineAccess) : {}) };
    } else {
      // Blank lines go, so "Line 3" in an error is the third line shown.
      const redirects = uriLines(redirectUris);
      const postLogout = uriLines(postLogoutUris);
      setRedirectUris(redirects.join('\n'));
      setPostLogoutUris(postLogout.join('\n'));
      input = { ...common, public: isPublic, redirectUris: redirects, postLogoutRedirectUris: postLogout, requirePkce: isPublic || requirePkce };
    }
    onCreated(await client['clients.create'](input));
  }, 'Creating the client…');

  return (
    <form ref={form.ref} onSubmit={create} className="admin-form" noValidate>
      <Heading level={2} focusOnMount>
        {template ? template.name : 'Blank client'}
      </Heading>
      <p className="muted">{template ? template.description : 'For an app without a template: copy the values from its documentation.'}</p>

      {template?.inputs.map((question) => (
        <TextField
          key={question.name}
          label={question.label}
          optional={question.default !== undefined}
          placeholder={question.placeholder}
          hint={question.help}
          value={inputs[question.name] ?? ''}
          onChange={(event) => setInputs((current) => ({ ...current, [question.name]: event.target.value }))}
          disabled={busy}
          type={question.kind === 'url' ? 'url' : 'text'}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          {...form.field(`inputs.${question.name}`, question.label)}
          data-testid={`template-input-${question.name}`}
        />
      ))}

      <TextField
        label="Display name"
        required
        value={name}
        onChange={(event) => setName(event.target.value)}
        disabled={busy}
        autoComplete="off"
        maxLength={100}
        hint="Shown to people when they sign in and on their account page."
        {...form.field('name', 'Display name')}
        data-testid="client-name"
      />
      <TextField
        label="Client ID"
        required
        value={id}
        onChange={(event) => setId(event.target.value)}
        disabled={busy}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={64}
        hint="The name the app is configured with. Letters, digits and . _ ~ -."
        {...form.field('id', 'Client ID')}
        data-testid="client-id"
      />

      {robot && <MachineAccessFields value={machineAccess} onChange={setMachineAccess} disabled={busy} field={form.field} />}

      {!template && (
        <>
          <CheckboxField
            label="Public client: no secret"
            checked={isPublic}
            onChange={(event) => setPublic(event.target.checked)}
            disabled={busy}
            hint="For apps that cannot keep a secret: single-page, mobile and command-line apps. They prove themselves with PKCE."
            {...form.field('public', 'Public client')}
          />
          <TextAreaField
            label="Redirect URIs"
            required
            rows={3}
            value={redirectUris}
            onChange={(event) => setRedirectUris(event.target.value)}
            disabled={busy}
            spellCheck={false}
            autoCapitalize="none"
            placeholder="https://app.home.example/oauth/callback"
            hint="One per line, exactly as the app sends them."
            {...form.field('redirectUris', 'Redirect URIs', { lines: true })}
            data-testid="client-redirect-uris"
          />
          <TextAreaField
            label="Post-logout redirect URIs"
            optional
            rows={2}
            value={postLogoutUris}
            onChange={(event) => setPostLogoutUris(event.target.value)}
            disabled={busy}
            spellCheck={false}
            autoCapitalize="none"
            hint="Where the app may send people after signing out. One per line."
            {...form.field('postLogoutRedirectUris', 'Post-logout redirect URIs', { lines: true })}
          />
          <CheckboxField
            label="Require PKCE"
            checked={isPublic || requirePkce}
            onChange={(event) => setRequirePkce(event.target.checked)}
            disabled={busy || isPublic}
            hint={isPublic ? 'Public clients always use PKCE.' : 'Turn on only if the app sends a PKCE code challenge (S256).'}
            {...form.field('requirePkce', 'Require PKCE')}
          />
        </>
      )}

      {/* A robot signs no person in: who may use it and their consent do not apply. */}
      {!robot && (
        <>
          <AllowedGroupsField selected={allowedGroups} onChange={setAllowedGroups} disabled={busy} {...form.field('allowedGroups', 'Allowed groups')} />
          <CheckboxField
            label="Skip the consent screen"
            checked={skipConsent}
            onChange={(event) => setSkipConsent(event.target.checked)}
            disabled={busy}
            hint="For your own apps: people are not asked to allow access on first sign-in."
            {...form.field('skipConsent', 'Skip consent')}
          />
        </>
      )}

      <FormFooter form={form} submitLabel="Create client" submitTestId="client-create" secondary={{ label: 'Choose another app', onClick: onBack }} />
    </form>
  );
}
