// Fills a new Gatehouse data directory with a large homelab's worth of data: users, their passkeys,
// apps, and the provider's stored rows (sessions, grants, codes, tokens, interactions), about half of
// them expired past the purge's grace period, some expired within it, the rest live.
//
//   node tests/bench/seedScale.ts <dataDir> [--users N] [--passkeys N] [--clients N] [--provider-rows N]
//
// The directory is made as a Gatehouse makes it (createGatehouse with the benchmark's options: its key,
// migrations and signing keys are real) and the provider's rows are stored exactly as the adapter stores
// them (hashed ids, sealed payloads), so a Gatehouse started on it serves from it as from its own data.
import { generateKeyPairSync, randomBytes, randomFillSync } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { AdapterPayload } from 'oidc-provider';
import { hashClientSecret } from '../../server/auth/clientSecrets.ts';
import { upsertClient } from '../../server/db/clients.ts';
import { DATABASE_FILE_NAME, type Db } from '../../server/db/database.ts';
import { databaseSealer } from '../../server/db/keyState.ts';
import { EXPIRED_ROW_GRACE_MS, insertOidcStateRecords, type OidcStateRecord } from '../../server/db/oidcState.ts';
import { insertPasskey } from '../../server/db/passkeys.ts';
import { insertUser } from '../../server/db/users.ts';
import { DEFAULT_CLAIM_POLICY } from '../../server/model/claimPolicy.ts';
import { createGatehouse } from '../../server/index.ts';
import { cosePublicKey } from '../support/softwareAuthenticator.ts';
import { freePort, localOptions } from '../support/testServer.ts';

export interface ScaleCounts {
  users: number;
  passkeys: number;
  clients: number;
  providerRows: number;
}

export const DEFAULT_SCALE: ScaleCounts = { users: 10_000, passkeys: 20_000, clients: 500, providerRows: 1_000_000 };

/** How far before the seeding's reference time the oldest seeded expiry lies: the grace period and a week. */
export const OLDEST_EXPIRY_MS = EXPIRED_ROW_GRACE_MS + 7 * 24 * 3600_000;

export interface SeedSummary {
  counts: ScaleCounts;
  /** Provider rows by how their expiry stands at the reference time. */
  pastGrace: number;
  expiredWithinGrace: number;
  live: number;
  byModel: Record<string, number>;
  seconds: number;
  databaseBytes: number;
}

const MINUTE = 60_000;
const DAY = 24 * 3600_000;
const BATCH_ROWS = 100_000;
/** A sign-in leaves these rows: the interaction, the browser's session, the grant, the code, an access
 * token, the refresh token it rotated away from (consumed) and the current one. */
const FAMILY = ['Interaction', 'Session', 'Grant', 'AuthorizationCode', 'AccessToken', 'RefreshToken', 'RefreshToken'] as const;
/** Distinct key pairs behind the passkeys' public keys: their credential ids are distinct all the same. */
const KEY_PAIRS = 8;

/** A token, code or uid as oidc-provider makes them: 32 random bytes, base64url (drawn from a pool: one random read per thousand). */
const randomId = (() => {
  const pool = Buffer.alloc(32 * 1024);
  let offset = pool.length;
  return () => {
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    return pool.toString('base64url', offset, (offset += 32));
  };
})();

/** Runs `write(from, to)` over [0, total) in batches, each in its own transaction. */
function inBatches(db: Db, total: number, write: (from: number, to: number) => void): void {
  for (let from = 0; from < total; from += BATCH_ROWS) db.transaction(() => write(from, Math.min(total, from + BATCH_ROWS)))();
}

function seedUsers(db: Db, clock: () => number, count: number): string[] {
  const ids: string[] = [];
  inBatches(db, count, (from, to) => {
    for (let i = from; i < to; i++) {
      const username = `scale-user-${i + 1}`;
      const user = insertUser(db, clock, {
        username,
        email: `${username}@scale.example`,
        emailVerified: true,
        givenName: 'Scale',
        familyName: `User ${i + 1}`,
        displayName: null,
        picture: null,
        isAdmin: false,
        disabled: false,
        source: 'console',
      });
      ids.push(user.id);
    }
  });
  return ids;
}

