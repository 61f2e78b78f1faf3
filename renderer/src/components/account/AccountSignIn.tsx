import { useAction } from '../../hooks/useAction';
import { signInWithPasskey } from '../../passkeys/ceremonies';
import { passkeysUsable } from '../../passkeys/support';
import { ErrorAlert } from '../ErrorAlert';
import { PasskeySupportNotice } from '../PasskeySupportNotice';
import { StatusLine } from '../StatusLine';

interface AccountSignInProps {
  onSignedIn: () => Promise<void>;
  title?: string;
  lead?: string;
}

export function AccountSignIn({
  onSignedIn,
  title = 'Sign in to your account',
  lead = 'See and manage the passkeys you sign in to Gatehouse with.',
}: AccountSignInProps) {
  const { busy, status, error, run } = useAction();
  const signIn = () =>
    run(async () => {
      await signInWithPasskey('/api/session/passkey');
      await onSignedIn();
    }, 'Waiting for your passkey…');

  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{lead}</p>
      <PasskeySupportNotice />
      <ErrorAlert error={error} />
      <StatusLine message={status} />
      <div className="actions">
        <button type="button" className="button primary" onClick={signIn} disabled={busy || !passkeysUsable()} data-testid="account-signin">
          Sign in with a passkey
        </button>
      </div>
      <p className="muted small">No passkey yet, or lost it? Ask the owner of this Gatehouse for a sign-in link.</p>
    </>
  );
}
