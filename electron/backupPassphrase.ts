// The passphrase that encrypts scheduled backups holding the key-encryption key: sealed by the operating
// system keychain in the app's folder, so the schedule can use it unattended and no file holds it readable.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomically } from './atomicFile.ts';
import path from 'node:path';
import { GatehouseError } from '../server/index.ts';
import { type Keychain, keychainUnusable } from './keychainKey.ts';

export interface PassphraseStore {
  /** Why no passphrase can be kept (no usable keychain), as the end of a sentence; undefined when it can. */
  unusable(): string | undefined;
  saved(): boolean;
  /** The saved passphrase; throws a sentence when the keychain cannot unseal it. */
  read(): string;
  save(passphrase: string): void;
  clear(): void;
}

export function backupPassphraseStore(directory: string, keychain: Keychain): PassphraseStore {
  const file = path.join(directory, 'backup-passphrase.sealed');
  const unusable = () => keychainUnusable(keychain);
  return {
    unusable,
    saved: () => existsSync(file),
    read() {
      const why = unusable();
      if (why) {
        throw new GatehouseError(
          'keychain_unavailable',
          `The backup passphrase is sealed by the operating system keychain, but ${why}. Unlock or start your keyring.`,
        );
      }
      try {
        return keychain.decryptString(readFileSync(file));
      } catch {
        throw new GatehouseError(
          'keychain_refused',
          'The operating system keychain could not unseal the backup passphrase. Save the backup schedule again with the passphrase.',
        );
      }
    },
    save(passphrase) {
      mkdirSync(directory, { recursive: true });
      writeFileAtomically(file, keychain.encryptString(passphrase), 0o600);
    },
    clear: () => rmSync(file, { force: true }),
  };
}