function seedPasskeys(db: Db, now: number, userIds: string[], count: number): void {
  const publicKeys = Array.from({ length: KEY_PAIRS }, () => cosePublicKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey));
  inBatches(db, count, (from, to) => {
    for (let i = from; i < to; i++) {
      insertPasskey(db, {
        id: randomBytes(16).toString('base64url'),
        userId: userIds[i % userIds.length]!,
        publicKey: publicKeys[i % KEY_PAIRS]!,
        counter: 0,
        transports: ['internal'],
        aaguid: null,
        backupEligible: i % 2 === 0,
        backedUp: i % 2 === 0,
        name: `Passkey ${Math.floor(i / userIds.length) + 1}`,
        createdAt: now - (i % 365) * DAY,
      });
    }
  });
}

function seedClients(db: Db, clock: () => number, count: number): string[] {
  const ids: string[] = [];
  inBatches(db, count, (from, to) => {
    for (let i = from; i < to; i++) {
      const id = `scale-app-${i + 1}`;
      // Every fourth is a public client (PKCE, no secret), as single-page and native apps are.
      const confidential = i % 4 !== 0;
      upsertClient(
        db,
        clock,
        {
          id,
          name: `Scale app ${i + 1}`,
          secretHash: confidential ? hashClientSecret(randomId()) : null,
          redirectUris: [`https://app-${i + 1}.scale.example/callback`],
          postLogoutRedirectUris: [],
          skipConsent: false,
          requirePkce: !confidential,
          native: false,
          idTokenAlg: 'RS256',
          launchUrl: null,
          accessTokenTtl: null,
          refreshTokenTtl: null,
          clientCredentials: false,
          deviceFlow: false,
          machineScopes: [],
          audiences: [],
          requirePar: false,
          backchannelLogoutUri: null,
          claimPolicy: DEFAULT_CLAIM_POLICY,
          source: 'console',
        },
        [],
      );
      ids.push(id);
    }
  });
  return ids;
}

type Standing = 'pastGrace' | 'expiredWithinGrace' | 'live';

/** Half the sign-ins long past the grace, one in ten expired within it, the rest live, interleaved. */
function standingOf(family: number): Standing {
  const tenth = family % 10;
  return tenth < 5 ? 'pastGrace' : tenth === 5 ? 'expiredWithinGrace' : 'live';
}

/** When a sign-in's rows expire, as of `asOf`; a minute clear of the grace boundary either side. */
function expiryOf(standing: Standing, asOf: number): number {
  const spread = Math.random();
  if (standing === 'pastGrace') return asOf - EXPIRED_ROW_GRACE_MS - MINUTE - spread * (OLDEST_EXPIRY_MS - EXPIRED_ROW_GRACE_MS - MINUTE);
  if (standing === 'expiredWithinGrace') return asOf - MINUTE - spread * (EXPIRED_ROW_GRACE_MS - 2 * MINUTE);
  return asOf + MINUTE + spread * 14 * DAY;
}

/** The rows one sign-in of a person to an app leaves, with the payloads oidc-provider stores for them. */
function signInRows(accountId: string, clientId: string, expiresAt: number): OidcStateRecord[] {
  const exp = Math.floor(expiresAt / 1000);
  const iat = exp - 3600;
  const grantId = randomId();
  const uid = randomId();
  const scope = 'openid profile email offline_access';
  const row = (model: string, id: string, payload: AdapterPayload, consumedAt: number | null = null): OidcStateRecord => ({
    model,
    id,
    payload: { iat, exp, kind: model, jti: id, ...payload },
    expiresAt,
    consumedAt,
  });
  const token = (model: string, id: string, payload: AdapterPayload, consumedAt: number | null = null) =>
    row(model, id, { accountId, clientId, grantId, scope, gty: 'authorization_code', sessionUid: uid, ...payload }, consumedAt);
  return FAMILY.map((model, index) => {
    const id = model === 'Grant' ? grantId : randomId();
    switch (model) {
      case 'Interaction':
        return row(model, id, {
          returnTo: `/auth/${id}`,
          params: { client_id: clientId, scope },
          prompt: { name: 'login', reasons: ['no_session'], details: {} },
        });
      case 'Session':
        return row(model, id, { uid, accountId, loginTs: iat, authorizations: { [clientId]: { sid: randomId(), grantId, persistsLogout: true } } });
      case 'Grant':
        return row(model, id, { accountId, clientId, openid: { scope } });
      case 'AuthorizationCode':
        return token(model, id, { redirectUri: `https://${clientId}.scale.example/callback`, authTime: iat }, iat * 1000 + 2000);
      case 'AccessToken':
        return token(model, id, {});
      default:
        // The first refresh token was rotated away from (consumed); the second is the current one.
        return token(model, id, { authTime: iat, iiat: iat, rotations: index - 5 }, index === 5 ? iat * 1000 + 60_000 : null);
    }
  });
}

