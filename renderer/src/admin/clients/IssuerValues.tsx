import { useTranslation } from 'react-i18next';
import { CopyableValue } from '../../components/CopyableValue';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { ResourceState } from '../ResourceState';

/** The client id with the issuer and discovery URL: what every app is configured with. */
export function IssuerValues({ clientId }: { clientId: string }) {
  const { t } = useTranslation('consoleClients');
  const client = useAdminClient();
  const overview = useResource('overview', () => client['overview.get']({}));
  return (
    <dl className="facts">
      <div>
        <dt>{t('clientFields.clientId')}</dt>
        <dd>
          <CopyableValue label={t('clientFields.clientId')} value={clientId} testId="client-id-value" />
        </dd>
      </div>
      <ResourceState {...overview}>
        {(data) => (
          <>
            <div>
              <dt>{t('issuerValues.issuer')}</dt>
              <dd>
                <CopyableValue label={t('issuerValues.issuer')} value={data.issuer} />
              </dd>
            </div>
            <div>
              <dt>{t('issuerValues.discoveryUrl')}</dt>
              <dd>
                <CopyableValue label={t('issuerValues.discoveryUrl')} value={data.discoveryUrl} />
              </dd>
            </div>
          </>
        )}
      </ResourceState>
    </dl>
  );
}
