// API keys for scripts and automation calling the admin API. Only a hash of each key is stored.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export interface ApiKey {
  id: string;
  name: string;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/** Keys look like `gh_<id>_<secret>`, so a leaked one is recognisable in logs and secret scanners. */
const hashSecret = (key: string) => createHash('sha256').update(key).digest('base64url');

export function createApiKey(db: Db, clock: Clock, name: string, createdBy: string | null, expiresAt: number): { key: string; apiKey: ApiKey } {
  const id = randomUUID();
  const key = `gh_${randomBytes(32).toString('base64url')}`;
  prepared(db, 'INSERT INTO api_keys (id, name, secret_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    name,
    hashSecret(key),
    createdBy,
    clock(),
    expiresAt,
  );
  return { key, apiKey: listApiKeys(db).find((k) => k.id === id)! };
}

export function listApiKeys(db: Db): ApiKey[] {
  return prepared<[], ApiKeyRow>(db, 'SELECT id, name, created_by, created_at, expires_at, last_used_at, revoked_at FROM api_keys ORDER BY created_at DESC')
    .all()
    .map(toApiKey);
}

/** The key's id when it is known, unexpired and not revoked; records its use. */
export function useApiKey(db: Db, clock: Clock, key: string): string | undefined {
  const now = clock();
  const row = prepared<[string, number], { id: string }>(db, 'SELECT id FROM api_keys WHERE secret_hash = ? AND revoked_at IS NULL AND expires_at > ?').get(
    hashSecret(key),
    now,
  );
  if (row) prepared(db, 'UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now, row.id);
  return row?.id;
}

export function revokeApiKey(db: Db, clock: Clock, id: string): boolean {
  return prepared(db, 'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(clock(), id).changes === 1;
}
