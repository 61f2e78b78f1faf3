// The SQLite file, its migrations, sealed secrets and the key that opens them.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { resolveEncryptionKey } from '../../server/config/encryptionKey.ts';
import { openDatabase, schemaVersion } from '../../server/db/database.ts';
import { MIGRATIONS } from '../../server/db/migrations.ts';
import { createSealer, derivedLookupHashKey, keyFingerprint } from '../../server/db/sealed.ts';
import { createGatehouse } from '../../server/index.ts';
import { createLogger } from '../../server/logger.ts';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'gatehouse-storage-'));

describe('database', () => {
  it('opens in WAL mode with foreign keys, at the newest schema', () => {
    const db = openDatabase(tempDir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('reopens an existing database without migrating twice', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database written by a newer Gatehouse', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const raw = new Database(path.join(dir, 'gatehouse.db'));
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDatabase(dir)).toThrow(`written by a newer Gatehouse (schema ${MIGRATIONS.length + 1}, this version knows up to ${MIGRATIONS.length})`);
  });

  it.each(MIGRATIONS.slice(0, -1).map((_, i) => i + 1))('upgrades a database at schema %i, keeping its data', (version) => {
    const dir = tempDir();
    const raw = new Database(path.join(dir, 'gatehouse.db'));
    for (const migration of MIGRATIONS.slice(0, version)) raw.exec(migration);
    raw.pragma(`user_version = ${version}`);
    raw.prepare("INSERT INTO users (id, username, created_at, updated_at) VALUES ('u1', 'alice', 1, 1)").run();
    raw.close();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT username FROM users').all()).toEqual([{ username: 'alice' }]);
    db.close();
  });
});

describe('sealed secrets', () => {
  const sealer = createSealer('k'.repeat(40));

  it('round-trips and binds each value to its row', () => {
    const sealed = sealer.seal('private key', 'gatehouse:signing_keys:a');
    expect(sealer.open(sealed, 'gatehouse:signing_keys:a').toString()).toBe('private key');
    expect(sealed.toString('latin1')).not.toContain('private key');
    expect(() => sealer.open(sealed, 'gatehouse:signing_keys:b')).toThrow(/cannot be decrypted/);
  });

  it('cannot be opened with another key', () => {
    const sealed = sealer.seal('secret', 'row');
    expect(() => createSealer('x'.repeat(40)).open(sealed, 'row')).toThrow(/start Gatehouse with the key this database was created with/);
  });
});

describe('encryption key', () => {
  it('creates a key file with mode 0600 when none is given', () => {
    const dir = tempDir();
    const source = resolveEncryptionKey({ dataDir: dir });
    const file = path.join(dir, 'encryption.key');
    expect(source.origin).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(source.warnings[0]).toMatchObject({ severity: 'notice', message: expect.stringMatching(/^Created a new encryption key/) });
    expect(resolveEncryptionKey({ dataDir: dir }).key).toBe(source.key);
  });

  it('refuses a missing named key file, a short key and warns on loose permissions', () => {
    const dir = tempDir();
    expect(() => resolveEncryptionKey({ dataDir: dir, encryptionKeyFile: path.join(dir, 'absent.key') })).toThrow(/does not exist/);
    expect(() => resolveEncryptionKey({ dataDir: dir, encryptionKey: 'short' })).toThrow(/is 5 characters long; it needs at least 32/);
    const loose = path.join(dir, 'loose.key');
    writeFileSync(loose, 'z'.repeat(40), { mode: 0o644 });
    expect(resolveEncryptionKey({ dataDir: dir, encryptionKeyFile: loose }).warnings[0]?.message).toMatch(/can be read by other users; run `chmod 600/);
  });

  it('never makes a key when asked not to, nor beside existing data', () => {
    const dir = tempDir();
    expect(() => resolveEncryptionKey({ dataDir: dir }, { create: false })).toThrow(
      /there is no encryption key at .*encryption\.key; give the key the data was sealed with/,
    );
    expect(existsSync(path.join(dir, 'encryption.key'))).toBe(false);
    const options = { issuer: 'http://localhost:9460', port: 0, host: '127.0.0.1', dataDir: dir, trustProxy: false as const, logLevel: 'silent' as const };
    createGatehouse(options, { logger: createLogger('silent') }).close();
    rmSync(path.join(dir, 'encryption.key'));
    expect(() => createGatehouse(options, { logger: createLogger('silent') })).toThrow(/there is no encryption key at/);
    expect(existsSync(path.join(dir, 'encryption.key'))).toBe(false);
  });

  it('names a key by a fingerprint that does not reveal it', () => {
    const fingerprint = keyFingerprint('k'.repeat(40));
    expect(fingerprint).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
    expect(keyFingerprint('k'.repeat(40))).toBe(fingerprint);
    expect(keyFingerprint('x'.repeat(40))).not.toBe(fingerprint);
  });

  it('hashes with the stored lookup-hash key, whatever the key-encryption key', () => {
    const lookupKey = derivedLookupHashKey('k'.repeat(40));
    expect(createSealer('x'.repeat(40), lookupKey).lookupHash('token')).toEqual(createSealer('k'.repeat(40)).lookupHash('token'));
  });

  it('keeps the signing keys out of the database in clear text, and refuses the wrong key', () => {
    const dir = tempDir();
    const options = { issuer: 'http://localhost:9460', port: 0, host: '127.0.0.1', dataDir: dir, trustProxy: false as const, logLevel: 'silent' as const };
    const logger = createLogger('silent');
    createGatehouse({ ...options, encryptionKey: 'a'.repeat(40) }, { logger }).close();
    const raw = new Database(path.join(dir, 'gatehouse.db'), { readonly: true });
    const dump = raw
      .prepare('SELECT encrypted_jwk FROM signing_keys')
      .all()
      .map((row) => (row as { encrypted_jwk: Buffer }).encrypted_jwk.toString('latin1'))
      .join('');
    raw.close();
    expect(dump).not.toMatch(/"d"|"kty"/);
    expect(() => createGatehouse({ ...options, encryptionKey: 'b'.repeat(40) }, { logger })).toThrow(
      `this data was sealed with key ${keyFingerprint('a'.repeat(40))}; the key from environment is ${keyFingerprint('b'.repeat(40))}.`,
    );
  });
});
