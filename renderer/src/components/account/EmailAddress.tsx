import { type FormEvent, useState } from 'react';
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
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

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
        setStatus('First confirm it is you with your passkey…');
        const { user: signedIn } = await signInWithPasskey<{ user: AccountUser }>('/api/session/passkey');
        if (signedIn.id !== user.id) return onSessionChange();
        setStatus('Sending the code…');
        sent = await api.post<AccountEmail>(PATH, { email });
      }
      setAnswer(sent);
      setCode('');
      setStep('code');
    }, 'Sending the code…');

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
    }, 'Checking the code…');
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
            {current.verified ? <span className="badge good">confirmed</span> : <span className="badge warn">not confirmed</span>}
          </>
        ) : (
          <span className="muted">Your account has no email address.</span>
        )}
      </p>
      <div role="status" className={confirmed ? 'success' : undefined} data-testid={confirmed ? 'email-confirmed' : undefined}>
        {confirmed && (
          <p>
            <strong>Address confirmed.</strong> {confirmed} is your email address now, and the apps you sign in to see it as yours.
          </p>
        )}
      </div>

      {current.managedBy === 'provisioning' ? (
        <p className="muted small" data-testid="email-note">
          It comes from this Gatehouse’s provisioning file, so the owner changes it there.
        </p>
      ) : !current.mailConfigured ? (
        <p className="muted small" data-testid="email-note">
          {user.isAdmin ? (
            <>
              Apps see it. You change it in the <Link href={adminPaths.user(user.id)}>admin console</Link>.
            </>
          ) : (
            'Apps see it. To change it, ask an admin of this Gatehouse.'
          )}
        </p>
      ) : shownStep === 'none' ? (
        <>
          <p className="muted small">
            {current.email && !current.verified
              ? 'Apps are told it is not confirmed. Confirm it with a code sent to it.'
              : 'To change it, you confirm the new address with a code sent to it.'}
          </p>
          <div className="actions">
            {current.email && !current.verified && (
              <button
                type="button"
                className="button primary"
                onClick={() => void sendCode(current.email!)}
                disabled={busy}
                data-testid="email-confirm-current"
              >
                Confirm this address
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
              {current.email ? 'Change your email address' : 'Add an email address'}
            </button>
          </div>
        </>
      ) : shownStep === 'address' ? (
        <form key="address" onSubmit={submitAddress} noValidate>
          <TextField
            label="New email address"
            hint="We send a code to it, to be sure it is yours."
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
              Send a code
            </button>
            <button type="button" className="button secondary" onClick={close} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        pending && (
          <form key="code" onSubmit={submitCode} noValidate>
            <p data-testid="email-code-sent-to">
              We sent a code to <strong>{pending.email}</strong>. Enter it here before {time.format(pending.expiresAt)}; check the spam folder if it is not in
              the inbox.
            </p>
            <EmailCodeField value={code} onChange={setCode} readOnly={busy} error={codeError} data-testid="email-code" />
            <ErrorAlert error={codeError ? null : error} />
            <StatusLine message={status} />
            <div className="actions">
              <button type="submit" className="button primary" disabled={busy || code.trim() === ''} data-testid="email-code-confirm">
                Confirm
              </button>
              <button type="button" className="button secondary" onClick={() => void sendCode(pending.email)} disabled={busy} data-testid="email-code-resend">
                Send a new code
              </button>
              {/* The code stays valid: the form comes back when the page is opened again, until the code expires. */}
              <button type="button" className="button secondary" onClick={close} disabled={busy} data-testid="email-code-not-now">
                Not now
              </button>
            </div>
          </form>
        )
      )}
    </>
  );
}
