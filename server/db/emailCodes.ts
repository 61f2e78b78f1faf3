// Short codes sent by email: to sign in, or to confirm a new address. Only keyed hashes of each code and of
// what binds it to the browser that asked are stored; a person has at most one live code per purpose, since
// a new one voids the older ones.
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export type EmailCodePurpose = 'sign_in' | 'email_change';

/** Tries per code, the right one included. */
export const EMAIL_CODE_MAX_ATTEMPTS = 5;

export interface EmailCode {
  id: string;
  userId: string;
  purpose: EmailCodePurpose;
  codeHash: Buffer;
  /** Where the code went: the person's address, or the new one it confirms. */
  email: string;
  /** Keyed hash of the asking browser's nonce cookie (sign-in) or of its session (a change). */
  browserHash: Buffer;
  /** The app sign-in that asked, or null (the account's sign-in, or a change). */
  interactionUid: string | null;
  attempts: number;
  expiresAt: number;
}

interface EmailCodeRow {
  id: string;
  user_id: string;
  purpose: EmailCodePurpose;
  code_hash: Buffer;
  email: string;
  browser_hash: Buffer;
  interaction_uid: string | null;
  attempts: number;
  expires_at: number;
}

const toEmailCode = (row: EmailCodeRow): EmailCode => ({
  id: row.id,
  userId: row.user_id,
  purpose: row.purpose,
  codeHash: row.code_hash,
  email: row.email,
  browserHash: row.browser_hash,
  interactionUid: row.interaction_uid,
  attempts: row.attempts,
  expiresAt: row.expires_at,
});

/** Stores a new code of the person's for this purpose and deletes their unused older ones, in one transaction. */
export function replaceEmailCode(db: Db, clock: Clock, code: Omit<EmailCode, 'attempts' | 'expiresAt'> & { ttlMs: number }): EmailCode {
  const now = clock();
  const stored: EmailCode = {
    id: code.id,
    userId: code.userId,
    purpose: code.purpose,
    codeHash: code.codeHash,
    email: code.email,
    browserHash: code.browserHash,
    interactionUid: code.interactionUid,
    attempts: 0,
    expiresAt: now + code.ttlMs,
  };
  db.transaction(() => {
    voidEmailCodes(db, code.userId, code.purpose);
    prepared(
      db,
      'INSERT INTO email_codes (id, user_id, purpose, code_hash, email, browser_hash, interaction_uid, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(stored.id, stored.userId, stored.purpose, stored.codeHash, stored.email, stored.browserHash, stored.interactionUid, now, stored.expiresAt);
  })();
  return stored;
}

/** Deletes the person's unused codes for this purpose (a new one replaces them, or a changed address voids them). */
export function voidEmailCodes(db: Db, userId: string, purpose: EmailCodePurpose): void {
  prepared(db, 'DELETE FROM email_codes WHERE user_id = ? AND purpose = ? AND used_at IS NULL').run(userId, purpose);
}

// A code that has had its tries is as dead as a used one: no page offers it, and no try reaches its hash.
const LIVE = `used_at IS NULL AND expires_at > ? AND attempts < ${EMAIL_CODE_MAX_ATTEMPTS}`;

/** The person's unused, unexpired code for this purpose with tries left, if any. */
export function liveEmailCodeOf(db: Db, clock: Clock, userId: string, purpose: EmailCodePurpose): EmailCode | undefined {
  const row = prepared<[string, EmailCodePurpose, number], EmailCodeRow>(
    db,
    `SELECT * FROM email_codes WHERE user_id = ? AND purpose = ? AND ${LIVE} ORDER BY created_at DESC LIMIT 1`,
  ).get(userId, purpose, clock());
  return row && toEmailCode(row);
}

/** The unused, unexpired sign-in code with tries left sent to this address (addresses are unique, whatever their case). */
export function liveSignInCodeFor(db: Db, clock: Clock, email: string): EmailCode | undefined {
  const row = prepared<[string, number], EmailCodeRow>(
    db,
    `SELECT * FROM email_codes WHERE purpose = 'sign_in' AND email = ? COLLATE NOCASE AND ${LIVE} ORDER BY created_at DESC LIMIT 1`,
  ).get(email, clock());
  return row && toEmailCode(row);
}

/**
 * Counts one try at a code before it is checked, so parallel guesses cannot exceed the limit: false when
 * the code has had its tries, or is used or expired (or, for an id that is no code, always).
 */
export function takeEmailCodeAttempt(db: Db, clock: Clock, id: string): boolean {
  return prepared(db, `UPDATE email_codes SET attempts = attempts + 1 WHERE id = ? AND ${LIVE}`).run(id, clock()).changes === 1;
}

/** Marks a code used; true only for the one caller that used it first. */
export function useEmailCode(db: Db, clock: Clock, id: string): boolean {
  const now = clock();
  return prepared(db, 'UPDATE email_codes SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?').run(now, id, now).changes === 1;
}

/** Drops a code that will not be used (its message could not be sent). */
export function deleteEmailCode(db: Db, id: string): void {
  prepared(db, 'DELETE FROM email_codes WHERE id = ?').run(id);
}

/** An expired code is of no use to anyone, used or not. */
export function purgeEmailCodes(db: Db, now: number): void {
  prepared(db, 'DELETE FROM email_codes WHERE expires_at < ?').run(now);
}
