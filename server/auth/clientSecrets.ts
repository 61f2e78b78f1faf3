// Client secrets: generated from unreserved characters (safe in Basic auth without encoding),
// stored as a SHA-256 hash (they are long random strings, so a slow hash adds nothing), shown once.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const GENERATED_SECRET_LENGTH = 48;
export const MIN_SUPPLIED_SECRET_LENGTH = 24;

export function generateClientSecret(): string {
  let secret = '';
  for (let i = 0; i < GENERATED_SECRET_LENGTH; i++) secret += ALPHABET[randomInt(ALPHABET.length)];
  return secret;
}

export function hashClientSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('base64url')}`;
}

export function clientSecretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashClientSecret(secret));
  const expected = Buffer.from(storedHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
