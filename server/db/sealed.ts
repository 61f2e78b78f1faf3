// Authenticated encryption for secrets at rest (signing keys, cookie keys, the provider's state). Each
// value is bound to the row it belongs to through the associated data, so a ciphertext moved to another
// row fails to open. Lookup hashes let a row be found by a secret (a token, a cookie) without storing it.
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomFillSync } from 'node:crypto';

const VERSION = 1;

export class SealError extends Error {
  readonly code = 'cannot_decrypt';
}

export interface Sealer {
  seal(plaintext: Buffer | string, associatedData: string): Buffer;
  open(sealed: Buffer, associatedData: string): Buffer;
  /** A keyed hash of a secret, to store and look it up by: useless to whoever copies the database. */
  lookupHash(secret: string): Buffer;
}

/** Random IVs drawn from a pool: one random read per 512 seals instead of one each (a large share of a seal). */
function ivSource(): () => Buffer {
  const pool = Buffer.alloc(12 * 512);
  let offset = pool.length;
  return () => {
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    return pool.subarray(offset, (offset += 12));
  };
}

export function createSealer(encryptionKey: string): Sealer {
  // Key objects, made once: handing Node a raw key makes one on every call, which costs more than the cipher.
  const key = createSecretKey(Buffer.from(hkdfSync('sha256', encryptionKey, 'gatehouse', 'gatehouse:secrets-at-rest:v1', 32)));
  const hashKey = createSecretKey(Buffer.from(hkdfSync('sha256', encryptionKey, 'gatehouse', 'gatehouse:lookup-hash:v1', 32)));
  const nextIv = ivSource();
  return {
    seal(plaintext, associatedData) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(associatedData));
      const body = cipher.update(plaintext);
      const last = cipher.final();
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body, last]);
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
    lookupHash(secret) {
      return createHmac('sha256', hashKey).update(secret).digest();
    },
  };
}
