// Single-use, expiring tokens behind one-time links. Only a hash is stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export type OneTimeTokenKind = 'setup' | 'login';

export interface OneTimeToken {
  kind: OneTimeTokenKind;
  userId: string | null;
  expiresAt: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Creates a token and returns it in clear text: the only time it exists outside the link. */
export function issueOneTimeToken(db: Db, clock: Clock, kind: OneTimeTokenKind, userId: string | null, ttlMs: number): { token: string; expiresAt: number } {
  const token = randomBytes(32).toString('base64url');
  const now = clock();
  const expiresAt = now + ttlMs;
  db.transaction(() => {
    // A new setup link replaces any earlier unused one, so only the newest printed link works.
    if (kind === 'setup') prepared(db, "DELETE FROM one_time_tokens WHERE kind = 'setup' AND used_at IS NULL").run();
    prepared(db, 'INSERT INTO one_time_tokens (token_hash, kind, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
      hashToken(token),
      kind,
      userId,
      now,
      expiresAt,
    );
  })();
  return { token, expiresAt };
}

/** Looks a token up without using it. Undefined when unknown, used or expired. */
export function peekOneTimeToken(db: Db, clock: Clock, token: string): OneTimeToken | undefined {
  const row = prepared<[string, number], { kind: OneTimeTokenKind; user_id: string | null; expires_at: number }>(
    db,
    'SELECT kind, user_id, expires_at FROM one_time_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
  ).get(hashToken(token), clock());
  return row && { kind: row.kind, userId: row.user_id, expiresAt: row.expires_at };
}

/** Marks a token used; true only for the one caller that used it first. */
export function useOneTimeToken(db: Db, clock: Clock, token: string): boolean {
  const now = clock();
  return (
    prepared(db, 'UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?').run(now, hashToken(token), now)
      .changes === 1
  );
}

export function purgeOneTimeTokens(db: Db, now: number): void {
  prepared(db, 'DELETE FROM one_time_tokens WHERE expires_at < ?').run(now - 7 * 24 * 60 * 60 * 1000);
}
