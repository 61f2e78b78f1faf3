// What the provisioning file last said about a record (a hash of its entry), and whether the console
// has changed the record since. Together they tell a file change from a console edit.
import { createHash } from 'node:crypto';
import type { Db } from './database.ts';
import { prepared } from './statements.ts';

export type ProvisionedTable = 'users' | 'groups' | 'clients' | 'scopes' | 'protectedApps';

const KEY: Record<ProvisionedTable, string> = { users: 'username', groups: 'name', clients: 'id', scopes: 'name', protectedApps: 'id' };
const TABLE: Record<ProvisionedTable, string> = {
  users: 'users',
  groups: 'groups',
  clients: 'clients',
  scopes: 'custom_scopes',
  protectedApps: 'protected_apps',
};

export function provisioningHash(entry: unknown): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('base64url');
}

export function provisioningState(db: Db, table: ProvisionedTable, key: string): { hash: string | null; editedInConsole: boolean } | undefined {
  const row = prepared<[string], { provisioned_hash: string | null; console_edited_at: number | null }>(
    db,
    `SELECT provisioned_hash, console_edited_at FROM ${TABLE[table]} WHERE ${KEY[table]} = ?`,
  ).get(key);
  return row && { hash: row.provisioned_hash, editedInConsole: row.console_edited_at !== null };
}

export function recordProvisioned(db: Db, table: ProvisionedTable, key: string, hash: string): void {
  prepared(db, `UPDATE ${TABLE[table]} SET provisioned_hash = ?, console_edited_at = NULL WHERE ${KEY[table]} = ?`).run(hash, key);
}
