// How much Gatehouse holds, as the console's overview and the settings' warnings count it.
import type { Db } from './database.ts';
import { prepared } from './statements.ts';

export interface RecordCounts {
  users: number;
  groups: number;
  clients: number;
  passkeys: number;
}

export function countRecords(db: Db): RecordCounts {
  return prepared<[], RecordCounts>(
    db,
    'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM groups) AS groups, (SELECT count(*) FROM clients) AS clients, (SELECT count(*) FROM passkeys) AS passkeys',
  ).get()!;
}
