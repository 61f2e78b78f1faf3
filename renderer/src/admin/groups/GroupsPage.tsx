import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { TableRegion } from '../../components/TableRegion';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { adminPaths } from '../adminViews';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { NewGroupForm } from './NewGroupForm';

export function GroupsPage() {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const groups = useResource('groups', () => client['groups.list']({}));
  const panel = useInlinePanel<'new-group'>();
  const creating = panel.open === 'new-group';

  return (
    <>
      <PageHeader
        title={t('shared.groups')}
        actions={
          !creating && (
            <button type="button" className="button primary small" {...panel.trigger('new-group')} data-testid="group-new">
              {t('groups.new')}
            </button>
          )
        }
      >
        <p className="page-subtitle">{t('groups.subtitle')}</p>
      </PageHeader>

      {creating && (
        <section className="panel" aria-labelledby="new-group-heading">
          <h2 id="new-group-heading">{t('groups.new')}</h2>
          <NewGroupForm onCancel={panel.close} />
        </section>
      )}

      <ResourceState {...groups}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">{t('shared.noGroupsYet')}</p>
          ) : (
            <TableRegion label={t('shared.groups')}>
              <table className="data-table">
                <caption className="visually-hidden">{t('shared.groups')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('shared.name')}</th>
                    <th scope="col">{t('shared.displayName')}</th>
                    <th scope="col">{t('shared.members')}</th>
                    <th scope="col">{t('groups.apps')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((group) => (
                    <tr key={group.id} data-testid="group-row">
                      <th scope="row" data-label={t('shared.name')}>
                        <Link href={adminPaths.group(group.id)}>{group.name}</Link>
                        {group.source === 'provision' && <span className="badge">{t('shared.provisioned')}</span>}
                      </th>
                      <td data-label={t('shared.displayName')}>{group.displayName ?? <span className="muted">{t('groups.noDisplayName')}</span>}</td>
                      <td data-label={t('shared.members')}>{group.members.length}</td>
                      <td data-label={t('groups.apps')}>
                        {group.allowedClients.length > 0 ? group.allowedClients.join(', ') : <span className="muted">{t('groups.noApps')}</span>}
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
