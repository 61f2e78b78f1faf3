// Replacing the key-encryption key: every sealed value re-sealed in one step, then a start with only the
// new key finds everything working (passkeys, refresh tokens issued before, the mail server's password);
// the old key is refused by name; a rotation that stopped midway is finished or undone at the next start.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../renderer/src/admin/audit/auditSentence.ts';
import type { AuditEntry } from '../../server/admin/auditOperations.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { DATABASE_FILE_NAME } from '../../server/db/database.ts';
import { databaseSealer, readKeyFingerprint } from '../../server/db/keyState.ts';
import { keyFingerprint } from '../../server/db/sealed.ts';
import { readSmtpPassword } from '../../server/db/settings.ts';
import { createGatehouse, type GatehouseOptions, rotateEncryptionKey } from '../../server/index.ts';
import { createLogger } from '../../server/logger.ts';
import { Browser } from '../support/browser.ts';
import { runCli, startServe } from '../support/cliProcess.ts';
import { authorize, enrol, type Person } from '../support/flows.ts';
import { type SmtpServer, smtpAvailable, startSmtpServer, useSmtpServer } from '../support/smtpServer.ts';
import { freePort, localOptions, startTestServer, type TestServer } from '../support/testServer.ts';
import { tokenRequest } from '../support/tokenRequest.ts';

const APP_REDIRECT = 'http://localhost:8080/cb';
const APP_SECRET = 'app-secret-0123456789abcdefghijklmnop';
const NEW_KEY = 'the-new-key-encryption-key-0123456789abcdefgh';
const SMTP_LOGIN = { user: 'gatehouse', password: 'mail-password-that-is-sealed' };
const mailRuns = smtpAvailable();

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'gatehouse-kek-'));
const keyFileOf = (dataDir: string) => path.join(dataDir, 'encryption.key');
const readKey = (file: string) => readFileSync(file, 'utf8').trim();

/** A logger whose lines the test reads. */
function capturingLogger(): { logger: Logger; events: () => string[] } {
  const lines: string[] = [];
  return {
    logger: createLogger('info', { write: (line: string) => void lines.push(line) }),
    events: () => lines.map((line) => (JSON.parse(line) as { event: string }).event),
  };
}

/** A data directory a server has made (its key file too), closed again. */
function madeDataDir(options: Partial<GatehouseOptions> = {}): GatehouseOptions {
  const dataDir = tempDir();
  const made = { ...localOptions(0, dataDir), encryptionKey: undefined, ...options };
  createGatehouse(made, { logger: createLogger('silent') }).close();
  return made;
}

const refusal = (run: () => unknown): { code?: string; message: string } => {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a refusal');
};

