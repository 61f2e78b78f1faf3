// Beside the issuer on a client's page: apps in a container or on another machine cannot reach a localhost issuer.
// The sentence is the model's localIssuerWarning (the template notes say it too), in the console's language.
import { useTranslation } from 'react-i18next';
import { isLocalOnlyIssuer } from '../../../../server/model/localIssuer.ts';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';

export function LocalIssuerWarning() {
  const { t } = useTranslation('consoleClients');
  const client = useAdminClient();
  const overview = useResource('overview', () => client['overview.get']({}));
  if (overview.state.status !== 'ready' || !isLocalOnlyIssuer(overview.state.data.issuer)) return null;
  return (
    <p className="warning" data-testid="local-issuer-warning">
      {t('localIssuerWarning', { issuer: overview.state.data.issuer })}
    </p>
  );
}
