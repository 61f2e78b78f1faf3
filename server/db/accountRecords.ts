// Everything tokens say about a person, read in one query: token requests ask for it every time.
import type { Db } from './database.ts';
import { prepared } from './statements.ts';
import { toUser, type User, type UserRow } from './users.ts';

export interface AccountRecord {
  user: User;
  /** Names of the person's groups, sorted. */
  groups: string[];
  /** Custom claims: the groups' (in group-name order, later wins), then the person's own on top. */
  claims: Record<string, unknown>;
  /** The token naming the person's uploaded picture in its public URL, or null when they have none. */
  pictureToken: string | null;
}

const QUERY = `
  SELECT u.*,
    (SELECT json_group_array(name) FROM (
      SELECT g.name FROM groups g JOIN group_members m ON m.group_id = g.id WHERE m.user_id = u.id ORDER BY g.name
    )) AS group_names,
    (SELECT json_group_array(json_array(name, json(value))) FROM (
      SELECT gc.name, gc.value FROM group_claims gc JOIN group_members m ON m.group_id = gc.group_id
        JOIN groups g ON g.id = gc.group_id WHERE m.user_id = u.id ORDER BY g.name
    )) AS group_claims,
    (SELECT json_group_array(json_array(name, json(value))) FROM user_claims WHERE user_id = u.id) AS user_claims,
    (SELECT url_token FROM user_pictures WHERE user_id = u.id) AS picture_token
  FROM users u WHERE u.id = ?`;

type Row = UserRow & { group_names: string; group_claims: string; user_claims: string; picture_token: string | null };

export function findAccountRecord(db: Db, userId: string): AccountRecord | undefined {
  const row = prepared<[string], Row>(db, QUERY).get(userId);
  if (!row) return undefined;
  const pairs = (json: string) => JSON.parse(json) as Array<[string, unknown]>;
  return {
    user: toUser(row),
    groups: JSON.parse(row.group_names) as string[],
    claims: Object.fromEntries([...pairs(row.group_claims), ...pairs(row.user_claims)]),
    pictureToken: row.picture_token,
  };
}

/** Every custom claim name a user or group carries: the profile scope's extra claims. */
export function customClaimNames(db: Db): string[] {
  return prepared<[], { name: string }>(db, 'SELECT name FROM user_claims UNION SELECT name FROM group_claims ORDER BY name')
    .all()
    .map((row) => row.name);
}