/** Fills a new data directory; throws when it already holds a database. `asOf` is the time the expiries are spread around. */
export async function seedScale(dataDir: string, counts: ScaleCounts = DEFAULT_SCALE, asOf: number = Date.now()): Promise<SeedSummary> {
  if (existsSync(path.join(dataDir, DATABASE_FILE_NAME))) throw new Error(`${dataDir} already holds a Gatehouse database: seed a new directory`);
  if (counts.users === 0 && (counts.passkeys > 0 || counts.providerRows > 0)) throw new Error('passkeys and provider rows need at least one user');
  if (counts.clients === 0 && counts.providerRows > 0) throw new Error('provider rows need at least one client');
  const started = performance.now();
  const gatehouse = createGatehouse(localOptions(await freePort(), dataDir));
  const summary: SeedSummary = { counts, pastGrace: 0, expiredWithinGrace: 0, live: 0, byModel: {}, seconds: 0, databaseBytes: 0 };
  try {
    const { db } = gatehouse.internals;
    // A page cache for this bulk load alone (the server's is 4 MB): random index inserts then stay in memory between commits.
    db.pragma('cache_size = -262144');
    const sealer = databaseSealer(db, localOptions(0, dataDir).encryptionKey!);
    const clock = () => asOf;
    const userIds = seedUsers(db, clock, counts.users);
    seedPasskeys(db, asOf, userIds, counts.passkeys);
    const clientIds = seedClients(db, clock, counts.clients);

    let pending: OidcStateRecord[] = [];
    for (let family = 0, written = 0; written < counts.providerRows; family++) {
      const standing = standingOf(family);
      // Sign-ins spread over the people and the apps: person and app pairs do not repeat in step.
      const rows = signInRows(userIds[(family * 7919) % userIds.length]!, clientIds[family % clientIds.length]!, expiryOf(standing, asOf)).slice(
        0,
        counts.providerRows - written,
      );
      summary[standing] += rows.length;
      for (const row of rows) summary.byModel[row.model] = (summary.byModel[row.model] ?? 0) + 1;
      written += rows.length;
      pending.push(...rows);
      if (pending.length >= BATCH_ROWS || written === counts.providerRows) {
        insertOidcStateRecords(db, sealer, pending);
        pending = [];
      }
    }
  } finally {
    // Closing the last connection checkpoints the write-ahead log into the database file.
    gatehouse.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  summary.databaseBytes = statSync(path.join(dataDir, DATABASE_FILE_NAME)).size;
  return summary;
}

export function describeSeed(dataDir: string, summary: SeedSummary): string[] {
  const { counts } = summary;
  const models = Object.entries(summary.byModel)
    .map(([model, count]) => `${model} ${count}`)
    .join(', ');
  return [
    `seeded ${dataDir} in ${summary.seconds.toFixed(1)} s: ${counts.users} users, ${counts.passkeys} passkeys, ${counts.clients} clients, ${counts.providerRows} provider rows`,
    `provider rows: ${models}; ${summary.pastGrace} expired past the purge grace, ${summary.expiredWithinGrace} expired within it, ${summary.live} live`,
    `database file: ${(summary.databaseBytes / 2 ** 20).toFixed(1)} MB`,
  ];
}

function countsFromCommandLine(): { dataDir: string; counts: ScaleCounts } {
  const usage = 'usage: node tests/bench/seedScale.ts <dataDir> [--users N] [--passkeys N] [--clients N] [--provider-rows N]';
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      users: { type: 'string', default: String(DEFAULT_SCALE.users) },
      passkeys: { type: 'string', default: String(DEFAULT_SCALE.passkeys) },
      clients: { type: 'string', default: String(DEFAULT_SCALE.clients) },
      'provider-rows': { type: 'string', default: String(DEFAULT_SCALE.providerRows) },
    },
  });
  if (positionals.length !== 1) throw new Error(`give one data directory\n${usage}`);
  const count = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, 0 or more, got "${values[name]}"\n${usage}`);
    return value;
  };
  return {
    dataDir: path.resolve(positionals[0]!),
    counts: { users: count('users'), passkeys: count('passkeys'), clients: count('clients'), providerRows: count('provider-rows') },
  };
}

if (import.meta.main) {
  try {
    const { dataDir, counts } = countsFromCommandLine();
    for (const line of describeSeed(dataDir, await seedScale(dataDir, counts))) console.log(line);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  }
}
