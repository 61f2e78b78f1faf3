// A person's app passwords: for apps and scripts behind forward-auth that can only send HTTP Basic.
// Only a hash of each password is stored.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export interface AppPassword {
  id: string;
  userId: string;
  /** The one protected app it opens: the app receives the password, so it must not work at any other. */
  appId: string;
  appName: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  lastUsedIp: string | null;
}

interface AppPasswordRow {
  id: string;
  user_id: string;
  app_id: string;
  app_name: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
  last_used_ip: string | null;
}

const COLUMNS = 'p.id, p.user_id, p.app_id, a.name AS app_name, p.name, p.created_at, p.last_used_at, p.last_used_ip';
const FROM = 'app_passwords p JOIN protected_apps a ON a.id = p.app_id';

const toAppPassword = (row: AppPasswordRow): AppPassword => ({
  id: row.id,
  userId: row.user_id,
  appId: row.app_id,
  appName: row.app_name,
  name: row.name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  lastUsedIp: row.last_used_ip,
});

/** Passwords look like `ghp_<secret>`, so a leaked one is recognisable in logs and secret scanners. */
export const APP_PASSWORD_PREFIX = 'ghp_';

export const hashAppPassword = (password: string) => createHash('sha256').update(password, 'utf8').digest('base64url');

/** Creates the password for one protected app; the secret is in the answer only, never stored. */
export function createAppPassword(db: Db, clock: Clock, userId: string, appId: string, name: string): { password: string; appPassword: AppPassword } {
  const id = randomUUID();
  const password = `${APP_PASSWORD_PREFIX}${randomBytes(32).toString('base64url')}`;
  prepared(db, 'INSERT INTO app_passwords (id, user_id, app_id, name, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    userId,
    appId,
    name,
    hashAppPassword(password),
    clock(),
  );
  return { password, appPassword: getAppPassword(db, userId, id)! };
}

export function listAppPasswords(db: Db, userId: string): AppPassword[] {
  return prepared<[string], AppPasswordRow>(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE p.user_id = ? ORDER BY p.created_at DESC, p.name`)
    .all(userId)
    .map(toAppPassword);
}

export function countAppPasswords(db: Db, userId: string): number {
  return prepared<[string], { count: number }>(db, 'SELECT COUNT(*) AS count FROM app_passwords WHERE user_id = ?').get(userId)!.count;
}

/** One of the person's passwords (undefined when it is someone else's). */
export function getAppPassword(db: Db, userId: string, id: string): AppPassword | undefined {
  const row = prepared<[string, string], AppPasswordRow>(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE p.user_id = ? AND p.id = ?`).get(userId, id);
  return row && toAppPassword(row);
}

export function appPasswordNameTaken(db: Db, userId: string, name: string): boolean {
  return prepared<[string, string], { id: string }>(db, 'SELECT id FROM app_passwords WHERE user_id = ? AND name = ?').get(userId, name) !== undefined;
}

export function findAppPasswordBySecret(db: Db, password: string): AppPassword | undefined {
  const row = prepared<[string], AppPasswordRow>(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE p.secret_hash = ?`).get(hashAppPassword(password));
  return row && toAppPassword(row);
}

/** Revokes one of the person's passwords; false when it is not theirs or already gone. */
export function deleteAppPassword(db: Db, userId: string, id: string): boolean {
  return prepared(db, 'DELETE FROM app_passwords WHERE user_id = ? AND id = ?').run(userId, id).changes === 1;
}

export function recordAppPasswordUse(db: Db, id: string, at: number, ip: string | null): void {
  prepared(db, 'UPDATE app_passwords SET last_used_at = ?, last_used_ip = ? WHERE id = ?').run(at, ip, id);
}
