// A value that changes whenever the database may have changed, for caches on hot paths: every write
// through this connection moves SQLite's total_changes() (a statement of about a microsecond), and the
// instance's data_version poll reports another process's commits through noteOutsideChange. Asking
// data_version on every call would be exact across processes too, but costs tens of microseconds.
import type { Db } from './database.ts';
import { prepared } from './statements.ts';

const outsideChanges = new WeakMap<Db, number>();

/** Called when another process (`gatehouse apply`, the desktop console) committed to this database. */
export function noteOutsideChange(db: Db): void {
  outsideChanges.set(db, (outsideChanges.get(db) ?? 0) + 1);
}

export function dataGeneration(db: Db): string {
  const { changes } = prepared<[], { changes: number }>(db, 'SELECT total_changes() AS changes').get()!;
  return `${changes}:${outsideChanges.get(db) ?? 0}`;
}
