// Backup and restore as an owner uses them: `gatehouse backup` beside a server under load, `gatehouse
// restore` into a new data directory, and a Gatehouse started on it that holds every acknowledged write;
// and each refusal, with its sentence, leaving the target directory untouched.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as oidc from 'openid-client';
import { create, extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/db/migrations.ts';
import { createBackup, keyFingerprint } from '../../server/index.ts';
import { Browser } from '../support/browser.ts';
import { BIN, type CliResult, runCli } from '../support/cliProcess.ts';
import { authorize, enrol, type Person } from '../support/flows.ts';
import { freePort, localOptions, startTestServer, TEST_ENCRYPTION_KEY, type TestServer } from '../support/testServer.ts';

const SECRET = 'backup-app-secret-0123456789abcdef';
const REDIRECT = 'http://localhost:8080/cb';
const PASSPHRASE = 'correct horse battery staple';
const LOOSE = { burst: 1000, refillSeconds: 1 };
const KEY_ENV = { GATEHOUSE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY };
/** Each `gatehouse` run is a Node start: tests that make several take longer than the default. */
const CLI_TESTS = { timeout: 180_000 };

const dirs: string[] = [];
const tempDir = (name = 'gatehouse-backup-test-') => {
  const dir = mkdtempSync(path.join(tmpdir(), name));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const backupFileIn = (dir: string) => path.join(dir, readdirSync(dir).find((name) => name.startsWith('gatehouse-backup-'))!);

function provisionApp(server: TestServer, usernames: string[]) {
  server.provision({
    users: usernames.map((username) => ({ username })),
    clients: [{ id: 'app', name: 'App', redirectUris: [REDIRECT], secretFile: server.secretFile('app', SECRET), skipConsent: true }],
  });
}

/** A sign-in to the app from a browser with no session yet, so the passkey is asked for; returns the refresh token. */
async function signIn(issuer: string, person: Person): Promise<string> {
  const app = await oidc.discovery(new URL(issuer), 'app', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(app, {
    redirect_uri: REDIRECT,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const outcome = await authorize(issuer, { browser: new Browser(), authenticator: person.authenticator }, url.href);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in did not finish: ${JSON.stringify(outcome).slice(0, 300)}`);
  return (await oidc.authorizationCodeGrant(app, new URL(outcome.url), { pkceCodeVerifier: verifier })).refresh_token!;
}

async function refreshes(issuer: string, tokens: string[]) {
  const app = await oidc.discovery(new URL(issuer), 'app', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
  return Promise.allSettled(tokens.map((token) => oidc.refreshTokenGrant(app, token)));
}

const jwks = async (issuer: string) => (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

function expectRefused(result: CliResult, sentence: RegExp | string) {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toMatch(typeof sentence === 'string' ? new RegExp(sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : sentence);
  expect(result.stderr).toMatch(/^gatehouse: /);
}

/** Nothing of a refused restore is left in the data directory. */
function expectUntouched(dataDir: string, before: string[] = []) {
  expect(existsSync(dataDir) ? readdirSync(dataDir).sort() : []).toEqual(before);
}

/** Unpacks a plain backup, lets `change` alter its files, and packs it again (the manifest's checksum kept or made anew). */
async function alteredBackup(file: string, change: (dir: string) => void, { recomputeChecksum = true } = {}): Promise<string> {
  const dir = tempDir('gatehouse-altered-');
  await extract({ file, cwd: dir });
  change(dir);
  if (recomputeChecksum) {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const content = readFileSync(path.join(dir, 'gatehouse.db'));
    manifest.database = { bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  }
  const altered = path.join(dir, 'altered.tar.gz');
  await create({ file: altered, gzip: true, cwd: dir }, ['manifest.json', 'gatehouse.db']);
  return altered;
}

describe('backup under load, then restore', CLI_TESTS, () => {
  it('holds every write acknowledged before it began, and the restored Gatehouse signs the same people in with the same keys', async () => {
    const server = await startTestServer({ rateLimits: { passkey: LOOSE, oneTimeLink: LOOSE } });
    const { issuer } = server;
    const port = Number(new URL(issuer).port);
    const usernames = ['ana', 'ben', 'cai', 'dee'];
    provisionApp(server, usernames);
    const people = await Promise.all(usernames.map((username) => enrol(server, username)));
    const keysBefore = await jwks(issuer);

    // Each write is noted with the phase it was acknowledged in: only those before the backup began must be in it.
    type Phase = 'before' | 'during' | 'after';
    let phase = 'before' as Phase;
    const tokens: { phase: Phase; token: string }[] = [];
    const users: { phase: Phase; username: string }[] = [];
    let running = true;
    const signInWorker = async (person: Person) => {
      while (running) tokens.push({ token: await signIn(issuer, person), phase });
    };
    const adminWorker = async () => {
      for (let n = 0; running; n++) {
        const username = `load-${n}`;
        await server.gatehouse.runAdmin('users.create', { username, email: `${username}@home.example` });
        await server.gatehouse.runAdmin('groups.create', { name: `group-${n}` });
        users.push({ username, phase });
        // The operations answer without I/O: yield, as requests arriving one after another would, so the rest runs.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const load = Promise.all([...people.map(signInWorker), adminWorker()]);
    await until(() => tokens.length >= 8 && users.length >= 10);

    phase = 'during';
    const backupDir = tempDir();
    const backup = await runCli(['backup', '--data-dir', server.dataDir, '--port', String(port), '--output', backupDir], KEY_ENV);
    phase = 'after';
    running = false;
    await load;
    expect(backup.code, backup.stderr).toBe(0);
    expect(tokens.filter((write) => write.phase === 'during').length + users.filter((write) => write.phase === 'during').length).toBeGreaterThan(0);
    const file = backupFileIn(backupDir);
    expect(backup.stdout).toContain(`Backed up ${server.dataDir} to ${file}`);
    expect(backup.stdout).toContain(
      `The key-encryption key is NOT in this backup: keep GATEHOUSE_ENCRYPTION_KEY (fingerprint ${keyFingerprint(TEST_ENCRYPTION_KEY)}) safe`,
    );
    expect(backup.stdout).toMatch(/\d+ users, \d+ groups, 1 app, 4 passkeys, 2 signing keys, \d+ active refresh tokens/);
    await server.close();

    const restoredDir = path.join(tempDir(), 'data');
    const restore = await runCli(['restore', file, '--data-dir', restoredDir, '--port', String(port)], KEY_ENV);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain(`Restored the backup of ${issuer} made `);
    expect(restore.stdout).toContain(`into ${restoredDir}`);
    expect(restore.stdout).toContain('Next: start Gatehouse');

    const restored = await startTestServer({ dataDir: restoredDir, port });
    try {
      const restoredUsers = new Set(
        (restored.gatehouse.internals.db.prepare('SELECT username FROM users').all() as { username: string }[]).map((row) => row.username),
      );
      const acknowledgedUsers = users.filter((write) => write.phase === 'before').map((write) => write.username);
      expect(acknowledgedUsers.filter((username) => !restoredUsers.has(username))).toEqual([]);
      expect(restore.stdout).toContain(`${restoredUsers.size} users`);

      const acknowledgedTokens = tokens.filter((write) => write.phase === 'before').map((write) => write.token);
      expect(acknowledgedTokens.length).toBeGreaterThanOrEqual(8);
      const refreshed = await refreshes(issuer, acknowledgedTokens);
      expect(refreshed.filter((result) => result.status === 'rejected')).toEqual([]);

      expect(await jwks(issuer)).toEqual(keysBefore);
      for (const person of people) expect(await signIn(issuer, person)).toBeTruthy();
    } finally {
      await restored.close();
    }
  });
});

describe('restore refusals', CLI_TESTS, () => {
  let server: TestServer;
  let plain: string;
  let withKey: string;
  let passphraseFile: string;

  beforeAll(async () => {
    server = await startTestServer();
    provisionApp(server, ['eve']);
    await enrol(server, 'eve');
    const out = tempDir();
    plain = (await createBackup(server.gatehouse.options, { output: out })).file;
    withKey = (await createBackup(server.gatehouse.options, { output: out, includeKey: { passphrase: PASSPHRASE } })).file;
    passphraseFile = path.join(out, 'passphrase');
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('refuses while a server runs on the data directory', async () => {
    const result = await runCli(['restore', plain, '--replace', '--data-dir', server.dataDir], KEY_ENV);
    expectRefused(result, `a Gatehouse server (process ${process.pid}) is running on ${server.dataDir}; stop it first`);
  });

  it('refuses a data directory that already holds a database unless asked to replace it', async () => {
    const dataDir = tempDir();
    const first = await runCli(['restore', plain, '--data-dir', dataDir], KEY_ENV);
    expect(first.code, first.stderr).toBe(0);
    const again = await runCli(['restore', plain, '--data-dir', dataDir], KEY_ENV);
    expectRefused(again, `${dataDir} already holds a Gatehouse database; restore into an empty data directory, or add --replace`);
    expectUntouched(dataDir, ['gatehouse.db']);
  });

  it('refuses a truncated file, a changed database and a file that is no backup', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const truncated = path.join(tempDir(), 'truncated.tar.gz');
    copyFileSync(plain, truncated);
    truncateSync(truncated, Math.floor(readFileSync(plain).length / 2));
    expectRefused(
      await runCli(['restore', truncated, '--data-dir', dataDir], KEY_ENV),
      `${truncated} is damaged or incomplete (unexpected end of file); nothing was restored`,
    );
    expectUntouched(dataDir);

    const changed = await alteredBackup(
      plain,
      (dir) => {
        const db = new Database(path.join(dir, 'gatehouse.db'));
        db.prepare("UPDATE users SET username = 'mallory'").run();
        db.close();
      },
      { recomputeChecksum: false },
    );
    expectRefused(await runCli(['restore', changed, '--data-dir', dataDir], KEY_ENV), 'does not match the checksum in its manifest; the backup is damaged');
    expectUntouched(dataDir);

    const noBackup = path.join(tempDir(), 'notes.txt');
    writeFileSync(noBackup, 'not a backup\n');
    expectRefused(await runCli(['restore', noBackup, '--data-dir', dataDir], KEY_ENV), `${noBackup} is damaged or incomplete`);
    expectRefused(await runCli(['restore', `${noBackup}.missing`, '--data-dir', dataDir], KEY_ENV), `there is no backup file at ${noBackup}.missing`);
    expectUntouched(dataDir);
  });

  it('refuses a backup with a newer schema than this Gatehouse knows', async () => {
    const newer = MIGRATIONS.length + 1;
    const file = await alteredBackup(plain, (dir) => {
      const db = new Database(path.join(dir, 'gatehouse.db'));
      db.pragma(`user_version = ${newer}`);
      db.close();
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, schemaVersion: newer, gatehouseVersion: '9.0.0' }));
    });
    const dataDir = path.join(tempDir(), 'data');
    expectRefused(
      await runCli(['restore', file, '--data-dir', dataDir], KEY_ENV),
      `was made by Gatehouse 9.0.0 with schema ${newer}; this Gatehouse knows up to schema ${MIGRATIONS.length}: upgrade Gatehouse first, then restore`,
    );
    expectUntouched(dataDir);
  });

  it('refuses a key that does not open the data, and says which keys and where it looked', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const otherKey = 'another-encryption-key-0123456789abcdefghij';
    expectRefused(
      await runCli(['restore', plain, '--data-dir', dataDir], { GATEHOUSE_ENCRYPTION_KEY: otherKey }),
      `this backup's data is sealed with the key ${keyFingerprint(TEST_ENCRYPTION_KEY)}; the key from GATEHOUSE_ENCRYPTION_KEY is ${keyFingerprint(otherKey)}: give the key that was in use when the backup was made`,
    );
    expectUntouched(dataDir);
    const missing = await runCli(['restore', plain, '--data-dir', dataDir]);
    expectRefused(
      missing,
      `this backup does not hold the key-encryption key, and the key its data is sealed with (fingerprint ${keyFingerprint(TEST_ENCRYPTION_KEY)}) was not found`,
    );
    expect(missing.stderr).toContain(path.join(dataDir, 'encryption.key'));
    expectUntouched(dataDir);

    // A backup's own key never replaces a key file beside a database, which may need it.
    writeFileSync(path.join(dataDir, 'encryption.key'), `${otherKey}\n`, { mode: 0o600 });
    writeFileSync(path.join(dataDir, 'gatehouse.db'), 'the database this key opens');
    expectRefused(
      await runCli(['restore', withKey, '--replace', '--data-dir', dataDir, '--passphrase-file', passphraseFile]),
      `${path.join(dataDir, 'encryption.key')} holds another key (${keyFingerprint(otherKey)}), which the database in ${dataDir} may need`,
    );
    expectUntouched(dataDir, ['encryption.key', 'gatehouse.db']);
    expect(readFileSync(path.join(dataDir, 'encryption.key'), 'utf8')).toBe(`${otherKey}\n`);
  });

  it('refuses an encrypted backup without its passphrase or with a wrong one', async () => {
    const dataDir = path.join(tempDir(), 'data');
    expectRefused(await runCli(['restore', withKey, '--data-dir', dataDir]), `${withKey} is encrypted (it holds the key-encryption key): give its passphrase`);
    const wrong = path.join(tempDir(), 'wrong');
    writeFileSync(wrong, 'not the passphrase at all');
    expectRefused(
      await runCli(['restore', withKey, '--data-dir', dataDir, '--passphrase-file', wrong]),
      `the passphrase does not open ${withKey}; give the passphrase chosen when the backup was made`,
    );
    const cut = path.join(tempDir(), 'cut.tar.gz.enc');
    copyFileSync(withKey, cut);
    truncateSync(cut, readFileSync(withKey).length - 100);
    expectRefused(await runCli(['restore', cut, '--data-dir', dataDir, '--passphrase-file', passphraseFile]), `${cut} is damaged or incomplete`);
    expectUntouched(dataDir);
  });

  it('takes only the expected files from an archive: no other path, no link, nothing outside its staging folder', async () => {
    const outside = tempDir('gatehouse-outside-');
    const file = await alteredBackup(plain, () => {});
    // Entries a Gatehouse backup never has, beside a real one's: a link where the key would be, an absolute
    // path and a path that climbs out.
    const dir = path.dirname(file);
    symlinkSync('/etc/passwd', path.join(dir, 'encryption.key'));
    writeFileSync(path.join(dir, 'escape'), 'written outside');
    writeFileSync(path.join(outside, 'absolute'), 'written outside');
    const packed = path.join(dir, 'extra.tar.gz');
    await create({ file: packed, gzip: true, cwd: dir, preservePaths: true }, [
      'manifest.json',
      'gatehouse.db',
      'encryption.key',
      path.join(outside, 'absolute'),
      `../${path.basename(dir)}/escape`,
    ]);
    rmSync(path.join(outside, 'absolute'));
    const dataDir = path.join(tempDir(), 'data');
    const restore = await runCli(['restore', packed, '--data-dir', dataDir], KEY_ENV);
    expect(restore.code, restore.stderr).toBe(0);
    expect(readdirSync(dataDir)).toEqual(['gatehouse.db']);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('removes what a killed backup or restore left in the data directory, and refuses an encrypted header with absurd parameters', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const gone = spawnSync('true').pid!;
    const leftover = path.join(dataDir, `.restore-${gone}-AbC123`);
    mkdirSync(leftover, { recursive: true });
    writeFileSync(path.join(leftover, 'encryption.key'), `${TEST_ENCRYPTION_KEY}\n`);
    // A staging folder of a process that still runs (this one) stays.
    const live = path.join(dataDir, `.backup-${process.pid}-XyZ789`);
    mkdirSync(live);

    const header = readFileSync(withKey);
    const magic = 'GATEHOUSE ENCRYPTED BACKUP\n'.length;
    const length = header.readUInt32BE(magic);
    const parameters = JSON.parse(header.subarray(magic + 4, magic + 4 + length).toString('utf8'));
    const json = Buffer.from(JSON.stringify({ ...parameters, N: 2 ** 20, r: 32, p: 16 }));
    const size = Buffer.alloc(4);
    size.writeUInt32BE(json.length);
    const costly = path.join(tempDir(), 'costly.tar.gz.enc');
    writeFileSync(costly, Buffer.concat([header.subarray(0, magic), size, json, header.subarray(magic + 4 + length)]));
    expectRefused(
      await runCli(['restore', costly, '--data-dir', dataDir, '--passphrase-file', passphraseFile]),
      `${costly} is not a whole encrypted Gatehouse backup (its header is damaged or cut off)`,
    );
    expectUntouched(dataDir, [path.basename(live)]);
  });

  it('restores a backup with its key into a directory with no key, and with --replace over a stopped one, keeping the old database', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const restore = await runCli(['restore', withKey, '--data-dir', dataDir, '--passphrase-file', passphraseFile]);
    expect(restore.code, restore.stderr).toBe(0);
    const keyFile = path.join(dataDir, 'encryption.key');
    expect(restore.stdout).toContain(
      `The key-encryption key (fingerprint ${keyFingerprint(TEST_ENCRYPTION_KEY)}) came from the backup and is now in ${keyFile}.`,
    );
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(TEST_ENCRYPTION_KEY);

    // Started with the key file alone (no key in the environment): the same keys sign.
    const port = await freePort();
    const restored = await startTestServer({ dataDir, port, options: { ...localOptions(port, dataDir), encryptionKey: undefined } });
    try {
      expect((await jwks(restored.issuer)).keys.map((key) => key.kid)).toEqual((await jwks(server.issuer)).keys.map((key) => key.kid));
      await restored.gatehouse.runAdmin('users.create', { username: 'after-backup' });
    } finally {
      await restored.close();
    }

    const replace = await runCli(['restore', plain, '--replace', '--data-dir', dataDir]);
    expect(replace.code, replace.stderr).toBe(0);
    const kept = /The database it replaced is kept as (\S+)\.\n/.exec(replace.stdout)?.[1];
    expect(kept).toMatch(/gatehouse\.db\.before-restore-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    // No staging left, and no log of the replaced database that SQLite could replay onto the restored one.
    expect(readdirSync(dataDir).sort()).toEqual(['encryption.key', 'gatehouse.db', path.basename(kept!)]);
    const usernames = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('SELECT username FROM users ORDER BY username').all() as { username: string }[]).map((row) => row.username);
      } finally {
        db.close();
      }
    };
    expect(usernames(kept!)).toEqual(['after-backup', 'eve']);
    expect(usernames(path.join(dataDir, 'gatehouse.db'))).toEqual(['eve']);
  });
});

