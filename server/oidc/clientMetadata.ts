// How a stored client is presented to oidc-provider, which loads clients through its adapter.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../db/database.ts';
import { type Client, getClient } from '../db/clients.ts';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** The grants a client may use: a browser sign-in when it has redirect URIs, and those its owner switched on. */
export function clientGrantTypes(client: Client): string[] {
  const signsPeopleIn = client.redirectUris.length > 0;
  return [
    ...(signsPeopleIn ? ['authorization_code'] : []),
    ...(client.deviceFlow ? [DEVICE_CODE_GRANT] : []),
    ...(signsPeopleIn || client.deviceFlow ? ['refresh_token'] : []),
    ...(client.clientCredentials ? ['client_credentials'] : []),
  ];
}

export function clientMetadata(client: Client): AdapterPayload {
  return {
    client_id: client.id,
    client_name: client.name,
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    application_type: client.native ? 'native' : 'web',
    grant_types: clientGrantTypes(client),
    response_types: client.redirectUris.length > 0 ? ['code'] : [],
    id_token_signed_response_alg: client.idTokenAlg,
    // With a back-channel URI the app is told which session ended: its ID tokens carry `sid`, its logout tokens too.
    ...(client.backchannelLogoutUri === null ? {} : { backchannel_logout_uri: client.backchannelLogoutUri, backchannel_logout_session_required: true }),
    require_pushed_authorization_requests: client.requirePar,
    ...(client.secretHash === null
      ? { token_endpoint_auth_method: 'none' }
      : // The provider only ever sees the hash; compareClientSecret is replaced to check against it (and the extra secrets).
        { token_endpoint_auth_method: 'client_secret_basic', client_secret: client.secretHash }),
  };
}

/** The read-only adapter behind the provider's Client model. */
export function clientAdapter(db: Db): Adapter {
  const readOnly = async () => {
    throw new Error('clients are managed by Gatehouse, not through the OIDC provider');
  };
  return {
    async find(id: string) {
      const client = getClient(db, id);
      return client && clientMetadata(client);
    },
    upsert: readOnly,
    findByUid: readOnly,
    findByUserCode: readOnly,
    consume: readOnly,
    destroy: readOnly,
    revokeByGrantId: readOnly,
  };
}
