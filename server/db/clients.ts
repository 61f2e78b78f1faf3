// OIDC clients (the apps that sign people in through Gatehouse) and the groups allowed to use them.
import type { Clock, Db } from './database.ts';
import type { SigningAlgorithm } from '../model/signingAlgorithms.ts';
import { type ClaimPolicy, DEFAULT_CLAIM_POLICY } from '../model/claimPolicy.ts';
import { prepared } from './statements.ts';

/** A secret accepted beside the client's current one, until it expires: one carried over from another provider. */
export interface ExtraSecret {
  /** The same forms as Client.secretHash (see auth/clientSecrets.ts). */
  hash: string;
  /** When it stops being accepted (ms); null: until a new secret is made. */
  expiresAt: number | null;
}

export interface Client {
  id: string;
  name: string;
  /** Hash of the secret; null for a public client (PKCE, no secret). */
  secretHash: string | null;
  /** Also accepted, each until it expires; a new secret ends them all. */
  extraSecrets: ExtraSecret[];
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  skipConsent: boolean;
  requirePkce: boolean;
  /** Native app: custom-scheme redirects, and any port on loopback redirects (RFC 8252). */
  native: boolean;
  idTokenAlg: SigningAlgorithm;
  launchUrl: string | null;
  /** Seconds; null means Gatehouse's default. */
  accessTokenTtl: number | null;
  refreshTokenTtl: number | null;
  /** Names of the groups allowed to use the client; empty means everyone. */
  allowedGroups: string[];
  /** May use the client credentials grant: a robot or script acting for itself, no person. */
  clientCredentials: boolean;
  /** May use the device authorization grant (RFC 8628): TVs and command lines. */
  deviceFlow: boolean;
  /** The scopes a machine client may ask for with client credentials. */
  machineScopes: string[];
  /** Resource servers (absolute URIs) a machine client's tokens may be for; such a token is a JWT (RFC 9068). */
  audiences: string[];
  /** Authorization requests must come by pushed authorization request (RFC 9126). */
  requirePar: boolean;
  /** Where Gatehouse posts a logout token when a session of this client ends. */
  backchannelLogoutUri: string | null;
  claimPolicy: ClaimPolicy;
  source: 'console' | 'provision';
}

interface ClientRow {
  id: string;
  name: string;
  secret_hash: string | null;
  extra_secrets: string;
  redirect_uris: string;
  post_logout_redirect_uris: string;
  skip_consent: number;
  require_pkce: number;
  native: number;
  id_token_alg: SigningAlgorithm;
  launch_url: string | null;
  access_token_ttl: number | null;
  refresh_token_ttl: number | null;
  client_credentials: number;
  device_flow: number;
  machine_scopes: string;
  audiences: string;
  require_par: number;
  backchannel_logout_uri: string | null;
  claim_policy: string;
  source: Client['source'];
}

function toClient(db: Db, row: ClientRow): Client {
  return {
    id: row.id,
    name: row.name,
    secretHash: row.secret_hash,
    extraSecrets: JSON.parse(row.extra_secrets),
    redirectUris: JSON.parse(row.redirect_uris),
    postLogoutRedirectUris: JSON.parse(row.post_logout_redirect_uris),
    skipConsent: row.skip_consent === 1,
    requirePkce: row.require_pkce === 1,
    native: row.native === 1,
    idTokenAlg: row.id_token_alg,
    launchUrl: row.launch_url,
    accessTokenTtl: row.access_token_ttl,
    refreshTokenTtl: row.refresh_token_ttl,
    allowedGroups: prepared<[string], { name: string }>(
      db,
      'SELECT g.name FROM groups g JOIN client_allowed_groups a ON a.group_id = g.id WHERE a.client_id = ? ORDER BY g.name',
    )
      .all(row.id)
      .map((r) => r.name),
    clientCredentials: row.client_credentials === 1,
    deviceFlow: row.device_flow === 1,
    machineScopes: JSON.parse(row.machine_scopes),
    audiences: JSON.parse(row.audiences),
    requirePar: row.require_par === 1,
    backchannelLogoutUri: row.backchannel_logout_uri,
    // Stored before a field existed means the field's default.
    claimPolicy: { ...DEFAULT_CLAIM_POLICY, ...JSON.parse(row.claim_policy) },
    source: row.source,
  };
}

// Clients are read on every authorization and token request and change rarely: keep them in memory.
// Writes in this process forget them at once; another process's writes are noticed by the server's
// data_version poll, which calls forgetCachedClients.
const clientCaches = new WeakMap<Db, Map<string, Client | undefined>>();

