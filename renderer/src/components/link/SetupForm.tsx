import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { AccountUser } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { ErrorAlert } from '../ErrorAlert';
import { StatusLine } from '../StatusLine';
import { TextField } from '../TextField';

type Field = 'username' | 'displayName' | 'email';

const LABELS: Record<Field, string> = { username: 'Username', displayName: 'Display name', email: 'Email' };

const fieldAtFault = (error: unknown): Field | undefined =>
  error instanceof ApiError && error.field !== undefined && error.field in LABELS ? (error.field as Field) : undefined;

/** An input check's problem ("must be an email address…") reads after the field's label; other refusals are sentences. */
function fieldMessage(error: ApiError, field: Field): string {
  return error.problem !== undefined ? `${LABELS[field]} ${error.problem}.` : error.message;
}

interface SetupFormProps {
  token: string;
  instanceName: string;
  /** Once the link signed them in, with who they now are. */
  onDone: (user: AccountUser) => void;
}

/** Creates the first admin from the setup link. */
export function SetupForm({ token, instanceName, onDone }: SetupFormProps) {
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
    }, 'Creating your account…');
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
      <h1>Set up {instanceName}</h1>
      <p className="lead">You are the first person here, so you become its admin. Next you will create a passkey to sign in with.</p>
      <form onSubmit={submit}>
        <TextField
          label={LABELS.username}
          required
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={50}
          {...field('username')}
          data-testid="setup-username"
        />
        <TextField
          label={LABELS.displayName}
          optional
          autoComplete="name"
          maxLength={100}
          hint="How apps greet you, for example Alex Smith."
          {...field('displayName')}
          data-testid="setup-displayname"
        />
        <TextField label={LABELS.email} optional type="email" autoComplete="email" maxLength={254} {...field('email')} data-testid="setup-email" />
        <ErrorAlert error={invalidField ? null : error} />
        <StatusLine message={status} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="setup-submit">
            Continue
          </button>
        </div>
      </form>
    </>
  );
}
