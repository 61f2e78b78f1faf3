import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { SessionInfo } from '../api/types';
import { AccountOverview } from '../components/account/AccountOverview';
import { AccountSignIn } from '../components/account/AccountSignIn';
import { FailedPage } from '../components/FailedPage';
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
  if (state.status === 'failed') return <FailedPage title={t('page.title')} error={state.error} onRetry={session.reload} />;
  return (
    <Layout>
      <AccountOverview session={state.data} justSignedIn={justSignedIn} onSessionChange={session.reload} />
    </Layout>
  );
}
