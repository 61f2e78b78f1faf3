import { CopyableValue } from '../../components/CopyableValue';
import { Link } from '../../components/Link';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { OwnerNotices } from './OwnerNotices';

const STATES = { running: 'Running', starting: 'Starting', stopping: 'Stopping', stopped: 'Stopped' } as const;

export function OverviewPage() {
  const client = useAdminClient();
  const overview = useResource('overview', () => client['overview.get']({}));
  return (
    <>
      <PageHeader title="Overview" />
      <ResourceState {...overview}>{(data) => <OverviewDetails overview={data} onChange={overview.reload} />}</ResourceState>
    </>
  );
}

function OverviewDetails({ overview, onChange }: { overview: AdminResult<'overview.get'>; onChange: () => Promise<void> }) {
  const counts = [
    { label: 'Users', value: overview.counts.users, href: '/admin/users' },
    { label: 'Groups', value: overview.counts.groups, href: '/admin/groups' },
    { label: 'Clients', value: overview.counts.clients, href: '/admin/clients' },
    { label: 'Passkeys', value: overview.counts.passkeys, href: undefined },
  ];
  return (
    <>
      <OwnerNotices notices={overview.warnings} onChange={onChange} />

      <section aria-labelledby="server-heading">
        <h2 id="server-heading">Server</h2>
        <dl className="facts">
          <div>
            <dt>State</dt>
            <dd>
              <span className={overview.state === 'running' ? 'badge good flush' : 'badge flush'}>{STATES[overview.state]}</span>
              {overview.port !== null && <span className="muted"> on port {overview.port}</span>}
            </dd>
          </div>
          <div>
            <dt>Issuer</dt>
            <dd>
              <CopyableValue label="Issuer" value={overview.issuer} testId="overview-issuer" />
            </dd>
          </div>
          <div>
            <dt>Discovery URL</dt>
            <dd>
              <CopyableValue label="Discovery URL" value={overview.discoveryUrl} testId="overview-discovery" />
            </dd>
          </div>
        </dl>
        <p className="muted small">Apps find Gatehouse through the issuer (or its discovery URL). Changing it means reconfiguring every app.</p>
      </section>

      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading">In this Gatehouse</h2>
        <ul className="counts">
          {counts.map((count) => (
            <li key={count.label}>
              {count.href ? (
                <Link href={count.href}>
                  <strong>{count.value}</strong> {count.label}
                </Link>
              ) : (
                <span>
                  <strong>{count.value}</strong> {count.label}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
