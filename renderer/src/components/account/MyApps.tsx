import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { MyApp } from '../../api/types';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { AppLogo } from '../AppLogo';
import { ConfirmPanel } from '../ConfirmPanel';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { formatDate } from '../../i18n/dates';

/** The apps this person may open, and the access they gave apps (the scopes, the last sign-in), with a way to take it back. */
export function MyApps({ userId }: { userId: string }) {
  const { t } = useTranslation('account');
  const apps = useResource(`apps:${userId}`, () => api.get<{ apps: MyApp[] }>('/api/account/apps').then((body) => body.apps));
  const confirm = useInlinePanel<string>();

  if (apps.state.status === 'loading') return <Loading />;
  if (apps.state.status === 'failed') return <ErrorAlert error={apps.state.error} />;
  if (apps.state.data.length === 0)
    return (
      <p className="muted" data-testid="my-apps">
        {t('myApps.none')}
      </p>
    );

  return (
    <ul className="passkey-list" data-testid="my-apps">
      {apps.state.data.map((app) => (
        <li key={app.id} className="passkey-item" data-testid="my-app">
          <div className="passkey-head">
            <AppLogo name={app.name} logoUrl={app.logoUrl} size="small" />
            <span className="passkey-name">{app.name}</span>
            {app.authorized && <span className="badge">{t('myApps.hasAccess')}</span>}
          </div>
          <p className="passkey-meta">
            {app.lastUsedAt === null ? t('sessions:apps.notUsed') : t('sessions:apps.lastSignedIn', { moment: formatDate(app.lastUsedAt) })}
          </p>
          {app.scopes.length > 0 && (
            <p className="passkey-meta" data-testid="my-app-scopes">
              {t('sessions:apps.scopes', { scopes: app.scopes.join(', ') })}
            </p>
          )}
          {confirm.open === app.id ? (
            <ConfirmPanel
              confirmLabel={t('sessions:apps.revoke')}
              cancelLabel={t('sessions:apps.keep')}
              onCancel={confirm.close}
              confirmTestId="my-app-revoke-confirm"
              onConfirm={async () => {
                await api.delete(`/api/account/apps/${encodeURIComponent(app.id)}`);
                await apps.reload();
                confirm.close();
              }}
            >
              <p>{t('myApps.revokeQuestion', { app: app.name })}</p>
            </ConfirmPanel>
          ) : (
            <div className="row-actions">
              {app.launchUrl && (
                <a className="button small secondary" href={app.launchUrl} rel="noopener">
                  {t('myApps.open', { app: app.name })}
                </a>
              )}
              {app.authorized && (
                <button
                  type="button"
                  className="button small secondary"
                  {...confirm.trigger(app.id)}
                  aria-label={t('sessions:apps.revokeLabel', { app: app.name })}
                  data-testid="my-app-revoke"
                >
                  {t('sessions:apps.revoke')}
                </button>
              )}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
