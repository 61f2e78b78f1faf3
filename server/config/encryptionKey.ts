// Finds the key-encryption key: from the environment, or from a key file that is created (mode 0600)
// when none exists. The key never lives in the database it protects.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OwnerNotice } from '../model/ownerNotices.ts';
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
  warnings: OwnerNotice[];
}

export function resolveEncryptionKey(options: Pick<GatehouseOptions, 'dataDir' | 'encryptionKey' | 'encryptionKeyFile'>): EncryptionKeySource {
  if (options.encryptionKey !== undefined) {
    return { key: checked(options.encryptionKey, 'GATEHOUSE_ENCRYPTION_KEY'), origin: 'environment', warnings: [] };
  }
  const file = options.encryptionKeyFile ?? path.join(options.dataDir, KEY_FILE_NAME);
  const warnings: OwnerNotice[] = [];
  if (!existsSync(file)) {
    if (options.encryptionKeyFile !== undefined) {
      throw new EncryptionKeyError(
        `encryption key file ${file} does not exist; create it (at least ${MIN_KEY_LENGTH} random characters, e.g. \`openssl rand -base64 32 > ${file}\`) or leave the option out to let Gatehouse create one in the data directory`,
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
  let content: string;
  try {
    content = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new EncryptionKeyError(
      `cannot read encryption key file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; check that it exists and that Gatehouse may read it`,
    );
  }
  return { key: checked(content, file), origin: file, warnings };
}

function checked(key: string, where: string): string {
  if (key.length < MIN_KEY_LENGTH) {
    throw new EncryptionKeyError(
      `the encryption key from ${where} is ${key.length} characters long; it needs at least ${MIN_KEY_LENGTH} random characters (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}
