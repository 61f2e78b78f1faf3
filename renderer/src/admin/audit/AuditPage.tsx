import { Fragment, useState } from 'react';
import { Pager } from '../../components/Pager';
import { TableRegion } from '../../components/TableRegion';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { type AuditFilter, AuditFilters, NO_FILTER } from './AuditFilters';
import { summariseDetails } from './auditDetails';

const PAGE_SIZE = 50;
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function AuditPage() {
  const client = useAdminClient();
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [page, setPage] = useState(1);
  // The people and apps to filter by, and the names behind the ids in events' details.
  const choices = useResource('audit-choices', async () => {
    const [users, clients] = await Promise.all([client['users.list']({ pageSize: 100 }), client['clients.list']({})]);
    return { users: users.users, clients };
  });
  const users = choices.state.status === 'ready' ? choices.state.data.users : [];
  const clients = choices.state.status === 'ready' ? choices.state.data.clients : [];
  const usernames = new Map(users.map((user) => [user.id, user.username]));
  const events = useResource(`audit:${JSON.stringify(filter)}:${page}`, () => client['audit.list']({
    event: filter.event || undefined,
    userId: filter.userId || undefined,
    clientId: filter.clientId || undefined,
    page,
    pageSize: PAGE_SIZE,
  }));

  return (
    <>
      <PageHeader title="Audit log">
        <p className="page-subtitle">Sign-ins, changes and refusals, newest first.</p>
      </PageHeader>
      <AuditFilters filter={filter} users={users} clients={clients} onChange={(next) => {
        setFilter(next);
        setPage(1);
      }} />
      <ResourceState {...events}>
        {(result) => result.events.length === 0 ? (
          <p className="empty">No events match.</p>
        ) : (
          <>
            <TableRegion label="Audit events">
              <table className="data-table audit-table">
                <caption className="visually-hidden">Audit events</caption>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Event</th>
                    <th scope="col">User</th>
                    <th scope="col">Client</th>
                    <th scope="col">IP</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {result.events.map((event) => (
                    <tr key={event.id} data-testid="audit-row">
                      <td data-label="Time"><time dateTime={new Date(event.at).toISOString()}>{moment.format(event.at)}</time></td>
                      <th scope="row" data-label="Event"><EventName name={event.event} /></th>
                      <td data-label="User">{event.username ?? (event.userId ? <span className="muted">deleted user</span> : <span className="muted">–</span>)}</td>
                      <td data-label="Client">{event.clientId ?? <span className="muted">–</span>}</td>
                      <td data-label="IP">{event.ip ?? <span className="muted">–</span>}</td>
                      <td data-label="Details" className="details">{summariseDetails(event.details, usernames)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            <Pager label="Audit events" page={result.page} pageSize={result.pageSize} total={result.total} onPage={setPage} />
          </>
        )}
      </ResourceState>
    </>
  );
}

/** admin.clients.regenerateSecret, breaking only after its dots when the column is narrow. */
function EventName({ name }: { name: string }) {
  return (
    <code className="event-name">
      {name.split('.').map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <>.<wbr /></>}
          {part}
        </Fragment>
      ))}
    </code>
  );
}
