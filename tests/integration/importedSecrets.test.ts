// A client moved in from Pocket ID keeps its apps' secrets: Pocket ID's hashes, SHA-256 or the old bcrypt,
// are accepted at the real token endpoint, beside the client's current secret, each until it expires.
// Regenerating the secret ends them. The hashes come from a Pocket ID database made from its schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashClientSecret, pocketIdSecretHash } from '../../server/auth/clientSecrets.ts';
import { RATE_LIMITS } from '../../server/auth/rateLimits.ts';
import { type ExtraSecret, getClient, upsertClient } from '../../server/db/clients.ts';
import { authorize, enrol, type Person } from '../support/flows.ts';
import { createPocketIdFixture, type PocketIdFixture } from '../support/pocketIdFixture.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { tokenRequest } from '../support/tokenRequest.ts';

const APP_REDIRECT = 'http://localhost:8080/cb';

let server: TestServer;
let ada: Person;
let fixture: PocketIdFixture;
let folder: string;
let now = Date.now();

/** The client's unexpired secrets as Pocket ID stores them, in Gatehouse's form, with their expiry (ms): what an import brings. */
function pocketIdSecrets(clientId: string): ExtraSecret[] {
  const db = new Database(fixture.databaseFile, { readonly: true });
  const row = db.prepare('SELECT credentials FROM oidc_clients WHERE id = ?').get(clientId) as { credentials: Buffer };
  db.close();
  const { secrets } = JSON.parse(row.credentials.toString('utf8')) as { secrets: { alg: string; hash: string; expiresAt?: string }[] };
  return secrets
    .map((secret) => ({ hash: pocketIdSecretHash(secret)!, expiresAt: secret.expiresAt === undefined ? null : Date.parse(secret.expiresAt) }))
    .filter((secret) => secret.expiresAt === null || secret.expiresAt > now);
}

/** A confidential client made in the console, then given secrets carried over from Pocket ID. */
async function carriedOver(id: string, extraSecrets: ExtraSecret[]): Promise<string> {
  const created = (await server.gatehouse.runAdmin('clients.create', { id, name: id, redirectUris: [APP_REDIRECT] })) as { secret: string };
  const db = server.gatehouse.internals.db;
  upsertClient(db, () => now, { ...getClient(db, id)!, extraSecrets }, []);
  return created.secret;
}

