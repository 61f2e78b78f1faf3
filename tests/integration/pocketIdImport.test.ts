// Moving in from Pocket ID, as an owner does it: `gatehouse import pocket-id` on a Pocket ID data folder
// (made from Pocket ID 2.14's schema, passkeys registered by the software authenticator), then the same
// passkeys sign in to the same apps, with the same `sub`, groups, claims and client secrets.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../renderer/src/admin/audit/auditSentence.ts';
import type { AuditEntry } from '../../server/admin/auditOperations.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { Browser } from '../support/browser.ts';
import { runCli } from '../support/cliProcess.ts';
import { authorize } from '../support/flows.ts';
import { createPocketIdFixture, type PocketIdFixture, type PocketIdFixtureClient, type PocketIdFixtureUser } from '../support/pocketIdFixture.ts';
import type { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { freePort, startTestServer, TEST_ENCRYPTION_KEY, type TestServer } from '../support/testServer.ts';
import { tokenRequest } from '../support/tokenRequest.ts';

/** The tables an import writes. */
const IMPORTED_TABLES = ['users', 'groups', 'group_members', 'user_claims', 'group_claims', 'passkeys', 'clients', 'client_allowed_groups', 'audit_events'];

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

let fixture: PocketIdFixture;
let pocketIdDigest: string;
let dataDir: string;
let port: number;
let issuer: string;
let server: TestServer | undefined;

const cli = (args: string[]) =>
  runCli(['import', 'pocket-id', ...args, '--data-dir', dataDir, '--issuer', issuer], { GATEHOUSE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY });

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every row of the tables an import writes, read beside the server. */
function snapshot(dir: string): Record<string, unknown[]> {
  const db = new Database(path.join(dir, 'gatehouse.db'), { readonly: true });
  try {
    return Object.fromEntries(IMPORTED_TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

async function relyingParty(client: PocketIdFixtureClient, secret = client.secrets[0]): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), client.id, secret, secret ? oidc.ClientSecretBasic(secret) : oidc.None(), { execute: [oidc.allowInsecureRequests] });
}

/** An app's code flow for a person holding `authenticator`: the tokens, with the ID token's claims. */
async function signIn(client: PocketIdFixtureClient, authenticator: SoftwareAuthenticator, secret?: string) {
  const config = await relyingParty(client, secret);
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: client.callbackUrls[0]!,
    scope: 'openid profile email groups',
    state: 'st',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const outcome = await authorize(issuer, { browser: new Browser(), authenticator }, url.href);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome).slice(0, 400)}`);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(outcome.url), { pkceCodeVerifier: verifier, expectedState: 'st', idTokenExpected: true });
  return tokens.claims()!;
}

/** Whether the token endpoint takes the secret: a known client with a bad code is invalid_grant, a bad secret invalid_client. */
async function secretAccepted(client: PocketIdFixtureClient, secret: string): Promise<boolean> {
  const response = await tokenRequest(
    issuer,
    { id: client.id, secret },
    { grant_type: 'authorization_code', code: 'not-a-code', redirect_uri: client.callbackUrls[0]! },
  );
  const { error } = (await response.json()) as { error: string };
  if (error !== 'invalid_grant' && error !== 'invalid_client') throw new Error(`unexpected answer ${response.status} ${error}`);
  return error === 'invalid_grant';
}

const person = (user: PocketIdFixtureUser) => user.authenticators[0]!;

beforeAll(async () => {
  // Pocket ID ran on localhost too: the passkeys' relying party id is the host Gatehouse serves.
  fixture = await createPocketIdFixture(tempDir('pocket-id-'), { rpId: 'localhost', origin: 'http://localhost:1411' });
  pocketIdDigest = digest(fixture.databaseFile);
  dataDir = path.join(tempDir('gatehouse-import-'), 'data');
  port = await freePort();
  issuer = `http://localhost:${port}`;
});

