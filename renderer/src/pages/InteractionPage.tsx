import { useTranslation } from 'react-i18next';
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
    const expired = state.error instanceof ApiError && state.error.code === 'interaction_expired';
    return (
      <Layout>
        <h1>{expired ? t('interaction.expired') : t('interaction.failed')}</h1>
        <ErrorAlert error={state.error} />
        {expired ? (
          <p className="muted">{t('interaction.nothingShared')}</p>
        ) : (
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => void reload()}>
              {t('interaction.tryAgain')}
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
