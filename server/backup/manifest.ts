// What a backup says about itself (manifest.json, the archive's first entry): enough for a restore to
// check it before touching anything, and for a person to see what it holds.
import { z } from 'zod';
import { GatehouseError } from '../model/errors.ts';

/** The archive layout this Gatehouse writes and reads; a later one adds a number. */
export const BACKUP_FORMAT = 1;

export const MANIFEST_FILE = 'manifest.json';
export const DATABASE_ENTRY = 'gatehouse.db';
export const KEY_ENTRY = 'encryption.key';

const count = z.number().int().nonnegative();

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  gatehouseVersion: z.string(),
  schemaVersion: z.number().int().positive(),
  issuer: z.string(),
  /** ISO 8601, UTC. */
  createdAt: z.string(),
  /** The fingerprint of the key-encryption key that sealed the data (never the key). */
  keyFingerprint: z.string(),
  includesKey: z.boolean(),
  counts: z.object({ users: count, groups: count, clients: count, passkeys: count, signingKeys: count, refreshTokens: count }),
  database: z.object({ bytes: count, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

/** Reads a manifest, refusing one of a later format (made by a newer Gatehouse) or one that is not whole. */
export function parseManifest(text: string, file: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GatehouseError('restore_damaged', `the manifest in ${file} cannot be read; the backup is damaged: use another copy`);
  }
  const format = (value as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format > BACKUP_FORMAT) {
    const version = (value as { gatehouseVersion?: unknown }).gatehouseVersion;
    throw new GatehouseError(
      'restore_unknown_format',
      `${file} was made by Gatehouse ${typeof version === 'string' ? version : '(unknown version)'} in backup format ${format}; this Gatehouse reads format ${BACKUP_FORMAT}: upgrade Gatehouse first, then restore`,
    );
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) throw new GatehouseError('restore_damaged', `the manifest in ${file} is incomplete or not a Gatehouse backup's; use another copy`);
  return parsed.data;
}

/** "3 users, 2 groups, …" for the output of backup and restore. */
export function describeCounts(counts: BackupManifest['counts']): string {
  const parts: [number, string, string][] = [
    [counts.users, 'user', 'users'],
    [counts.groups, 'group', 'groups'],
    [counts.clients, 'app', 'apps'],
    [counts.passkeys, 'passkey', 'passkeys'],
    [counts.signingKeys, 'signing key', 'signing keys'],
    [counts.refreshTokens, 'active refresh token', 'active refresh tokens'],
  ];
  return parts.map(([n, one, many]) => `${n} ${n === 1 ? one : many}`).join(', ');
}
