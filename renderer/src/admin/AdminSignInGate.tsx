import type { ReactNode } from 'react';
import { api, ApiError } from '../api/client';
import type { SessionInfo } from '../api/types';
import { AccountSignIn } from '../components/account/AccountSignIn';
import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
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
  return <AdminConsole view={view} admin={user} />;
}

/** The pages before the console, in the small card; each page of the console names itself. */
function GatePage({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return <Layout>{children}</Layout>;
}
