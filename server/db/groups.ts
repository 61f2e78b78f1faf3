// Groups, their members and their custom claims.
import { randomUUID } from 'node:crypto';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export interface Group {
  id: string;
  name: string;
  displayName: string | null;
  source: 'console' | 'provision';
}

interface GroupRow {
  id: string;
  name: string;
  display_name: string | null;
  source: Group['source'];
}

const toGroup = (row: GroupRow): Group => ({ id: row.id, name: row.name, displayName: row.display_name, source: row.source });

export function findGroupByName(db: Db, name: string): Group | undefined {
  const row = prepared<[string], GroupRow>(db, 'SELECT id, name, display_name, source FROM groups WHERE name = ?').get(name);
  return row && toGroup(row);
}

export function listGroups(db: Db): Group[] {
  return prepared<[], GroupRow>(db, 'SELECT id, name, display_name, source FROM groups ORDER BY name').all().map(toGroup);
}

export function upsertGroup(db: Db, clock: Clock, fields: Omit<Group, 'id'>): Group {
  const existing = findGroupByName(db, fields.name);
  const now = clock();
  if (existing) {
    prepared(db, 'UPDATE groups SET display_name = ?, source = ?, updated_at = ? WHERE id = ?').run(fields.displayName, fields.source, now, existing.id);
    return { ...existing, ...fields };
  }
  const id = randomUUID();
  prepared(db, 'INSERT INTO groups (id, name, display_name, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    fields.name,
    fields.displayName,
    fields.source,
    now,
    now,
  );
  return { id, ...fields };
}

export function setUserGroups(db: Db, userId: string, groupIds: string[]): void {
  prepared(db, 'DELETE FROM group_members WHERE user_id = ?').run(userId);
  const insert = prepared(db, 'INSERT INTO group_members (group_id, user_id) VALUES (?, ?)');
  for (const groupId of groupIds) insert.run(groupId, userId);
}

export function replaceGroupClaims(db: Db, groupId: string, claims: Record<string, unknown>): void {
  prepared(db, 'DELETE FROM group_claims WHERE group_id = ?').run(groupId);
  const insert = prepared(db, 'INSERT INTO group_claims (group_id, name, value) VALUES (?, ?, ?)');
  for (const [name, value] of Object.entries(claims)) insert.run(groupId, name, JSON.stringify(value));
}

export function getGroup(db: Db, id: string): Group | undefined {
  const row = prepared<[string], GroupRow>(db, 'SELECT id, name, display_name, source FROM groups WHERE id = ?').get(id);
  return row && toGroup(row);
}

export function renameGroup(db: Db, clock: Clock, id: string, name: string, displayName: string | null): void {
  prepared(db, 'UPDATE groups SET name = ?, display_name = ?, updated_at = ? WHERE id = ?').run(name, displayName, clock(), id);
}

export function deleteGroup(db: Db, id: string): boolean {
  return prepared(db, 'DELETE FROM groups WHERE id = ?').run(id).changes === 1;
}

export function groupMemberIds(db: Db, groupId: string): string[] {
  return prepared<[string], { user_id: string }>(
    db,
    'SELECT m.user_id FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = ? ORDER BY u.username',
  )
    .all(groupId)
    .map((row) => row.user_id);
}

export function setGroupMembers(db: Db, groupId: string, userIds: string[]): void {
  prepared(db, 'DELETE FROM group_members WHERE group_id = ?').run(groupId);
  const insert = prepared(db, 'INSERT INTO group_members (group_id, user_id) VALUES (?, ?)');
  for (const userId of userIds) insert.run(groupId, userId);
}

export function groupClaims(db: Db, groupId: string): Record<string, unknown> {
  const rows = prepared<[string], { name: string; value: string }>(db, 'SELECT name, value FROM group_claims WHERE group_id = ? ORDER BY name').all(groupId);
  return Object.fromEntries(rows.map((row) => [row.name, JSON.parse(row.value)]));
}

/** Ids of the clients that name this group among their allowed groups. */
export function clientIdsAllowingGroup(db: Db, groupId: string): string[] {
  return prepared<[string], { client_id: string }>(db, 'SELECT client_id FROM client_allowed_groups WHERE group_id = ? ORDER BY client_id')
    .all(groupId)
    .map((row) => row.client_id);
}

export function setClientsAllowingGroup(db: Db, groupId: string, clientIds: string[]): void {
  prepared(db, 'DELETE FROM client_allowed_groups WHERE group_id = ?').run(groupId);
  const insert = prepared(db, 'INSERT INTO client_allowed_groups (client_id, group_id) VALUES (?, ?)');
  for (const clientId of clientIds) insert.run(clientId, groupId);
}

export function markGroupEditedInConsole(db: Db, clock: Clock, id: string): void {
  prepared(db, "UPDATE groups SET console_edited_at = ? WHERE id = ? AND source = 'provision'").run(clock(), id);
}
