// Compiled SQL statements, kept per connection: compiling is a large share of a query's cost.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

const caches = new WeakMap<Db, Map<string, Statement>>();

export function prepared<P extends unknown[] | object = unknown[], R = unknown>(db: Db, sql: string): Statement<P, R> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement as Statement<P, R>;
}
