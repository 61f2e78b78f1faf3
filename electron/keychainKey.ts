// The key-encryption key on the desktop: a random key sealed by the OS keychain (Electron's safeStorage)
// in a file next to the database. Where the keychain is missing, or is Linux's plain-text fallback that
// protects nothing, the server's own key file is used instead and the window says so.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GatehouseError, KEY_FILE_NAME } from '../server/index.ts';

/** Beside the server's own key file, whose name it shares. */
const SEALED_KEY_FILE = `${KEY_FILE_NAME}.sealed`;

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

function keychainUnusable(keychain: Keychain): string | undefined {
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
  const temporary = `${sealedFile}.tmp`;
  writeFileSync(temporary, keychain.encryptString(key), { mode: 0o600 });
  renameSync(temporary, sealedFile);
  return { encryptionKey: key };
}