describe('rotating the key-encryption key of a server', () => {
  let server: TestServer;
  let smtp: SmtpServer | undefined;
  let options: GatehouseOptions;
  let alice: Person;
  let refreshToken: string;
  let oldKey: string;

  const authorizationUrl = () =>
    `${server.issuer}/auth?${new URLSearchParams({ client_id: 'app', response_type: 'code', scope: 'openid offline_access', redirect_uri: APP_REDIRECT, prompt: 'consent' })}`;
  const token = (params: Record<string, string>) => tokenRequest(server.issuer, { id: 'app', secret: APP_SECRET }, params);

  beforeAll(async () => {
    if (mailRuns) smtp = await startSmtpServer({ auth: SMTP_LOGIN });
    // The key lives in the data directory's key file, as headless by default.
    server = await startTestServer({ options: { encryptionKey: undefined } });
    options = { ...localOptions(Number(new URL(server.issuer).port), server.dataDir), encryptionKey: undefined };
    server.provision({
      users: [{ username: 'alice', email: 'alice@home.example' }],
      clients: [{ id: 'app', name: 'Photo app', redirectUris: [APP_REDIRECT], secretFile: server.secretFile('app', APP_SECRET) }],
    });
    alice = await enrol(server, 'alice');
    const signedIn = await authorize(server.issuer, alice, authorizationUrl());
    if (signedIn.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(signedIn)}`);
    const code = new URL(signedIn.url).searchParams.get('code')!;
    refreshToken = ((await (await token({ grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT })).json()) as { refresh_token: string })
      .refresh_token;
    await useSmtpServer(server.gatehouse, smtp ?? { host: '127.0.0.1', port: 2525 }, SMTP_LOGIN);
    oldKey = readKey(keyFileOf(server.dataDir));
  });

  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('refuses while the server runs, and changes nothing', () => {
    const refused = refusal(() => rotateEncryptionKey(options, NEW_KEY));
    expect(refused).toMatchObject({ code: 'server_running', message: expect.stringMatching(/is running on .*; stop it first/) });
    expect(readKey(keyFileOf(server.dataDir))).toBe(oldKey);
    expect(existsSync(`${keyFileOf(server.dataDir)}.next`)).toBe(false);
  });

  it('refuses a short new key, one with white space around it, and the key in use', async () => {
    await server.gatehouse.stop();
    server.gatehouse.close();
    expect(refusal(() => rotateEncryptionKey(options, 'short'))).toMatchObject({
      code: 'new_encryption_key_invalid',
      message: expect.stringMatching(/is 5 characters long; it needs at least 32/),
    });
    expect(refusal(() => rotateEncryptionKey(options, `${NEW_KEY}\n`))).toMatchObject({
      code: 'new_encryption_key_invalid',
      message: expect.stringMatching(/begins or ends with white space/),
    });
    expect(refusal(() => rotateEncryptionKey(options, oldKey))).toMatchObject({
      code: 'new_encryption_key_invalid',
      message: expect.stringMatching(/is the key in use/),
    });
    expect(readKey(keyFileOf(server.dataDir))).toBe(oldKey);
  });

  it('re-seals every sealed value and puts the new key in the key file', () => {
    const rotation = rotateEncryptionKey(options, NEW_KEY);
    expect(rotation).toMatchObject({ oldFingerprint: keyFingerprint(oldKey), newFingerprint: keyFingerprint(NEW_KEY), keyFile: keyFileOf(server.dataDir) });
    expect(rotation.resealed.signingKeys).toBeGreaterThan(0);
    expect(rotation.resealed.cookieKeys).toBe(1);
    expect(rotation.resealed.providerRecords).toBeGreaterThan(0);
    // The lookup-hash key and the mail server's password.
    expect(rotation.resealed.settings).toBe(2);
    expect(readKey(keyFileOf(server.dataDir))).toBe(NEW_KEY);
    expect(statSync(keyFileOf(server.dataDir)).mode & 0o777).toBe(0o600);
    expect(existsSync(`${keyFileOf(server.dataDir)}.next`)).toBe(false);
  });

  it('starts with only the new key: passkeys sign in, refresh tokens refresh, the mail password opens', async () => {
    await server.restart();
    const { db } = server.gatehouse.internals;
    expect(readKeyFingerprint(db)).toBe(keyFingerprint(NEW_KEY));

    const signedIn = await authorize(server.issuer, { browser: new Browser(), authenticator: alice.authenticator }, authorizationUrl());
    expect(signedIn).toMatchObject({ kind: 'redirect', url: expect.stringContaining(`${APP_REDIRECT}?code=`) });

    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(refreshed.status).toBe(200);
    expect(await refreshed.json()).toMatchObject({ refresh_token: expect.any(String), id_token: expect.any(String) });

    expect(readSmtpPassword(db, databaseSealer(db, NEW_KEY))).toBe(SMTP_LOGIN.password);
    expect(listAuditEvents(db, { event: 'encryption_key.rotated' })).toMatchObject([
      { details: { from: keyFingerprint(oldKey), to: keyFingerprint(NEW_KEY), settings: 2 } },
    ]);
    const { events } = (await server.gatehouse.runAdmin('audit.list', { event: 'encryption_key.rotated' })) as { events: AuditEntry[] };
    expect(describeAuditEvent(events[0]!).sentence).toBe(
      `The key-encryption key was replaced: everything sealed under ${keyFingerprint(oldKey)} is now sealed under ${keyFingerprint(NEW_KEY)}`,
    );
  });

  it.runIf(mailRuns)('signs in to the mail server with the password sealed before', async () => {
    const answer = (await server.gatehouse.runAdmin('email.test', { to: 'owner@home.example' })) as { outcome: { sent: boolean } };
    expect(answer.outcome).toMatchObject({ sent: true });
    await smtp!.waitForMail((mail) => mail.to.includes('owner@home.example'));
  });

  it('refuses the old key, naming both fingerprints', () => {
    const old = { ...options, encryptionKey: oldKey };
    expect(() => createGatehouse(old, { logger: createLogger('silent') })).toThrow(
      `this data was sealed with key ${keyFingerprint(NEW_KEY)}; the key from environment is ${keyFingerprint(oldKey)}.`,
    );
  });
});

describe('a rotation that stopped midway', () => {
  it('is finished at the next start when the data was already sealed under the new key', () => {
    const options = madeDataDir();
    const file = keyFileOf(options.dataDir);
    const oldKey = readKey(file);
    rotateEncryptionKey(options, NEW_KEY);
    // As a stop right after the commit leaves it: the old key in place, the new one waiting beside it.
    writeFileSync(file, `${oldKey}\n`, { mode: 0o600 });
    writeFileSync(`${file}.next`, `${NEW_KEY}\n`, { mode: 0o600 });

    const { logger, events } = capturingLogger();
    const gatehouse = createGatehouse(options, { logger });
    gatehouse.close();
    expect(events()).toContain('storage.key_rotation_finished');
    expect(readKey(file)).toBe(NEW_KEY);
    expect(existsSync(`${file}.next`)).toBe(false);
  });

  it('is undone at the next start when it never committed', () => {
    const options = madeDataDir();
    const file = keyFileOf(options.dataDir);
    const key = readKey(file);
    writeFileSync(`${file}.next`, `${NEW_KEY}\n`, { mode: 0o600 });

    const { logger, events } = capturingLogger();
    createGatehouse(options, { logger }).close();
    expect(events()).toContain('storage.key_rotation_undone');
    expect(readKey(file)).toBe(key);
    expect(existsSync(`${file}.next`)).toBe(false);
  });

  it('changes nothing when one value cannot be re-sealed', () => {
    const options = madeDataDir();
    const file = keyFileOf(options.dataDir);
    const key = readKey(file);
    const raw = new Database(path.join(options.dataDir, DATABASE_FILE_NAME));
    const signingKeys = raw.prepare('SELECT kid, encrypted_jwk FROM signing_keys ORDER BY kid').all();
    // A record no key opens, last in the table, so that everything before it was already re-sealed.
    raw.prepare("INSERT INTO oidc_state (model, id_hash, payload) VALUES ('Session', randomblob(32), randomblob(64))").run();
    raw.close();

    expect(refusal(() => rotateEncryptionKey(options, NEW_KEY))).toMatchObject({ code: 'cannot_decrypt' });
    expect(readKey(file)).toBe(key);
    expect(existsSync(`${file}.next`)).toBe(false);
    const after = new Database(path.join(options.dataDir, DATABASE_FILE_NAME), { readonly: true });
    expect(after.prepare('SELECT kid, encrypted_jwk FROM signing_keys ORDER BY kid').all()).toEqual(signingKeys);
    expect(readKeyFingerprint(after)).toBe(keyFingerprint(key));
    after.close();
  });
});

describe('a key from the environment', () => {
  it('is re-sealed from, and the new key is then the one to set', () => {
    const oldKey = 'environment-key-0123456789abcdefghijklmnopqr';
    const options = madeDataDir({ encryptionKey: oldKey });
    const rotation = rotateEncryptionKey(options, NEW_KEY);
    expect(rotation.keyFile).toBeUndefined();
    expect(existsSync(keyFileOf(options.dataDir))).toBe(false);
    expect(() => createGatehouse(options, { logger: createLogger('silent') })).toThrow(/this data was sealed with key .*; the key from environment is/);
    createGatehouse({ ...options, encryptionKey: NEW_KEY }, { logger: createLogger('silent') }).close();
  });
});

describe('gatehouse keys rotate-encryption-key', () => {
  it('rotates the key file and says what it re-sealed and where the key is', async () => {
    const { dataDir } = madeDataDir();
    const oldKey = readKey(keyFileOf(dataDir));
    const newKeyFile = path.join(tempDir(), 'new.key');
    writeFileSync(newKeyFile, `${NEW_KEY}\n`, { mode: 0o600 });
    const result = await runCli(['keys', 'rotate-encryption-key', '--new-key-file', newKeyFile, '--data-dir', dataDir]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Re-sealed everything under the new key ${keyFingerprint(NEW_KEY)} (was ${keyFingerprint(oldKey)}):`);
    expect(result.stdout).toMatch(/\d+ signing keys?, 1 cookie key, \d+ session, grant (or|and) token records?, 1 sealed setting\n/);
    expect(result.stdout).toContain(`The new key is now in ${keyFileOf(dataDir)}`);
    expect(readKey(keyFileOf(dataDir))).toBe(NEW_KEY);
  }, 120_000);

  it('tells what to set when the key comes from the environment', async () => {
    const oldKey = 'environment-key-0123456789abcdefghijklmnopqr';
    const { dataDir } = madeDataDir({ encryptionKey: oldKey });
    const result = await runCli(['keys', 'rotate-encryption-key', '--data-dir', dataDir], {
      GATEHOUSE_ENCRYPTION_KEY: oldKey,
      GATEHOUSE_NEW_ENCRYPTION_KEY: NEW_KEY,
    });
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/The key came from GATEHOUSE_ENCRYPTION_KEY, which still holds the old key: set it to the new key/);
  }, 120_000);

  it('refuses a missing or doubled new key and a short one', async () => {
    const { dataDir } = madeDataDir();
    const missing = await runCli(['keys', 'rotate-encryption-key', '--data-dir', dataDir]);
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('gatehouse: give the new key: --new-key-file FILE or GATEHOUSE_NEW_ENCRYPTION_KEY'),
    });
    const short = path.join(tempDir(), 'short.key');
    writeFileSync(short, 'short\n');
    const doubled = await runCli(['keys', 'rotate-encryption-key', '--new-key-file', short, '--data-dir', dataDir], { GATEHOUSE_NEW_ENCRYPTION_KEY: NEW_KEY });
    expect(doubled).toMatchObject({ code: 2, stderr: expect.stringContaining('give the new key once') });
    const tooShort = await runCli(['keys', 'rotate-encryption-key', '--new-key-file', short, '--data-dir', dataDir]);
    expect(tooShort).toMatchObject({ code: 1, stderr: expect.stringContaining(`the encryption key from ${short} is 5 characters long`) });
  }, 120_000);

  it('refuses while a server runs on the data directory', async () => {
    const { dataDir } = madeDataDir();
    const port = await freePort();
    const serving = await startServe(['--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1']);
    try {
      const running = await runCli(['keys', 'rotate-encryption-key', '--data-dir', dataDir], { GATEHOUSE_NEW_ENCRYPTION_KEY: NEW_KEY });
      expect(running).toMatchObject({ code: 1, stderr: expect.stringMatching(/^gatehouse: a Gatehouse server \(process \d+\) is running on /) });
    } finally {
      serving.child.kill('SIGTERM');
      await serving.exited;
    }
    expect(existsSync(`${keyFileOf(dataDir)}.next`)).toBe(false);
  }, 120_000);
});
