import { type FormEvent, useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { EmailCodeRequested } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { ErrorAlert } from '../ErrorAlert';
import { fieldError } from '../fieldError';
import { StatusLine } from '../StatusLine';
import { TextField } from '../TextField';
import { EmailCodeField } from './EmailCodeField';
import { type SignInResult, type SignInTarget, signInBase } from './signInTarget';

interface EmailCodeSignInProps {
  target: SignInTarget;
  onSignedIn: (result: SignInResult) => void;
}

/**
 * Signing in with a code sent to the person's email: first the address, then the eight digits from the
 * message. The server answers the same whatever the address, so this page never says whether it is known.
 */
export function EmailCodeSignIn({ target, onSignedIn }: EmailCodeSignInProps) {
  const { t } = useTranslation('signIn');
  const headingId = useId();
  const base = `${signInBase(target)}/email-code`;
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  /** The server's answer to the last request: once there is one, the page asks for the code. */
  const [requested, setRequested] = useState<EmailCodeRequested | null>(null);
  const [signedIn, setSignedIn] = useState(false);
  const { busy, status, error, run } = useAction();
  const emailError = fieldError(error, 'email');
  const codeError = fieldError(error, 'code');

  const requestCode = (event?: FormEvent) => {
    event?.preventDefault();
    void run(async () => {
      setRequested(await api.post<EmailCodeRequested>(base, { email: email.trim() }));
      setCode('');
    }, t('emailCode.sending'));
  };

  const verify = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const answer = await api.post<SignInResult>(`${base}/verify`, { email: email.trim(), code });
      setSignedIn(true);
      onSignedIn({ ...(answer.redirectTo ? { redirectTo: answer.redirectTo } : {}) });
    }, t('emailCode.checking'));
  };

  const startOver = () => {
    setRequested(null);
    setCode('');
  };

  return (
    <section aria-labelledby={headingId} className="email-code-sign-in" data-testid="email-code-sign-in">
      <h2 id={headingId}>{t('emailCode.heading')}</h2>
      {requested === null ? (
        <form key="address" onSubmit={requestCode} noValidate>
          <p className="muted">{t('emailCode.lead')}</p>
          <TextField
            label={t('emailCode.email')}
            type="email"
            required
            autoComplete="email"
            inputMode="email"
            maxLength={254}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            disabled={busy}
            error={emailError}
            errorPath="email"
            data-testid="email-code-email"
          />
          <ErrorAlert error={emailError ? null : error} />
          <StatusLine message={status} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy || email.trim() === ''} data-testid="email-code-send">
              {t('emailCode.send')}
            </button>
          </div>
        </form>
      ) : (
        <form key="code" onSubmit={verify} noValidate>
          <p role="status" data-testid="email-code-sent">
            {requested.message} <Trans t={t} i18nKey="emailCode.sent" values={{ email: email.trim() }} components={{ strong: <strong /> }} />
          </p>
          <EmailCodeField value={code} onChange={setCode} readOnly={busy || signedIn} error={codeError} data-testid="email-code-input" />
          <ErrorAlert error={codeError ? null : error} />
          <StatusLine message={signedIn ? t('emailCode.signingIn') : status} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy || signedIn || code.trim() === ''} data-testid="email-code-verify">
              {t('emailCode.verify')}
            </button>
            <button type="button" className="button secondary" onClick={() => requestCode()} disabled={busy || signedIn} data-testid="email-code-resend">
              {t('emailCode.resend')}
            </button>
            <button type="button" className="button secondary" onClick={startOver} disabled={busy || signedIn} data-testid="email-code-other-address">
              {t('emailCode.otherAddress')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
