// A Pocket ID data folder as a person moving to Gatehouse has one: `data/pocket-id.db` made from Pocket ID
// 2.14's schema (tests/fixtures/pocket-id-schema.sql) and a `.env` with its APP_URL. The rows are written
// the way Pocket ID writes them: dates as unix seconds, JSON columns as BLOBs (one as TEXT, as older rows
// may be), client secrets as hashes in `credentials`, passkeys from a real registration ceremony of the
// software authenticator, so that they sign in again wherever the same rpId is served.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import bcrypt from 'bcryptjs';
import Database from 'better-sqlite3';
import { SoftwareAuthenticator } from './softwareAuthenticator.ts';

const SCHEMA_FILE = path.join(import.meta.dirname, '..', 'fixtures', 'pocket-id-schema.sql');
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PocketIdFixtureOptions {
  /** The WebAuthn relying party id the passkeys are registered for (Pocket ID's APP_URL host). */
  rpId: string;
  /** Pocket ID's APP_URL: the origin the passkeys were registered at; written to the `.env`. */
  origin: string;
  /** "Now" for the rows' dates and the secrets' expiry (ms); the real clock by default. */
  now?: number;
}

export interface PocketIdFixtureUser {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  isAdmin: boolean;
  emailVerified: boolean;
  /** Holds the user's passkeys (one credential each; `authenticators[0]` is the synced one for the admin). */
  authenticators: SoftwareAuthenticator[];
  /** The passkeys' credential ids, base64url (Gatehouse's passkey id). */
  credentialIds: string[];
}

export interface PocketIdFixtureGroup {
  id: string;
  name: string;
  friendlyName: string;
  /** Usernames. */
  members: string[];
}

export interface PocketIdFixtureClient {
  id: string;
  name: string;
  callbackUrls: string[];
  logoutCallbackUrls: string[];
  /** The plaintext of each unexpired secret, newest first (Pocket ID keeps only hashes). */
  secrets: string[];
}

export interface PocketIdFixture {
  /** The folder holding `.env` and `data/`, as a Pocket ID installation has it. */
  folder: string;
  databaseFile: string;
  appUrl: string;
  users: { admin: PocketIdFixtureUser; member: PocketIdFixtureUser };
  groups: { developers: PocketIdFixtureGroup; designers: PocketIdFixtureGroup };
  /** Custom claims as stored (a value that parses as JSON is JSON). */
  claims: {
    user: { userId: string; key: string; value: string };
    group: { groupId: string; key: string; value: string };
  };
  clients: {
    /** Confidential, one SHA-256 secret. */
    sha256: PocketIdFixtureClient;
    /** Confidential, the bcrypt secret of a client made before Pocket ID kept several secrets. */
    bcrypt: PocketIdFixtureClient;
    /** Public, PKCE, no secret; its JSON columns are TEXT. */
    public: PocketIdFixtureClient;
    /** Only the developers group may use it; skip consent, PAR, its own token lifetimes. */
    restricted: PocketIdFixtureClient & { allowedGroups: string[]; accessTokenMinutes: number; refreshTokenMinutes: number };
    /** A wildcard callback URL Gatehouse cannot match, and a federated identity. */
    wildcard: PocketIdFixtureClient;
    /** Two unexpired secrets (the older one expires in 30 days) and an expired one. */
    twoSecrets: PocketIdFixtureClient & { expiredSecret: string; olderSecretExpiresAt: number };
  };
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A secret as Pocket ID generates one: 32 letters and digits. */
function pocketIdSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

interface StoredSecret {
  id: string;
  alg: 'sha256' | 'bcrypt';
  hash: string;
  prefix?: string;
  createdAt: string;
  expiresAt?: string;
}

function sha256Secret(secret: string, createdAt: number, expiresAt?: number): StoredSecret {
  return {
    id: randomUUID(),
    alg: 'sha256',
    hash: sha256Hex(secret),
    prefix: secret.slice(0, 4),
    createdAt: new Date(createdAt).toISOString(),
    ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt).toISOString() }),
  };
}

/** A secret moved from the single-secret column: bcrypt, no prefix, no expiry. Go's bcrypt writes `$2a$`; the algorithm is the same. */
function bcryptSecret(secret: string, createdAt: number): StoredSecret {
  return { id: randomUUID(), alg: 'bcrypt', hash: bcrypt.hashSync(secret, 10).replace(/^\$2b\$/, '$2a$'), createdAt: new Date(createdAt).toISOString() };
}

