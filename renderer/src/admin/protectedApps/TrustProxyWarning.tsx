import { Trans, useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';

/** The check answers only a proxy Gatehouse trusts: said beside the snippets while Trust proxy is off. */
export function TrustProxyWarning() {
  const { t } = useTranslation('consoleAccess');
  const admin = useAdminClient();
  const settings = useResource('settings', () => admin['settings.get']({}));
  if (settings.state.status !== 'ready' || settings.state.data.startup.trustProxy?.value !== false) return null;
  return (
    <p className="warning" data-testid="trust-proxy-warning">
      <Trans t={t} i18nKey="trustProxy.warning" components={{ settings: <Link href="/admin/settings" /> }} />
    </p>
  );
}
