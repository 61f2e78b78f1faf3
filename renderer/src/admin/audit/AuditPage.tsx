import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
export function AuditPage() {
  const { t, i18n } = useTranslation('console');
  const moment = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
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
      <PageHeader title={t('audit.page.title')}>
        <p className="page-subtitle">{t('audit.page.subtitle')}</p>
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
        <p className="empty">{t('audit.page.changeFilter')}</p>
      ) : (
        <ResourceState {...events}>
          {(result) =>
            result.events.length === 0 ? (
              <p className="empty">{t('audit.page.noneMatch')}</p>
            ) : (
              <>
                <TableRegion label={t('audit.page.tableLabel')}>
                  <table className="data-table audit-table">
                    <caption className="visually-hidden">{t('audit.page.tableLabel')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('audit.page.time')}</th>
                        <th scope="col">{t('audit.page.whatHappened')}</th>
                        <th scope="col">{t('audit.page.ip')}</th>
                        <th scope="col">{t('audit.page.event')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {result.events.map((event) => {
                        const { sentence, lines } = describeAuditEvent(event, t);
                        return (
                          <tr key={event.id} data-testid="audit-row">
                            <td data-label={t('audit.page.time')}>
                              <time dateTime={new Date(event.at).toISOString()}>{moment.format(event.at)}</time>
                            </td>
                            <th scope="row" data-label={t('audit.page.whatHappened')}>
                              <span data-testid="audit-sentence">{sentence}</span>
                              {lines.length > 0 && (
                                <ul className="details" data-testid="audit-changes">
                                  {lines.map((line, index) => (
                                    <li key={index}>{line}</li>
                                  ))}
                                </ul>
                              )}
                            </th>
                            <td data-label={t('audit.page.ip')}>{event.ip ?? <span className="muted">–</span>}</td>
                            <td data-label={t('audit.page.event')} className="muted">
                              <EventName name={event.event} />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </TableRegion>
                <Pager label={t('audit.page.tableLabel')} page={result.page} pageSize={result.pageSize} total={result.total} onPage={setPage} />
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
