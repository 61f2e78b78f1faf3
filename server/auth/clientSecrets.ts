// Client secrets: generated from unreserved characters (safe in Basic auth without encoding), shown once,
// stored as a hash. Gatehouse's own are SHA-256 (they are long random strings, so a slow hash adds
// nothing). A client moved in from Pocket ID keeps Pocket ID's hashes, so its apps need no change:
// SHA-256 too, or bcrypt for Pocket ID's oldest secrets, which is slow by design at every check.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { ExtraSecret } from '../db/clients.ts';
import { GatehouseError } from '../model/errors.ts';
import type { RateLimiter } from './rateLimits.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const GENERATED_SECRET_LENGTH = 48;
export const MIN_SUPPLIED_SECRET_LENGTH = 24;

/** Stored forms: `sha256:<base64url digest>` and `bcrypt:<$2a$/$2b$/$2y$ hash>`. */
const BCRYPT = 'bcrypt:';
/** bcrypt reads only this many bytes of a secret: a longer one would match on its start alone. */
const BCRYPT_MAX_BYTES = 72;
/** The slowest bcrypt accepted: cost 12 is about 0.4 s of CPU a check (Pocket ID's are 10, about 0.1 s). */
const MAX_BCRYPT_COST = 12;

export function generateClientSecret(): string {
  let secret = '';
  for (let i = 0; i < GENERATED_SECRET_LENGTH; i++) secret += ALPHABET[randomInt(ALPHABET.length)];
  return secret;
}

export function hashClientSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('base64url')}`;
}

/** Where a request's slow (bcrypt) checks are counted: the limiter and the client's address. */
export interface SlowCheckLimit {
  rateLimiter: RateLimiter;
  address: string;
}

/**
 * Whether `secret` matches one of the stored hashes (a client's own, and its extra ones still accepted).
 * The SHA-256 ones come first: a right secret there costs microseconds. A bcrypt check costs about 0.1 s of
 * CPU and anyone can send wrong secrets, so the bcrypt ones are checked only with a request taken from the
 * address's `bcryptClientSecret` bucket, given back when the secret proves right: only wrong ones count.
 * Taken before the check, so parallel guesses cannot pass the limit. An empty bucket throws 'rate_limited'.
 */
export async function clientSecretMatches(secret: string, storedHashes: string[], limit: SlowCheckLimit): Promise<boolean> {
  const actual = Buffer.from(hashClientSecret(secret));
  const fast = storedHashes.filter((hash) => !isBcryptSecretHash(hash)).map((hash) => Buffer.from(hash));
  if (fast.some((expected) => actual.length === expected.length && timingSafeEqual(actual, expected))) return true;
  const slow = storedHashes.filter(isBcryptSecretHash);
  // bcrypt reads only the first 72 bytes: a longer secret would match on its start alone.
  if (slow.length === 0 || Buffer.byteLength(secret, 'utf8') > BCRYPT_MAX_BYTES) return false;
  const wait = limit.rateLimiter.tryTake('bcryptClientSecret', limit.address);
  if (wait > 0) throw new GatehouseError('rate_limited', `Too many wrong client secrets from your address. Wait ${wait} seconds and try again.`);
  for (const hash of slow) {
    if (await bcrypt.compare(secret, hash.slice(BCRYPT.length))) {
      limit.rateLimiter.giveBack('bcryptClientSecret', limit.address);
      return true;
    }
  }
  return false;
}

/** The extra secrets still accepted at `now` (ms). */
export function acceptedExtraSecrets(extraSecrets: ExtraSecret[], now: number): ExtraSecret[] {
  return extraSecrets.filter((extra) => extra.expiresAt === null || now < extra.expiresAt);
}

/**
 * Gatehouse's form of a secret hash from Pocket ID's `credentials` column (`{ alg, hash }`): SHA-256 as
 * lowercase hex becomes `sha256:` with the same digest; bcrypt is kept as it is. Anything else is
 * undefined: the secret cannot come over, and so is a bcrypt cost above Pocket ID's (10, Go's default) by
 * more than a little, since every wrong secret sent would cost seconds of CPU. A moved-in client keeps its
 * newest lasting secret as its own and the others as extra secrets, each with its Pocket ID expiry.
 */
export function pocketIdSecretHash(secret: { alg: string; hash: string }): string | undefined {
  if (secret.alg === 'sha256' && /^[0-9a-f]{64}$/i.test(secret.hash)) return `sha256:${Buffer.from(secret.hash, 'hex').toString('base64url')}`;
  if (secret.alg !== 'bcrypt') return undefined;
  const cost = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/.exec(secret.hash)?.[1];
  return cost !== undefined && Number(cost) <= MAX_BCRYPT_COST ? `${BCRYPT}${secret.hash}` : undefined;
}

/** Whether a stored hash is bcrypt: slow to check, so worth replacing with a new secret. */
export function isBcryptSecretHash(storedHash: string): boolean {
  return storedHash.startsWith(BCRYPT);
}
