// Gatehouse's own browser sessions (account page, one-time links), separate from the OIDC provider's
// session. The cookie holds a random id; only its hash is stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

/**
 * How a browser session was signed in: with a passkey here; approved with a passkey on another device;
 * a one-time link from the owner; a recovery code; or a code sent to a verified email address.
 */
export type AuthMethod = 'passkey' | 'other_device' | 'one_time_link' | 'recovery_code' | 'email_code';

export interface BrowserSession {
  userId: string;
  authMethod: AuthMethod;
  authenticatedAt: number;
  expiresAt: number;
}

/** How a session id (or any random token of Gatehouse's cookies) is stored: its SHA-256, base64url. */
export const hashId = (id: string) => createHash('sha256').update(id).digest('base64url');

export function createBrowserSession(
  db: Db,
  clock: Clock,
  session: Omit<BrowserSession, 'authenticatedAt'> & { ip?: string | null; userAgent?: string | null },
): string {
  const id = randomBytes(32).toString('base64url');
  const now = clock();
  prepared(
    db,
    `INSERT INTO browser_sessions (id_hash, user_id, auth_method, authenticated_at, created_at, expires_at, ip, user_agent)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(hashId(id), session.userId, session.authMethod, now, now, session.expiresAt, session.ip ?? null, session.userAgent?.slice(0, 300) ?? null);
  return id;
}

export function findBrowserSession(db: Db, clock: Clock, id: string): BrowserSession | undefined {
  return findBrowserSessionByHash(db, clock, hashId(id));
}

/** The same, by the stored hash (forward-auth records which browser session a sign-in came from). */
export function findBrowserSessionByHash(db: Db, clock: Clock, idHash: string): BrowserSession | undefined {
  const row = prepared<[string, number], { user_id: string; auth_method: AuthMethod; authenticated_at: number; expires_at: number }>(
    db,
    'SELECT user_id, auth_method, authenticated_at, expires_at FROM browser_sessions WHERE id_hash = ? AND expires_at > ?',
  ).get(idHash, clock());
  return row && { userId: row.user_id, authMethod: row.auth_method, authenticatedAt: row.authenticated_at, expiresAt: row.expires_at };
}

/** Records a fresh authentication in an existing session (after a passkey re-check). */
export function refreshBrowserSessionAuth(db: Db, clock: Clock, id: string, authMethod: AuthMethod): void {
  prepared(db, 'UPDATE browser_sessions SET authenticated_at = ?, auth_method = ? WHERE id_hash = ?').run(clock(), authMethod, hashId(id));
}

export function deleteBrowserSession(db: Db, id: string): void {
  prepared(db, 'DELETE FROM browser_sessions WHERE id_hash = ?').run(hashId(id));
}

export function deleteBrowserSessionsOfUser(db: Db, userId: string): number {
  return prepared(db, 'DELETE FROM browser_sessions WHERE user_id = ?').run(userId).changes;
}

/** Ends the person's sessions that were signed in one way; how many there were. */
export function deleteBrowserSessionsSignedInWith(db: Db, userId: string, authMethod: AuthMethod): number {
  return prepared(db, 'DELETE FROM browser_sessions WHERE user_id = ? AND auth_method = ?').run(userId, authMethod).changes;
}

export function purgeBrowserSessions(db: Db, now: number): void {
  prepared(db, 'DELETE FROM browser_sessions WHERE expires_at < ?').run(now);
}
