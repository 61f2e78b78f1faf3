import { useState } from 'react';
import { CheckboxField } from '../../components/CheckboxField';
import { TextField } from '../../components/TextField';
import type { AdminInput } from '../adminClient';
import { ClaimsEditor } from '../claims/ClaimsEditor';
import { GroupCheckboxes } from '../groups/GroupCheckboxes';
import { useConsoleForm } from '../useConsoleForm';
import { type UserFormValues, userInput } from './userFormValues';
import { FormFooter } from '../FormFooter';

const FIELDS = ['username', 'displayName', 'givenName', 'familyName', 'email', 'emailVerified', 'isAdmin', 'groups', 'claims'];

interface UserFormProps {
  initial: UserFormValues;
  submitLabel: string;
  /** Resolves once saved; a rejection shows beside the field it names. */
  onSubmit: (input: AdminInput<'users.create'>) => Promise<void>;
  /** Said after a save that keeps the form on screen. */
  savedMessage?: string;
  onCancel?: () => void;
}

/** A person's profile, admin rights, groups and custom claims: for a new user and for editing one. */
export function UserForm({ initial, submitLabel, onSubmit, savedMessage, onCancel }: UserFormProps) {
  const [values, setValues] = useState(initial);
  const form = useConsoleForm(FIELDS);
  const { busy } = form;
  const hasEmail = values.email.trim() !== '';

  const set = form.edit(<K extends keyof UserFormValues>(name: K, value: UserFormValues[K]) => setValues((current) => ({ ...current, [name]: value })));
  const text = (name: 'username' | 'displayName' | 'givenName' | 'familyName' | 'email', label: string) => ({
    label,
    value: values[name],
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
    disabled: busy,
    ...form.field(name, label),
  });

  const submit = form.onSubmit(async () => {
    await onSubmit(userInput(values));
    if (savedMessage) form.showSaved(savedMessage);
  }, 'Saving…');

  return (
    <form ref={form.ref} onSubmit={submit} className="admin-form" noValidate onKeyDown={(event) => event.key === 'Escape' && !busy && onCancel?.()}>
      <TextField
        {...text('username', 'Username')}
        required
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={50}
        hint="What they sign in as and apps see as preferred_username."
        data-testid="user-username"
      />
      <div className="field-row">
        <TextField {...text('givenName', 'Given name')} optional autoComplete="off" maxLength={100} data-testid="user-given-name" />
        <TextField {...text('familyName', 'Family name')} optional autoComplete="off" maxLength={100} data-testid="user-family-name" />
      </div>
      <TextField
        {...text('displayName', 'Display name')}
        optional
        autoComplete="off"
        maxLength={100}
        hint="How apps greet them. Left empty, apps see the given and family name."
        data-testid="user-display-name"
      />
      <TextField {...text('email', 'Email')} optional type="email" autoComplete="off" maxLength={254} data-testid="user-email" />
      <CheckboxField
        label="Email address is verified"
        checked={hasEmail && values.emailVerified}
        onChange={(event) => set('emailVerified', event.target.checked)}
        disabled={busy || !hasEmail}
        hint={
          <>
            Tick this only if you know the address is theirs. Otherwise leave it: once email is set up in Settings, they can confirm the address in their
            account with a code Gatehouse emails to it. Apps receive it as <code>email_verified</code>, and many trust an address only when it is verified:
            Headscale, for one, ignores an unverified email and refuses it in <code>allowed_users</code> and <code>allowed_domains</code>; others will not link
            it to an account they already have.
          </>
        }
        {...form.field('emailVerified', 'Email verified')}
        data-testid="user-email-verified"
      />
      <CheckboxField
        label="Admin: may use this console"
        checked={values.isAdmin}
        onChange={(event) => set('isAdmin', event.target.checked)}
        disabled={busy}
        {...form.field('isAdmin', 'Admin')}
        data-testid="user-admin"
      />
      <GroupCheckboxes
        legend="Groups"
        noGroups="There are no groups yet."
        selected={values.groups}
        onChange={(next) => set('groups', next)}
        disabled={busy}
        testId="user-groups"
        {...form.field('groups', 'Groups')}
      />
      <ClaimsEditor rows={values.claims} onChange={(rows) => set('claims', rows)} disabled={busy} {...form.field('claims', 'Custom claims')} />
      <FormFooter form={form} submitLabel={submitLabel} submitTestId="user-save" secondary={onCancel && { label: 'Cancel', onClick: onCancel }} />
    </form>
  );
}
