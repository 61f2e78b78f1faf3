import { api, ApiError } from '../api/client';
import type { InteractionDetails } from '../api/types';
import { AccessDeniedStep } from '../components/interaction/AccessDeniedStep';
import { ConsentStep } from '../components/interaction/ConsentStep';
import { SignInStep } from '../components/interaction/SignInStep';
import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

const TITLES = { login: 'Sign in', consent: 'Allow access', access: 'No access' } as const;

/** A step of an app's sign-in request (OpenID Connect), as the server's interaction asks for it. */
export function InteractionPage({ uid }: { uid: string }) {
  const { state, reload } = useResource(uid, () => api.get<InteractionDetails>(`/interaction/${encodeURIComponent(uid)}/details`));
  useDocumentTitle(state.status === 'ready' ? TITLES[state.data.prompt] : 'Sign in');

  if (state.status === 'loading')
    return (
      <Layout>
        <Loading />
      </Layout>
    );
  if (state.status === 'failed') {
    const expired = state.error instanceof ApiError && state.error.code === 'interaction_expired';
    return (
      <Layout>
        <h1>{expired ? 'This sign-in has expired' : "This sign-in page didn't load"}</h1>
        <ErrorAlert error={state.error} />
        {expired ? (
          <p className="muted">Nothing was shared with the app. You can close this page.</p>
        ) : (
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => void reload()}>
              Try again
            </button>
          </div>
        )}
      </Layout>
    );
  }

  const details = state.data;
  return (
    <Layout>
      {details.prompt === 'login' && <SignInStep details={details} />}
      {details.prompt === 'consent' && <ConsentStep details={details} />}
      {details.prompt === 'access' && <AccessDeniedStep details={details} />}
    </Layout>
  );
}
