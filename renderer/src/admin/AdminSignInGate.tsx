import type { ReactNode } from 'react';
import { api, ApiError } from '../api/client';
import type { SessionInfo } from '../api/types';
import { AccountSignIn } from '../components/account/AccountSignIn';
import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { StatusLine } from '../components/StatusLine';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { signInWithPasskey } from '../passkeys/ceremonies';
import { AdminConsole } from './AdminConsole';
import type { AdminView } from './adminViews';

/**
 * The console in a browser: only for a signed-in admin. Nobody else gets the console or makes an admin
 * call. (The desktop window trusts the person at the desktop and renders AdminConsole directly.)
 */
export function AdminSignInGate({ view }: { view: AdminView }) {
  const session = useResource('session', () => api.get<SessionInfo>('/api/session'));
  const { state } = session;
  const signedOut = state.status === 'failed' && state.error instanceof ApiError && state.error.code === 'not_signed_in';

  if (state.status === 'loading')
    return (
      <GatePage title="Admin">
        <Loading />
      </GatePage>
    );
  if (signedOut) {
    return (
      <GatePage title="Sign in">
        <AccountSignIn onSignedIn={session.reload} title="Sign in to the admin console" lead="Use the passkey of an admin account." />
      </GatePage>
    );
  }
  if (state.status === 'failed') {
    return (
      <GatePage title="Admin">
        <h1>The admin console didn't load</h1>
        <ErrorAlert error={state.error} />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => void session.reload()}>
            Try again
          </button>
        </div>
      </GatePage>
    );
  }
  const { user } = state.data;
  if (!user.isAdmin) {
    return (
      <GatePage title="Admins only">
        <h1>You need to be an admin</h1>
        <p className="lead">
          You are signed in as <strong>{user.username}</strong>, which is not an admin account. Only admins can manage users, groups and apps here.
        </p>
        <p className="muted">If you look after this Gatehouse, ask another admin to make you one.</p>
        <div className="actions">
          <Link className="button secondary" href="/account">
            Go to your account
          </Link>
        </div>
      </GatePage>
    );
  }
  // The server lets only a passkey session of this browser into the console (a link, a code or another
  // device's approval gets a person to their account): ask for the passkey, or send them to add one.
  if (state.data.authMethod !== 'passkey') {
    return (
      <GatePage title="Confirm it is you">
        <PasskeyConfirmation hasPasskey={state.data.passkeys > 0} recovering={state.data.authMethod === 'recovery_code'} onConfirmed={session.reload} />
      </GatePage>
    );
  }
  return <AdminConsole view={view} admin={user} />;
}

/** `recovering`: this session came from a recovery code, which already lets the person add a passkey. */
function PasskeyConfirmation({ hasPasskey, recovering, onConfirmed }: { hasPasskey: boolean; recovering: boolean; onConfirmed: () => Promise<void> }) {
  const confirm = useAction();
  return (
    <>
      <h1>Confirm it is you</h1>
      <p className="lead" data-testid="admin-passkey-needed">
        The admin console needs a sign-in with your passkey in this browser.{' '}
        {hasPasskey ? 'Confirm with it to go on.' : 'You have no passkey yet: add one on your account page, then come back.'}
      </p>
      {hasPasskey && (
        <p className="muted">
          {recovering
            ? 'Lost it? Your recovery code lets you add a new one on your account page.'
            : 'Lost it? Sign in with a recovery code on your account page and add a new one.'}
        </p>
      )}
      <ErrorAlert error={confirm.error} />
      <StatusLine message={confirm.status} />
      <div className="actions">
        {hasPasskey && (
          <button
            type="button"
            className="button primary"
            disabled={confirm.busy}
            data-testid="admin-confirm-passkey"
            onClick={() =>
              void confirm.run(async () => {
                await signInWithPasskey('/api/session/passkey');
                await onConfirmed();
              }, 'Waiting for your passkey…')
            }
          >
            Confirm with your passkey
          </button>
        )}
        <Link className={hasPasskey ? 'button secondary' : 'button primary'} href="/account">
          Go to your account
        </Link>
      </div>
    </>
  );
}

/** The pages before the console, in the small card; each page of the console names itself. */
function GatePage({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return <Layout>{children}</Layout>;
}
