import { useTranslation } from 'react-i18next';
import { TableRegion } from '../../components/TableRegion';
import { formatDate } from '../../i18n/dates';
import { deliveryFailureText } from '../audit/deliveryFailureText';
import type { AdminResult } from '../adminClient';

type Client = AdminResult<'clients.get'>;

/** How telling the app about ended sessions went: the last delivery, and the ones that failed after every retry. */
export function BackchannelLogoutPanel({ client }: { client: Client }) {
  const { t } = useTranslation('consoleClients');
  // The failure's reason is worded in the console's namespace, as the audit log words it too.
  const { t: tConsole } = useTranslation('console');
  const { lastSentAt, failures } = client.backchannelLogoutDeliveries;
  if (client.backchannelLogoutUri === null && failures.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="client-backchannel-heading" data-testid="client-backchannel-deliveries">
      <h2 id="client-backchannel-heading">{t('backchannel.heading')}</h2>
      <p className="muted small">
        {lastSentAt === null ? t('backchannel.never') : t('backchannel.last', { date: formatDate(lastSentAt) })} {t('backchannel.retries')}
      </p>
      {failures.length === 0 ? (
        <p className="empty">{t('backchannel.noFailures')}</p>
      ) : (
        <TableRegion label={t('backchannel.failures')}>
          <table className="data-table">
            <caption>{t('backchannel.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('backchannel.when')}</th>
                <th scope="col">{t('backchannel.person')}</th>
                <th scope="col">{t('backchannel.receiver')}</th>
                <th scope="col">{t('backchannel.why')}</th>
              </tr>
            </thead>
            <tbody>
              {failures.map((failure, i) => (
                <tr key={`${failure.at}-${i}`} data-testid="backchannel-failure">
                  <td data-label={t('backchannel.when')}>{formatDate(failure.at)}</td>
                  <td data-label={t('backchannel.person')}>{failure.username ?? <span className="muted">{t('backchannel.deleted')}</span>}</td>
                  <td data-label={t('backchannel.receiver')}>
                    <code>{failure.receiver ?? t('backchannel.unknown')}</code>
                  </td>
                  <td data-label={t('backchannel.why')}>
                    {t('backchannel.reason', { reason: deliveryFailureText(tConsole, failure.failure, failure.reason), count: failure.attempts })}
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