export function forgetCachedClients(db: Db): void {
  clientCaches.delete(db);
}

export function getClient(db: Db, id: string): Client | undefined {
  let cache = clientCaches.get(db);
  if (!cache) clientCaches.set(db, (cache = new Map()));
  if (!cache.has(id)) {
    const row = prepared<[string], ClientRow>(db, 'SELECT * FROM clients WHERE id = ?').get(id);
    cache.set(id, row && toClient(db, row));
  }
  return cache.get(id);
}

export function listClients(db: Db): Client[] {
  return prepared<[], ClientRow>(db, 'SELECT * FROM clients ORDER BY name')
    .all()
    .map((row) => toClient(db, row));
}

/**
 * Creates or replaces a client; allowed groups are given by id and must exist. Extra secrets left out
 * are none: a client written afresh (a new secret, a provisioning file) accepts only its own secret.
 */
export function upsertClient(
  db: Db,
  clock: Clock,
  client: Omit<Client, 'allowedGroups' | 'extraSecrets'> & Partial<Pick<Client, 'extraSecrets'>>,
  allowedGroupIds: string[],
): void {
  forgetCachedClients(db);
  const now = clock();
  prepared(
    db,
    `INSERT INTO clients (id, name, secret_hash, extra_secrets, redirect_uris, post_logout_redirect_uris, skip_consent,
      require_pkce, native, id_token_alg, launch_url, access_token_ttl, refresh_token_ttl, client_credentials, device_flow,
      machine_scopes, audiences, require_par, backchannel_logout_uri, claim_policy, source, created_at, updated_at)
    VALUES (@id, @name, @secretHash, @extraSecrets, @redirectUris, @postLogoutRedirectUris, @skipConsent, @requirePkce, @native,
      @idTokenAlg, @launchUrl, @accessTokenTtl, @refreshTokenTtl, @clientCredentials, @deviceFlow, @machineScopes,
      @audiences, @requirePar, @backchannelLogoutUri, @claimPolicy, @source, @now, @now)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, secret_hash = excluded.secret_hash, extra_secrets = excluded.extra_secrets,
      redirect_uris = excluded.redirect_uris, post_logout_redirect_uris = excluded.post_logout_redirect_uris,
      skip_consent = excluded.skip_consent, require_pkce = excluded.require_pkce, native = excluded.native,
      id_token_alg = excluded.id_token_alg, launch_url = excluded.launch_url, access_token_ttl = excluded.access_token_ttl,
      refresh_token_ttl = excluded.refresh_token_ttl, client_credentials = excluded.client_credentials,
      device_flow = excluded.device_flow, machine_scopes = excluded.machine_scopes, audiences = excluded.audiences,
      require_par = excluded.require_par, backchannel_logout_uri = excluded.backchannel_logout_uri,
      claim_policy = excluded.claim_policy, source = excluded.source, updated_at = excluded.updated_at`,
  ).run({
    ...client,
    extraSecrets: JSON.stringify(client.extraSecrets ?? []),
    redirectUris: JSON.stringify(client.redirectUris),
    postLogoutRedirectUris: JSON.stringify(client.postLogoutRedirectUris),
    skipConsent: client.skipConsent ? 1 : 0,
    requirePkce: client.requirePkce ? 1 : 0,
    native: client.native ? 1 : 0,
    clientCredentials: client.clientCredentials ? 1 : 0,
    deviceFlow: client.deviceFlow ? 1 : 0,
    machineScopes: JSON.stringify(client.machineScopes),
    audiences: JSON.stringify(client.audiences),
    requirePar: client.requirePar ? 1 : 0,
    claimPolicy: JSON.stringify(client.claimPolicy),
    now,
  });
  prepared(db, 'DELETE FROM client_allowed_groups WHERE client_id = ?').run(client.id);
  const insert = prepared(db, 'INSERT INTO client_allowed_groups (client_id, group_id) VALUES (?, ?)');
  for (const groupId of allowedGroupIds) insert.run(client.id, groupId);
}

export function deleteClient(db: Db, id: string): boolean {
  forgetCachedClients(db);
  return prepared(db, 'DELETE FROM clients WHERE id = ?').run(id).changes === 1;
}

export function markClientEditedInConsole(db: Db, clock: Clock, id: string): void {
  prepared(db, "UPDATE clients SET console_edited_at = ? WHERE id = ? AND source = 'provision'").run(clock(), id);
}
