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
  const client = useAdminClient();
  const groups = useResource('groups', () => client['groups.list']({}));
  const panel = useInlinePanel<'new-group'>();
  const creating = panel.open === 'new-group';

  return (
    <>
      <PageHeader
        title="Groups"
        actions={
          !creating && (
            <button type="button" className="button primary small" {...panel.trigger('new-group')} data-testid="group-new">
              New group
            </button>
          )
        }
      >
        <p className="page-subtitle">Groups decide who may use which app, and apps see them in the groups claim.</p>
      </PageHeader>

      {creating && (
        <section className="panel" aria-labelledby="new-group-heading">
          <h2 id="new-group-heading">New group</h2>
          <NewGroupForm onCancel={panel.close} />
        </section>
      )}

      <ResourceState {...groups}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">There are no groups yet.</p>
          ) : (
            <TableRegion label="Groups">
              <table className="data-table">
                <caption className="visually-hidden">Groups</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Display name</th>
                    <th scope="col">Members</th>
                    <th scope="col">Apps</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((group) => (
                    <tr key={group.id} data-testid="group-row">
                      <th scope="row" data-label="Name">
                        <Link href={adminPaths.group(group.id)}>{group.name}</Link>
                        {group.source === 'provision' && <span className="badge">provisioned</span>}
                      </th>
                      <td data-label="Display name">{group.displayName ?? <span className="muted">none</span>}</td>
                      <td data-label="Members">{group.members.length}</td>
                      <td data-label="Apps">{group.allowedClients.length > 0 ? group.allowedClients.join(', ') : <span className="muted">none</span>}</td>
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
