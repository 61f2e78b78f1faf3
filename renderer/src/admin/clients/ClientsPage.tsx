import { Link } from '../../components/Link';
import { TableRegion } from '../../components/TableRegion';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { adminPaths } from '../adminViews';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';

export function ClientsPage() {
  const client = useAdminClient();
  const clients = useResource('clients', () => client['clients.list']({}));
  return (
    <>
      <PageHeader
        title="Clients"
        actions={
          <Link className="button primary small" href="/admin/clients/new" data-testid="client-new">
            New client
          </Link>
        }
      >
        <p className="page-subtitle">The apps that sign people in with Gatehouse (OpenID Connect clients).</p>
      </PageHeader>
      <ResourceState {...clients}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">No apps yet. Add one with New client: there are ready-made settings for many apps.</p>
          ) : (
            <TableRegion label="Clients">
              <table className="data-table">
                <caption className="visually-hidden">Clients</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Client ID</th>
                    <th scope="col">Type</th>
                    <th scope="col">Redirect URIs</th>
                    <th scope="col">Allowed groups</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((c) => (
                    <tr key={c.id} data-testid="client-row">
                      <th scope="row" data-label="Name">
                        <Link href={adminPaths.client(c.id)}>{c.name}</Link>
                      </th>
                      <td data-label="Client ID">
                        <code>{c.id}</code>
                      </td>
                      <td data-label="Type">
                        {c.public ? 'public' : 'confidential'}
                        {c.native && ', native'}
                      </td>
                      <td data-label="Redirect URIs">{c.redirectUris.length}</td>
                      <td data-label="Allowed groups">{c.allowedGroups.length > 0 ? c.allowedGroups.join(', ') : <span className="muted">everyone</span>}</td>
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
