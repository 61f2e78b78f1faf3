import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { templateText } from './templateText';
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
  const { t } = useTranslation('consoleClients');
  const client = useAdminClient();
  const text = template ? templateText(t, template) : null;
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const [id, setId] = useState(template?.suggestedClientId ?? '');
  const [name, setName] = useState(text?.name ?? '');
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
  }, t('newClientForm.creating'));

  return (
    <form ref={form.ref} onSubmit={create} className="admin-form" noValidate>
      <Heading level={2} focusOnMount>
        {text ? text.name : t('templatePicker.blank')}
      </Heading>
      <p className="muted">{text ? text.description : t('newClientForm.blankIntro')}</p>

      {text &&
        template?.inputs.map((question) => (
          <TextField
            key={question.name}
            label={text.label(question)}
            optional={question.default !== undefined}
            placeholder={question.placeholder}
            hint={text.help(question)}
            value={inputs[question.name] ?? ''}
            onChange={(event) => setInputs((current) => ({ ...current, [question.name]: event.target.value }))}
            disabled={busy}
            type={question.kind === 'url' ? 'url' : 'text'}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            {...form.field(`inputs.${question.name}`, text.label(question))}
            data-testid={`template-input-${question.name}`}
          />
        ))}

      <TextField
        label={t('clientFields.displayName')}
        required
        value={name}
        onChange={(event) => setName(event.target.value)}
        disabled={busy}
        autoComplete="off"
        maxLength={100}
        hint={t('newClientForm.displayNameHint')}
        {...form.field('name', t('clientFields.displayName'))}
        data-testid="client-name"
      />
      <TextField
        label={t('clientFields.clientId')}
        required
        value={id}
        onChange={(event) => setId(event.target.value)}
        disabled={busy}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={64}
        hint={t('newClientForm.clientIdHint')}
        {...form.field('id', t('clientFields.clientId'))}
        data-testid="client-id"
      />

      {robot && <MachineAccessFields value={machineAccess} onChange={setMachineAccess} disabled={busy} field={form.field} />}

      {!template && (
        <>
          <CheckboxField
            label={t('newClientForm.public')}
            checked={isPublic}
            onChange={(event) => setPublic(event.target.checked)}
            disabled={busy}
            hint={t('newClientForm.publicHint')}
            {...form.field('public', t('newClientForm.publicField'))}
          />
          <TextAreaField
            label={t('clientFields.redirectUris')}
            required
            rows={3}
            value={redirectUris}
            onChange={(event) => setRedirectUris(event.target.value)}
            disabled={busy}
            spellCheck={false}
            autoCapitalize="none"
            placeholder="https://app.home.example/oauth/callback"
            hint={t('clientFields.redirectUrisHint')}
            {...form.field('redirectUris', t('clientFields.redirectUris'), { lines: true })}
            data-testid="client-redirect-uris"
          />
          <TextAreaField
            label={t('clientFields.postLogoutUris')}
            optional
            rows={2}
            value={postLogoutUris}
            onChange={(event) => setPostLogoutUris(event.target.value)}
            disabled={busy}
            spellCheck={false}
            autoCapitalize="none"
            hint={t('newClientForm.postLogoutUrisHint')}
            {...form.field('postLogoutRedirectUris', t('clientFields.postLogoutUris'), { lines: true })}
          />
          <CheckboxField
            label={t('clientFields.requirePkce')}
            checked={isPublic || requirePkce}
            onChange={(event) => setRequirePkce(event.target.checked)}
            disabled={busy || isPublic}
            hint={isPublic ? t('newClientForm.pkcePublicHint') : t('newClientForm.pkceHint')}
            {...form.field('requirePkce', t('clientFields.requirePkce'))}
          />
        </>
      )}

      {/* A robot signs no person in: who may use it and their consent do not apply. */}
      {!robot && (
        <>
          <AllowedGroupsField
            selected={allowedGroups}
            onChange={setAllowedGroups}
            disabled={busy}
            {...form.field('allowedGroups', t('clientFields.allowedGroups'))}
          />
          <CheckboxField
            label={t('clientFields.skipConsent')}
            checked={skipConsent}
            onChange={(event) => setSkipConsent(event.target.checked)}
            disabled={busy}
            hint={t('newClientForm.skipConsentHint')}
            {...form.field('skipConsent', t('clientFields.skipConsentField'))}
          />
        </>
      )}

      <FormFooter
        form={form}
        submitLabel={t('newClientForm.create')}
        submitTestId="client-create"
        secondary={{ label: t('newClientForm.chooseAnother'), onClick: onBack }}
      />
    </form>
  );
}
