// What the database keeps about its key-encryption key: the key's fingerprint, to refuse a wrong key by
// name, and the lookup-hash key, a data key sealed under it, so that replacing the key-encryption key
// keeps every keyed hash (token ids, codes) valid.
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME, type Db } from './database.ts';
import { createSealer, derivedLookupHashKey, keyFingerprint, type Sealer } from './sealed.ts';
import { prepared } from './statements.ts';

/** Sealed and bound to its name, like every `secret:` setting (db/settings.ts). */
const LOOKUP_HASH_KEY = 'secret:lookupHashKey';
const KEY_FINGERPRINT = 'key:fingerprint';

const readValue = (db: Db, name: string) => prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE name = ?').get(name)?.value;

const writeValue = (db: Db, name: string, value: string) =>
  prepared(db, 'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(name, JSON.stringify(value));

/** The fingerprint of the key that opens this database's sealed values, once a start has proven one does. */
export function readKeyFingerprint(db: Db): string | undefined {
  const value = readValue(db, KEY_FINGERPRINT);
  return value === undefined ? undefined : (JSON.parse(value) as string);
}

/** The recorded fingerprint of a data directory's database, read without opening it for writing; undefined when it has none. */
export function recordedKeyFingerprint(dataDir: string): string | undefined {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get();
    return table ? readKeyFingerprint(db) : undefined;
  } finally {
    db.close();
  }
}

export function recordKeyFingerprint(db: Db, fingerprint: string): void {
  writeValue(db, KEY_FINGERPRINT, fingerprint);
}

/** The stored lookup-hash key, opened with the key-encryption key's sealer; undefined before it was stored. */
export function readLookupHashKey(db: Db, keySealer: Sealer): Buffer | undefined {
  const value = readValue(db, LOOKUP_HASH_KEY);
  return value === undefined ? undefined : keySealer.open(Buffer.from(JSON.parse(value) as string, 'base64'), LOOKUP_HASH_KEY);
}

function storeLookupHashKey(db: Db, keySealer: Sealer, lookupHashKey: Buffer): void {
  writeValue(db, LOOKUP_HASH_KEY, keySealer.seal(lookupHashKey, LOOKUP_HASH_KEY).toString('base64'));
}

/** The sealer of this database under a key: the stored lookup-hash key, or the derived one it gets at its first open. */
export function databaseSealer(db: Db, encryptionKey: string): Sealer {
  const stored = readLookupHashKey(db, createSealer(encryptionKey));
  return createSealer(encryptionKey, stored ?? derivedLookupHashKey(encryptionKey));
}

/**
 * Records the key state of a database the key was just shown to open (its sealed values opened): the
 * lookup-hash key the sealer has used so far and the key's fingerprint. Does nothing when both are there.
 */
export function recordKeyState(db: Db, encryptionKey: string): void {
  const keySealer = createSealer(encryptionKey);
  db.transaction(() => {
    if (readValue(db, LOOKUP_HASH_KEY) === undefined) storeLookupHashKey(db, keySealer, derivedLookupHashKey(encryptionKey));
    if (readKeyFingerprint(db) === undefined) recordKeyFingerprint(db, keyFingerprint(encryptionKey));
  })();
}
