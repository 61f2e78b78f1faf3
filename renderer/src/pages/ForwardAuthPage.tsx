import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { AccountSignIn } from '../components/account/AccountSignIn';
import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

interface ForwardAuthApp {
  name: string;
  instanceName: string;
}

/**
 * Sign-in for an app a reverse proxy guards (forward-auth). The server shows this page at
 * /forward-auth/start only while nobody is signed in with a passkey; once someone is, the same URL
 * hands the sign-in over to the app, so the page just loads it again.
 */
export function ForwardAuthPage() {
  const { t } = useTranslation('signIn');
  const rd = new URLSearchParams(window.location.search).get('rd') ?? '';
  const { state } = useResource(`forward-auth:${rd}`, () => api.get<ForwardAuthApp>(`/api/forward-auth/app?${new URLSearchParams({ rd })}`));
  useDocumentTitle(state.status === 'ready' ? t('forwardAuth.title', { app: state.data.name }) : t('forwardAuth.titleGeneric'));

  if (state.status === 'loading')
    return (
      <Layout>
        <Loading />
      </Layout>
    );
  if (state.status === 'failed')
    return (
      <Layout>
        <h1>{t('forwardAuth.cannotContinue')}</h1>
        <ErrorAlert error={state.error} />
      </Layout>
    );
  return (
    <Layout>
      <div data-testid="forward-auth-signin">
        <AccountSignIn
          title={t('forwardAuth.heading', { app: state.data.name })}
          lead={t('forwardAuth.lead', { instance: state.data.instanceName })}
          onSignedIn={async () => continueToApp()}
        />
      </div>
    </Layout>
  );
}

/** Loads the start URL again, now signed in; "sign in as someone else" (prompt=login) is done once signed in. */
function continueToApp(): void {
  const url = new URL(window.location.href);
  if (url.searchParams.has('prompt')) {
    url.searchParams.delete('prompt');
    window.location.replace(url.href);
  } else {
    window.location.reload();
  }
}
