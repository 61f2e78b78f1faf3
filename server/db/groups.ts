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
    prepared(db, 'UPDATE groups SET display_name = ?, source = ?, updated_at = ? WHERE id = ?')
      .run(fields.displayName, fields.source, now, existing.id);
    return { ...existing, ...fields };
  }
  const id = randomUUID();
  prepared(db, 'INSERT INTO groups (id, name, display_name, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, fields.name, fields.displayName, fields.source, now, now);
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
