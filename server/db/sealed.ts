// Authenticated encryption for secrets at rest (signing keys, cookie keys, the provider's state). Each
// value is bound to the row it belongs to through the associated data, so a ciphertext moved to another
// row fails to open. Lookup hashes let a row be found by a secret (a token, a cookie) without storing it;
// their key is a data key stored in the database (db/keyState.ts), so a new key-encryption key keeps them.
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

const derived = (encryptionKey: string, purpose: string, bytes: number) => Buffer.from(hkdfSync('sha256', encryptionKey, 'gatehouse', purpose, bytes));

/** The lookup-hash key a database gets at its first open (and had before it was stored): derived from its first key. */
export function derivedLookupHashKey(encryptionKey: string): Buffer {
  return derived(encryptionKey, 'gatehouse:lookup-hash:v1', 32);
}

/**
 * Names a key-encryption key without revealing it, as `1a2b-3c4d-5e6f-7a8b`: recorded in the database and
 * in backups, so a wrong key is refused with a sentence that names both.
 */
export function keyFingerprint(encryptionKey: string): string {
  return derived(encryptionKey, 'gatehouse:key-fingerprint:v1', 8)
    .toString('hex')
    .replace(/(.{4})(?=.)/g, '$1-');
}

/** Seals with the key-encryption key; hashes with the database's lookup-hash key (derived from the key when not given). */
export function createSealer(encryptionKey: string, lookupHashKey: Buffer = derivedLookupHashKey(encryptionKey)): Sealer {
  // Key objects, made once: handing Node a raw key makes one on every call, which costs more than the cipher.
  const key = createSecretKey(derived(encryptionKey, 'gatehouse:secrets-at-rest:v1', 32));
  const hashKey = createSecretKey(lookupHashKey);
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
