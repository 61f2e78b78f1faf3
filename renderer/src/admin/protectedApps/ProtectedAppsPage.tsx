import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { TableRegion } from '../../components/TableRegion';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { adminPaths } from '../adminViews';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { sessionLengthLabel } from './sessionLength';

const NEW_APP = '/admin/protected-apps/new';

export function ProtectedAppsPage() {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const apps = useResource('protected-apps', () => client['protectedApps.list']({}));
  const hasApps = apps.state.status === 'ready' && apps.state.data.length > 0;
  return (
    <>
      <PageHeader
        title={t('protectedApps.title')}
        actions={
          // The empty page has its own button, beside the words that explain it.
          hasApps && (
            <Link className="button primary small" href={NEW_APP} data-testid="protected-app-new">
              {t('protectedApps.protect')}
            </Link>
          )
        }
      >
        <p className="page-subtitle">{t('protectedApps.subtitle')}</p>
      </PageHeader>
      <ResourceState {...apps}>
        {(list) =>
          list.length === 0 ? (
            <div className="empty" data-testid="protected-apps-empty">
              <p>{t('protectedApps.empty')}</p>
              <div className="row-actions">
                <Link className="button primary small" href={NEW_APP} data-testid="protected-app-new">
                  {t('protectedApps.protect')}
                </Link>
              </div>
            </div>
          ) : (
            <TableRegion label={t('protectedApps.title')}>
              <table className="data-table">
                <caption className="visually-hidden">{t('protectedApps.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('shared.name')}</th>
                    <th scope="col">{t('protectedAppForm.hosts')}</th>
                    <th scope="col">{t('protectedApps.whoMayUse')}</th>
                    <th scope="col">{t('protectedApps.signInLasts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((app) => (
                    <tr key={app.id} data-testid="protected-app-row">
                      <th scope="row" data-label={t('shared.name')}>
                        <Link href={adminPaths.protectedApp(app.id)}>{app.name}</Link>
                      </th>
                      <td data-label={t('protectedAppForm.hosts')}>
                        {app.hosts.map((host, i) => (
                          <span key={host}>
                            {i > 0 && ', '}
                            <code>{host}</code>
                          </span>
                        ))}
                        {app.pathPrefixes.length > 0 && <span className="muted"> ({app.pathPrefixes.join(', ')})</span>}
                      </td>
                      <td data-label={t('protectedApps.whoMayUse')}>
                        {app.allowedGroups.length > 0 ? app.allowedGroups.join(', ') : <span className="muted">{t('protectedApps.everyone')}</span>}
                      </td>
                      <td data-label={t('protectedApps.signInLasts')}>{sessionLengthLabel(app.sessionTtl, t)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )
        }
      </ResourceState>
    </>
  );
}
