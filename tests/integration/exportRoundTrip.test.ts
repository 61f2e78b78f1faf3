// `gatehouse export` → `gatehouse apply` on an empty Gatehouse makes the same records: every kind of record
// and every field the console can set, read back through the admin API, with the apps' secrets still working.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createGatehouse, type Gatehouse } from '../../server/index.ts';
import { createLogger } from '../../server/logger.ts';
import { runCli } from '../support/cliProcess.ts';
import { freePort, localOptions, TEST_ENCRYPTION_KEY } from '../support/testServer.ts';
import { tokenRequest } from '../support/tokenRequest.ts';

const ISSUER = 'https://auth.home.example';
const MAIL_PASSWORD = 'mail-password-of-the-relay';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-export-'));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The CLI against a data directory, with the test's key-encryption key. */
const cli = (args: string[], dataDir: string, env: NodeJS.ProcessEnv = {}) =>
  runCli([...args, '--data-dir', dataDir, '--issuer', ISSUER], { GATEHOUSE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, ...env });

async function openInstance(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Gatehouse> {
  const options = { ...localOptions(await freePort(), dataDir), issuer: ISSUER };
  return createGatehouse(options, { logger: createLogger('silent'), env });
}

interface Filled {
  /** Each confidential client's secret, by client id. */
  secrets: Record<string, string>;
}

/** Every kind of record, with every field the admin API sets, off its default wherever it has one. */
async function fill(gatehouse: Gatehouse): Promise<Filled> {
  const admin = (name: string, input: unknown) => gatehouse.runAdmin(name, input) as Promise<Record<string, unknown>>;
  await admin('groups.create', { name: 'admins', displayName: 'Administrators', claims: { quota: 200, nested: { list: [1, 'two', null, true] } } });
  await admin('groups.create', { name: 'family' });
  await admin('groups.create', { name: 'editors', claims: { role: 'editor' } });

  const alice = await admin('users.create', {
    username: 'alice',
    email: 'alice@home.example',
    givenName: 'Alice',
    familyName: 'Liddell',
    displayName: 'Alice L.',
    picture: 'https://home.example/alice.png',
    isAdmin: true,
    groups: ['admins', 'family'],
    claims: { immich_role: 'admin', limits: { storage: 5.5, devices: [] } },
  });
  const bob = await admin('users.create', { username: 'bob', email: 'bob@home.example', emailVerified: false, groups: ['family'] });
  await admin('users.setDisabled', { id: bob.id, disabled: true });
  await admin('users.create', { username: 'carol' });
  // A group's claims stay the group's: the person's own are only what was set on them.
  expect(alice.claims).toMatchObject({ quota: 200, immich_role: 'admin' });

  const secrets: Record<string, string> = {};
  const client = async (input: Record<string, unknown>) => {
    const created = (await admin('clients.create', input)) as { secret: string | null };
    if (created.secret !== null) secrets[input.id as string] = created.secret;
  };
  await client({
    id: 'grafana',
    name: 'Grafana',
    redirectUris: ['https://grafana.home.example/login/generic_oauth', 'https://grafana.home.example/other'],
    postLogoutRedirectUris: ['https://grafana.home.example/login'],
    allowedGroups: ['admins', 'family'],
    skipConsent: true,
    requirePkce: true,
    idTokenAlg: 'ES256',
    launchUrl: 'https://grafana.home.example',
    accessTokenTtl: 600,
    refreshTokenTtl: 7 * 24 * 60 * 60,
    requirePar: true,
    backchannelLogoutUri: 'https://grafana.home.example/logout/backchannel',
    claimPolicy: {
      idTokenClaims: ['email', 'roles', 'grafana_role'],
      userinfoClaims: ['email', 'name', 'roles', 'grafana_role', 'org', 'team'],
      renames: { groups: 'roles' },
      groupMappings: [
        { claim: 'grafana_role', rules: [{ group: 'admins', value: 'Admin' }], otherwise: 'Viewer' },
        { claim: 'team', rules: [{ group: 'editors', value: { name: 'editors', level: 2 } }] },
      ],
      staticClaims: { org: 'home' },
      preferredUsername: 'email',
    },
  });
  await client({ id: 'kubectl', name: 'kubectl (kubelogin)', public: true, native: true, redirectUris: ['http://localhost:8000', 'http://localhost:18000'] });
  await client({ id: 'media-cli', name: 'Media CLI', public: true, deviceFlow: true });
  await client({
    id: 'ci-robot',
    name: 'CI pushing to the registry',
    clientCredentials: true,
    machineScopes: ['registry:push', 'registry:pull'],
    audiences: ['https://registry.home.example'],
  });
  // Two ids that make the same variable name: each gets its own.
  await client({ id: 'wiki.dev', name: 'Wiki (dev)', redirectUris: ['https://wiki.dev.home.example/callback'] });
  await client({ id: 'wiki-dev', name: 'Wiki (dev, other)', redirectUris: ['https://wiki2.dev.home.example/callback'] });

  await admin('scopes.create', { name: 'immich', description: 'Your photo library role', claims: ['immich_role'] });
  await admin('scopes.create', { name: 'grafana:team', description: 'Your Grafana team', claims: ['team', 'org'] });

  await admin('protectedApps.create', {
    id: 'sonarr',
    name: 'Sonarr',
    hosts: ['sonarr.home.example', 'nas:8989'],
    pathPrefixes: ['/sonarr', '/tv'],
    allowedGroups: ['family'],
    bypassPaths: ['/sonarr/api/health'],
    identityHeaders: { user: 'X-Sonarr-User', groups: null },
    sessionTtl: 86400,
  });
  await admin('protectedApps.create', { id: 'radarr', name: 'Radarr', hosts: ['radarr.home.example'] });

  await admin('settings.update', {
    smtpHost: 'smtp.home.example',
    smtpPort: 2465,
    smtpSecurity: 'tls',
    smtpUser: 'gatehouse@home.example',
    smtpPassword: MAIL_PASSWORD,
    smtpFrom: 'gatehouse@home.example',
  });
  return { secrets };
}

/** Everything the admin API says about the records, without what only says where or when a record was made. */
async function records(gatehouse: Gatehouse) {
  const admin = (name: string, input: unknown = {}) => gatehouse.runAdmin(name, input) as Promise<unknown>;
  const drop = (record: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
  const { users } = (await admin('users.list', { pageSize: 100 })) as { users: Array<{ id: string }> };
  const clients = (await admin('clients.list')) as Array<{ id: string }>;
  const email = ((await admin('settings.get')) as { email: Record<string, unknown> }).email;
  return {
    users: await Promise.all(users.map(async ({ id }) => drop((await admin('users.get', { id })) as Record<string, unknown>, 'source', 'createdAt'))),
    // Groups get new ids: nothing outside Gatehouse knows them (apps see names).
    groups: ((await admin('groups.list')) as Record<string, unknown>[]).map((group) => drop(group, 'id', 'source')),
    clients: await Promise.all(clients.map(async ({ id }) => drop((await admin('clients.get', { id })) as Record<string, unknown>, 'source'))),
    scopes: ((await admin('scopes.list')) as Record<string, unknown>[]).map((scope) => drop(scope, 'source')),
    protectedApps: ((await admin('protectedApps.list')) as Record<string, unknown>[]).map((app) => drop(app, 'source', 'createdAt', 'updatedAt')),
    // Each field's value; what sets it differs (the console there, the provisioning file here).
    email: Object.fromEntries(
      Object.entries(email).map(([key, field]) => [
        key,
        field !== null && typeof field === 'object' && !Array.isArray(field) ? drop(field as Record<string, unknown>, 'fixedBy') : field,
      ]),
    ),
  };
}

describe('gatehouse export', () => {
  it('writes a file that apply turns into the same records on an empty Gatehouse, and that exports the same again', async () => {
    const sourceDir = tempDir();
    const source = await openInstance(sourceDir);
    const { secrets } = await fill(source);
    const before = await records(source);
    source.close();

    const file = path.join(tempDir(), 'gatehouse-export.yaml');
    const exported = await cli(['export', '--output', file], sourceDir);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`exported 3 groups, 3 users, 6 clients, 2 scopes, 2 protected apps and the mail server to ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    // No secret and no hash: the file names where each secret is read.
    for (const secret of [...Object.values(secrets), MAIL_PASSWORD]) expect(text + exported.stdout).not.toContain(secret);
    expect(text + exported.stdout).not.toMatch(/sha256:|\$2[aby]\$/);
    const stored = new Database(path.join(sourceDir, 'gatehouse.db'), { readonly: true });
    const hashes = stored.prepare<[], { hash: string }>('SELECT secret_hash AS hash FROM clients WHERE secret_hash IS NOT NULL').all();
    stored.close();
    expect(hashes).toHaveLength(4);
    for (const { hash } of hashes) expect(text + exported.stdout).not.toContain(hash.slice(hash.indexOf(':') + 1));
    const variables = {
      GATEHOUSE_SECRET_GRAFANA: secrets.grafana!,
      GATEHOUSE_SECRET_CI_ROBOT: secrets['ci-robot']!,
      // Sorted by id, wiki-dev comes first.
      GATEHOUSE_SECRET_WIKI_DEV: secrets['wiki-dev']!,
      GATEHOUSE_SECRET_WIKI_DEV_2: secrets['wiki.dev']!,
      GATEHOUSE_MAIL_PASSWORD: MAIL_PASSWORD,
    };
    for (const name of Object.keys(variables)) {
      expect(text).toMatch(new RegExp(`^#.*environment variable ${name}: `, 'm'));
      expect(exported.stdout).toContain(`environment variable ${name}: `);
    }
    expect(Object.keys(secrets).sort()).toEqual(['ci-robot', 'grafana', 'wiki-dev', 'wiki.dev']);

    const targetDir = tempDir();
    // Without the secrets it names, apply refuses and names each one missing.
    const refused = await cli(['apply', file], targetDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('environment variable GATEHOUSE_SECRET_GRAFANA is not set');
    const applied = await cli(['apply', file], targetDir, variables);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);

    const again = await cli(['export'], targetDir);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(text);

    const target = await openInstance(targetDir, { GATEHOUSE_MAIL_PASSWORD: MAIL_PASSWORD });
    try {
      expect(await records(target)).toEqual(before);
      // The apps' own secrets still work at the token endpoint, and a wrong one does not.
      const { port } = await target.start();
      const local = `http://127.0.0.1:${port}`;
      const robot = await tokenRequest(local, { id: 'ci-robot', secret: secrets['ci-robot']! }, { grant_type: 'client_credentials', scope: 'registry:pull' });
      expect(robot.status).toBe(200);
      // The apps that sign people in: a code that does not exist, asked for with the right secret, gets past the secret check.
      for (const [id, secret] of Object.entries(secrets).filter(([id]) => id !== 'ci-robot')) {
        const answer = await tokenRequest(local, { id, secret }, { grant_type: 'authorization_code', code: 'no-such-code', redirect_uri: 'https://x.example' });
        expect(((await answer.json()) as { error: string }).error, id).toBe('invalid_grant');
        const wrong = await tokenRequest(local, { id, secret: `${secret}x` }, { grant_type: 'authorization_code', code: 'no-such-code' });
        expect(((await wrong.json()) as { error: string }).error, id).toBe('invalid_client');
      }
    } finally {
      await target.stop();
      target.close();
    }
  }, 120_000);

  it('refers to secrets as files with --secrets files, which apply then reads', async () => {
    const sourceDir = tempDir();
    const source = await openInstance(sourceDir);
    const { secrets } = await fill(source);
    source.close();
    const secretsDir = path.join(tempDir(), 'secrets');

    const exported = await cli(['export', '--secrets', 'files', '--secrets-dir', secretsDir], sourceDir);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('to standard output');
    const document = parse(exported.stdout) as {
      clients: Array<{ id: string; secretFile?: string; secretEnv?: string; public?: boolean }>;
      email: { passwordFile?: string };
    };
    expect(document.clients.map(({ id, secretFile, public: isPublic }) => ({ id, secretFile, isPublic }))).toEqual([
      { id: 'ci-robot', secretFile: path.join(secretsDir, 'client-ci-robot'), isPublic: undefined },
      { id: 'grafana', secretFile: path.join(secretsDir, 'client-grafana'), isPublic: undefined },
      { id: 'kubectl', secretFile: undefined, isPublic: true },
      { id: 'media-cli', secretFile: undefined, isPublic: true },
      { id: 'wiki-dev', secretFile: path.join(secretsDir, 'client-wiki-dev'), isPublic: undefined },
      { id: 'wiki.dev', secretFile: path.join(secretsDir, 'client-wiki.dev'), isPublic: undefined },
    ]);
    expect(document.email.passwordFile).toBe(path.join(secretsDir, 'mail-password'));

    mkdirSync(secretsDir);
    for (const [id, secret] of Object.entries(secrets)) writeFileSync(path.join(secretsDir, `client-${id}`), `${secret}\n`, { mode: 0o600 });
    writeFileSync(path.join(secretsDir, 'mail-password'), MAIL_PASSWORD, { mode: 0o600 });
    const file = path.join(tempDir(), 'export.yaml');
    writeFileSync(file, exported.stdout);
    const targetDir = tempDir();
    const applied = await cli(['apply', file], targetDir);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect((await cli(['export', '--secrets', 'files', '--secrets-dir', secretsDir], targetDir)).stdout).toBe(exported.stdout);
  }, 120_000);

  it('exports an empty Gatehouse as a file that applies and changes nothing', async () => {
    const dataDir = tempDir();
    (await openInstance(dataDir)).close();
    const exported = await cli(['export'], dataDir);
    expect(exported.code).toBe(0);
    expect(parse(exported.stdout)).toEqual({});
    expect(exported.stdout).toContain('# Applying it needs no secrets.');
    const file = path.join(tempDir(), 'empty.yaml');
    writeFileSync(file, exported.stdout);
    expect((await cli(['apply', file], dataDir)).stdout).toContain('0 groups, 0 users, 0 clients, 0 scopes, 0 protected apps changed, 0 unchanged');
  }, 120_000);

  it("keeps a user's id and a client's token lifetimes as the file gives them, and refuses an id that would change", async () => {
    const dataDir = tempDir();
    const gatehouse = await openInstance(dataDir);
    try {
      let n = 0;
      const apply = (document: unknown) => {
        const file = path.join(dataDir, `provision-${++n}.yaml`);
        writeFileSync(file, stringify(document));
        return gatehouse.applyProvisioning(file);
      };
      const client = { id: 'media', name: 'Media', public: true, redirectUris: ['https://media.home.example/callback'] };
      apply({ users: [{ id: 'pocket-4f1c', username: 'dana' }], clients: [{ ...client, accessTokenTtl: 900, refreshTokenTtl: 86400 }] });
      const { users } = (await gatehouse.runAdmin('users.list', {})) as { users: Array<{ id: string; username: string }> };
      expect(users).toMatchObject([{ id: 'pocket-4f1c', username: 'dana' }]);
      const lifetimes = async () => {
        const { accessTokenTtl, refreshTokenTtl } = (await gatehouse.runAdmin('clients.get', { id: 'media' })) as Record<string, unknown>;
        return { accessTokenTtl, refreshTokenTtl };
      };
      expect(await lifetimes()).toEqual({ accessTokenTtl: 900, refreshTokenTtl: 86400 });
      // Left out, the console's lifetimes stay; null gives back Gatehouse's default.
      apply({ clients: [{ ...client, name: 'Media server' }] });
      expect(await lifetimes()).toEqual({ accessTokenTtl: 900, refreshTokenTtl: 86400 });
      apply({ clients: [{ ...client, accessTokenTtl: null }] });
      expect(await lifetimes()).toEqual({ accessTokenTtl: null, refreshTokenTtl: 86400 });
      expect(() => apply({ clients: [{ ...client, accessTokenTtl: 30 }] })).toThrow('clients[0].accessTokenTtl: must be at least 60 seconds');

      expect(() => apply({ users: [{ id: 'another-id', username: 'dana' }] })).toThrow(
        'users[0].id: "dana" has the id pocket-4f1c in Gatehouse; an id is what apps know a person by and cannot change: give that one or leave id out',
      );
      expect(() => apply({ users: [{ id: 'pocket-4f1c', username: 'erin' }] })).toThrow(
        'users[0].id: pocket-4f1c is already the id of "dana" in Gatehouse; each person needs their own',
      );
      expect(() =>
        apply({
          users: [
            { id: 'same', username: 'frank' },
            { id: 'same', username: 'gina' },
          ],
        }),
      ).toThrow('users[1].id: "same" appears more than once');
      expect(() => apply({ users: [{ id: 'has space', username: 'hal' }] })).toThrow('users[0].id: may use only letters, digits and . _ ~ -');
      // `..` would be a path segment in the console's address of the person.
      expect(() => apply({ users: [{ id: '..', username: 'hal' }] })).toThrow(
        'users[0].id: may use only letters, digits and . _ ~ -, starting with a letter or digit',
      );
      // Apps that compare ids without case would take one person for the other.
      expect(() => apply({ users: [{ id: 'POCKET-4F1C', username: 'erin' }] })).toThrow(
        'users[0].id: POCKET-4F1C (but for case, pocket-4f1c) is already the id of "dana" in Gatehouse; each person needs their own',
      );
      // A deleted person's id may come back only with that person: apps may still keep their account under it.
      apply({ users: [{ id: 'pocket-77aa', username: 'ivy' }] });
      await gatehouse.runAdmin('users.delete', { id: 'pocket-77aa' });
      expect(() => apply({ users: [{ id: 'Pocket-77AA', username: 'jack' }] })).toThrow(
        'users[0].id: Pocket-77AA (but for case, pocket-77aa) was the id of "ivy", deleted from Gatehouse, and apps may still keep that person\'s account under it: leave id out or choose another',
      );
      apply({ users: [{ id: 'pocket-77aa', username: 'ivy' }] });
      expect(((await gatehouse.runAdmin('users.get', { id: 'pocket-77aa' })) as { username: string }).username).toBe('ivy');
      // Without an id, an existing person stays who they are.
      apply({ users: [{ username: 'dana', displayName: 'Dana' }] });
      expect(await gatehouse.runAdmin('users.get', { id: 'pocket-4f1c' })).toMatchObject({ username: 'dana', displayName: 'Dana' });
    } finally {
      gatehouse.close();
    }
  });

  it('says which records apply would refuse: group names and client ids that differ only in case', async () => {
    const dataDir = tempDir();
    const gatehouse = await openInstance(dataDir);
    await gatehouse.runAdmin('groups.create', { name: 'Family' });
    await gatehouse.runAdmin('groups.create', { name: 'family' });
    await gatehouse.runAdmin('clients.create', { id: 'Wiki', name: 'Wiki', public: true, redirectUris: ['https://wiki.home.example/cb'] });
    await gatehouse.runAdmin('clients.create', { id: 'wiki', name: 'Wiki too', public: true, redirectUris: ['https://wiki2.home.example/cb'] });
    gatehouse.close();
    const file = path.join(tempDir(), 'export.yaml');
    const exported = await cli(['export', '--output', file], dataDir);
    expect(exported.code).toBe(3);
    expect(exported.stderr.trim().split('\n')).toEqual([
      'gatehouse: gatehouse apply will refuse this file: the groups "Family" and "family" differ only in case, which a provisioning file cannot tell apart: rename one of the groups in the console and export again',
      'gatehouse: gatehouse apply will refuse this file: the clients "Wiki" and "wiki" differ only in case, which a provisioning file cannot tell apart: rename one of the clients (and its app) in the console and export again',
    ]);
    const target = await openInstance(tempDir());
    try {
      expect(() => target.applyProvisioning(file)).toThrow('"family" appears more than once');
    } finally {
      target.close();
    }
  }, 120_000);

  it('refuses bad flags and a data directory that holds no Gatehouse, each with a sentence', async () => {
    const dataDir = tempDir();
    (await openInstance(dataDir)).close();
    const empty = path.join(tempDir(), 'nothing-here');
    const [badKind, strayDir, missingFolder, folder, extra, noGatehouse, help] = await Promise.all([
      cli(['export', '--secrets', 'vault'], dataDir),
      cli(['export', '--secrets-dir', '/run/secrets'], dataDir),
      cli(['export', '--output', path.join(dataDir, 'missing', 'export.yaml')], dataDir),
      cli(['export', '--output', dataDir], dataDir),
      cli(['export', 'extra'], dataDir),
      cli(['export'], empty),
      runCli(['export', '--help']),
    ]);
    expect(badKind).toMatchObject({ code: 2, stderr: expect.stringContaining('gatehouse: --secrets must be env or files, got "vault"') });
    expect(strayDir).toMatchObject({ code: 2, stderr: expect.stringContaining('--secrets-dir names the folder of --secrets files') });
    expect(missingFolder).toMatchObject({ code: 2, stderr: expect.stringContaining(`the folder ${path.join(dataDir, 'missing')} does not exist`) });
    expect(folder).toMatchObject({ code: 2, stderr: expect.stringContaining(`${dataDir} is a folder`) });
    expect(extra).toMatchObject({ code: 2, stderr: expect.stringContaining('unexpected argument "extra"') });
    expect(noGatehouse).toMatchObject({
      code: 1,
      stderr: `gatehouse: there is no Gatehouse in ${empty} (no gatehouse.db); give the --data-dir of the server to export\n`,
    });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--secrets files');
    expect(help.stdout).toContain('--data-dir DIR');
  }, 120_000);
});
