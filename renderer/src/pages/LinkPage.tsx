import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AccountUser, LinkInfo } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { CreatePasskeyStep } from '../components/link/CreatePasskeyStep';
import { LoginLinkStep } from '../components/link/LoginLinkStep';
import { SetupForm } from '../components/link/SetupForm';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

/** A one-time link: the setup link that creates the first admin, or a sign-in link for an existing user. */
export function LinkPage({ token }: { token: string }) {
  const { t } = useTranslation('signIn');
  const { state } = useResource(token, () => api.get<LinkInfo>(`/api/links/${encodeURIComponent(token)}`));
  const [redeemed, setRedeemed] = useState<AccountUser | null>(null);
  const kind = state.status === 'ready' ? state.data.kind : undefined;
  useDocumentTitle(redeemed !== null ? t('link.titles.createPasskey') : kind === 'setup' ? t('link.titles.setup') : t('link.titles.signIn'));

  if (state.status === 'loading')
    return (
      <Layout>
        <Loading />
      </Layout>
    );
  if (state.status === 'failed') {
    return (
      <Layout>
        <h1>{t('link.unusable')}</h1>
        <ErrorAlert error={state.error} />
        <p className="muted">{t('link.unusableLead')}</p>
        <div className="actions">
          <Link className="button secondary" href="/account">
            {t('link.toAccount')}
          </Link>
        </div>
      </Layout>
    );
  }

  const link = state.data;
  return (
    <Layout>
      {redeemed ? (
        <CreatePasskeyStep instanceName={link.instanceName} canSkip={link.kind === 'login'} isAdmin={redeemed.isAdmin} />
      ) : link.kind === 'setup' ? (
        <SetupForm token={token} instanceName={link.instanceName} onDone={setRedeemed} />
      ) : (
        <LoginLinkStep token={token} username={link.username ?? ''} instanceName={link.instanceName} onDone={setRedeemed} />
      )}
    </Layout>
  );
}
