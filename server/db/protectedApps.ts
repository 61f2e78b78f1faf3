// Protected apps (forward-auth) and the groups allowed to use them.
import { DEFAULT_IDENTITY_HEADERS, type ProtectedApp } from '../model/protectedApps.ts';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

interface ProtectedAppRow {
  id: string;
  name: string;
  hosts: string;
  path_prefixes: string;
  bypass_paths: string;
  identity_headers: string;
  session_ttl: number | null;
  source: ProtectedApp['source'];
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, name, hosts, path_prefixes, bypass_paths, identity_headers, session_ttl, source, created_at, updated_at';

function toProtectedApp(db: Db, row: ProtectedAppRow): ProtectedApp {
  return {
    id: row.id,
    name: row.name,
    hosts: JSON.parse(row.hosts),
    pathPrefixes: JSON.parse(row.path_prefixes),
    allowedGroups: prepared<[string], { name: string }>(
      db,
      'SELECT g.name FROM groups g JOIN protected_app_allowed_groups a ON a.group_id = g.id WHERE a.app_id = ? ORDER BY g.name',
    )
      .all(row.id)
      .map((r) => r.name),
    bypassPaths: JSON.parse(row.bypass_paths),
    identityHeaders: { ...DEFAULT_IDENTITY_HEADERS, ...JSON.parse(row.identity_headers) },
    sessionTtl: row.session_ttl,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listProtectedApps(db: Db): ProtectedApp[] {
  return prepared<[], ProtectedAppRow>(db, `SELECT ${COLUMNS} FROM protected_apps ORDER BY name, id`)
    .all()
    .map((row) => toProtectedApp(db, row));
}

export function getProtectedApp(db: Db, id: string): ProtectedApp | undefined {
  const row = prepared<[string], ProtectedAppRow>(db, `SELECT ${COLUMNS} FROM protected_apps WHERE id = ?`).get(id);
  return row && toProtectedApp(db, row);
}

export type ProtectedAppFields = Omit<ProtectedApp, 'allowedGroups' | 'createdAt' | 'updatedAt'>;

/** Creates or replaces a protected app; allowed groups are given by id and must exist. */
export function upsertProtectedApp(db: Db, clock: Clock, app: ProtectedAppFields, allowedGroupIds: string[]): void {
  const now = clock();
  prepared(
    db,
    `INSERT INTO protected_apps (id, name, hosts, path_prefixes, bypass_paths, identity_headers, session_ttl, source, created_at, updated_at)
    VALUES (@id, @name, @hosts, @pathPrefixes, @bypassPaths, @identityHeaders, @sessionTtl, @source, @now, @now)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, hosts = excluded.hosts, path_prefixes = excluded.path_prefixes,
      bypass_paths = excluded.bypass_paths, identity_headers = excluded.identity_headers, session_ttl = excluded.session_ttl,
      source = excluded.source, updated_at = excluded.updated_at`,
  ).run({
    id: app.id,
    name: app.name,
    hosts: JSON.stringify(app.hosts),
    pathPrefixes: JSON.stringify(app.pathPrefixes),
    bypassPaths: JSON.stringify(app.bypassPaths),
    identityHeaders: JSON.stringify(app.identityHeaders),
    sessionTtl: app.sessionTtl,
    source: app.source,
    now,
  });
  prepared(db, 'DELETE FROM protected_app_allowed_groups WHERE app_id = ?').run(app.id);
  const insert = prepared(db, 'INSERT INTO protected_app_allowed_groups (app_id, group_id) VALUES (?, ?)');
  for (const groupId of allowedGroupIds) insert.run(app.id, groupId);
}

export function deleteProtectedApp(db: Db, id: string): boolean {
  return prepared(db, 'DELETE FROM protected_apps WHERE id = ?').run(id).changes === 1;
}

export function markProtectedAppEditedInConsole(db: Db, clock: Clock, id: string): void {
  prepared(db, "UPDATE protected_apps SET console_edited_at = ? WHERE id = ? AND source = 'provision'").run(clock(), id);
}
