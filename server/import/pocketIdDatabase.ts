// Reads a Pocket ID SQLite database (the tables of Pocket ID 2.14 and later), opened read-only: the
// import never writes to it. This is the one place outside db/ that runs SQL, because the file is
// another program's, read as a file format.
import Database from 'better-sqlite3';
import { GatehouseError } from '../model/errors.ts';

export interface PocketIdUser {
  id: string;
  username: string;
  email: string | null;
  emailVerified: boolean;
  firstName: string;
  lastName: string;
  displayName: string;
  isAdmin: boolean;
  disabled: boolean;
  fromLdap: boolean;
}

export interface PocketIdGroup {
  id: string;
  name: string;
  friendlyName: string;
  fromLdap: boolean;
}

export interface PocketIdClaim {
  key: string;
  value: string;
  userId: string | null;
  groupId: string | null;
}

export interface PocketIdPasskey {
  credentialId: Buffer;
  /** The COSE key, as WebAuthn libraries store it. */
  publicKey: Buffer;
  name: string;
  transports: string[];
  backupEligible: boolean;
  backupState: boolean;
  userId: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface PocketIdSecret {
  alg: string;
  hash: string;
  /** Milliseconds since the epoch; null when the document does not say. */
  createdAt: number | null;
  expiresAt: number | null;
}

export interface PocketIdClient {
  id: string;
  name: string | null;
  callbackUrls: string[];
  logoutCallbackUrls: string[];
  isPublic: boolean;
  pkceEnabled: boolean;
  secrets: PocketIdSecret[];
  federatedIdentities: number;
  launchUrl: string | null;
  requiresReauthentication: boolean;
  requiresPar: boolean;
  skipConsent: boolean;
  isGroupRestricted: boolean;
  allowedGroupIds: string[];
  /** 'standard', or 'cimd' for a client known by its metadata document's URL. */
  clientType: string;
  hasLogo: boolean;
  accessTokenMinutes: number;
  refreshTokenMinutes: number;
}

/** What Pocket ID holds that has no place in Gatehouse, counted for the report. */
export interface PocketIdLeftovers {
  apiKeys: number;
  scimProviders: number;
  apis: number;
  sessions: number;
  /** The apps people allowed to know them (consents). */
  consents: number;
  profilePictures: number;
}

export interface PocketIdData {
  users: PocketIdUser[];
  groups: PocketIdGroup[];
  memberships: { userId: string; groupId: string }[];
  claims: PocketIdClaim[];
  passkeys: PocketIdPasskey[];
  clients: PocketIdClient[];
  leftovers: PocketIdLeftovers;
}

/** The columns read, per table: a database without one of them is from an older Pocket ID. */
const COLUMNS_READ: Record<string, string[]> = {
  users: ['id', 'username', 'email', 'email_verified', 'first_name', 'last_name', 'display_name', 'is_admin', 'disabled', 'ldap_id'],
  user_groups: ['id', 'name', 'friendly_name', 'ldap_id'],
  user_groups_users: ['user_id', 'user_group_id'],
  custom_claims: ['key', 'value', 'user_id', 'user_group_id'],
  webauthn_credentials: ['credential_id', 'public_key', 'name', 'transport', 'backup_eligible', 'backup_state', 'user_id', 'created_at'],
  oidc_clients: [
    'id',
    'name',
    'callback_urls',
    'logout_callback_urls',
    'is_public',
    'pkce_enabled',
    'credentials',
    'launch_url',
    'requires_reauthentication',
    'requires_pushed_authorization_requests',
    'skip_consent',
    'is_group_restricted',
    'client_type',
    'image_type',
    'dark_image_type',
    'access_token_duration_minutes',
    'refresh_token_duration_minutes',
  ],
  oidc_clients_allowed_user_groups: ['oidc_client_id', 'user_group_id'],
};

type Row = Record<string, unknown>;

/** Whether a file is a SQLite database holding Pocket ID's passkeys (how a data folder's database is told apart). */
export function looksLikePocketIdDatabase(file: string): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'webauthn_credentials'").get() !== undefined;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

export function readPocketIdDatabase(file: string): PocketIdData {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
  } catch (error) {
    throw new GatehouseError('import_source_invalid', `${file} could not be opened as a SQLite database (${(error as Error).message}).`);
  }
  try {
    checkColumns(db, file);
    return readAll(db);
  } catch (error) {
    if (error instanceof GatehouseError) throw error;
    throw new GatehouseError('import_source_invalid', `${file} could not be read as a Pocket ID database (${(error as Error).message}).`);
  } finally {
    db.close();
  }
}

function checkColumns(db: Database.Database, file: string): void {
  const missing: string[] = [];
  for (const [table, columns] of Object.entries(COLUMNS_READ)) {
    const present = new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name));
    if (present.size === 0) missing.push(`the table ${table}`);
    else for (const column of columns) if (!present.has(column)) missing.push(`${table}.${column}`);
  }
  const absent = ['the table users', 'the table webauthn_credentials'].find((table) => missing.includes(table));
  if (absent) throw new GatehouseError('import_source_invalid', `${file} is not a Pocket ID database (it has no ${absent.slice(4)}).`);
  if (missing.length > 0)
    throw new GatehouseError(
      'import_source_invalid',
      `${file} is from a Pocket ID older than 2.14 (it has no ${missing.join(', ')}): upgrade Pocket ID to 2.14 or later, start it once so it updates its database, stop it, and import again.`,
    );
}

