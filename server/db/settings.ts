// Settings the owner changes at run time (instance name, logo, lifetimes, the mail server), as JSON in the
// settings table; secrets among them sealed, under names readSettings never returns.
import type { SmtpSecurity } from '../config/options.ts';
import type { Db } from './database.ts';
import type { Sealer } from './sealed.ts';
import { prepared } from './statements.ts';

export interface InstanceSettings {
  instanceName: string;
  /** A data: URL of a small image, shown on the sign-in pages. */
  logo: string | null;
  /** Lifetimes, in seconds. */
  accessTokenTtl: number;
  refreshTokenTtl: number;
  sessionTtl: number;
  /** The mail server as the console set it (configuration and the provisioning file win over these). */
  smtpHost: string | null;
  /** null: the usual port for the security (587, 465 or 25). */
  smtpPort: number | null;
  smtpSecurity: SmtpSecurity;
  smtpUser: string | null;
  smtpFrom: string | null;
  /** Whether people may ask for a sign-in code by email (it also takes a configured mail server). */
  emailSignInCodes: boolean;
  /** Whether people may change their own username on the account page (apps may key accounts by it). */
  allowUsernameChange: boolean;
}

export const DEFAULT_SETTINGS: InstanceSettings = {
  instanceName: 'Gatehouse',
  logo: null,
  accessTokenTtl: 60 * 60,
  refreshTokenTtl: 30 * 24 * 60 * 60,
  sessionTtl: 14 * 24 * 60 * 60,
  smtpHost: null,
  smtpPort: null,
  smtpSecurity: 'starttls',
  smtpUser: null,
  smtpFrom: null,
  emailSignInCodes: false,
  allowUsernameChange: false,
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

/** The mail server's password as the console set it, sealed and bound to its row's name. */
const SMTP_PASSWORD = 'secret:smtpPassword';

export function readSmtpPassword(db: Db, sealer: Sealer): string | undefined {
  const row = prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE name = ?').get(SMTP_PASSWORD);
  return row ? sealer.open(Buffer.from(JSON.parse(row.value) as string, 'base64'), SMTP_PASSWORD).toString('utf8') : undefined;
}

/** Whether the console set a password, without opening it. */
export function hasSmtpPassword(db: Db): boolean {
  return prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE name = ?').get(SMTP_PASSWORD) !== undefined;
}

/** null removes it. */
export function writeSmtpPassword(db: Db, sealer: Sealer, password: string | null): void {
  if (password === null) prepared(db, 'DELETE FROM settings WHERE name = ?').run(SMTP_PASSWORD);
  else upsertSetting(db, SMTP_PASSWORD, sealer.seal(password, SMTP_PASSWORD).toString('base64'));
}

/** The provisioning file's email section, as last applied: the fields it sets win over the console's. */
const PROVISIONED_EMAIL = 'provision:email';

export interface ProvisionedEmail {
  host?: string;
  port?: number;
  security?: SmtpSecurity;
  user?: string;
  from?: string;
  /** Where the password is read at each send: a file, or an environment variable of the server. */
  passwordFile?: string;
  passwordEnv?: string;
}

export function readProvisionedEmail(db: Db): ProvisionedEmail {
  const row = prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE name = ?').get(PROVISIONED_EMAIL);
  return row ? (JSON.parse(row.value) as ProvisionedEmail) : {};
}

export function writeProvisionedEmail(db: Db, email: ProvisionedEmail): void {
  upsertSetting(db, PROVISIONED_EMAIL, email);
}

function upsertSetting(db: Db, name: string, value: unknown): void {
  prepared(db, 'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(name, JSON.stringify(value));
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
