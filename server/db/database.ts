// Opens the one SQLite file, applies pending migrations, refuses a schema from a newer Gatehouse.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

export const DATABASE_FILE_NAME = 'gatehouse.db';

export class NewerSchemaError extends Error {
  readonly code = 'newer_schema';
}

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  // SQLite would create the file with the process's umask (often 0644) and gives -wal and -shm the
  // database's mode: create it as the owner's alone first.
  closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode; only a power loss can drop the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 4 MB of page cache is plenty for a homelab's data and keeps the server's memory small.
    db.pragma('cache_size = -4000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    throw new NewerSchemaError(
      `this database was written by a newer Gatehouse (schema ${current}, this version knows up to ${MIGRATIONS.length}); upgrade Gatehouse or restore a backup made by this version`,
    );
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version - 1]!);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
}

/** Changes whenever another connection (another process) commits to the database. */
export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/** Milliseconds since the epoch; the unit of every *_at column. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
