// Recovery codes: a set of single-use codes a person keeps on paper or in a password manager, each of
// which signs them in to their account once, to add a passkey in place of a lost one.
import { randomBytes } from 'node:crypto';
import type { Clock, Db } from '../db/database.ts';
import { deleteBrowserSessionsSignedInWith } from '../db/browserSessions.ts';
import { deleteRecoveryCodes, findUnusedRecoveryCode, recoveryCodeStatus, replaceRecoveryCodes, useRecoveryCode } from '../db/recoveryCodes.ts';
import type { Sealer } from '../db/sealed.ts';
import { getUser, type User } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';

export const RECOVERY_CODE_COUNT = 10;

/** Crockford's base32: 32 symbols (5 bits each) without I, L, O or U, which read like 1, 0 or V. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 symbols of 5 bits: 80 random bits, far beyond guessing at the rate limit's pace. */
const CODE_LENGTH = 16;

/** One new code, shown in four groups: 7GQ4-2M9X-KD3B-WN8R. */
function newRecoveryCode(): string {
  const bytes = randomBytes((CODE_LENGTH * 5) / 8);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = CODE_LENGTH - 1; i >= 0; i--) code += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code.match(/.{4}/g)!.join('-');
}

/**
 * A code as typed, in the stored form: case, spaces, dashes of any kind and underscores ignored, and the letters that read like
 * digits (O, I, L) taken as them. Undefined when it cannot be a recovery code.
 */
export function normalizeRecoveryCode(typed: string): string | undefined {
  const code = typed
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : undefined;
}

/** The keyed hash a code is stored and found by; the prefix keeps it apart from other secrets' hashes. */
const hashOf = (sealer: Sealer, normalized: string) => sealer.lookupHash(`recovery-code:${normalized}`);

/**
 * Ends the person's sessions that a recovery code signed in: whoever used a code of the old set keeps no
 * way in through it. Such a session never reached an app (signsInToApps), so no app is owed a logout.
 */
const endRecoverySessions = (db: Db, userId: string) => deleteBrowserSessionsSignedInWith(db, userId, 'recovery_code');

/** Makes a new set for the person, replacing the old one; the codes are in the answer only. */
export function createRecoveryCodes(db: Db, clock: Clock, sealer: Sealer, userId: string): { codes: string[]; replaced: boolean; createdAt: number } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = codes.map((code) => hashOf(sealer, normalizeRecoveryCode(code)!));
  return db.transaction(() => {
    const replaced = replaceRecoveryCodes(db, clock, userId, hashes);
    endRecoverySessions(db, userId);
    return { codes, replaced, createdAt: recoveryCodeStatus(db, userId).createdAt! };
  })();
}

/** Revokes the person's set (and the sessions its codes signed in); how many codes it had. */
export function revokeRecoveryCodes(db: Db, userId: string): number {
  return db.transaction(() => {
    const revoked = deleteRecoveryCodes(db, userId);
    endRecoverySessions(db, userId);
    return revoked;
  })();
}

/** A code of a disabled person's: refused before it is spent, naming whose it is for the audit log. */
export class DisabledAccountError extends GatehouseError {
  readonly userId: string;
  constructor(userId: string) {
    super('account_disabled', 'This account is disabled. Ask the Gatehouse owner to enable it.', { secondStatus: true });
    this.userId = userId;
  }
}

const invalid = () =>
  new GatehouseError('recovery_code_invalid', 'That recovery code is not right or was used already. Check it and try again, or use another of your codes.');

/**
 * Uses one of a person's codes to sign them in: found by its keyed hash (the code alone names its owner),
 * refused for a disabled person before it is spent, and spent once whatever races it. Not spent when
 * `signedInWithPasskey` (the browser's passkey session's person) is its owner: there is nothing to recover.
 */
export function redeemRecoveryCode(
  db: Db,
  clock: Clock,
  sealer: Sealer,
  typed: string,
  ip: string | null,
  signedInWithPasskey: string | undefined,
): { user: User; remaining: number; spent: boolean } {
  const normalized = normalizeRecoveryCode(typed);
  if (!normalized) throw invalid();
  const hash = hashOf(sealer, normalized);
  const owner = findUnusedRecoveryCode(db, hash);
  const user = owner === undefined ? undefined : getUser(db, owner);
  if (!user) throw invalid();
  if (user.disabled) throw new DisabledAccountError(user.id);
  if (user.id === signedInWithPasskey) return { user, remaining: recoveryCodeStatus(db, user.id).remaining, spent: false };
  const used = useRecoveryCode(db, clock, hash, ip);
  if (!used) throw invalid();
  return { user, remaining: used.remaining, spent: true };
}
