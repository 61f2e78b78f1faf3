// Users and their custom claims.
import { randomUUID } from 'node:crypto';
import type { UserIdOwner } from '../model/fields.ts';
import { isLanguage, type Language } from '../model/languages.ts';
import { findDeletedUser } from './audit.ts';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export interface User {
  id: string;
  username: string;
  email: string | null;
  emailVerified: boolean;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  picture: string | null;
  isAdmin: boolean;
  disabled: boolean;
  source: 'console' | 'provision';
  /** The language the person last used or chose (null: never said), for the emails sent to them. */
  language: Language | null;
  createdAt: number;
  updatedAt: number;
}

/** What the console and provisioning write; the language is the person's own (setUserLanguage). */
export type UserFields = Omit<User, 'id' | 'language' | 'createdAt' | 'updatedAt'>;

export interface UserRow {
  id: string;
  username: string;
  email: string | null;
  email_verified: number;
  given_name: string | null;
  family_name: string | null;
  display_name: string | null;
  picture: string | null;
  is_admin: number;
  disabled: number;
  source: User['source'];
  language: string | null;
  created_at: number;
  updated_at: number;
}

export const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  email: row.email,
  emailVerified: row.email_verified === 1,
  givenName: row.given_name,
  familyName: row.family_name,
  displayName: row.display_name,
  picture: row.picture,
  isAdmin: row.is_admin === 1,
  disabled: row.disabled === 1,
  source: row.source,
  language: isLanguage(row.language) ? row.language : null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toParams = (fields: UserFields) => ({
  username: fields.username,
  email: fields.email,
  emailVerified: fields.emailVerified ? 1 : 0,
  givenName: fields.givenName,
  familyName: fields.familyName,
  displayName: fields.displayName,
  picture: fields.picture,
  isAdmin: fields.isAdmin ? 1 : 0,
  disabled: fields.disabled ? 1 : 0,
  source: fields.source,
});

/** How a person is named everywhere: their display name, else given and family name, else username. */
export function nameOf(user: Pick<User, 'displayName' | 'givenName' | 'familyName' | 'username'>): string {
  return user.displayName ?? ([user.givenName, user.familyName].filter(Boolean).join(' ') || user.username);
}

export function getUser(db: Db, id: string): User | undefined {
  const row = prepared<[string], UserRow>(db, 'SELECT * FROM users WHERE id = ?').get(id);
  return row && toUser(row);
}

/** The user whose id is this one, or this one but for case: apps that compare ids without case would take one for the other. */
export function findUserByIdIgnoringCase(db: Db, id: string): User | undefined {
  const row = prepared<[string], UserRow>(db, 'SELECT * FROM users WHERE id = ? COLLATE NOCASE').get(id);
  return row && toUser(row);
}

/** Who has this id, or this id but for case, or had it before being deleted in the console. */
export function findUserIdOwner(db: Db, id: string): UserIdOwner | undefined {
  const user = findUserByIdIgnoringCase(db, id);
  if (user) return { id: user.id, username: user.username, deleted: false };
  const deleted = findDeletedUser(db, id);
  return deleted && { ...deleted, deleted: true };
}

export function findUserByUsername(db: Db, username: string): User | undefined {
  const row = prepared<[string], UserRow>(db, 'SELECT * FROM users WHERE username = ?').get(username);
  return row && toUser(row);
}

export function findUserByEmail(db: Db, email: string): User | undefined {
  const row = prepared<[string], UserRow>(db, 'SELECT * FROM users WHERE email = ? COLLATE NOCASE').get(email);
  return row && toUser(row);
}

/** One page of users whose username, name or email contains the query, by username. */
export function searchUsers(db: Db, query: string, limit: number, offset: number): { users: User[]; total: number } {
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = `WHERE username LIKE @pattern ESCAPE '\\' OR email LIKE @pattern ESCAPE '\\' OR display_name LIKE @pattern ESCAPE '\\'
    OR given_name LIKE @pattern ESCAPE '\\' OR family_name LIKE @pattern ESCAPE '\\'`;
  const total = prepared<{ pattern: string }, { n: number }>(db, `SELECT count(*) AS n FROM users ${where}`).get({ pattern })!.n;
  const rows = prepared<{ pattern: string; limit: number; offset: number }, UserRow>(
    db,
    `SELECT * FROM users ${where} ORDER BY username LIMIT @limit OFFSET @offset`,
  ).all({ pattern, limit, offset });
  return { users: rows.map(toUser), total };
}

export function deleteUser(db: Db, id: string): boolean {
  return prepared(db, 'DELETE FROM users WHERE id = ?').run(id).changes === 1;
}

/** Notes that the console changed a record the provisioning file also manages. */
export function markUserEditedInConsole(db: Db, clock: Clock, id: string): void {
  prepared(db, "UPDATE users SET console_edited_at = ? WHERE id = ? AND source = 'provision'").run(clock(), id);
}

export function listUsers(db: Db): User[] {
  return prepared<[], UserRow>(db, 'SELECT * FROM users ORDER BY username').all().map(toUser);
}

export function countAdmins(db: Db): number {
  return (prepared(db, 'SELECT count(*) AS n FROM users WHERE is_admin = 1').get() as { n: number }).n;
}

export function insertUser(db: Db, clock: Clock, fields: UserFields, id: string = randomUUID()): User {
  const now = clock();
  prepared(
    db,
    `INSERT INTO users (id, username, email, email_verified, given_name, family_name, display_name, picture,
      is_admin, disabled, source, created_at, updated_at)
    VALUES (@id, @username, @email, @emailVerified, @givenName, @familyName, @displayName, @picture, @isAdmin, @disabled,
      @source, @now, @now)`,
  ).run({ ...toParams(fields), id, now });
  return getUser(db, id)!;
}

export function updateUser(db: Db, clock: Clock, id: string, fields: UserFields): User {
  prepared(
    db,
    `UPDATE users SET username = @username, email = @email, email_verified = @emailVerified,
      given_name = @givenName, family_name = @familyName, display_name = @displayName, picture = @picture,
      is_admin = @isAdmin, disabled = @disabled, source = @source, updated_at = @now WHERE id = @id`,
  ).run({ ...toParams(fields), id, now: clock() });
  return getUser(db, id)!;
}

/** Remembers the language a person uses, for their emails; not an edit of their record (updated_at stays). */
export function setUserLanguage(db: Db, id: string, language: Language): void {
  prepared(db, 'UPDATE users SET language = ? WHERE id = ?').run(language, id);
}

/** The person's own custom claims (not their groups'), by name. */
export function userClaims(db: Db, userId: string): Record<string, unknown> {
  const rows = prepared<[string], { name: string; value: string }>(db, 'SELECT name, value FROM user_claims WHERE user_id = ? ORDER BY name').all(userId);
  return Object.fromEntries(rows.map((row) => [row.name, JSON.parse(row.value)]));
}

/** Claim values are stored as JSON text. */
export function replaceUserClaims(db: Db, userId: string, claims: Record<string, unknown>): void {
  prepared(db, 'DELETE FROM user_claims WHERE user_id = ?').run(userId);
  const insert = prepared(db, 'INSERT INTO user_claims (user_id, name, value) VALUES (?, ?, ?)');
  for (const [name, value] of Object.entries(claims)) insert.run(userId, name, JSON.stringify(value));
}
