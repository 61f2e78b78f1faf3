import { Fragment, useState } from 'react';
import { Pager } from '../../components/Pager';
import { TableRegion } from '../../components/TableRegion';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { formErrors } from '../formErrors';
import { ResourceState } from '../ResourceState';
import { type AuditFilter, AuditFilters, FILTER_FIELDS, NO_FILTER } from './AuditFilters';
import { describeAuditEvent } from './auditSentence';

const PAGE_SIZE = 50;
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function AuditPage() {
  const client = useAdminClient();
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [page, setPage] = useState(1);
  // The apps to filter by. People are found by what is typed (see AuditFilters); names come with the events.
  const choices = useResource('audit-clients', () => client['clients.list']({}));
  const clients = choices.state.status === 'ready' ? choices.state.data : [];
  const events = useResource(`audit:${JSON.stringify(filter)}:${page}`, () =>
    client['audit.list']({
      event: filter.event || undefined,
      username: filter.username || undefined,
      clientId: filter.clientId || undefined,
      page,
      pageSize: PAGE_SIZE,
    }),
  );
  // A filter the server refused (no such user) is said beside that filter, not instead of the page.
  const refused = events.state.status === 'failed' ? events.state.error : undefined;

  return (
    <>
      <PageHeader title="Audit log">
        <p className="page-subtitle">Sign-ins, changes and refusals, newest first.</p>
      </PageHeader>
      <AuditFilters
        filter={filter}
        clients={clients}
        error={refused}
        onChange={(next) => {
          setFilter(next);
          setPage(1);
        }}
      />
      {refused !== undefined && formErrors(refused, FILTER_FIELDS).alert === null ? (
        <p className="empty">Change the filter above to see events.</p>
      ) : (
        <ResourceState {...events}>
          {(result) =>
            result.events.length === 0 ? (
              <p className="empty">No events match.</p>
            ) : (
              <>
                <TableRegion label="Audit events">
                  <table className="data-table audit-table">
                    <caption className="visually-hidden">Audit events</caption>
                    <thead>
                      <tr>
                        <th scope="col">Time</th>
                        <th scope="col">What happened</th>
                        <th scope="col">IP</th>
                        <th scope="col">Event</th>
                      </tr>
                    </thead>
                    <tbody>
                      {result.events.map((event) => {
                        const { sentence, lines } = describeAuditEvent(event);
                        return (
                          <tr key={event.id} data-testid="audit-row">
                            <td data-label="Time">
                              <time dateTime={new Date(event.at).toISOString()}>{moment.format(event.at)}</time>
                            </td>
                            <th scope="row" data-label="What happened">
                              <span data-testid="audit-sentence">{sentence}</span>
                              {lines.length > 0 && (
                                <ul className="details" data-testid="audit-changes">
                                  {lines.map((line, index) => (
                                    <li key={index}>{line}</li>
                                  ))}
                                </ul>
                              )}
                            </th>
                            <td data-label="IP">{event.ip ?? <span className="muted">–</span>}</td>
                            <td data-label="Event" className="muted">
                              <EventName name={event.event} />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </TableRegion>
                <Pager label="Audit events" page={result.page} pageSize={result.pageSize} total={result.total} onPage={setPage} />
              </>
            )
          }
        </ResourceState>
      )}
    </>
  );
}

/** The event's name, as the filter takes it (admin.clients.regenerateSecret), breaking only after its dots. */
function EventName({ name }: { name: string }) {
  return (
    <code className="event-name">
      {name.split('.').map((part, index) => (
        <Fragment key={index}>
          {index > 0 && (
            <>
              .<wbr />
            </>
          )}
          {part}
        </Fragment>
      ))}
    </code>
  );
}
