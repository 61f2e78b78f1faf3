import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('consoleAccess');
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
  }, t('shared.saving'));

  return (
    <form ref={form.ref} onSubmit={submit} className="admin-form" noValidate onKeyDown={(event) => event.key === 'Escape' && !busy && onCancel?.()}>
      <TextField
        {...text('username', t('users.columns.username'))}
        required
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={50}
        hint={t('userForm.usernameHint')}
        data-testid="user-username"
      />
      <div className="field-row">
        <TextField {...text('givenName', t('userForm.givenName'))} optional autoComplete="off" maxLength={100} data-testid="user-given-name" />
        <TextField {...text('familyName', t('userForm.familyName'))} optional autoComplete="off" maxLength={100} data-testid="user-family-name" />
      </div>
      <TextField
        {...text('displayName', t('shared.displayName'))}
        optional
        autoComplete="off"
        maxLength={100}
        hint={t('userForm.displayNameHint')}
        data-testid="user-display-name"
      />
      <TextField {...text('email', t('users.columns.email'))} optional type="email" autoComplete="off" maxLength={254} data-testid="user-email" />
      <CheckboxField
        label={t('userForm.emailVerified')}
        checked={hasEmail && values.emailVerified}
        onChange={(event) => set('emailVerified', event.target.checked)}
        disabled={busy || !hasEmail}
        hint={<Trans t={t} i18nKey="userForm.emailVerifiedHint" components={{ code: <code /> }} />}
        {...form.field('emailVerified', t('userForm.emailVerifiedField'))}
        data-testid="user-email-verified"
      />
      <CheckboxField
        label={t('userForm.admin')}
        checked={values.isAdmin}
        onChange={(event) => set('isAdmin', event.target.checked)}
        disabled={busy}
        {...form.field('isAdmin', t('userForm.adminField'))}
        data-testid="user-admin"
      />
      <GroupCheckboxes
        legend={t('shared.groups')}
        noGroups={t('shared.noGroupsYet')}
        selected={values.groups}
        onChange={(next) => set('groups', next)}
        disabled={busy}
        testId="user-groups"
        {...form.field('groups', t('shared.groups'))}
      />
      <ClaimsEditor rows={values.claims} onChange={(rows) => set('claims', rows)} disabled={busy} {...form.field('claims', t('shared.customClaims'))} />
      <FormFooter form={form} submitLabel={submitLabel} submitTestId="user-save" secondary={onCancel && { label: t('shared.cancel'), onClick: onCancel }} />
    </form>
  );
}
