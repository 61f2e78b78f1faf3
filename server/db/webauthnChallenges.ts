// Pending WebAuthn challenges, single use, kept in the database so a restart mid-ceremony is harmless.
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export type ChallengePurpose = 'authentication' | 'registration';

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export function saveChallenge(db: Db, clock: Clock, id: string, challenge: string, purpose: ChallengePurpose, userId: string | null): void {
  prepared(db, 'INSERT OR REPLACE INTO webauthn_challenges (id, challenge, purpose, user_id, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    id,
    challenge,
    purpose,
    userId,
    clock() + CHALLENGE_TTL_MS,
  );
}

/** Returns and deletes the challenge, so each one verifies at most one response. */
export function takeChallenge(db: Db, clock: Clock, id: string, purpose: ChallengePurpose): { challenge: string; userId: string | null } | undefined {
  const row = prepared<[string, string, number], { challenge: string; user_id: string | null }>(
    db,
    'DELETE FROM webauthn_challenges WHERE id = ? AND purpose = ? AND expires_at > ? RETURNING challenge, user_id',
  ).get(id, purpose, clock());
  return row && { challenge: row.challenge, userId: row.user_id };
}

export function purgeChallenges(db: Db, now: number): void {
  prepared(db, 'DELETE FROM webauthn_challenges WHERE expires_at < ?').run(now);
}