function readAll(db: Database.Database): PocketIdData {
  const all = (sql: string) => db.prepare(sql).all() as Row[];
  const count = (table: string, where = '') =>
    tableExists(db, table) ? (db.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n : 0;
  const allowedGroups = new Map<string, string[]>();
  for (const row of all('SELECT oidc_client_id, user_group_id FROM oidc_clients_allowed_user_groups ORDER BY user_group_id')) {
    const list = allowedGroups.get(String(row.oidc_client_id)) ?? [];
    list.push(String(row.user_group_id));
    allowedGroups.set(String(row.oidc_client_id), list);
  }
  return {
    users: all('SELECT * FROM users ORDER BY username').map((row) => ({
      id: String(row.id),
      username: String(row.username),
      email: text(row.email),
      emailVerified: flag(row.email_verified),
      firstName: text(row.first_name) ?? '',
      lastName: text(row.last_name) ?? '',
      displayName: text(row.display_name) ?? '',
      isAdmin: flag(row.is_admin),
      disabled: flag(row.disabled),
      fromLdap: text(row.ldap_id) !== null,
    })),
    groups: all('SELECT * FROM user_groups ORDER BY name').map((row) => ({
      id: String(row.id),
      name: String(row.name),
      friendlyName: text(row.friendly_name) ?? '',
      fromLdap: text(row.ldap_id) !== null,
    })),
    memberships: all('SELECT user_id, user_group_id FROM user_groups_users').map((row) => ({
      userId: String(row.user_id),
      groupId: String(row.user_group_id),
    })),
    claims: all('SELECT key, value, user_id, user_group_id FROM custom_claims ORDER BY key').map((row) => ({
      key: String(row.key),
      value: String(row.value),
      userId: text(row.user_id),
      groupId: text(row.user_group_id),
    })),
    passkeys: all('SELECT * FROM webauthn_credentials WHERE user_id IS NOT NULL ORDER BY created_at').map((row) => ({
      credentialId: Buffer.from(row.credential_id as Uint8Array),
      publicKey: Buffer.from(row.public_key as Uint8Array),
      name: text(row.name) ?? '',
      transports: stringList(row.transport),
      backupEligible: flag(row.backup_eligible),
      backupState: flag(row.backup_state),
      userId: String(row.user_id),
      createdAt: unixMs(row.created_at) ?? 0,
    })),
    clients: all('SELECT * FROM oidc_clients ORDER BY name, id').map((row) => {
      const credentials = json(row.credentials) as { secrets?: unknown; federatedIdentities?: unknown } | null;
      return {
        id: String(row.id),
        name: text(row.name),
        callbackUrls: stringList(row.callback_urls),
        logoutCallbackUrls: stringList(row.logout_callback_urls),
        isPublic: flag(row.is_public),
        pkceEnabled: flag(row.pkce_enabled),
        secrets: (Array.isArray(credentials?.secrets) ? credentials.secrets : []).map((secret: Row) => ({
          alg: String(secret.alg ?? ''),
          hash: String(secret.hash ?? ''),
          createdAt: jsonDateMs(secret.createdAt),
          expiresAt: jsonDateMs(secret.expiresAt),
        })),
        federatedIdentities: Array.isArray(credentials?.federatedIdentities) ? credentials.federatedIdentities.length : 0,
        launchUrl: text(row.launch_url),
        requiresReauthentication: flag(row.requires_reauthentication),
        requiresPar: flag(row.requires_pushed_authorization_requests),
        skipConsent: flag(row.skip_consent),
        isGroupRestricted: flag(row.is_group_restricted),
        allowedGroupIds: allowedGroups.get(String(row.id)) ?? [],
        clientType: text(row.client_type) ?? 'standard',
        hasLogo: Boolean(text(row.image_type) || text(row.dark_image_type)),
        accessTokenMinutes: Number(row.access_token_duration_minutes),
        refreshTokenMinutes: Number(row.refresh_token_duration_minutes),
      };
    }),
    leftovers: {
      apiKeys: count('api_keys'),
      scimProviders: count('scim_service_providers'),
      apis: count('apis'),
      sessions: count('oauth2_sessions'),
      consents: count('user_authorized_oidc_clients'),
      // Pictures people uploaded, when Pocket ID keeps files in its database (the default keeps them in data/uploads).
      profilePictures: count('storage', "WHERE path LIKE 'profile-pictures/%' AND path NOT LIKE 'profile-pictures/defaults/%'"),
    },
  };
}

function tableExists(db: Database.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

const flag = (value: unknown): boolean => value === 1 || value === 1n || value === true || value === '1' || value === 'true';

/** JSON columns are BLOB or TEXT holding JSON; empty or broken means nothing. */
function json(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const source = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  if (source.trim() === '') return null;
  try {
    return JSON.parse(source);
  } catch {
    return null;
  }
}

function stringList(value: unknown): string[] {
  const list = json(value);
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

/** Dates in columns are unix seconds (Pocket ID on SQLite); some older rows hold a date string. */
function unixMs(value: unknown): number | null {
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value) * 1000;
  return jsonDateMs(value);
}

/** Dates inside JSON documents are RFC 3339 strings (Go's time.Time); a number is taken as unix seconds. */
function jsonDateMs(value: unknown): number | null {
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
