// A person's set of single-use recovery codes. Only keyed hashes of the codes are stored.
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export interface RecoveryCodeStatus {
  /** Codes of the set not used yet. */
  remaining: number;
  /** Codes the set was made with (used ones included); 0 when the person has none. */
  total: number;
  /** When the set was made; null when the person has none. */
  createdAt: number | null;
}

export function recoveryCodeStatus(db: Db, userId: string): RecoveryCodeStatus {
  const row = prepared<[string], { total: number; remaining: number; created_at: number | null }>(
    db,
    'SELECT COUNT(*) AS total, COUNT(*) - COUNT(used_at) AS remaining, MAX(created_at) AS created_at FROM recovery_codes WHERE user_id = ?',
  ).get(userId)!;
  return { remaining: row.remaining, total: row.total, createdAt: row.created_at };
}

/** Replaces the person's whole set with these hashes, in one transaction; true when a set was replaced. */
export function replaceRecoveryCodes(db: Db, clock: Clock, userId: string, codeHashes: Buffer[]): boolean {
  return db.transaction(() => {
    const replaced = deleteRecoveryCodes(db, userId) > 0;
    const insert = prepared(db, 'INSERT INTO recovery_codes (code_hash, user_id, created_at) VALUES (?, ?, ?)');
    const now = clock();
    for (const hash of codeHashes) insert.run(hash, userId, now);
    return replaced;
  })();
}

/** Removes the person's set; how many codes it had. */
export function deleteRecoveryCodes(db: Db, userId: string): number {
  return prepared(db, 'DELETE FROM recovery_codes WHERE user_id = ?').run(userId).changes;
}

/** Whose unused code this hash is, if anyone's. */
export function findUnusedRecoveryCode(db: Db, codeHash: Buffer): string | undefined {
  return prepared<[Buffer], { user_id: string }>(db, 'SELECT user_id FROM recovery_codes WHERE code_hash = ? AND used_at IS NULL').get(codeHash)?.user_id;
}

/**
 * Marks the code used, once: of two requests racing with the same code, only one gets its owner back.
 * Returns the owner and how many of their codes are left, or undefined when it was used (or gone) already.
 */
export function useRecoveryCode(db: Db, clock: Clock, codeHash: Buffer, ip: string | null): { userId: string; remaining: number } | undefined {
  return db.transaction(() => {
    const used = prepared<[number, string | null, Buffer], { user_id: string }>(
      db,
      'UPDATE recovery_codes SET used_at = ?, used_ip = ? WHERE code_hash = ? AND used_at IS NULL RETURNING user_id',
    ).get(clock(), ip, codeHash);
    return used && { userId: used.user_id, remaining: recoveryCodeStatus(db, used.user_id).remaining };
  })();
}
