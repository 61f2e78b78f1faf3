import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { AccountUser } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { ErrorAlert } from '../ErrorAlert';
import { StatusLine } from '../StatusLine';
import { TextField } from '../TextField';

const FIELDS = ['username', 'displayName', 'email'] as const;
type Field = (typeof FIELDS)[number];

const fieldAtFault = (error: unknown): Field | undefined =>
  error instanceof ApiError && (FIELDS as readonly (string | undefined)[]).includes(error.field) ? (error.field as Field) : undefined;

interface SetupFormProps {
  token: string;
  instanceName: string;
  /** Once the link signed them in, with who they now are. */
  onDone: (user: AccountUser) => void;
}

/** Creates the first admin from the setup link. */
export function SetupForm({ token, instanceName, onDone }: SetupFormProps) {
  const { t } = useTranslation('signIn');
  const labels: Record<Field, string> = { username: t('setup.username'), displayName: t('setup.displayName'), email: t('setup.email') };
  /** An input check's problem ("must be an email address…") reads after the field's label; other refusals are sentences. */
  const fieldMessage = (error: ApiError, field: Field) =>
    error.problem !== undefined ? t('setup.fieldProblem', { label: labels[field], problem: error.problem }) : error.message;
  const [values, setValues] = useState<Record<Field, string>>({ username: '', displayName: '', email: '' });
  const { busy, status, error, run } = useAction();
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const invalidField = fieldAtFault(error);

  useEffect(() => {
    const field = fieldAtFault(error);
    if (field) inputs.current[field]?.focus();
  }, [error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const displayName = values.displayName.trim();
      const email = values.email.trim();
      const profile = { username: values.username.trim(), ...(displayName ? { displayName } : {}), ...(email ? { email } : {}) };
      const { user } = await api.post<{ user: AccountUser }>('/api/links/redeem', { token, profile });
      onDone(user);
    }, t('setup.creating'));
  };

  const field = (name: Field) => ({
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValues((current) => ({ ...current, [name]: event.target.value })),
    error: invalidField === name ? fieldMessage(error as ApiError, name) : undefined,
    ref: (element: HTMLInputElement | null) => {
      inputs.current[name] = element;
    },
    disabled: busy,
  });

  return (
    <>
      <h1>{t('setup.title', { instance: instanceName })}</h1>
      <p className="lead">{t('setup.lead')}</p>
      <form onSubmit={submit}>
        <TextField
          label={labels.username}
          required
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={50}
          {...field('username')}
          data-testid="setup-username"
        />
        <TextField
          label={labels.displayName}
          optional
          autoComplete="name"
          maxLength={100}
          hint={t('setup.displayNameHint')}
          {...field('displayName')}
          data-testid="setup-displayname"
        />
        <TextField label={labels.email} optional type="email" autoComplete="email" maxLength={254} {...field('email')} data-testid="setup-email" />
        <ErrorAlert error={invalidField ? null : error} />
        <StatusLine message={status} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="setup-submit">
            {t('setup.continue')}
          </button>
        </div>
      </form>
    </>
  );
}
