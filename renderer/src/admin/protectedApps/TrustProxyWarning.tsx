import { Link } from '../../components/Link';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';

/** The check answers only a proxy Gatehouse trusts: said beside the snippets while Trust proxy is off. */
export function TrustProxyWarning() {
  const admin = useAdminClient();
  const settings = useResource('settings', () => admin['settings.get']({}));
  if (settings.state.status !== 'ready' || settings.state.data.startup.trustProxy?.value !== false) return null;
  return (
    <p className="warning" data-testid="trust-proxy-warning">
      Forward-auth needs Gatehouse to trust your proxy: set Trust proxy in <Link href="/admin/settings">Settings</Link> to the proxy’s address (for example
      127.0.0.1 when it runs on this computer). Until then Gatehouse refuses every check.
    </p>
  );
}
