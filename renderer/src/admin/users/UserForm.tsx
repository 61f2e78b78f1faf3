import { type FormEvent, useRef, useState } from 'react';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusLine } from '../../components/StatusLine';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/useAction';
import { useFocusInvalidField } from '../../hooks/useFocusInvalidField';
import type { AdminInput } from '../adminClient';
import { ClaimsEditor } from '../claims/ClaimsEditor';
import { formErrors } from '../formErrors';
import { GroupCheckboxes } from '../groups/GroupCheckboxes';
import { type UserFormValues, userInput } from './userFormValues';

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
  const [saved, setSaved] = useState(false);
  const { busy, status, error, run } = useAction();
  const form = useRef<HTMLFormElement>(null);
  useFocusInvalidField(form, error);
  const errors = formErrors(error, FIELDS);

  const set = <K extends keyof UserFormValues>(name: K, value: UserFormValues[K]) => {
    setSaved(false);
    setValues((current) => ({ ...current, [name]: value }));
  };
  const text = (name: 'username' | 'displayName' | 'givenName' | 'familyName' | 'email', label: string) => ({
    label,
    value: values[name],
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
    disabled: busy,
    ...errors.field(name, label),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      await onSubmit(userInput(values));
      setSaved(true);
    }, 'Saving…');
  };

  return (
    <form ref={form} onSubmit={submit} className="admin-form" noValidate onKeyDown={(event) => event.key === 'Escape' && !busy && onCancel?.()}>
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
        checked={values.emailVerified}
        onChange={(event) => set('emailVerified', event.target.checked)}
        disabled={busy || values.email.trim() === ''}
        hint="Some apps only accept verified addresses."
        {...errors.field('emailVerified', 'Email verified')}
      />
      <CheckboxField
        label="Admin: may use this console"
        checked={values.isAdmin}
        onChange={(event) => set('isAdmin', event.target.checked)}
        disabled={busy}
        {...errors.field('isAdmin', 'Admin')}
        data-testid="user-admin"
      />
      <GroupCheckboxes
        legend="Groups"
        noGroups="There are no groups yet."
        selected={values.groups}
        onChange={(next) => set('groups', next)}
        disabled={busy}
        testId="user-groups"
        {...errors.field('groups', 'Groups')}
      />
      <ClaimsEditor rows={values.claims} onChange={(rows) => set('claims', rows)} disabled={busy} {...errors.field('claims', 'Custom claims')} />
      <ErrorAlert error={errors.alert} />
      <StatusLine message={status || (saved && savedMessage) || ''} />
      <div className="row-actions">
        <button type="submit" className="button primary small" disabled={busy} data-testid="user-save">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button secondary small" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
