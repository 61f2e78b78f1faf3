// Upgrading a data directory from the release that stored the provider's state in clear and did not
// sign its cookies: everyone stays signed in, apps' refresh tokens keep working, and the rows end up sealed.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../server/db/database.ts';
import { readKeyFingerprint, readLookupHashKey } from '../../server/db/keyState.ts';
import { createSealer, derivedLookupHashKey, keyFingerprint } from '../../server/db/sealed.ts';
import { authorize, enrol, type Person } from '../support/flows.ts';
import { startTestServer, TEST_ENCRYPTION_KEY, type TestServer } from '../support/testServer.ts';
import { tokenRequest } from '../support/tokenRequest.ts';

const APP_REDIRECT = 'http://localhost:8080/cb';
const APP_SECRET = 'app-secret-0123456789abcdefghijklmnop';

let server: TestServer;
let alice: Person;
let refreshToken: string;

const authorizationUrl = (extra: Record<string, string> = {}) =>
  `${server.issuer}/auth?${new URLSearchParams({ client_id: 'app', response_type: 'code', scope: 'openid offline_access', redirect_uri: APP_REDIRECT, prompt: 'consent', ...extra })}`;

function token(params: Record<string, string>): Promise<Response> {
  return tokenRequest(server.issuer, { id: 'app', secret: APP_SECRET }, params);
}

/** Whether a browser's provider session signs it in to an app without asking (prompt=none). */
async function signedInSilently(person: Person): Promise<boolean> {
  const response = await person.browser.request(authorizationUrl({ prompt: 'none' }));
  return new URL(response.headers.get('location') ?? '/', server.issuer).searchParams.has('code');
}

/**
 * Rewrites the database as the release with schema 2 kept it: `oidc_state` keyed by the ids themselves
 * with plain JSON payloads, no cookie keys, and none of the later clients' columns, custom scopes,
 * forward-auth tables or the tables for signing in without a passkey. Dropping `oidc_state` drops its
 * expiry and account indexes (schema 9) with it; the table is made again with the indexes schema 2 had.
 */
function writeAsPreviousRelease(dataDir: string): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE_NAME));
  const sealer = createSealer(TEST_ENCRYPTION_KEY);
  interface Sealed {
    model: string;
    id_hash: Buffer;
    payload: Buffer;
    expires_at: number | null;
    consumed_at: number | null;
  }
  const rows = db.prepare<[], Sealed>('SELECT model, id_hash, payload, expires_at, consumed_at FROM oidc_state').all();
  db.exec(`DROP TABLE oidc_state; DROP TABLE cookie_keys;
    CREATE TABLE oidc_state (model TEXT NOT NULL, id TEXT NOT NULL, payload TEXT NOT NULL, grant_id TEXT, uid TEXT, user_code TEXT,
      account_id TEXT, expires_at INTEGER, consumed_at INTEGER, UNIQUE (model, id));
    CREATE INDEX oidc_state_grant ON oidc_state(grant_id) WHERE grant_id IS NOT NULL;
    CREATE INDEX oidc_state_uid ON oidc_state(uid) WHERE uid IS NOT NULL;
    CREATE INDEX oidc_state_user_code ON oidc_state(user_code) WHERE user_code IS NOT NULL;
    DROP TABLE custom_scopes;
    DROP TABLE app_passwords; DROP TABLE forward_auth_codes; DROP TABLE forward_auth_sessions;
    DROP TABLE protected_app_allowed_groups; DROP TABLE protected_apps;
    DROP TABLE other_device_requests; DROP TABLE recovery_codes; DROP TABLE email_codes; DROP TABLE sign_in_devices;
    ALTER TABLE users DROP COLUMN alert_new_passkey; ALTER TABLE users DROP COLUMN alert_new_device;
    ALTER TABLE signing_keys DROP COLUMN signs_from; ALTER TABLE signing_keys DROP COLUMN retires_at;
    DROP TABLE user_pictures; DROP TABLE client_logos; ALTER TABLE clients DROP COLUMN template_id;
    ALTER TABLE users DROP COLUMN language; ALTER TABLE browser_sessions DROP COLUMN last_seen_at; ALTER TABLE browser_sessions DROP COLUMN provider_session_uid_hash;
    DELETE FROM settings WHERE name IN ('secret:lookupHashKey', 'key:fingerprint');
    ${['client_credentials', 'device_flow', 'machine_scopes', 'audiences', 'require_par', 'backchannel_logout_uri', 'claim_policy', 'extra_secrets']
      .map((column) => `ALTER TABLE clients DROP COLUMN ${column};`)
      .join('\n')}
    PRAGMA user_version = 2;`);
  const insert = db.prepare('INSERT INTO oidc_state VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const row of rows) {
    const text = sealer.open(row.payload, `gatehouse:oidc_state:${row.model}:${row.id_hash.toString('base64url')}`).toString('utf8');
    const payload = JSON.parse(text) as { jti: string; grantId?: string; uid?: string; userCode?: string; accountId?: string };
    insert.run(
      row.model,
      payload.jti,
      text,
      payload.grantId ?? null,
      payload.uid ?? null,
      payload.userCode ?? null,
      payload.accountId ?? null,
      row.expires_at,
      row.consumed_at,
    );
  }
  db.close();
}

