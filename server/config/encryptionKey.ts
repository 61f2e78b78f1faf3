// Finds the key-encryption key: from the environment, or from a key file that is created (mode 0600)
// when none exists. The key never lives in the database it protects. A key file is replaced (a rotation)
// by writing its successor beside it, `<file>.next`, and renaming it over the file once the data is
// sealed under it; a start that finds the successor finishes the rename (instance/storage.ts).
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { OwnerNotice } from '../model/ownerNotices.ts';
import { syncDirectory } from './durableFiles.ts';
import type { GatehouseOptions } from './options.ts';

export const KEY_FILE_NAME = 'encryption.key';
export const MIN_KEY_LENGTH = 32;

export class EncryptionKeyError extends Error {
  readonly code = 'invalid_encryption_key';
}

export interface EncryptionKeySource {
  key: string;
  /** Where it came from, for the start-up log; never the key itself. */
  origin: string;
  /** The key file it was read from; undefined when it came from the environment. */
  file?: string;
  warnings: OwnerNotice[];
}

type KeyOptions = Pick<GatehouseOptions, 'dataDir' | 'encryptionKey' | 'encryptionKeyOrigin' | 'encryptionKeyFile'>;

/** The key file a key is read from, when it comes from no environment variable. */
export function keyFileOf(options: KeyOptions): string {
  return options.encryptionKeyFile ?? path.join(options.dataDir, KEY_FILE_NAME);
}

/**
 * The key to open the data with. `create: false` (restoring, rotating) never makes a key: a missing one
 * is refused, since a new key could not open anything already sealed.
 */
export function resolveEncryptionKey(options: KeyOptions, { create = true }: { create?: boolean } = {}): EncryptionKeySource {
  if (options.encryptionKey !== undefined) {
    const origin = options.encryptionKeyOrigin ?? 'environment';
    return { key: checkedKey(options.encryptionKey, options.encryptionKeyOrigin ?? 'GATEHOUSE_ENCRYPTION_KEY'), origin, warnings: [] };
  }
  const file = keyFileOf(options);
  const warnings: OwnerNotice[] = [];
  if (!existsSync(file)) {
    if (options.encryptionKeyFile !== undefined) {
      throw new EncryptionKeyError(
        `encryption key file ${file} does not exist; create it (at least ${MIN_KEY_LENGTH} random characters, e.g. \`openssl rand -base64 32 > ${file}\`) or leave the option out to let Gatehouse create one in the data directory`,
      );
    }
    if (!create) {
      throw new EncryptionKeyError(
        `there is no encryption key at ${file}; give the key the data was sealed with, in that file, with --encryption-key-file FILE or in GATEHOUSE_ENCRYPTION_KEY`,
      );
    }
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    warnings.push({
      id: `encryption_key_created:${file}`,
      severity: 'notice',
      message: `Created a new encryption key at ${file}; back it up with the database, which cannot be read without it.`,
    });
  } else if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    warnings.push({
      id: `encryption_key_readable:${file}`,
      severity: 'warning',
      message: `The encryption key file ${file} can be read by other users; run \`chmod 600 ${file}\`.`,
    });
  }
  return { key: readKeyFile(file), origin: file, file, warnings };
}

/** A key file's key, checked. */
export function readKeyFile(file: string): string {
  let content: string;
  try {
    content = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new EncryptionKeyError(
      `cannot read encryption key file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; check that it exists and that Gatehouse may read it`,
    );
  }
  return checkedKey(content, file);
}

/** Where a key file's successor waits while the data is re-sealed under it. */
export const nextKeyFileOf = (file: string) => `${file}.next`;

/**
 * Writes a key file's successor (0600, on disk before the data is sealed under it), owned by whoever owns
 * the key file: the service's user, when root replaces the key of a service.
 */
export function writeNextKeyFile(file: string, key: string): string {
  const next = nextKeyFileOf(file);
  try {
    // A new file, changed through its own handle, never through a link planted in its place: root may run
    // this in a directory the service's user can write to.
    rmSync(next, { force: true });
    const handle = openSync(next, 'wx', 0o600);
    try {
      writeFileSync(handle, `${key}\n`);
      fchmodSync(handle, 0o600);
      const owner = statSync(file);
      if (process.platform !== 'win32' && owner.uid !== process.getuid?.()) fchownSync(handle, owner.uid, owner.gid);
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    // Its name too must outlive a power cut: after the commit it may be the only copy of the key that opens the data.
    syncDirectory(path.dirname(file));
  } catch (error) {
    rmSync(next, { force: true });
    throw new EncryptionKeyError(
      `cannot write the new key beside ${file} (as ${next}): ${(error as NodeJS.ErrnoException).code ?? String(error)}; run this as a user who may write to ${path.dirname(file)} and give ${file} to its owner (root may)`,
    );
  }
  return next;
}

/** Puts the successor in the key file's place, durably (the directory entry too). */
export function finishKeyFileReplacement(file: string): void {
  renameSync(nextKeyFileOf(file), file);
  syncDirectory(path.dirname(file));
}

/** Refuses a key too short to be a key; `where` names its origin in the sentence. */
function checkedKey(key: string, where: string): string {
  if (key.length < MIN_KEY_LENGTH) {
    throw new EncryptionKeyError(
      `the encryption key from ${where} is ${key.length} characters long; it needs at least ${MIN_KEY_LENGTH} random characters (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}
