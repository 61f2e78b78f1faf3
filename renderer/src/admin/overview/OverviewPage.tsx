import { Trans, useTranslation } from 'react-i18next';
import { CopyableValue } from '../../components/CopyableValue';
import { Link } from '../../components/Link';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { OwnerNotices } from './OwnerNotices';

export function OverviewPage() {
  const { t } = useTranslation('console');
  const client = useAdminClient();
  const overview = useResource('overview', () => client['overview.get']({}));
  return (
    <>
      <PageHeader title={t('overview.title')} />
      <ResourceState {...overview}>{(data) => <OverviewDetails overview={data} onChange={overview.reload} />}</ResourceState>
    </>
  );
}

function OverviewDetails({ overview, onChange }: { overview: AdminResult<'overview.get'>; onChange: () => Promise<void> }) {
  const { t, i18n } = useTranslation('console');
  const number = new Intl.NumberFormat(i18n.language);
  // Each kind has its plural keys in overview.counts.
  const counts = [
    { kind: 'users', value: overview.counts.users, href: '/admin/users' },
    { kind: 'groups', value: overview.counts.groups, href: '/admin/groups' },
    { kind: 'clients', value: overview.counts.clients, href: '/admin/clients' },
    { kind: 'passkeys', value: overview.counts.passkeys, href: undefined },
  ];
  const counted = (count: (typeof counts)[number]) => (
    <Trans
      t={t}
      i18nKey={`overview.counts.${count.kind}`}
      count={count.value}
      values={{ number: number.format(count.value) }}
      components={{ strong: <strong /> }}
    />
  );
  return (
    <>
      <OwnerNotices notices={overview.warnings} issuer={overview.issuer} onChange={onChange} />

      <section aria-labelledby="server-heading">
        <h2 id="server-heading">{t('overview.server')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('overview.state')}</dt>
            <dd>
              <span className={overview.state === 'running' ? 'badge good flush' : 'badge flush'}>{t(`overview.states.${overview.state}`)}</span>
              {overview.port !== null && <span className="muted"> {t('overview.onPort', { port: overview.port })}</span>}
            </dd>
          </div>
          <div>
            <dt>{t('overview.issuer')}</dt>
            <dd>
              <CopyableValue label={t('overview.issuer')} value={overview.issuer} testId="overview-issuer" />
            </dd>
          </div>
          <div>
            <dt>{t('overview.discoveryUrl')}</dt>
            <dd>
              <CopyableValue label={t('overview.discoveryUrl')} value={overview.discoveryUrl} testId="overview-discovery" />
            </dd>
          </div>
        </dl>
        <p className="muted small">{t('overview.issuerHint')}</p>
      </section>

      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading">{t('overview.inThisGatehouse')}</h2>
        <ul className="counts">
          {counts.map((count) => (
            <li key={count.kind}>{count.href ? <Link href={count.href}>{counted(count)}</Link> : <span>{counted(count)}</span>}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
