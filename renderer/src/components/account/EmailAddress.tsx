import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { adminPaths } from '../../admin/adminViews';
import { ApiError, api } from '../../api/client';
import type { AccountEmail, AccountUser } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useResource } from '../../hooks/useResource';
import { signInWithPasskey } from '../../passkeys/ceremonies';
import { ErrorAlert } from '../ErrorAlert';
import { fieldError } from '../fieldError';
import { Link } from '../Link';
import { Loading } from '../Loading';
import { EmailCodeField } from '../signIn/EmailCodeField';
import { StatusLine } from '../StatusLine';
import { TextField } from '../TextField';

const PATH = '/api/account/email';

interface EmailAddressProps {
  user: AccountUser;
  /** The person's address changed (the session shows it), or they confirmed with someone else's passkey. */
  onSessionChange: () => Promise<void>;
}

/**
 * The person's email address, and changing it (or confirming the current one) with a code sent to the
 * address itself: apps see it as verified only once it is confirmed.
 */
export function EmailAddress({ user, onSessionChange }: EmailAddressProps) {
  const { t, i18n } = useTranslation('account');
  const account = useResource(`account-email:${user.id}`, () => api.get<AccountEmail>(PATH));
  /** The form shown: none, the new address, or the code for the pending address. */
  const [step, setStep] = useState<'none' | 'address' | 'code'>('none');
  const [answer, setAnswer] = useState<AccountEmail | null>(null);
  const [newEmail, setNewEmail] = useState('');
  const [code, setCode] = useState('');
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const { busy, status, setStatus, error, run } = useAction();
  const emailError = fieldError(error, 'email');
  const codeError = fieldError(error, 'code');

  if (account.state.status === 'loading') return <Loading />;
  if (account.state.status === 'failed') return <ErrorAlert error={account.state.error} />;
  const current = answer ?? account.state.data;
  const pending = current.pending;
  const shownStep = step === 'none' && pending && !confirmed ? 'code' : step;

  /** Sends the code to an address; a stale sign-in is refreshed with the passkey first, as adding a passkey does. */
  const sendCode = (email: string) =>
    run(async () => {
      setConfirmed(null);
      let sent: AccountEmail;
      try {
        sent = await api.post<AccountEmail>(PATH, { email });
      } catch (caught) {
        if (!(caught instanceof ApiError && caught.code === 'reauthentication_required')) throw caught;
        setStatus(t('confirmFirst'));
        const { user: signedIn } = await signInWithPasskey<{ user: AccountUser }>('/api/session/passkey');
        if (signedIn.id !== user.id) return onSessionChange();
        setStatus(t('email.sending'));
        sent = await api.post<AccountEmail>(PATH, { email });
      }
      setAnswer(sent);
      setCode('');
      setStep('code');
    }, t('email.sending'));

  const submitAddress = (event: FormEvent) => {
    event.preventDefault();
    void sendCode(newEmail.trim());
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const changed = await api.post<AccountEmail>(`${PATH}/confirm`, { code });
      setAnswer(changed);
      setConfirmed(changed.email);
      setStep('none');
      setCode('');
      await onSessionChange();
    }, t('email.checking'));
  };

  const close = () => {
    setStep('none');
    setAnswer({ ...current, pending: null });
  };

  return (
    <>
      <p data-testid="account-email">
        {current.email ? (
          <>
            <strong>{current.email}</strong>{' '}
            {current.verified ? (
              <span className="badge good">{t('email.confirmedBadge')}</span>
            ) : (
              <span className="badge warn">{t('email.unconfirmedBadge')}</span>
            )}
          </>
        ) : (
          <span className="muted">{t('email.none')}</span>
        )}
      </p>
      <div role="status" className={confirmed ? 'success' : undefined} data-testid={confirmed ? 'email-confirmed' : undefined}>
        {confirmed && (
          <p>
            <Trans t={t} i18nKey="email.confirmed" values={{ email: confirmed }} components={{ strong: <strong /> }} />
          </p>
        )}
      </div>

      {current.managedBy === 'provisioning' ? (
        <p className="muted small" data-testid="email-note">
          {t('email.provisioned')}
        </p>
      ) : !current.mailConfigured ? (
        <p className="muted small" data-testid="email-note">
          {user.isAdmin ? <Trans t={t} i18nKey="email.adminNote" components={{ console: <Link href={adminPaths.user(user.id)} /> }} /> : t('email.askAdmin')}
        </p>
      ) : shownStep === 'none' ? (
        <>
          <p className="muted small">{current.email && !current.verified ? t('email.unconfirmedNote') : t('email.changeNote')}</p>
          <div className="actions">
            {current.email && !current.verified && (
              <button
                type="button"
                className="button primary"
                onClick={() => void sendCode(current.email!)}
                disabled={busy}
                data-testid="email-confirm-current"
              >
                {t('email.confirmCurrent')}
              </button>
            )}
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setConfirmed(null);
                setNewEmail('');
                setStep('address');
              }}
              disabled={busy}
              data-testid="email-change"
            >
              {current.email ? t('email.change') : t('email.add')}
            </button>
          </div>
        </>
      ) : shownStep === 'address' ? (
        <form key="address" onSubmit={submitAddress} noValidate>
          <TextField
            label={t('email.newLabel')}
            hint={t('email.newHint')}
            type="email"
            required
            autoComplete="email"
            maxLength={254}
            autoFocus
            value={newEmail}
            onChange={(event) => setNewEmail(event.target.value)}
            disabled={busy}
            error={emailError}
            errorPath="email"
            data-testid="email-new"
          />
          <ErrorAlert error={emailError ? null : error} />
          <StatusLine message={status} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy || newEmail.trim() === ''} data-testid="email-send-code">
              {t('email.sendCode')}
            </button>
            <button type="button" className="button secondary" onClick={close} disabled={busy}>
              {t('email.cancel')}
            </button>
          </div>
        </form>
      ) : (
        pending && (
          <form key="code" onSubmit={submitCode} noValidate>
            <p data-testid="email-code-sent-to">
              <Trans
                t={t}
                i18nKey="email.codeSent"
                values={{ email: pending.email, time: new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(pending.expiresAt) }}
                components={{ strong: <strong /> }}
              />
            </p>
            <EmailCodeField value={code} onChange={setCode} readOnly={busy} error={codeError} data-testid="email-code" />
            <ErrorAlert error={codeError ? null : error} />
            <StatusLine message={status} />
            <div className="actions">
              <button type="submit" className="button primary" disabled={busy || code.trim() === ''} data-testid="email-code-confirm">
                {t('email.confirmCode')}
              </button>
              <button type="button" className="button secondary" onClick={() => void sendCode(pending.email)} disabled={busy} data-testid="email-code-resend">
                {t('email.resend')}
              </button>
              {/* The code stays valid: the form comes back when the page is opened again, until the code expires. */}
              <button type="button" className="button secondary" onClick={close} disabled={busy} data-testid="email-code-not-now">
                {t('email.notNow')}
              </button>
            </div>
          </form>
        )
      )}
    </>
  );
}