afterAll(async () => {
  await server?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// Each command is a process of its own, opening the data directory: a few of them take a while on a busy machine.
describe('gatehouse import pocket-id', { timeout: 120_000 }, () => {
  it('says in a dry run what would come and what cannot, and leaves a data directory without Gatehouse untouched', async () => {
    const result = await cli([fixture.folder, '--dry-run']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`From Pocket ID at http://localhost:1411: ${fixture.databaseFile} (only read)`);
    expect(result.stdout).toContain('(a dry run: nothing changed)');
    expect(result.stdout).toContain('2 users: ada (admin), grace');
    expect(result.stdout).toContain('2 groups: designers, developers (3 memberships)');
    expect(result.stdout).toContain('2 custom claims');
    expect(result.stdout).toContain('3 passkeys');
    expect(result.stdout).toMatch(/6 clients: .*Grafana \(grafana\).*Immich \(immich\)/);
    // What cannot come, each with its reason.
    expect(result.stdout).toContain(
      'the callback URL https://*.grafana.home.example/login/generic_oauth: it has a wildcard, and Gatehouse matches URLs exactly',
    );
    expect(result.stdout).toContain('1 federated identity (JWT client assertions from another issuer)');
    expect(result.stdout).toContain('1 API key: scripts that used it need a Gatehouse API key');
    expect(result.stdout).toContain('start with the counter at 0 and no model name');
    // The secrets come along; the bcrypt one is named for rotation.
    expect(result.stdout).toContain('5 clients would keep their Pocket ID secrets');
    expect(result.stdout).toContain('Start with Immich: its secret is bcrypt');
    expect(readdirSync(path.dirname(dataDir))).toEqual([]);
  });

  it('refuses passkeys made for another host than the issuer, saying why, unless forced', async () => {
    const refused = await cli([fixture.databaseFile, '--pocket-id-url', 'https://id.home.example']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `gatehouse: the passkeys were made for id.home.example, and Gatehouse's issuer ${issuer} is on localhost: browsers offer a passkey only to the host it was made for.`,
    );
    expect(refused.stderr).toContain('or import with --force to bring everything now');
    expect(refused.stderr).toContain(`gatehouse: Nothing was imported from ${fixture.databaseFile}.`);
    expect(snapshot(dataDir).users).toEqual([]);

    const forced = await cli([fixture.databaseFile, '--pocket-id-url', 'https://id.home.example', '--force', '--dry-run']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("come anyway (--force) and work once Gatehouse's issuer is on id.home.example (https://id.home.example)");
  });

  it('refuses when it cannot tell which host the passkeys belong to, or finds no database', async () => {
    // The database file alone, away from the .env that says Pocket ID's address.
    const lone = path.join(tempDir('pocket-id-db-'), 'pocket-id.db');
    copyFileSync(fixture.databaseFile, lone);
    const unknown = await cli([lone]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      "gatehouse: Pocket ID's address is unknown, and its passkeys work only if Gatehouse serves the same host: give it with --pocket-id-url",
    );
    const missing = await cli([path.join(fixture.folder, 'nothing-here')]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining("does not exist: give Pocket ID's data folder or its database file") });
    const byFolder = await cli([path.dirname(lone), '--dry-run', '--pocket-id-url', 'http://localhost:1411']);
    expect(byFolder).toMatchObject({ code: 0, stdout: expect.stringContaining(`From Pocket ID at http://localhost:1411: ${lone} (only read)`) });
    expect(snapshot(dataDir).users).toEqual([]);
  });

  it('refuses a mistake in the command with exit code 2', async () => {
    expect(await cli([fixture.folder, '--dry-run', '--pocket-id-url', 'id.home.example'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`gatehouse: --pocket-id-url must be Pocket ID's address, like https://id.home.example; got "id.home.example".`),
    });
    expect(await cli(['--dry-run'])).toMatchObject({ code: 2, stderr: expect.stringContaining("name Pocket ID's data folder or database file") });
    expect(await runCli(['import', 'authelia', fixture.folder])).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot import from "authelia"') });
    expect(snapshot(dataDir).users).toEqual([]);
  });

  it('imports everything in one go; the passkeys sign in, with the same sub, groups, claims and secrets', async () => {
    const result = await cli([fixture.folder]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // The refusals above opened the data directory: the import goes into the Gatehouse they made.
    expect(result.stdout).toContain(`Imported into ${dataDir}:`);
    expect(result.stdout).toContain('Next: stop Pocket ID');

    server = await startTestServer({ dataDir, port });
    const { admin, member } = fixture.users;
    const { sha256, bcrypt, twoSecrets, wildcard, restricted } = fixture.clients;

    // ada signs in to Nextcloud with the passkey she made in Pocket ID; Nextcloud authenticates with its old secret.
    const ada = await signIn(sha256, person(admin));
    expect(ada).toMatchObject({
      sub: admin.id,
      preferred_username: 'ada',
      email: admin.email,
      email_verified: true,
      given_name: 'Ada',
      family_name: 'Lovelace',
      name: 'Ada Lovelace',
      groups: ['developers'],
      department: 'Research',
      permissions: ['deploy', 'review'],
    });
    // Her other passkey works too.
    expect((await signIn(sha256, admin.authenticators[1]!)).sub).toBe(admin.id);
    // grace signs in to Immich, whose secret Pocket ID kept as bcrypt.
    const grace = await signIn(bcrypt, person(member));
    expect(grace).toMatchObject({ sub: member.id, email_verified: false, groups: ['designers', 'developers'], permissions: ['deploy', 'review'] });
    expect(grace.department).toBeUndefined();

    // Both unexpired secrets of a client with several work; the expired one does not.
    const [newest, older] = twoSecrets.secrets as [string, string];
    expect(await secretAccepted(twoSecrets, newest)).toBe(true);
    expect(await secretAccepted(twoSecrets, older)).toBe(true);
    expect(await secretAccepted(twoSecrets, twoSecrets.expiredSecret)).toBe(false);
    expect(await secretAccepted(sha256, 'a-wrong-secret-0123456789abcdef')).toBe(false);
    expect(await secretAccepted(bcrypt, bcrypt.secrets[0]!)).toBe(true);

    const client = (id: string) => server!.gatehouse.runAdmin('clients.get', { id }) as Promise<Record<string, unknown>>;
    expect(await client(wildcard.id)).toMatchObject({ redirectUris: ['https://grafana.home.example/login/generic_oauth'], public: false });
    expect(await client(restricted.id)).toMatchObject({
      allowedGroups: ['developers'],
      skipConsent: true,
      requirePar: true,
      accessTokenTtl: 30 * 60,
      refreshTokenTtl: 24 * 60 * 60,
    });
    expect(await client(fixture.clients.public.id)).toMatchObject({
      public: true,
      requirePkce: true,
      postLogoutRedirectUris: ['https://dash.home.example/'],
    });
    expect(await client(sha256.id)).toMatchObject({ name: 'Nextcloud', launchUrl: 'https://cloud.home.example', allowedGroups: [] });

    const db = server.gatehouse.internals.db;
    const passkeys = db
      .prepare('SELECT id, transports, backup_eligible, backed_up, counter, aaguid FROM passkeys WHERE user_id = ? ORDER BY created_at, name')
      .all(admin.id);
    expect(passkeys).toEqual(
      expect.arrayContaining([
        { id: admin.credentialIds[0], transports: '["hybrid","internal"]', backup_eligible: 1, backed_up: 1, counter: expect.any(Number), aaguid: null },
        { id: admin.credentialIds[1], transports: '["nfc","usb"]', backup_eligible: 0, backed_up: 0, counter: expect.any(Number), aaguid: null },
      ]),
    );
    expect(listAuditEvents(db, { event: 'pocket_id.imported' })).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ users: 2, groups: 2, passkeys: 3, clients: 6, from: fixture.databaseFile }) }),
    ]);
    const { events } = (await server.gatehouse.runAdmin('audit.list', { event: 'pocket_id.imported' })) as { events: AuditEntry[] };
    const [imported] = events as [AuditEntry];
    expect(describeAuditEvent(imported).sentence).toBe(
      `Moved in from Pocket ID (${fixture.databaseFile}): 2 users, 2 groups, 3 passkeys, 6 clients; ${imported.details.leftBehind} things stayed behind`,
    );
    expect(digest(fixture.databaseFile)).toBe(pocketIdDigest);
  });

  it('refuses a second import, listing every conflict, and a dry run of it changes nothing', async () => {
    const before = snapshot(dataDir);
    const dryRun = await cli([fixture.folder, '--dry-run']);
    expect(dryRun.code).toBe(1);
    expect(dryRun.stderr).toContain('gatehouse: the import would be refused, and nothing imported:');
    for (const conflict of [
      `user ada: Gatehouse's user ada already has the id ${fixture.users.admin.id}`,
      'user grace: Gatehouse already has a user named grace',
      "user ada: Gatehouse's user ada already has the email address ada@home.example",
      'group "developers": Gatehouse already has a group of that name',
      'client "Immich" (immich): Gatehouse already has a client with the id immich',
      'a passkey of ada: Gatehouse already has this passkey',
    ])
      expect(dryRun.stderr).toContain(conflict);
    expect(snapshot(dataDir)).toEqual(before);

    expect(() => server!.gatehouse.importPocketId({ source: fixture.folder })).toThrow(
      expect.objectContaining({ code: 'import_refused', message: expect.stringContaining('Gatehouse already has a client with the id paperless') }),
    );
    expect(snapshot(dataDir)).toEqual(before);
    expect(digest(fixture.databaseFile)).toBe(pocketIdDigest);
  });

  it('says why each record that cannot come stays behind, and never opens a restricted client to everyone', async () => {
    const folder = tempDir('pocket-id-odd-');
    cpSync(fixture.folder, folder, { recursive: true });
    const source = new Database(path.join(folder, 'data', 'pocket-id.db'));
    const made = Math.floor(Date.now() / 1000);
    source.exec(`
      INSERT INTO user_groups (id, created_at, name, friendly_name) VALUES ('g-odd', ${made}, 'Home Users', 'Home users');
      INSERT INTO users (id, created_at, username, first_name, last_name, display_name, is_admin) VALUES ('00000000-0000-0000-0000-000000000000', ${made}, 'static-api-user-x1y2z3', 'Static API User', '', 'Static API User', 1);
      INSERT INTO users (id, created_at, username, first_name, last_name, display_name, is_admin) VALUES ('../mallory', ${made}, 'mallory', 'Mallory', '', 'Mallory', 0);
      INSERT INTO custom_claims (id, created_at, key, value, user_id) VALUES ('c-odd', ${made}, 'email', 'x@y.example', '${fixture.users.member.id}');
      UPDATE oidc_clients SET is_group_restricted = 1 WHERE id = 'immich';
      INSERT INTO oidc_clients_allowed_user_groups (oidc_client_id, user_group_id) VALUES ('immich', 'g-odd');
      INSERT INTO oidc_clients (id, created_at, name, callback_urls, credentials, client_type, is_public)
        VALUES ('https://app.example/client.json', ${made}, 'Agent', X'5B2268747470733A2F2F6170702E6578616D706C652F6362225D', X'7B7D', 'cimd', 1);
      UPDATE oidc_clients SET callback_urls = X'5B5D' WHERE id = 'dashboard';
      UPDATE oidc_clients SET callback_urls = '["http://127.0.0.1:8000/callback"]' WHERE id = 'grafana';
      UPDATE oidc_clients SET callback_urls = '["https://paper.home.example/cb","http://localhost:8000/cb"]' WHERE id = 'paperless';
    `);
    source.close();
    const other = await startTestServer();
    try {
      const before = snapshot(other.dataDir);
      const { plan, imported } = other.gatehouse.importPocketId({ source: folder, dryRun: true, pocketIdUrl: 'http://localhost:1411' });
      expect(imported).toBe(false);
      expect(plan.refusals).toEqual([]);
      expect(plan.leftBehind).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^group "Home Users": its name may use letters, digits and \. _ : -/),
          'the custom claim "email" of the user grace: it is a standard claim Gatehouse sets itself; choose another name',
          expect.stringMatching(/^user static-api-user-x1y2z3: Pocket ID made this admin for its STATIC_API_KEY, and nobody signs in as it/),
          expect.stringMatching(/^user mallory: its id "\.\.\/mallory" may use only letters, digits and \. _ ~ -, starting with a letter or digit/),
          'client "Immich" (immich): it is restricted to groups but none of them comes over, so nobody may use it; create it in the console with the groups you mean',
          expect.stringMatching(/^client "Agent" \(https:\/\/app\.example\/client\.json\): it is known by its metadata document's URL \(CIMD\)/),
          expect.stringMatching(
            /^client "Home Dashboard" \(dashboard\): it has no callback URL, so in Pocket ID it served only device sign-in or machine tokens/,
          ),
        ]),
      );
      expect(plan.clients.map(({ client }) => client.id)).not.toEqual(expect.arrayContaining(['immich']));
      // Pocket ID takes a localhost callback on any port: a client that has only such callbacks comes as a native app, which does too.
      expect(plan.clients.find(({ client }) => client.id === 'grafana')?.client).toMatchObject({
        native: true,
        redirectUris: ['http://127.0.0.1:8000/callback'],
      });
      expect(plan.clients.find(({ client }) => client.id === 'paperless')?.client.native).toBe(false);
      expect(plan.notes).toContain(
        'client "Paperless-ngx" (paperless): Pocket ID took its localhost callback URLs on any port; Gatehouse takes them only with the port registered',
      );
      expect(plan.groups.map((group) => group.name)).toEqual(['designers', 'developers']);
      expect(plan.users.map((user) => user.fields.username)).toEqual(['ada', 'grace']);
      expect(snapshot(other.dataDir)).toEqual(before);
    } finally {
      await other.close();
    }
  });

  it('imports nothing when one record conflicts', async () => {
    const other = await startTestServer();
    try {
      other.provision({ clients: [{ id: 'immich', name: 'Immich', redirectUris: ['https://photos.home.example/auth/login'], public: true }] });
      const before = snapshot(other.dataDir);
      expect(() => other.gatehouse.importPocketId({ source: fixture.folder })).toThrow(
        expect.objectContaining({
          code: 'import_refused',
          message: expect.stringMatching(/^client "Immich" \(immich\): Gatehouse already has a client with the id immich\n/),
        }),
      );
      expect(snapshot(other.dataDir)).toEqual(before);
    } finally {
      await other.close();
    }
  });

  it("refuses a person whose id apps know as somebody else's: an existing user's but for case, or a deleted person's", async () => {
    const { admin, member } = fixture.users;
    const folder = tempDir('pocket-id-ids-');
    cpSync(fixture.folder, folder, { recursive: true });
    const source = new Database(path.join(folder, 'data', 'pocket-id.db'));
    const made = Math.floor(Date.now() / 1000);
    source.exec(`
      INSERT INTO users (id, created_at, username, first_name, last_name, display_name, is_admin) VALUES ('lin-1', ${made}, 'lin', 'Lin', '', 'Lin', 0);
      INSERT INTO users (id, created_at, username, first_name, last_name, display_name, is_admin) VALUES ('LIN-1', ${made}, 'linus', 'Linus', '', 'Linus', 0);
    `);
    source.close();
    const other = await startTestServer();
    try {
      // augusta's id is ada's but for case; gracie had grace's id until she was deleted in the console.
      other.provision({
        users: [
          { id: admin.id.toUpperCase(), username: 'augusta' },
          { id: member.id, username: 'gracie' },
        ],
      });
      await other.gatehouse.runAdmin('users.delete', { id: member.id });
      const before = snapshot(other.dataDir);
      let refusal: unknown;
      try {
        other.gatehouse.importPocketId({ source: folder });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toMatchObject({ code: 'import_refused' });
      const reasons = (refusal as Error).message.split('\n');
      expect(reasons).toEqual(
        expect.arrayContaining([
          `user ada: Gatehouse's user augusta already has the id ${admin.id.toUpperCase()} (${admin.id} but for case, and apps may compare ids without case)`,
          `user grace: the id ${member.id} was that of gracie, deleted from Gatehouse, and apps may still keep that person's account under it`,
          'users lin and linus have the same id but for case, and apps may compare ids without case: change one in Pocket ID',
        ]),
      );
      // Every conflict is listed, then what to do.
      expect(reasons).toHaveLength(4);
      expect(snapshot(other.dataDir)).toEqual(before);
    } finally {
      await other.close();
    }
  });

  it('takes a deleted person back under their id when they come with the same username', async () => {
    const { member } = fixture.users;
    const other = await startTestServer();
    try {
      other.provision({ users: [{ id: member.id, username: 'grace' }] });
      await other.gatehouse.runAdmin('users.delete', { id: member.id });
      const { plan, imported } = other.gatehouse.importPocketId({ source: fixture.folder });
      expect(plan.refusals).toEqual([]);
      expect(imported).toBe(true);
      expect(other.gatehouse.internals.db.prepare('SELECT id FROM users WHERE username = ?').get('grace')).toEqual({ id: member.id });
    } finally {
      await other.close();
    }
  });
});
