import { api } from '../../api/client';
import type { AccountUser } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { ErrorAlert } from '../ErrorAlert';
import { StatusLine } from '../StatusLine';

interface LoginLinkStepProps {
  token: string;
  username: string;
  instanceName: string;
  /** Once the link signed them in, with who they now are. */
  onDone: (user: AccountUser) => void;
}

/** A sign-in link is used only when the person presses Continue, not when a link preview fetches the page. */
export function LoginLinkStep({ token, username, instanceName, onDone }: LoginLinkStepProps) {
  const { busy, status, error, run } = useAction();
  const redeem = () =>
    run(async () => {
      const { user } = await api.post<{ user: AccountUser }>('/api/links/redeem', { token });
      onDone(user);
    }, 'Signing you in…');

  return (
    <>
      <h1>Sign in as {username}</h1>
      <p className="lead">This one-time link signs you in to {instanceName}. Then you can create a passkey on this device.</p>
      <ErrorAlert error={error} />
      <StatusLine message={status} />
      <div className="actions">
        <button type="button" className="button primary" onClick={redeem} disabled={busy} data-testid="link-continue">
          Continue
        </button>
      </div>
    </>
  );
}
