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
  /** When it was last used (to the minute); its start until then. */
  lastSeenAt: number;
}

/** A session as the person's list of where they are signed in shows it. */
export interface ListedBrowserSession {
  /** Names the session in the list and in an "end it" request; derived from the stored hash, never the cookie's id. */
  listId: string;
  idHash: string;
  createdAt: number;
  /** When it was last used (to the minute); its start until then. */
  lastSeenAt: number;
  expiresAt: number;
  ip: string | null;
  userAgent: string | null;
  /** The provider's session signed in in the same browser (its uid's lookup hash), if any. */
  providerSessionUidHash: Buffer | null;
}

/** How often a session's last use is written at most: the list shows it to the minute, and reads stay free of writes. */
export const LAST_SEEN_PRECISION_MS = 60 * 1000;

/** How a session id (or any random token of Gatehouse's cookies) is stored: its SHA-256, base64url. */
export const hashId = (id: string) => createHash('sha256').update(id).digest('base64url');

export function createBrowserSession(
  db: Db,
  clock: Clock,
  session: Omit<BrowserSession, 'authenticatedAt' | 'lastSeenAt'> & { ip?: string | null; userAgent?: string | null },
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
  const row = prepared<
    [string, number],
    { user_id: string; auth_method: AuthMethod; authenticated_at: number; expires_at: number; created_at: number; last_seen_at: number | null }
  >(db, 'SELECT user_id, auth_method, authenticated_at, expires_at, created_at, last_seen_at FROM browser_sessions WHERE id_hash = ? AND expires_at > ?').get(
    idHash,
    clock(),
  );
  return (
    row && {
      userId: row.user_id,
      authMethod: row.auth_method,
      authenticatedAt: row.authenticated_at,
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at ?? row.created_at,
    }
  );
}

/** The person's live sessions, most recently used first. */
export function listBrowserSessionsOf(db: Db, clock: Clock, userId: string): ListedBrowserSession[] {
  return prepared<
    [string, number],
    {
      id_hash: string;
      created_at: number;
      last_seen_at: number | null;
      expires_at: number;
      ip: string | null;
      user_agent: string | null;
      provider_session_uid_hash: Buffer | null;
    }
  >(
    db,
    `SELECT id_hash, created_at, last_seen_at, expires_at, ip, user_agent, provider_session_uid_hash FROM browser_sessions
    WHERE user_id = ? AND expires_at > ? ORDER BY coalesce(last_seen_at, created_at) DESC, created_at DESC`,
  )
    .all(userId, clock())
    .map((row) => ({
      listId: listIdOf(row.id_hash),
      idHash: row.id_hash,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at ?? row.created_at,
      expiresAt: row.expires_at,
      ip: row.ip,
      userAgent: row.user_agent,
      providerSessionUidHash: row.provider_session_uid_hash,
    }));
}

/** A session's name in lists: a hash of its stored hash, so a listed id is of no use as a session binding. */
export const listIdOf = (idHash: string) => createHash('sha256').update(`browser-session-list:${idHash}`).digest('base64url').slice(0, 22);

/** Notes that the session was used now; written only when the last note is a minute old, so most reads write nothing. */
export function noteBrowserSessionSeen(db: Db, clock: Clock, id: string, session: BrowserSession): void {
  const now = clock();
  if (now - session.lastSeenAt < LAST_SEEN_PRECISION_MS) return;
  prepared(db, 'UPDATE browser_sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, hashId(id));
}

/**
 * Links the session to the provider's session signed in in the same browser, when both are the same person's.
 * Every app sign-in in that browser calls this; only the first with a new provider session writes.
 */
export function linkProviderSession(db: Db, id: string, userId: string, providerSessionUidHash: Buffer): void {
  prepared(db, 'UPDATE browser_sessions SET provider_session_uid_hash = ? WHERE id_hash = ? AND user_id = ? AND provider_session_uid_hash IS NOT ?').run(
    providerSessionUidHash,
    hashId(id),
    userId,
    providerSessionUidHash,
  );
}

export function deleteBrowserSessionByHash(db: Db, idHash: string): void {
  prepared(db, 'DELETE FROM browser_sessions WHERE id_hash = ?').run(idHash);
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
