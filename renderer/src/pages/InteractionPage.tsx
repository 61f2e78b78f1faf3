import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { InteractionDetails } from '../api/types';
import { AccessDeniedStep } from '../components/interaction/AccessDeniedStep';
import { ConsentStep } from '../components/interaction/ConsentStep';
import { SignInStep } from '../components/interaction/SignInStep';
import { ErrorAlert } from '../components/ErrorAlert';
import { FailedPage } from '../components/FailedPage';
import { Layout } from '../components/Layout';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

/** A step of an app's sign-in request (OpenID Connect), as the server's interaction asks for it. */
export function InteractionPage({ uid }: { uid: string }) {
  const { t } = useTranslation('signIn');
  const { state, reload } = useResource(uid, () => api.get<InteractionDetails>(`/interaction/${encodeURIComponent(uid)}/details`));
  // Every prompt (login, consent, access) has its title.
  useDocumentTitle(t(`interaction.titles.${state.status === 'ready' ? state.data.prompt : 'login'}`));

  if (state.status === 'loading')
    return (
      <Layout>
        <Loading />
      </Layout>
    );
  if (state.status === 'failed') {
    if (!(state.error instanceof ApiError && state.error.code === 'interaction_expired'))
      return <FailedPage title={t('interaction.failed')} error={state.error} onRetry={reload} />;
    return (
      <Layout>
        <h1>{t('interaction.expired')}</h1>
        <ErrorAlert error={state.error} />
        <p className="muted">{t('interaction.nothingShared')}</p>
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