/** Registers a passkey with the software authenticator the way Pocket ID's registration ceremony does (user handle = the user id's bytes). */
async function registerPasskey(
  options: PocketIdFixtureOptions,
  user: { id: string; username: string },
  synced: boolean,
  transports: string[],
): Promise<{ authenticator: SoftwareAuthenticator; row: Record<string, unknown> }> {
  const authenticator = new SoftwareAuthenticator({ synced });
  const creation = await generateRegistrationOptions({
    rpName: 'Pocket ID',
    rpID: options.rpId,
    userID: new TextEncoder().encode(user.id),
    userName: user.username,
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const response = authenticator.createCredential(creation, options.origin) as { response: { transports: string[] } };
  response.response.transports = transports;
  const verified = await verifyRegistrationResponse({
    response: response as never,
    expectedChallenge: creation.challenge,
    expectedOrigin: options.origin,
    expectedRPID: options.rpId,
    requireUserVerification: true,
  });
  if (!verified.verified) throw new Error('the fixture passkey did not verify');
  const { credential, credentialDeviceType, credentialBackedUp, fmt } = verified.registrationInfo;
  return {
    authenticator,
    row: {
      credential_id: Buffer.from(credential.id, 'base64url'),
      public_key: Buffer.from(credential.publicKey),
      attestation_type: fmt,
      transport: json(credential.transports ?? []),
      backup_eligible: credentialDeviceType === 'multiDevice' ? 1 : 0,
      backup_state: credentialBackedUp ? 1 : 0,
    },
  };
}

export async function createPocketIdFixture(folder: string, options: PocketIdFixtureOptions): Promise<PocketIdFixture> {
  const now = options.now ?? Date.now();
  const made = now - 200 * DAY_MS;
  const dataDir = path.join(folder, 'data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(folder, '.env'), `APP_URL=${options.origin}\nENCRYPTION_KEY=not-a-real-key-for-this-fixture\nTRUST_PROXY=true\n`);
  const databaseFile = path.join(dataDir, 'pocket-id.db');
  const admin: PocketIdFixtureUser = {
    id: '4b1c6f2e-9a0d-4c57-8e3b-2f6a1d9c7e50',
    username: 'ada',
    email: 'ada@home.example',
    firstName: 'Ada',
    lastName: 'Lovelace',
    displayName: 'Ada Lovelace',
    isAdmin: true,
    emailVerified: true,
    authenticators: [],
    credentialIds: [],
  };
  const member: PocketIdFixtureUser = {
    id: 'c7d2e9a4-1f3b-4d6e-a8c5-0b9e2f4a6d13',
    username: 'grace',
    email: 'grace@home.example',
    firstName: 'Grace',
    lastName: 'Hopper',
    displayName: 'Grace H.',
    isAdmin: false,
    emailVerified: false,
    authenticators: [],
    credentialIds: [],
  };
  const passkeys: Array<[PocketIdFixtureUser, string, boolean, string[]]> = [
    [admin, 'iCloud Keychain', true, ['hybrid', 'internal']],
    [admin, 'YubiKey 5', false, ['nfc', 'usb']],
    [member, 'Windows Hello', false, ['internal']],
  ];

  const developers: PocketIdFixtureGroup = {
    id: 'f0e1d2c3-b4a5-4968-8776-655443322110',
    name: 'developers',
    friendlyName: 'Developers',
    members: [admin.username, member.username],
  };
  const designers: PocketIdFixtureGroup = {
    id: '0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d',
    name: 'designers',
    friendlyName: 'Designers',
    members: [member.username],
  };
  const claims: PocketIdFixture['claims'] = {
    user: { userId: admin.id, key: 'department', value: 'Research' },
    group: { groupId: developers.id, key: 'permissions', value: '["deploy","review"]' },
  };

  const client = (id: string, name: string, callbackUrls: string[], logoutCallbackUrls: string[], secrets: string[]): PocketIdFixtureClient => ({
    id,
    name,
    callbackUrls,
    logoutCallbackUrls,
    secrets,
  });
  const sha256Client = client(
    '3f8a2c1e-7b4d-4e9a-b6c5-1d2e3f4a5b6c',
    'Nextcloud',
    ['https://cloud.home.example/apps/user_oidc/code'],
    ['https://cloud.home.example/'],
    [pocketIdSecret()],
  );
  const bcryptClient = client(
    'immich',
    'Immich',
    ['https://photos.home.example/auth/login', 'https://photos.home.example/user-settings'],
    [],
    [pocketIdSecret()],
  );
  const publicClient = client('dashboard', 'Home Dashboard', ['https://dash.home.example/callback'], ['https://dash.home.example/'], []);
  const restricted = {
    ...client('proxmox', 'Proxmox VE', ['https://pve.home.example:8006'], [], [pocketIdSecret()]),
    allowedGroups: [developers.name],
    accessTokenMinutes: 30,
    refreshTokenMinutes: 1440,
  };
  const wildcard = client(
    'grafana',
    'Grafana',
    ['https://grafana.home.example/login/generic_oauth', 'https://*.grafana.home.example/login/generic_oauth'],
    [],
    [pocketIdSecret()],
  );
  const olderSecretExpiresAt = now + 30 * DAY_MS;
  const twoSecrets = {
    ...client('paperless', 'Paperless-ngx', ['https://paper.home.example/accounts/oidc/pocket-id/login/callback/'], [], [pocketIdSecret(), pocketIdSecret()]),
    expiredSecret: pocketIdSecret(),
    olderSecretExpiresAt,
  };

  const credentialRows: Record<string, unknown>[] = [];
  for (const [user, name, synced, transports] of passkeys) {
    const { authenticator, row } = await registerPasskey(options, user, synced, transports);
    credentialRows.push({ id: randomUUID(), created_at: seconds(made), name, user_id: user.id, ...row });
    user.authenticators.push(authenticator);
    user.credentialIds.push((row.credential_id as Buffer).toString('base64url'));
  }

  const db = new Database(databaseFile);
  db.exec(readFileSync(SCHEMA_FILE, 'utf8'));

  const insert = (table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
  };

  db.transaction(() => {
    insert('kv', { key: 'instance_id', value: randomUUID() });
    for (const user of [admin, member])
      insert('users', {
        id: user.id,
        created_at: seconds(made),
        updated_at: seconds(made),
        username: user.username,
        email: user.email,
        email_verified: user.emailVerified ? 1 : 0,
        first_name: user.firstName,
        last_name: user.lastName,
        display_name: user.displayName,
        is_admin: user.isAdmin ? 1 : 0,
        locale: user === admin ? 'en' : null,
        disabled: 0,
      });
    for (const group of [developers, designers]) {
      insert('user_groups', { id: group.id, created_at: seconds(made), updated_at: seconds(made), name: group.name, friendly_name: group.friendlyName });
      for (const username of group.members)
        insert('user_groups_users', { user_id: [admin, member].find((u) => u.username === username)!.id, user_group_id: group.id });
    }
    insert('custom_claims', { id: randomUUID(), created_at: seconds(made), key: claims.user.key, value: claims.user.value, user_id: claims.user.userId });
    insert('custom_claims', {
      id: randomUUID(),
      created_at: seconds(made),
      key: claims.group.key,
      value: claims.group.value,
      user_group_id: claims.group.groupId,
    });

    const clientRow = (c: PocketIdFixtureClient, credentials: object, extra: Record<string, unknown> = {}) =>
      insert('oidc_clients', {
        id: c.id,
        created_at: seconds(made),
        name: c.name,
        callback_urls: json(c.callbackUrls),
        logout_callback_urls: json(c.logoutCallbackUrls),
        created_by_id: admin.id,
        credentials: json(credentials),
        ...extra,
      });
    clientRow(sha256Client, { secrets: [sha256Secret(sha256Client.secrets[0]!, made)] }, { launch_url: 'https://cloud.home.example', pkce_supported: 1 });
    clientRow(bcryptClient, { secrets: [bcryptSecret(bcryptClient.secrets[0]!, made)] });
    // Older rows may hold their JSON as TEXT rather than BLOB.
    insert('oidc_clients', {
      id: publicClient.id,
      created_at: seconds(made),
      name: publicClient.name,
      callback_urls: JSON.stringify(publicClient.callbackUrls),
      logout_callback_urls: JSON.stringify(publicClient.logoutCallbackUrls),
      created_by_id: admin.id,
      credentials: '{}',
      is_public: 1,
      pkce_enabled: 1,
      pkce_supported: 1,
    });
    clientRow(
      restricted,
      { secrets: [sha256Secret(restricted.secrets[0]!, made)] },
      {
        is_group_restricted: 1,
        skip_consent: 1,
        requires_pushed_authorization_requests: 1,
        access_token_duration_minutes: restricted.accessTokenMinutes,
        refresh_token_duration_minutes: restricted.refreshTokenMinutes,
      },
    );
    insert('oidc_clients_allowed_user_groups', { oidc_client_id: restricted.id, user_group_id: developers.id });
    clientRow(wildcard, {
      federatedIdentities: [{ issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:home/infra:ref:refs/heads/main', audience: 'grafana' }],
      secrets: [sha256Secret(wildcard.secrets[0]!, made)],
    });
    const [newest, older] = twoSecrets.secrets as [string, string];
    clientRow(twoSecrets, {
      secrets: [
        sha256Secret(twoSecrets.expiredSecret, made, now - DAY_MS),
        sha256Secret(older, made + DAY_MS, olderSecretExpiresAt),
        sha256Secret(newest, now - 2 * DAY_MS),
      ],
    });
    insert('user_authorized_oidc_clients', {
      scope: json(['openid', 'profile', 'email']),
      user_id: admin.id,
      client_id: sha256Client.id,
      last_used_at: seconds(now - DAY_MS),
    });
    insert('api_keys', {
      id: randomUUID(),
      name: 'Terraform',
      key: sha256Hex(pocketIdSecret()),
      expires_at: seconds(now + 90 * DAY_MS),
      created_at: seconds(made),
      user_id: admin.id,
    });
    for (const row of credentialRows) insert('webauthn_credentials', row);
  })();

  db.close();

  return {
    folder,
    databaseFile,
    appUrl: options.origin,
    users: { admin, member },
    groups: { developers, designers },
    claims,
    clients: { sha256: sha256Client, bcrypt: bcryptClient, public: publicClient, restricted, wildcard, twoSecrets },
  };
}
