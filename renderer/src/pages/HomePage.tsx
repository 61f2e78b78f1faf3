import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client';
import type { DashboardApp, SessionInfo } from '../api/types';
import { AccountSignIn } from '../components/account/AccountSignIn';
import { AppLogo } from '../components/AppLogo';
import { Avatar } from '../components/Avatar';
import { FailedPage } from '../components/FailedPage';
import { InstanceMark, Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { useBranding } from '../hooks/useBranding';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

/** The start page: signed in, the apps this person may open; signed out, the sign-in. */
export function HomePage() {
  const { t } = useTranslation('dashboard');
  const branding = useBranding();
  const dashboard = useResource('dashboard', () =>
    Promise.all([api.get<SessionInfo>('/api/session'), api.get<{ apps: DashboardApp[] }>('/api/dashboard')]).then(([session, { apps }]) => ({
      user: session.user,
      apps,
    })),
  );
  const { state } = dashboard;
  const signedOut = state.status === 'failed' && state.error instanceof ApiError && state.error.code === 'not_signed_in';
  const instanceName = branding?.instanceName ?? 'Gatehouse';
  useDocumentTitle(state.status === 'ready' ? t('title') : undefined);

  if (state.status === 'loading')
    return (
      <Layout>
        <Loading />
      </Layout>
    );
  if (signedOut)
    return (
      <Layout brand={false}>
        <InstanceMark logo={branding?.logo ?? null} />
        <AccountSignIn title={instanceName} lead={t('signedOut.lead')} onSignedIn={dashboard.reload} />
      </Layout>
    );
  if (state.status === 'failed') return <FailedPage title={t('title')} error={state.error} onRetry={dashboard.reload} />;

  const { user, apps } = state.data;
  return (
    <Layout wide>
      <div className="dashboard-head">
        {/* Their picture (just set on the account page, perhaps) beside the greeting. */}
        <div className="dashboard-greeting">
          <Avatar name={user.displayName} pictureUrl={user.pictureUrl} />
          <div>
            <h1>{t('greeting', { name: user.displayName })}</h1>
            <p className="lead">{t('lead', { instance: instanceName })}</p>
          </div>
        </div>
        <nav className="dashboard-links" aria-label={t('links.label')}>
          <Link className="button secondary small" href="/account" data-testid="dashboard-account">
            {t('links.account')}
          </Link>
          {user.isAdmin && (
            <Link className="button secondary small" href="/admin" data-testid="dashboard-console">
              {t('links.console')}
            </Link>
          )}
        </nav>
      </div>
      {apps.length > 0 ? (
        <ul className="app-grid" aria-label={t('apps.label')} data-testid="dashboard-apps">
          {apps.map((app) => (
            <li key={`${app.kind}:${app.id}`}>
              <a className="app-tile" href={app.launchUrl} rel="noopener" data-testid="dashboard-app" data-app-id={app.id}>
                <AppLogo name={app.name} logoUrl={app.logoUrl} size="large" />
                <span className="app-tile-name">{app.name}</span>
                <span className="app-tile-host">{new URL(app.launchUrl).host}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <section className="dashboard-empty" aria-labelledby="dashboard-empty-heading" data-testid="dashboard-empty">
          <h2 id="dashboard-empty-heading">{t('empty.title')}</h2>
          <p>{t('empty.body', { instance: instanceName })}</p>
          <p>
            <Link href="/account">{t('empty.account')}</Link>
          </p>
        </section>
      )}
    </Layout>
  );
}
