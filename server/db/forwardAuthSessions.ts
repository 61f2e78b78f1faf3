// Forward-auth sessions (a person signed in to one protected app, on that app's own host) and the
// single-use codes that carry a Gatehouse sign-in over to that host. Only hashes of ids are stored.
import { randomBytes } from 'node:crypto';
import { hashId } from './browserSessions.ts';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export interface ForwardAuthSession {
  appId: string;
  userId: string;
  expiresAt: number;
}

export interface ForwardAuthCode {
  appId: string;
  userId: string;
  browserSessionHash: string;
  returnTo: string;
  stateHash: string;
}

const newToken = () => randomBytes(32).toString('base64url');

/** Starts a session at one app inside the browser session with this id hash; returns the cookie value. */
export function createForwardAuthSession(
  db: Db,
  clock: Clock,
  session: { appId: string; userId: string; browserSessionHash: string; expiresAt: number },
): string {
  const id = newToken();
  prepared(db, 'INSERT INTO forward_auth_sessions (id_hash, app_id, user_id, browser_session_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    hashId(id),
    session.appId,
    session.userId,
    session.browserSessionHash,
    clock(),
    session.expiresAt,
  );
  return id;
}

/** The session with this cookie value, expired or not (the caller compares expiresAt; the purge removes it). */
export function findForwardAuthSession(db: Db, id: string): ForwardAuthSession | undefined {
  const row = prepared<[string], { app_id: string; user_id: string; expires_at: number }>(
    db,
    'SELECT app_id, user_id, expires_at FROM forward_auth_sessions WHERE id_hash = ?',
  ).get(hashId(id));
  return row && { appId: row.app_id, userId: row.user_id, expiresAt: row.expires_at };
}

export function deleteForwardAuthSession(db: Db, id: string): boolean {
  return prepared(db, 'DELETE FROM forward_auth_sessions WHERE id_hash = ?').run(hashId(id)).changes === 1;
}

export function createForwardAuthCode(db: Db, code: ForwardAuthCode & { expiresAt: number }): string {
  const value = newToken();
  prepared(
    db,
    'INSERT INTO forward_auth_codes (code_hash, app_id, user_id, browser_session_hash, return_to, state_hash, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(hashId(value), code.appId, code.userId, code.browserSessionHash, code.returnTo, code.stateHash, code.expiresAt);
  return value;
}

/** Takes a code once: the row is gone whether or not it was still in force. */
export function consumeForwardAuthCode(db: Db, clock: Clock, value: string): ForwardAuthCode | undefined {
  const row = prepared<[string], { app_id: string; user_id: string; browser_session_hash: string; return_to: string; state_hash: string; expires_at: number }>(
    db,
    'DELETE FROM forward_auth_codes WHERE code_hash = ? RETURNING app_id, user_id, browser_session_hash, return_to, state_hash, expires_at',
  ).get(hashId(value));
  if (!row || row.expires_at <= clock()) return undefined;
  return { appId: row.app_id, userId: row.user_id, browserSessionHash: row.browser_session_hash, returnTo: row.return_to, stateHash: row.state_hash };
}

export function purgeForwardAuth(db: Db, now: number): void {
  prepared(db, 'DELETE FROM forward_auth_sessions WHERE expires_at < ?').run(now);
  prepared(db, 'DELETE FROM forward_auth_codes WHERE expires_at < ?').run(now);
}
