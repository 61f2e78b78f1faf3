import { TableRegion } from '../../components/TableRegion';
import { formatDate } from '../audit/auditDetails';
import type { AdminResult } from '../adminClient';

type Client = AdminResult<'clients.get'>;

/** How telling the app about ended sessions went: the last delivery, and the ones that failed after every retry. */
export function BackchannelLogoutPanel({ client }: { client: Client }) {
  const { lastSentAt, failures } = client.backchannelLogoutDeliveries;
  if (client.backchannelLogoutUri === null && failures.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="client-backchannel-heading" data-testid="client-backchannel-deliveries">
      <h2 id="client-backchannel-heading">Back-channel logout</h2>
      <p className="muted small">
        {lastSentAt === null ? 'No logout token delivered yet.' : `Last logout token delivered ${formatDate(lastSentAt)}.`} A failed delivery is retried a few
        times over about a minute; the person signing out never waits for it. Failures are also in the audit log.
      </p>
      {failures.length === 0 ? (
        <p className="empty">No failed deliveries.</p>
      ) : (
        <TableRegion label="Failed deliveries">
          <table className="data-table">
            <caption>Recent failed deliveries</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Person</th>
                <th scope="col">Receiver</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {failures.map((failure, i) => (
                <tr key={`${failure.at}-${i}`} data-testid="backchannel-failure">
                  <td data-label="When">{formatDate(failure.at)}</td>
                  <td data-label="Person">{failure.username ?? <span className="muted">deleted</span>}</td>
                  <td data-label="Receiver">
                    <code>{failure.receiver ?? 'unknown'}</code>
                  </td>
                  <td data-label="Why">
                    {failure.reason} ({failure.attempts === 1 ? 'one try' : `${failure.attempts} tries`})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
