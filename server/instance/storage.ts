// Opens what a Gatehouse keeps: the database, sealed with the key-encryption key, with its signing
// and cookie keys made on first start and an older release's rows sealed. The key must be the one whose
// fingerprint the database recorded; a rotation that stopped after its commit is finished here.
// Nothing stays open on failure.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { type EncryptionKeySource, finishKeyFileReplacement, nextKeyFileOf, readKeyFile, resolveEncryptionKey } from '../config/encryptionKey.ts';
import { CONFIG_FILE_NAME } from '../config/load.ts';
import type { GatehouseOptions } from '../config/options.ts';
import { type CookieKeys, loadCookieKeys } from '../db/cookieKeys.ts';
import { looseDataDirectoryNotice } from '../db/dataDirectoryModes.ts';
import { type Clock, DATABASE_FILE_NAME, type Db, openDatabase } from '../db/database.ts';
import { databaseSealer, readKeyFingerprint, recordKeyState } from '../db/keyState.ts';
import { sealUnsealedOidcState } from '../db/oidcState.ts';
import { keyFingerprint, type Sealer } from '../db/sealed.ts';
import { GatehouseError } from '../model/errors.ts';
import { openSigningKeyRing, type SigningKeyRing } from '../oidc/signingKeys.ts';
import type { OwnerNotice } from '../model/ownerNotices.ts';

export interface Storage {
  db: Db;
  sealer: Sealer;
  signingKeys: SigningKeyRing;
  cookieKeys: CookieKeys;
  /** The key the data opened with (a rotation re-seals from it). */
  key: EncryptionKeySource;
  /** What the owner should know about the key and the data directory. */
  warnings: OwnerNotice[];
}

export function openStorage(options: GatehouseOptions, clock: Clock, logger: Logger): Storage {
  // A new key is made only for new data: one made beside existing data could never open it.
  const key = resolveEncryptionKey(options, { create: !existsSync(path.join(options.dataDir, DATABASE_FILE_NAME)) });
  const db = openDatabase(options.dataDir);
  try {
    const keyNow = keyInUse(db, key, logger);
    const sealer = databaseSealer(db, keyNow.key);
    const signingKeys = openSigningKeyRing(db, sealer, clock);
    const cookieKeys = loadCookieKeys(db, sealer, clock);
    const sealed = sealUnsealedOidcState(db, sealer);
    if (sealed > 0) logger.info({ event: 'storage.oidc_state_sealed', rows: sealed });
    // The key opened the sealed keys above: a first start, or an older release's data, records it now.
    recordKeyState(db, keyNow.key);
    const looseModes = looseDataDirectoryNotice(options.dataDir, [path.join(options.dataDir, CONFIG_FILE_NAME)]);
    const modes: OwnerNotice[] = looseModes ? [looseModes] : [];
    return { db, sealer, signingKeys, cookieKeys, key: keyNow, warnings: [...keyNow.warnings, ...modes] };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The key that opens this database. A key file with a successor beside it (`<file>.next`) is a rotation
 * that stopped midway: when the data is already sealed under the successor, it takes the file's place;
 * when not, the rotation never committed and the successor goes.
 */
function keyInUse(db: Db, key: EncryptionKeySource, logger: Logger): EncryptionKeySource {
  const recorded = readKeyFingerprint(db);
  if (recorded === undefined) return key;
  const next = key.file === undefined ? undefined : nextKeyFileOf(key.file);
  if (key.file !== undefined && next !== undefined && existsSync(next)) {
    if (keyFingerprint(key.key) === recorded) {
      rmSync(next);
      logger.warn({ event: 'storage.key_rotation_undone', file: next, message: `a key rotation did not finish; the data is still sealed with ${key.file}` });
    } else if (keyFingerprint(readKeyFile(next)) === recorded) {
      finishKeyFileReplacement(key.file);
      logger.info({ event: 'storage.key_rotation_finished', file: key.file, message: `finished a key rotation: ${key.file} now holds the new key` });
      return { ...key, key: readKeyFile(key.file) };
    }
  }
  const given = keyFingerprint(key.key);
  if (given !== recorded) {
    throw new GatehouseError(
      'encryption_key_mismatch',
      `this data was sealed with key ${recorded}; the key from ${key.origin} is ${given}. Start Gatehouse with the key this data was sealed with (the one whose fingerprint is ${recorded}).`,
    );
  }
  return key;
}