describe('gatehouse backup', CLI_TESTS, () => {
  it('asks for the passphrase twice on a terminal, without showing it, and the backup opens with it', async () => {
    const server = await startTestServer();
    try {
      const out = tempDir();
      const command = [process.execPath, BIN, 'backup', '--include-key', '--data-dir', server.dataDir, '--output', out].map((word) => `'${word}'`).join(' ');
      // util-linux `script` gives the command a pseudo-terminal, as an owner's shell does.
      const terminal = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
        env: { ...process.env, ...KEY_ENV, GATEHOUSE_LOG_LEVEL: 'warn' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let output = '';
      terminal.stdout.on('data', (chunk) => {
        output += chunk;
      });
      const exited = new Promise<number | null>((resolve) => terminal.on('close', resolve));
      await until(() => output.includes('Passphrase for the backup (at least 12 characters): '));
      terminal.stdin.write(`${PASSPHRASE}\r`);
      await until(() => output.includes('The same passphrase again: '));
      terminal.stdin.write(`${PASSPHRASE}\r`);
      expect(await exited, output).toBe(0);
      expect(output).toContain('IS in this backup, so the whole file is encrypted with your passphrase');
      expect(output).not.toContain(PASSPHRASE);

      const passphraseFile = path.join(out, 'passphrase');
      writeFileSync(passphraseFile, PASSPHRASE);
      const restore = await runCli(['restore', backupFileIn(out), '--data-dir', path.join(out, 'data'), '--passphrase-file', passphraseFile]);
      expect(restore.code, restore.stderr).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('checks its flags and refuses a data directory with no database', async () => {
    const dataDir = tempDir();
    const short = path.join(dataDir, 'short');
    writeFileSync(short, 'too short\n');
    const cases: [string[], RegExp][] = [
      [['--include-key'], /--include-key encrypts the backup with a passphrase: give it with --passphrase-file FILE/],
      [['--passphrase-file', short], /--passphrase-file encrypts a backup that includes the key: add --include-key/],
      [['--include-key', '--passphrase-file', short], /the passphrase is 9 characters long; it needs at least 12/],
      [['--include-key', '--passphrase-file', `${short}.missing`], /cannot read the passphrase file .*short\.missing \(ENOENT\)/],
    ];
    for (const [flags, sentence] of cases) {
      const result = await runCli(['backup', '--data-dir', dataDir, ...flags], KEY_ENV);
      expect([flags, result.code]).toEqual([flags, 2]);
      expect(result.stderr).toMatch(sentence);
    }
    expectRefused(await runCli(['backup', '--data-dir', path.join(dataDir, 'none')], KEY_ENV), 'there is no Gatehouse database in');
    const noFolder = path.join(dataDir, 'missing', 'backup.tar.gz');
    const server = await startTestServer();
    try {
      expectRefused(
        await runCli(['backup', '--data-dir', server.dataDir, '--output', noFolder], KEY_ENV),
        `the directory ${path.dirname(noFolder)} does not exist; create it or name another place for the backup`,
      );
      // A name ending in a slash is a folder, never a file of that name.
      const newFolder = path.join(dataDir, 'new-folder');
      expectRefused(
        await runCli(['backup', '--data-dir', server.dataDir, '--output', `${newFolder}/`], KEY_ENV),
        `the directory ${newFolder} does not exist; create it or name another place for the backup`,
      );
      expect(existsSync(newFolder)).toBe(false);
      const help = await runCli(['backup', '--help']);
      expect(help.stdout).toContain('--include-key');
      expect((await runCli(['restore', '--help'])).stdout).toContain('--replace');
    } finally {
      await server.close();
    }
  });
});
