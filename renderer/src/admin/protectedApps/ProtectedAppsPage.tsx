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
  const client = useAdminClient();
  const apps = useResource('protected-apps', () => client['protectedApps.list']({}));
  const hasApps = apps.state.status === 'ready' && apps.state.data.length > 0;
  return (
    <>
      <PageHeader
        title="Protected apps"
        actions={
          // The empty page has its own button, beside the words that explain it.
          hasApps && (
            <Link className="button primary small" href={NEW_APP} data-testid="protected-app-new">
              Protect an app
            </Link>
          )
        }
      >
        <p className="page-subtitle">Apps your reverse proxy lets people into only once they are signed in to Gatehouse (forward-auth).</p>
      </PageHeader>
      <ResourceState {...apps}>
        {(list) =>
          list.length === 0 ? (
            <div className="empty" data-testid="protected-apps-empty">
              <p>
                A protected app is one without OpenID Connect sign-in, such as Sonarr, Syncthing or a router's admin page, guarded by your reverse proxy. The
                proxy asks Gatehouse before every request, so only people signed in with a passkey, in the groups you choose, get through.
              </p>
              <div className="row-actions">
                <Link className="button primary small" href={NEW_APP} data-testid="protected-app-new">
                  Protect an app
                </Link>
              </div>
            </div>
          ) : (
            <TableRegion label="Protected apps">
              <table className="data-table">
                <caption className="visually-hidden">Protected apps</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Hosts</th>
                    <th scope="col">Who may use it</th>
                    <th scope="col">Sign-in lasts</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((app) => (
                    <tr key={app.id} data-testid="protected-app-row">
                      <th scope="row" data-label="Name">
                        <Link href={adminPaths.protectedApp(app.id)}>{app.name}</Link>
                      </th>
                      <td data-label="Hosts">
                        {app.hosts.map((host, i) => (
                          <span key={host}>
                            {i > 0 && ', '}
                            <code>{host}</code>
                          </span>
                        ))}
                        {app.pathPrefixes.length > 0 && <span className="muted"> ({app.pathPrefixes.join(', ')})</span>}
                      </td>
                      <td data-label="Who may use it">
                        {app.allowedGroups.length > 0 ? app.allowedGroups.join(', ') : <span className="muted">everyone signed in</span>}
                      </td>
                      <td data-label="Sign-in lasts">{sessionLengthLabel(app.sessionTtl)}</td>
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
