// Settings the owner changes at run time (instance name, logo, lifetimes), as JSON in the settings table.
import type { Db } from './database.ts';
import { prepared } from './statements.ts';

export interface InstanceSettings {
  instanceName: string;
  /** A data: URL of a small image, shown on the sign-in pages. */
  logo: string | null;
  /** Lifetimes, in seconds. */
  accessTokenTtl: number;
  refreshTokenTtl: number;
  sessionTtl: number;
}

export const DEFAULT_SETTINGS: InstanceSettings = {
  instanceName: 'Gatehouse',
  logo: null,
  accessTokenTtl: 60 * 60,
  refreshTokenTtl: 30 * 24 * 60 * 60,
  sessionTtl: 14 * 24 * 60 * 60,
};

export function readSettings(db: Db): InstanceSettings {
  const rows = prepared<[], { name: string; value: string }>(db, "SELECT name, value FROM settings WHERE name NOT LIKE 'secret:%'").all();
  const stored = Object.fromEntries(rows.map((row) => [row.name, JSON.parse(row.value)])) as Partial<InstanceSettings>;
  return { ...DEFAULT_SETTINGS, ...Object.fromEntries(Object.entries(stored).filter(([name]) => name in DEFAULT_SETTINGS)) };
}

export function writeSettings(db: Db, changes: Partial<InstanceSettings>): void {
  const upsert = prepared(db, 'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
  for (const [name, value] of Object.entries(changes)) if (value !== undefined) upsert.run(name, JSON.stringify(value));
}

/** Kept beside the settings, under a name readSettings ignores: the issuer the server last started with. */
const SERVED_ISSUER = 'served:issuer';

/** Recorded at every start, so a command run later in another shell issues links that reach this server. */
export function recordServedIssuer(db: Db, issuer: string): void {
  prepared(db, 'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(
    SERVED_ISSUER,
    JSON.stringify(issuer),
  );
}

export function readServedIssuer(db: Db): string | undefined {
  const row = prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE name = ?').get(SERVED_ISSUER);
  return row ? (JSON.parse(row.value) as string) : undefined;
}
