// Replaces the key-encryption key: every sealed value re-sealed under the new key in one transaction,
// and the new key made the one the next start reads. A key file is replaced crash-safely: the new key is
// written beside it first (`<file>.next`), renamed over it after the commit, and a start that finds the
// data sealed under a waiting `.next` finishes the rename (instance/storage.ts). A key from the
// environment cannot be replaced from here: the caller tells the owner what to set.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { EncryptionKeyError, finishKeyFileReplacement, MIN_KEY_LENGTH, writeNextKeyFile } from '../config/encryptionKey.ts';
import type { GatehouseOptions } from '../config/options.ts';
import { createAuditLog } from '../db/audit.ts';
import { DATABASE_FILE_NAME, type Db, systemClock } from '../db/database.ts';
import { readKeyFingerprint, readLookupHashKey, recordKeyFingerprint } from '../db/keyState.ts';
import { type ResealCounts, resealAll } from '../db/reseal.ts';
import { createSealer, keyFingerprint } from '../db/sealed.ts';
import { createLogger } from '../logger.ts';
import { GatehouseError } from '../model/errors.ts';
import { runningServerPid } from './runningServer.ts';
import { openStorage } from './storage.ts';

export interface EncryptionKeyRotation {
  oldFingerprint: string;
  newFingerprint: string;
  resealed: ResealCounts;
  /** The key file that now holds the new key; undefined when the key comes from GATEHOUSE_ENCRYPTION_KEY, which must be set to it. */
  keyFile?: string;
}

export function rotateEncryptionKey(options: GatehouseOptions, newKey: string, logger: Logger = createLogger('silent')): EncryptionKeyRotation {
  const pid = runningServerPid(options.dataDir);
  if (pid !== null) {
    throw new GatehouseError(
      'server_running',
      `a Gatehouse server (process ${pid}) is running on ${options.dataDir}; stop it first, since it keeps the old key in memory, then run the rotation again`,
    );
  }
  if (newKey.length < MIN_KEY_LENGTH) {
    throw new GatehouseError(
      'new_encryption_key_invalid',
      `the new key is ${newKey.length} characters long; it needs at least ${MIN_KEY_LENGTH} random characters (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  // A key file is read trimmed: a key kept in one must be the same key with its white space gone.
  if (newKey.trim() !== newKey) {
    throw new GatehouseError(
      'new_encryption_key_invalid',
      'the new key begins or ends with white space (a space or a line break), which a key file does not keep; give it without',
    );
  }
  if (!existsSync(path.join(options.dataDir, DATABASE_FILE_NAME))) {
    throw new GatehouseError('encryption_key_rotation_no_data', `there is no Gatehouse data in ${options.dataDir} to re-seal; check --data-dir`);
  }
  // Opening proves the current key opens the data (and finishes a rotation an earlier stop interrupted).
  const { db, sealer: from, key } = openStorage(options, systemClock, logger);
  try {
    if (newKey === key.key) throw new GatehouseError('new_encryption_key_invalid', `the new key is the key in use (from ${key.origin}); make a new one`);
    const oldFingerprint = keyFingerprint(key.key);
    const newFingerprint = keyFingerprint(newKey);
    // The lookup-hash key stays: every stored hash keeps finding its row. openStorage has recorded it.
    const to = createSealer(newKey, readLookupHashKey(db, createSealer(key.key)));
    const next = key.file === undefined ? undefined : writeNextKeyFile(key.file, newKey);
    // The commit must be on disk before the old key leaves its file: NORMAL, as the server runs, may lose a
    // WAL commit to a power cut, which would leave data sealed under the old key with only the new key kept.
    db.pragma('synchronous = FULL');
    let resealed: ResealCounts;
    try {
      resealed = db
        .transaction(() => {
          const counts = resealAll(db, from, to);
          recordKeyFingerprint(db, newFingerprint);
          createAuditLog(db, systemClock, logger)({ event: 'encryption_key.rotated', details: { from: oldFingerprint, to: newFingerprint, ...counts } });
          return counts;
        })
        .immediate();
    } catch (error) {
      // Removed only while the data is seen to be under the old key still (a failed commit may yet have
      // reached the disk); otherwise the next start decides, as after a crash.
      if (next !== undefined && underKey(db, oldFingerprint)) rmSync(next, { force: true });
      throw error;
    }
    if (key.file !== undefined) {
      try {
        finishKeyFileReplacement(key.file);
      } catch (error) {
        throw new EncryptionKeyError(
          `the data is now sealed under the new key ${newFingerprint}, but it could not be moved from ${next} to ${key.file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next start moves it: keep ${next}`,
        );
      }
    }
    return { oldFingerprint, newFingerprint, resealed, ...(key.file === undefined ? {} : { keyFile: key.file }) };
  } finally {
    db.close();
  }
}

function underKey(db: Db, fingerprint: string): boolean {
  try {
    return readKeyFingerprint(db) === fingerprint;
  } catch {
    return false;
  }
}