beforeAll(async () => {
  server = await startTestServer();
  server.provision({
    users: [{ username: 'alice', email: 'alice@home.example' }, { username: 'bob' }],
    clients: [{ id: 'app', name: 'Photo app', redirectUris: [APP_REDIRECT], secretFile: server.secretFile('app', APP_SECRET) }],
  });
  alice = await enrol(server, 'alice');
  const signedIn = await authorize(server.issuer, alice, authorizationUrl());
  if (signedIn.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(signedIn)}`);
  const tokens = (await (
    await token({ grant_type: 'authorization_code', code: new URL(signedIn.url).searchParams.get('code')!, redirect_uri: APP_REDIRECT })
  ).json()) as { refresh_token: string };
  refreshToken = tokens.refresh_token;

  await server.gatehouse.stop();
  server.gatehouse.close();
  writeAsPreviousRelease(server.dataDir);
  // The previous release set no signatures beside its cookies.
  for (const name of alice.browser.cookieNames()) if (name.endsWith('.sig')) alice.browser.deleteCookie(name);
  // Sessions count in whole seconds: let the second turn, as it has between any real release and upgrade.
  await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));
  await server.restart();
});

afterAll(async () => {
  await server?.close();
});

describe('upgrading from the previous release', () => {
  it("keeps an app's refresh token working", async () => {
    const response = await token({ grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ refresh_token: expect.any(String), id_token: expect.any(String) });
  });

  it('keeps a person signed in to apps and to their account, and signs the old session cookie', async () => {
    expect(alice.browser.cookie('_session.sig')).toBeUndefined();
    expect(await signedInSilently(alice)).toBe(true);
    expect(alice.browser.cookie('_session.sig')).toBeDefined();
    expect(await signedInSilently(alice)).toBe(true);
    expect((await alice.browser.json(`${server.issuer}/api/session`)).status).toBe(200);
  });

  it('seals the old rows and leaves no table in clear', () => {
    const { db } = server.gatehouse.internals;
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'oidc_state_unsealed'").get()).toBeUndefined();
    const ids = db.prepare<[], { id_hash: Buffer }>('SELECT id_hash FROM oidc_state').all();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.map((row) => row.id_hash.toString('utf8'))).not.toContain(refreshToken);
    for (const index of ['oidc_state_expiry', 'oidc_state_account'])
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?").get(index)).toBeDefined();
  });

  it("records the key's fingerprint and keeps the lookup hashes it had", () => {
    const { db } = server.gatehouse.internals;
    expect(readKeyFingerprint(db)).toBe(keyFingerprint(TEST_ENCRYPTION_KEY));
    expect(readLookupHashKey(db, createSealer(TEST_ENCRYPTION_KEY))).toEqual(derivedLookupHashKey(TEST_ENCRYPTION_KEY));
  });

  it('gives no such help to a session started after the upgrade', async () => {
    const bob = await enrol(server, 'bob');
    expect(await signedInSilently(bob)).toBe(false);
    const fresh = await authorize(server.issuer, bob, authorizationUrl());
    expect(fresh.kind).toBe('redirect');
    bob.browser.deleteCookie('_session.sig');
    expect(await signedInSilently(bob)).toBe(false);
  });
});
