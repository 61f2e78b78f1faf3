// A number that changes whenever the database may have changed: a write through this connection
// (total_changes) or a commit by another process (data_version). Caches on hot paths compare it
// instead of re-reading; asking costs one tiny statement.
import type { Db } from './database.ts';
import { prepared } from './statements.ts';

export function dataGeneration(db: Db): string {
  const row = prepared<[], { changes: number; version: number }>(
    db,
    'SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version',
  ).get()!;
  return `${row.changes}:${row.version}`;
}
