// The notices the owner dismissed on the overview, by id, kept in the settings table so that every
// console (the desktop window, each admin's browser) sees them dismissed.
import type { Db } from './database.ts';
import { prepared } from './statements.ts';

const NAME = 'dismissedNotices';

export function dismissedNotices(db: Db): Set<string> {
  const row = prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE name = ?').get(NAME);
  return new Set(row ? (JSON.parse(row.value) as string[]) : []);
}

export function dismissNotice(db: Db, id: string): void {
  const ids = [...dismissedNotices(db).add(id)];
  prepared(db, 'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(NAME, JSON.stringify(ids));
}
