import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { RecoveryCodeSignedIn } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { navigate } from '../../router';
import { ErrorAlert } from '../ErrorAlert';
import { StatusLine } from '../StatusLine';
import { TextField } from '../TextField';

const ACCOUNT_PATH = '/account';

/**
 * Signs in with one of the person's recovery codes. A code opens only their account (never an app), where
 * they add a passkey in place of the lost one, so this goes to the account page wherever it is shown.
 */
export function RecoveryCodeSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [code, setCode] = useState('');
  const { busy, status, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.post<RecoveryCodeSignedIn>('/api/session/recovery-code', { code });
      if (window.location.pathname !== ACCOUNT_PATH) navigate(ACCOUNT_PATH);
      onSignedIn();
    }, 'Checking the code…');
  };

  return (
    <form onSubmit={submit} aria-label="Sign in with a recovery code" data-testid="recovery-code-signin">
      <p className="muted">
        Lost your passkey? Enter one of the recovery codes you saved. It opens your account, where you add a new passkey; then sign in to your apps with that.
        Each code works once.
      </p>
      <TextField
        label="Recovery code"
        hint="Like 7GQ4-2M9X-KD3B-WN8R. Dashes, spaces and capitals don’t matter."
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={40}
        value={code}
        onChange={(event) => setCode(event.target.value)}
        disabled={busy}
        data-testid="recovery-code-input"
      />
      <ErrorAlert error={error} />
      <StatusLine message={status} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || code.trim() === ''} data-testid="recovery-code-submit">
          Sign in with the code
        </button>
      </div>
    </form>
  );
}
