// The key-encryption key on the desktop: a random key sealed by the OS keychain (Electron's safeStorage)
// in a file next to the database. Where the keychain is missing, or is Linux's plain-text fallback that
// protects nothing, the server's own key file is used instead and the window says so. A rotation puts
// a new random key where the old one was, crash-safely: the sealed successor is written beside the file
// (`.next`) before the data is re-sealed, renamed over it after; an opening that finds one settles it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { writeFileAtomically } from './atomicFile.ts';
import path from 'node:path';
import {
  type EncryptionKeyRotation,
  GatehouseError,
  type GatehouseOptions,
  KEY_FILE_NAME,
  keyFingerprint,
  recordedKeyFingerprint,
  rotateEncryptionKey,
  syncDirectory,
} from '../server/index.ts';
import type { EncryptionKeyRotated } from './desktopApi.ts';

/** Beside the server's own key file, whose name it shares. */
const SEALED_KEY_FILE = `${KEY_FILE_NAME}.sealed`;
const nextOf = (sealedFile: string) => `${sealedFile}.next`;

/** Where the desktop's key comes from, in sentences about it (a wrong key, a backup without it). */
export const KEYCHAIN_ORIGIN = 'the operating system keychain';

/** The part of Electron's safeStorage this needs. */
export interface Keychain {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs the keychain. */
  getSelectedStorageBackend?(): string;
}

export interface DesktopKey {
  /** The key, when it comes from the keychain; otherwise the server reads or creates its key file. */
  encryptionKey?: string;
  warning?: string;
}

/** Why the keychain cannot keep a secret, as the end of a sentence; undefined when it can. */
export function keychainUnusable(keychain: Keychain): string | undefined {
  if (!keychain.isEncryptionAvailable()) return 'the operating system keychain is not available';
  const backend = keychain.getSelectedStorageBackend?.();
  if (backend === 'basic_text' || backend === 'unknown') return `no keyring is running (Electron's secret store is "${backend}")`;
  return undefined;
}

export function desktopEncryptionKey(dataDir: string, keychain: Keychain): DesktopKey {
  const sealedFile = path.join(dataDir, SEALED_KEY_FILE);
  const plainFile = path.join(dataDir, KEY_FILE_NAME);
  const unusable = keychainUnusable(keychain);
  if (existsSync(sealedFile)) {
    if (unusable) {
      throw new GatehouseError(
        'keychain_unavailable',
        `The database key is sealed by the operating system keychain, but ${unusable}. Unlock or start your keyring (for example by signing in to the desktop session) and open Gatehouse again.`,
      );
    }
    settleInterruptedRotation(dataDir, sealedFile, keychain);
    try {
      return { encryptionKey: keychain.decryptString(readFileSync(sealedFile)) };
    } catch {
      throw new GatehouseError(
        'keychain_refused',
        `The operating system keychain could not unseal ${sealedFile}; it was sealed by another user account or keyring. Restore the keyring, or the database cannot be read.`,
      );
    }
  }
  if (existsSync(plainFile) || unusable) {
    // A key file already in use (a data folder that ran headless, or an earlier fallback) stays in use.
    const why = unusable ? `, because ${unusable}` : ' (it was there before the keychain was used)';
    return {
      warning: `The database key is kept in the file ${plainFile}, not in the operating system keychain${why}. Keep that file private and back it up with the database.`,
    };
  }
  const key = randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileAtomically(sealedFile, keychain.encryptString(key), 0o600);
  return { encryptionKey: key };
}

/**
 * A sealed successor left beside the sealed key is a rotation that stopped: it takes the key's place when
 * the data is already sealed under it (the commit happened), and goes when not.
 */
function settleInterruptedRotation(dataDir: string, sealedFile: string, keychain: Keychain): void {
  const next = nextOf(sealedFile);
  if (!existsSync(next)) return;
  const recorded = recordedKeyFingerprint(dataDir);
  const unsealed = (file: string): string | undefined => {
    try {
      return keychain.decryptString(readFileSync(file));
    } catch {
      return undefined;
    }
  };
  const successor = unsealed(next);
  if (successor !== undefined) {
    if (keyFingerprint(successor) === recorded) renameSync(next, sealedFile);
    else rmSync(next);
    return;
  }
  // Unreadable: cut short by a power cut before the commit (the old key still opens the data), or the
  // keychain refuses for now; then it is kept, since after the commit it is the only key that opens the data.
  const current = unsealed(sealedFile);
  if (recorded === undefined || (current !== undefined && keyFingerprint(current) === recorded)) {
    rmSync(next);
    return;
  }
  throw new GatehouseError(
    'keychain_refused',
    `The operating system keychain could not unseal ${next}, the new database key of a key rotation that did not finish. Unlock the keyring and open Gatehouse again; do not delete that file.`,
  );
}

export interface DesktopKeyRotation {
  /** The desktop's key from now on. */
  key: DesktopKey;
  rotated: Omit<EncryptionKeyRotated, 'status'>;
}

const rotated = ({ oldFingerprint, newFingerprint, resealed }: EncryptionKeyRotation, keptIn: string): DesktopKeyRotation['rotated'] => ({
  oldFingerprint,
  newFingerprint,
  resealed: Object.values(resealed).reduce((sum, count) => sum + count, 0),
  keptIn,
  keptInKeychain: keptIn === KEYCHAIN_ORIGIN,
});

/**
 * Replaces the key-encryption key with a new random one; the server must be closed. `options` are the
 * configured ones, before the keychain's key is added: a key file (configured, or the fallback in the data
 * folder) is rotated by the server; a key sealed by the keychain is rotated here.
 */
export function rotateDesktopKey(options: GatehouseOptions, keychain: Keychain): DesktopKeyRotation {
  if (options.encryptionKey !== undefined) {
    throw new GatehouseError(
      'set_at_startup',
      'The database key comes from GATEHOUSE_ENCRYPTION_KEY, which Gatehouse cannot change. Stop Gatehouse, run `gatehouse keys rotate-encryption-key`, and set the variable to the new key.',
    );
  }
  const newKey = randomBytes(32).toString('base64url');
  const current: DesktopKey = options.encryptionKeyFile === undefined ? desktopEncryptionKey(options.dataDir, keychain) : {};
  if (current.encryptionKey === undefined) {
    const rotation = rotateEncryptionKey(options, newKey);
    return { key: current, rotated: rotated(rotation, rotation.keyFile ?? '') };
  }
  const sealedFile = path.join(options.dataDir, SEALED_KEY_FILE);
  const next = nextOf(sealedFile);
  writeFileSync(next, keychain.encryptString(newKey), { mode: 0o600, flush: true });
  let rotation: EncryptionKeyRotation;
  try {
    // Its name must outlive a power cut too: after the commit it is the only copy of the new key.
    syncDirectory(options.dataDir);
    rotation = rotateEncryptionKey({ ...options, encryptionKey: current.encryptionKey, encryptionKeyOrigin: KEYCHAIN_ORIGIN }, newKey);
  } catch (error) {
    // Kept when the data may be under the new key (a failed commit that reached the disk): the next opening decides.
    if (!sealedUnder(options.dataDir, newKey)) rmSync(next, { force: true });
    throw error;
  }
  renameSync(next, sealedFile);
  return { key: { encryptionKey: newKey }, rotated: rotated(rotation, KEYCHAIN_ORIGIN) };
}

function sealedUnder(dataDir: string, key: string): boolean {
  try {
    return recordedKeyFingerprint(dataDir) === keyFingerprint(key);
  } catch {
    return true;
  }
}
