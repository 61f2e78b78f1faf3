import { api } from '../../api/client';
import type { InteractionDetails, Redirect } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { signInWithPasskey } from '../../passkeys/ceremonies';
import { passkeysUsable } from '../../passkeys/support';
import { ErrorAlert } from '../ErrorAlert';
import { PasskeySupportNotice } from '../PasskeySupportNotice';
import { StatusLine } from '../StatusLine';

export function SignInStep({ details }: { details: InteractionDetails }) {
  const { busy, status, error, run, leave } = useAction();
  const base = `/interaction/${encodeURIComponent(details.uid)}`;

  const signIn = () =>
    run(async () => {
      const { redirectTo } = await signInWithPasskey<Redirect>(`${base}/passkey`);
      leave(redirectTo);
    }, 'Waiting for your passkey…');

  const cancel = () =>
    run(async () => {
      const { redirectTo } = await api.post<Redirect>(`${base}/abort`);
      leave(redirectTo);
    }, 'Cancelling…');

  return (
    <>
      <h1>Sign in to {details.client.name}</h1>
      <p className="lead">Use your {details.instanceName} passkey: your fingerprint, face, screen lock or security key.</p>
      <PasskeySupportNotice />
      <ErrorAlert error={error} />
      <StatusLine message={status} />
      <div className="actions">
        <button type="button" className="button primary" onClick={signIn} disabled={busy || !passkeysUsable()} data-testid="signin-passkey">
          Sign in with a passkey
        </button>
        <button type="button" className="button secondary" onClick={cancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </>
  );
}