/** Ada signs in to the app, which then redeems the code at the token endpoint with this secret. */
async function redeemWith(clientId: string, secret: string): Promise<{ status: number; body: { id_token?: string; error?: string } }> {
  const url = `${server.issuer}/auth?${new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: APP_REDIRECT })}`;
  const outcome = await authorize(server.issuer, ada, url);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome).slice(0, 300)}`);
  const code = new URL(outcome.url).searchParams.get('code')!;
  const response = await tokenRequest(server.issuer, { id: clientId, secret }, { grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT });
  return { status: response.status, body: (await response.json()) as { id_token?: string; error?: string } };
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-pocket-id-'));
  fixture = await createPocketIdFixture(folder, { rpId: 'localhost', origin: server.issuer, now });
  server.provision({ users: [{ username: 'ada' }] });
  ada = await enrol(server, 'ada');
});

afterAll(async () => {
  await server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("Pocket ID's secret hashes", () => {
  it('convert to the same digest Gatehouse computes, or bcrypt as it is; anything else cannot come', () => {
    const [sha256] = pocketIdSecrets(fixture.clients.sha256.id);
    expect(sha256).toEqual({ hash: hashClientSecret(fixture.clients.sha256.secrets[0]!), expiresAt: null });
    const [legacy] = pocketIdSecrets(fixture.clients.bcrypt.id);
    expect(legacy!.hash).toMatch(/^bcrypt:\$2a\$10\$/);
    expect(pocketIdSecretHash({ alg: 'argon2id', hash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA' })).toBeUndefined();
    expect(pocketIdSecretHash({ alg: 'sha256', hash: 'not-hex' })).toBeUndefined();
    expect(pocketIdSecretHash({ alg: 'bcrypt', hash: '$2a$10$short' })).toBeUndefined();
    // A cost far above Pocket ID's would make every wrong secret sent cost seconds of CPU.
    const slowest = legacy!.hash.slice('bcrypt:'.length);
    expect(pocketIdSecretHash({ alg: 'bcrypt', hash: slowest.replace('$10$', '$12$') })).toBe(`bcrypt:${slowest.replace('$10$', '$12$')}`);
    expect(pocketIdSecretHash({ alg: 'bcrypt', hash: slowest.replace('$10$', '$13$') })).toBeUndefined();
    expect(pocketIdSecretHash({ alg: 'sha256', hash: slowest })).toBeUndefined();
  });
});

describe('a client with secrets carried over from Pocket ID', () => {
  let nextcloud: string;
  let immich: string;

  beforeAll(async () => {
    nextcloud = await carriedOver('nextcloud', pocketIdSecrets(fixture.clients.sha256.id));
    immich = await carriedOver('immich', pocketIdSecrets(fixture.clients.bcrypt.id));
  });

  it("accepts the app's SHA-256 secret from Pocket ID at the token endpoint, and its own", async () => {
    const carried = await redeemWith('nextcloud', fixture.clients.sha256.secrets[0]!);
    expect(carried.status).toBe(200);
    expect(carried.body.id_token).toBeDefined();
    expect((await redeemWith('nextcloud', nextcloud)).status).toBe(200);
  });

  it("accepts the app's bcrypt secret from Pocket ID, and nothing near it", async () => {
    const secret = fixture.clients.bcrypt.secrets[0]!;
    expect((await redeemWith('immich', secret)).status).toBe(200);
    expect(await redeemWith('immich', `${secret.slice(0, -1)}x`)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await redeemWith('immich', immich)).status).toBe(200);
  });

  it("accepts a bcrypt secret as the client's own, as an import leaves a client whose only lasting secret it was", async () => {
    await server.gatehouse.runAdmin('clients.create', { id: 'immich-own', name: 'Immich', redirectUris: [APP_REDIRECT] });
    const db = server.gatehouse.internals.db;
    const [legacy] = pocketIdSecrets(fixture.clients.bcrypt.id);
    upsertClient(db, () => now, { ...getClient(db, 'immich-own')!, secretHash: legacy!.hash }, []);
    const secret = fixture.clients.bcrypt.secrets[0]!;
    expect((await redeemWith('immich-own', secret)).status).toBe(200);
    expect(await redeemWith('immich-own', `x${secret.slice(1)}`)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await server.gatehouse.runAdmin('clients.get', { id: 'immich-own' })).toMatchObject({ bcryptSecret: true, carriedOverSecrets: [] });
  });

  it('refuses a secret longer than bcrypt reads, even when its first 72 bytes match', async () => {
    const long = 'L'.repeat(72);
    await carriedOver('long-secret', [{ hash: pocketIdSecretHash({ alg: 'bcrypt', hash: bcrypt.hashSync(long, 4) })!, expiresAt: null }]);
    expect((await redeemWith('long-secret', long)).status).toBe(200);
    expect(await redeemWith('long-secret', `${long}-anything`)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('shows the console how many there are, until when and which are bcrypt, never their hashes', async () => {
    const details = await server.gatehouse.runAdmin('clients.get', { id: 'immich' });
    expect(details).toMatchObject({ public: false, bcryptSecret: false, carriedOverSecrets: [{ expiresAt: null, bcrypt: true }] });
    expect(JSON.stringify(details)).not.toMatch(/bcrypt:|\$2a\$|sha256:/);
  });
});

describe('a carried-over secret with an expiry', () => {
  let own: string;

  beforeAll(async () => {
    // Pocket ID's expired secret is left behind; the newer two come over, the older of them expiring in 30 days.
    own = await carriedOver('paperless', pocketIdSecrets(fixture.clients.twoSecrets.id));
  });

  it('works until it expires, then is refused while the others go on working', async () => {
    const [newest, older] = fixture.clients.twoSecrets.secrets as [string, string];
    expect((await redeemWith('paperless', older)).status).toBe(200);
    expect((await redeemWith('paperless', newest)).status).toBe(200);
    expect(await redeemWith('paperless', fixture.clients.twoSecrets.expiredSecret)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await server.gatehouse.runAdmin('clients.get', { id: 'paperless' })) as object).toMatchObject({
      carriedOverSecrets: [
        { expiresAt: fixture.clients.twoSecrets.olderSecretExpiresAt, bcrypt: false },
        { expiresAt: null, bcrypt: false },
      ],
    });

    now = fixture.clients.twoSecrets.olderSecretExpiresAt - 1;
    expect((await redeemWith('paperless', older)).status).toBe(200);
    now = fixture.clients.twoSecrets.olderSecretExpiresAt;
    expect(await redeemWith('paperless', older)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await redeemWith('paperless', newest)).status).toBe(200);
    expect((await redeemWith('paperless', own)).status).toBe(200);
    expect((await server.gatehouse.runAdmin('clients.get', { id: 'paperless' })) as object).toMatchObject({
      carriedOverSecrets: [{ expiresAt: null, bcrypt: false }],
    });
  });

  it('ends, with every other carried-over secret, when the secret is regenerated', async () => {
    const { secret } = (await server.gatehouse.runAdmin('clients.regenerateSecret', { id: 'paperless' })) as { secret: string };
    const [newest] = fixture.clients.twoSecrets.secrets as [string];
    expect(await redeemWith('paperless', newest)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await redeemWith('paperless', own)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await redeemWith('paperless', secret)).status).toBe(200);
    expect(getClient(server.gatehouse.internals.db, 'paperless')!.extraSecrets).toEqual([]);
    expect((await server.gatehouse.runAdmin('clients.get', { id: 'paperless' })) as object).toMatchObject({ carriedOverSecrets: [] });
  });
});

describe('wrong secrets sent to a client with a bcrypt hash', () => {
  // A server of its own, so the address's bucket holds only what these requests take.
  let guarded: TestServer;
  let own: string;
  const { burst, refillSeconds } = RATE_LIMITS.bcryptClientSecret;

  /** A token request that gets as far as the client's secret: 400 invalid_grant means the secret was right. */
  const withSecret = async (clientId: string, secret: string) => {
    const response = await tokenRequest(
      guarded.issuer,
      { id: clientId, secret },
      { grant_type: 'authorization_code', code: 'no-such-code', redirect_uri: APP_REDIRECT },
    );
    return { status: response.status, body: (await response.json()) as { error?: string; error_description?: string } };
  };

  beforeAll(async () => {
    guarded = await startTestServer({ clock: () => now });
    const created = (await guarded.gatehouse.runAdmin('clients.create', { id: 'immich', name: 'Immich', redirectUris: [APP_REDIRECT] })) as { secret: string };
    own = created.secret;
    const db = guarded.gatehouse.internals.db;
    upsertClient(db, () => now, { ...getClient(db, 'immich')!, extraSecrets: pocketIdSecrets(fixture.clients.bcrypt.id) }, []);
    await guarded.gatehouse.runAdmin('clients.create', { id: 'plain', name: 'Plain', redirectUris: [APP_REDIRECT] });
  });

  afterAll(async () => {
    await guarded?.close();
  });

  it('are limited per address, counted before the check so parallel ones cannot pass; right secrets never count', async () => {
    const right = fixture.clients.bcrypt.secrets[0]!;
    for (let i = 0; i < burst + 2; i++) expect(await withSecret('immich', right)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const wrong = await Promise.all(Array.from({ length: burst + 3 }, (_, i) => withSecret('immich', `wrong-${i}`)));
    expect(wrong.filter((answer) => answer.status === 401 && answer.body.error === 'invalid_client')).toHaveLength(burst);
    const limited = wrong.filter((answer) => answer.status === 429);
    expect(limited).toHaveLength(3);
    expect(limited[0]!.body).toMatchObject({
      error: 'rate_limited',
      error_description: expect.stringMatching(/^Too many wrong client secrets from your address\. Wait \d+ seconds/),
    });

    // Spent: the bcrypt secret waits too, but a SHA-256 secret is checked without bcrypt and never waits.
    expect((await withSecret('immich', right)).status).toBe(429);
    expect(await withSecret('immich', own)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    for (let i = 0; i <= burst; i++) expect((await withSecret('plain', `wrong-${i}`)).status).toBe(401);

    now += refillSeconds * 1000;
    expect(await withSecret('immich', right)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await withSecret('immich', right)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await withSecret('immich', 'wrong-again')).status).toBe(401);
    expect((await withSecret('immich', 'wrong-again')).status).toBe(429);
  });
});
