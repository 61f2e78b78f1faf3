import { useTranslation } from 'react-i18next';
import { AppLogo } from '../../components/AppLogo';
import { Link } from '../../components/Link';
import { TableRegion } from '../../components/TableRegion';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { adminPaths } from '../adminViews';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';

export function ClientsPage() {
  const { t } = useTranslation('consoleClients');
  const client = useAdminClient();
  const clients = useResource('clients', () => client['clients.list']({}));
  const kind = (c: { public: boolean; native: boolean }) =>
    c.native ? (c.public ? t('kinds.publicNative') : t('kinds.confidentialNative')) : c.public ? t('kinds.public') : t('kinds.confidential');
  return (
    <>
      <PageHeader
        title={t('clientsPage.title')}
        actions={
          <Link className="button primary small" href="/admin/clients/new" data-testid="client-new">
            {t('clientsPage.newClient')}
          </Link>
        }
      >
        <p className="page-subtitle">{t('clientsPage.subtitle')}</p>
      </PageHeader>
      <ResourceState {...clients}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">{t('clientsPage.empty')}</p>
          ) : (
            <TableRegion label={t('clientsPage.title')}>
              <table className="data-table">
                <caption className="visually-hidden">{t('clientsPage.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('clientsPage.name')}</th>
                    <th scope="col">{t('clientFields.clientId')}</th>
                    <th scope="col">{t('clientsPage.type')}</th>
                    <th scope="col">{t('clientFields.redirectUris')}</th>
                    <th scope="col">{t('clientFields.allowedGroups')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((c) => (
                    <tr key={c.id} data-testid="client-row">
                      <th scope="row" data-label={t('clientsPage.name')}>
                        <span className="app-logo-beside">
                          <AppLogo name={c.name} logoUrl={c.logoUrl} size="small" />
                          <Link href={adminPaths.client(c.id)}>{c.name}</Link>
                        </span>
                      </th>
                      <td data-label={t('clientFields.clientId')}>
                        <code>{c.id}</code>
                      </td>
                      <td data-label={t('clientsPage.type')}>{kind(c)}</td>
                      <td data-label={t('clientFields.redirectUris')}>{c.redirectUris.length}</td>
                      <td data-label={t('clientFields.allowedGroups')}>
                        {c.allowedGroups.length > 0 ? c.allowedGroups.join(', ') : <span className="muted">{t('clientsPage.everyone')}</span>}
                      </td>
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
