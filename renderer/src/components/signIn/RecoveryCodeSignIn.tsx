import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('signIn');
  const [code, setCode] = useState('');
  const { busy, status, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.post<RecoveryCodeSignedIn>('/api/session/recovery-code', { code });
      if (window.location.pathname !== ACCOUNT_PATH) navigate(ACCOUNT_PATH);
      onSignedIn();
    }, t('recoveryCode.checking'));
  };

  return (
    <form onSubmit={submit} aria-label={t('recoveryCode.label')} data-testid="recovery-code-signin">
      <p className="muted">{t('recoveryCode.lead')}</p>
      <TextField
        label={t('recoveryCode.field')}
        hint={t('recoveryCode.hint')}
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
          {t('recoveryCode.submit')}
        </button>
      </div>
    </form>
  );
}
