// A database file as a whole, for backup and restore: a consistent copy taken beside a running server,
// what a copy holds, whether it is sound, and a clean hand-over of the live file.
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from './database.ts';

/** What a backup counts, to say what it holds (and restore, what it put back). */
export interface SnapshotCounts {
  users: number;
  groups: number;
  clients: number;
  passkeys: number;
  signingKeys: number;
  /** Refresh tokens not yet used up or expired: the apps that stay signed in across a restore. */
  refreshTokens: number;
}

/**
 * Whether there is a database at `databaseFile`: a file with content, or a write-ahead log with content (a
 * new database's first pages are in its log until a checkpoint moves them into the still empty file).
 */
export function databaseExists(databaseFile: string): boolean {
  return [databaseFile, `${databaseFile}-wal`].some((file) => existsSync(file) && statSync(file).size > 0);
}

/**
 * Writes a consistent copy of the database at `databaseFile` to `target` (which must not exist), through a
 * connection of its own: VACUUM INTO reads one snapshot of a WAL database, so a server may go on writing.
 */
export function snapshotDatabase(databaseFile: string, target: string): void {
  const source = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    source.prepare('VACUUM INTO ?').run(target);
  } finally {
    source.close();
  }
}

/** Opens a copy to read what it holds; it is never written. */
export function openSnapshot(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** SQLite's own check of every page and index: an empty list when the file is sound. */
export function integrityProblems(db: Db): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
}

export function countSnapshot(db: Db, now: number): SnapshotCounts {
  return db
    .prepare<[number], SnapshotCounts>(
      `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM groups) AS groups, (SELECT count(*) FROM clients) AS clients,
        (SELECT count(*) FROM passkeys) AS passkeys, (SELECT count(*) FROM signing_keys) AS signingKeys,
        (SELECT count(*) FROM oidc_state WHERE model = 'RefreshToken' AND consumed_at IS NULL AND (expires_at IS NULL OR expires_at > ?)) AS refreshTokens`,
    )
    .get(now)!;
}

/**
 * Moves everything in the write-ahead log of a stopped database into its file and closes it, so the file
 * alone holds the data and no log is left that SQLite could replay onto another file put in its place.
 */
export function checkpointDatabase(databaseFile: string): void {
  const db = new Database(databaseFile, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
