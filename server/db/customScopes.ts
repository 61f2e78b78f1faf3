// Custom scopes (instance-wide bundles of claims an app may request), read on every token request.
import type { CustomScope } from '../model/customScopes.ts';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

interface ScopeRow {
  name: string;
  description: string;
  claims: string;
  source: CustomScope['source'];
}

const toScope = (row: ScopeRow): CustomScope => ({ name: row.name, description: row.description, claims: JSON.parse(row.claims), source: row.source });

export function listCustomScopes(db: Db): CustomScope[] {
  return prepared<[], ScopeRow>(db, 'SELECT name, description, claims, source FROM custom_scopes ORDER BY name').all().map(toScope);
}

export function getCustomScope(db: Db, name: string): CustomScope | undefined {
  const row = prepared<[string], ScopeRow>(db, 'SELECT name, description, claims, source FROM custom_scopes WHERE name = ?').get(name);
  return row && toScope(row);
}

/** The scope whose name is this one but for case: two such would look alike on the consent screen. */
export function findCustomScopeNamedLike(db: Db, name: string): CustomScope | undefined {
  const row = prepared<[string], ScopeRow>(db, 'SELECT name, description, claims, source FROM custom_scopes WHERE name = ? COLLATE NOCASE').get(name);
  return row && toScope(row);
}

export function upsertCustomScope(db: Db, clock: Clock, scope: CustomScope): void {
  const now = clock();
  prepared(
    db,
    `INSERT INTO custom_scopes (name, description, claims, source, created_at, updated_at) VALUES (@name, @description, @claims, @source, @now, @now)
    ON CONFLICT (name) DO UPDATE SET description = excluded.description, claims = excluded.claims, source = excluded.source, updated_at = excluded.updated_at`,
  ).run({ ...scope, claims: JSON.stringify(scope.claims), now });
}

export function deleteCustomScope(db: Db, name: string): boolean {
  return prepared(db, 'DELETE FROM custom_scopes WHERE name = ?').run(name).changes === 1;
}

/** A provisioned scope edited in the console: the next apply of a changed file reports a conflict. */
export function markCustomScopeEditedInConsole(db: Db, clock: Clock, name: string): void {
  prepared(db, "UPDATE custom_scopes SET console_edited_at = ? WHERE name = ? AND source = 'provision'").run(clock(), name);
}
