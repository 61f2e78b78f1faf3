import { CopyableValue } from '../../components/CopyableValue';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { ResourceState } from '../ResourceState';

/** The client id with the issuer and discovery URL: what every app is configured with. */
export function IssuerValues({ clientId }: { clientId: string }) {
  const client = useAdminClient();
  const overview = useResource('overview', () => client['overview.get']({}));
  return (
    <dl className="facts">
      <div>
        <dt>Client ID</dt>
        <dd>
          <CopyableValue label="Client ID" value={clientId} testId="client-id-value" />
        </dd>
      </div>
      <ResourceState {...overview}>
        {(data) => (
          <>
            <div>
              <dt>Issuer</dt>
              <dd>
                <CopyableValue label="Issuer" value={data.issuer} />
              </dd>
            </div>
            <div>
              <dt>Discovery URL</dt>
              <dd>
                <CopyableValue label="Discovery URL" value={data.discoveryUrl} />
              </dd>
            </div>
          </>
        )}
      </ResourceState>
    </dl>
  );
}
