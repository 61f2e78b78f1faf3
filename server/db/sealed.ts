// Authenticated encryption for secrets at rest (signing keys, cookie keys). Each value is bound to
// the row it belongs to through the associated data, so a ciphertext moved to another row fails to open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;

export class SealError extends Error {
  readonly code = 'cannot_decrypt';
}

export interface Sealer {
  seal(plaintext: Buffer | string, associatedData: string): Buffer;
  open(sealed: Buffer, associatedData: string): Buffer;
}

export function createSealer(encryptionKey: string): Sealer {
  const key = Buffer.from(hkdfSync('sha256', encryptionKey, 'gatehouse', 'gatehouse:secrets-at-rest:v1', 32));
  return {
    seal(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(associatedData));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed, associatedData) {
      if (sealed[0] !== VERSION || sealed.length < 29) throw new SealError('stored secret has an unknown format');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAAD(Buffer.from(associatedData));
      decipher.setAuthTag(sealed.subarray(13, 29));
      try {
        return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
      } catch {
        throw new SealError('the stored secrets cannot be decrypted with this encryption key; start Gatehouse with the key this database was created with');
      }
    },
  };
}
