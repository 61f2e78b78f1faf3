// Beside the issuer on a client's page: apps in a container or on another machine cannot reach a localhost issuer.
import { isLocalOnlyIssuer, localIssuerWarning } from '../../../../server/model/localIssuer.ts';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';

export function LocalIssuerWarning() {
  const client = useAdminClient();
  const overview = useResource('overview', () => client['overview.get']({}));
  if (overview.state.status !== 'ready' || !isLocalOnlyIssuer(overview.state.data.issuer)) return null;
  return (
    <p className="warning" data-testid="local-issuer-warning">
      {localIssuerWarning(overview.state.data.issuer)}
    </p>
  );
}
