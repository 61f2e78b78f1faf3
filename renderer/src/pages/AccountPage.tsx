import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { SessionInfo } from '../api/types';
import { AccountOverview } from '../components/account/AccountOverview';
import { AccountSignIn } from '../components/account/AccountSignIn';
import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

export function AccountPage() {
  const { t } = useTranslation('account');
  const session = useResource('session', () => api.get<SessionInfo>('/api/session'));
  const [justSignedIn, setJustSignedIn] = useState(false);
  const { state } = session;
  const signedOut = state.status === 'failed' && state.error instanceof ApiError && state.error.code === 'not_signed_in';
  useDocumentTitle(signedOut ? t('page.signInTitle') : t('page.title'));

  const onSignedIn = async () => {
    setJustSignedIn(true);
    await session.reload();
  };

  if (state.status === 'loading')
    return (
      <Layout>
        <Loading />
      </Layout>
    );
  if (signedOut)
    return (
      <Layout>
        <AccountSignIn onSignedIn={onSignedIn} />
      </Layout>
    );
  if (state.status === 'failed') {
    return (
      <Layout>
        <h1>{t('page.title')}</h1>
        <ErrorAlert error={state.error} />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => void session.reload()}>
            {t('page.tryAgain')}
          </button>
        </div>
      </Layout>
    );
  }
  return (
    <Layout>
      <AccountOverview session={state.data} justSignedIn={justSignedIn} onSessionChange={session.reload} />
    </Layout>
  );
}
