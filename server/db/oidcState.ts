// oidc-provider's storage (sessions, grants, codes, tokens, interactions, ...) in one SQLite table.
// Rules from the adapter contract: consume keeps the row, expired rows stay readable (the provider
// checks expiry itself and sometimes reads expired rows on purpose) until the purge timer removes them.
// A row's id is the token, code or cookie itself, so rows are found by a keyed hash of it and the
// payload (which repeats the id, and holds the session cookie of an interaction) is sealed: a copy of
// the database without the encryption key holds nothing that works as a credential.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Clock, Db } from './database.ts';
import type { Sealer } from './sealed.ts';
import { prepared } from './statements.ts';

/** How long an expired row is kept before the purge removes it. */
export const EXPIRED_ROW_GRACE_MS = 24 * 60 * 60 * 1000;

interface Row {
  id_hash: Buffer;
  payload: Buffer;
  consumed_at: number | null;
}

interface StoredRow {
  model: string;
  idHash: Buffer;
  payload: Buffer;
  grantId: string | null;
  uidHash: Buffer | null;
  userCodeHash: Buffer | null;
  accountId: string | null;
  clientId: string | null;
  expiresAt: number | null;
  consumedAt: number | null;
}

export const associatedData = (model: string, idHash: Buffer) => `gatehouse:oidc_state:${model}:${idHash.toString('base64url')}`;

/** A record's payload sealed to its model and row, and opened again. */
const sealPayload = (sealer: Sealer, model: string, idHash: Buffer, payload: object): Buffer =>
  sealer.seal(JSON.stringify(payload), associatedData(model, idHash));
const openPayload = <T = AdapterPayload>(sealer: Sealer, model: string, row: Pick<Row, 'id_hash' | 'payload'>): T =>
  JSON.parse(sealer.open(row.payload, associatedData(model, row.id_hash)).toString('utf8')) as T;

/** What is stored for one provider record: hashed keys, the payload sealed, plain columns for sweeps. */
function storedRow(sealer: Sealer, model: string, id: string, payload: AdapterPayload, expiresAt: number | null, consumedAt: number | null): StoredRow {
  const idHash = sealer.lookupHash(id);
  return {
    model,
    idHash,
    payload: sealPayload(sealer, model, idHash, payload),
    // A grant is its own grant id, so revoking everything under a grant can find it too.
    grantId: payload.grantId ?? (model === 'Grant' ? id : null),
    uidHash: payload.uid ? sealer.lookupHash(payload.uid) : null,
    userCodeHash: payload.userCode ? sealer.lookupHash(payload.userCode) : null,
    accountId: payload.accountId ?? null,
    clientId: payload.clientId ?? null,
    expiresAt,
    consumedAt,
  };
}

const INSERT_ROW = `
  INSERT INTO oidc_state (model, id_hash, payload, grant_id, uid_hash, user_code_hash, account_id, client_id, expires_at, consumed_at)
  VALUES (@model, @idHash, @payload, @grantId, @uidHash, @userCodeHash, @accountId, @clientId, @expiresAt, @consumedAt)`;

export function sqliteAdapterFactory(db: Db, clock: Clock, sealer: Sealer) {
  const upsert = prepared<[StoredRow]>(
    db,
    `${INSERT_ROW}
    ON CONFLICT (model, id_hash) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
      uid_hash = excluded.uid_hash, user_code_hash = excluded.user_code_hash, account_id = excluded.account_id,
      client_id = excluded.client_id, expires_at = excluded.expires_at`,
  );
  const findById = prepared<[string, Buffer], Row>(db, 'SELECT id_hash, payload, consumed_at FROM oidc_state WHERE model = ? AND id_hash = ?');
  const findByUid = prepared<[string, Buffer], Row>(db, 'SELECT id_hash, payload, consumed_at FROM oidc_state WHERE model = ? AND uid_hash = ?');
  const findByUserCode = prepared<[string, Buffer], Row>(db, 'SELECT id_hash, payload, consumed_at FROM oidc_state WHERE model = ? AND user_code_hash = ?');
  const consume = prepared(db, 'UPDATE oidc_state SET consumed_at = ? WHERE model = ? AND id_hash = ?');
  const destroy = prepared(db, 'DELETE FROM oidc_state WHERE model = ? AND id_hash = ?');
  const revokeByGrantId = prepared(db, 'DELETE FROM oidc_state WHERE model = ? AND grant_id = ?');

  return (model: string): Adapter => {
    const toPayload = (row: Row | undefined): AdapterPayload | undefined => {
      if (!row) return undefined;
      const payload = openPayload(sealer, model, row);
      // The provider expects `consumed` to be truthy once consume() ran.
      if (row.consumed_at !== null) payload.consumed = Math.floor(row.consumed_at / 1000);
      return payload;
    };
    return {
      async upsert(id, payload, expiresIn) {
        upsert.run(storedRow(sealer, model, id, payload, expiresIn ? clock() + expiresIn * 1000 : null, null));
      },
      async find(id) {
        return toPayload(findById.get(model, sealer.lookupHash(id)));
      },
      async findByUid(uid) {
        return toPayload(findByUid.get(model, sealer.lookupHash(uid)));
      },
      async findByUserCode(userCode) {
        return toPayload(findByUserCode.get(model, sealer.lookupHash(userCode)));
      },
      async consume(id) {
        consume.run(clock(), model, sealer.lookupHash(id));
      },
      async destroy(id) {
        destroy.run(model, sealer.lookupHash(id));
      },
      async revokeByGrantId(grantId) {
        revokeByGrantId.run(model, grantId);
      },
    };
  };
}

/**
 * Seals the rows an earlier Gatehouse stored in clear (left in `oidc_state_unsealed` by migration 3), so
 * that upgrading keeps everyone signed in. Runs at start, when the encryption key is known; all or nothing.
 */
export function sealUnsealedOidcState(db: Db, sealer: Sealer): number {
  const legacy = prepared<[], { name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'oidc_state_unsealed'").get();
  if (!legacy) return 0;
  interface LegacyRow {
    model: string;
    id: string;
    payload: string;
    expires_at: number | null;
    consumed_at: number | null;
  }
  return db
    .transaction(() => {
      const rows = db.prepare<[], LegacyRow>('SELECT model, id, payload, expires_at, consumed_at FROM oidc_state_unsealed').all();
      const insert = prepared<[StoredRow]>(db, `${INSERT_ROW} ON CONFLICT (model, id_hash) DO NOTHING`);
      for (const row of rows) {
        insert.run(storedRow(sealer, row.model, row.id, JSON.parse(row.payload) as AdapterPayload, row.expires_at, row.consumed_at));
      }
      db.exec('DROP TABLE oidc_state_unsealed');
      return rows.length;
    })
    .immediate();
}

/**
 * The most rows one purge statement deletes. SQLite is synchronous, so every request waits while a
 * statement runs: a batch this size takes a few milliseconds even among a million rows.
 */
export const PURGE_BATCH_ROWS = 100;

/**
 * Deletes up to PURGE_BATCH_ROWS rows that expired more than the grace period ago, found by the expiry
 * index (migration 9). Returns how many went: fewer than PURGE_BATCH_ROWS means none are left.
 */
export function purgeExpiredOidcState(db: Db, now: number): number {
  return prepared(
    db,
    'DELETE FROM oidc_state WHERE rowid IN (SELECT rowid FROM oidc_state WHERE expires_at IS NOT NULL AND expires_at < ? ORDER BY expires_at LIMIT ?)',
  ).run(now - EXPIRED_ROW_GRACE_MS, PURGE_BATCH_ROWS).changes;
}

/** One provider record as the adapter's upsert receives it, with its expiry and consumption times (ms). */
export interface OidcStateRecord {
  model: string;
  id: string;
  payload: AdapterPayload;
  expiresAt: number | null;
  consumedAt: number | null;
}

/** Writes many provider records in one transaction, each stored exactly as the adapter stores it. Returns how many. */
export function insertOidcStateRecords(db: Db, sealer: Sealer, records: readonly OidcStateRecord[]): number {
  const insert = prepared<[StoredRow]>(db, INSERT_ROW);
  db.transaction(() => {
    for (const record of records) insert.run(storedRow(sealer, record.model, record.id, record.payload, record.expiresAt, record.consumedAt));
  })();
  return records.length;
}

/** Ends everything the provider holds for one person: sessions, grants, codes and tokens. */
export function revokeAllOidcStateFor(db: Db, accountId: string): number {
  return db.transaction(() => {
    const grantIds = prepared<[string], { grant_id: string }>(db, 'SELECT DISTINCT grant_id FROM oidc_state WHERE account_id = ? AND grant_id IS NOT NULL')
      .all(accountId)
      .map((row) => row.grant_id);
    let changes = prepared(db, 'DELETE FROM oidc_state WHERE account_id = ?').run(accountId).changes;
    const byGrant = prepared(db, 'DELETE FROM oidc_state WHERE grant_id = ?');
    for (const grantId of grantIds) changes += byGrant.run(grantId).changes;
    return changes;
  })();
}

/**
 * Takes back what a person granted one app: its grants and every code and token issued under them, and
 * the app's place in each of the person's sessions (so that a later sign-out does not tell the app again
 * about a session it was already told had ended).
 */
export function revokeClientGrantsOf(db: Db, sealer: Sealer, accountId: string, clientId: string): number {
  return db.transaction(() => {
    const grantIds = prepared<[string, string], { grant_id: string }>(
      db,
      "SELECT grant_id FROM oidc_state WHERE model = 'Grant' AND account_id = ? AND client_id = ?",
    )
      .all(accountId, clientId)
      .map((row) => row.grant_id);
    let changes = 0;
    for (const grantId of grantIds) changes += prepared(db, 'DELETE FROM oidc_state WHERE grant_id = ?').run(grantId).changes;
    const sessions = prepared<[string], Row>(db, "SELECT id_hash, payload, consumed_at FROM oidc_state WHERE model = 'Session' AND account_id = ?").all(
      accountId,
    );
    const update = prepared<[Buffer, Buffer]>(db, "UPDATE oidc_state SET payload = ? WHERE model = 'Session' AND id_hash = ?");
    for (const row of sessions) {
      const session = openPayload<SessionPayload>(sealer, 'Session', row);
      if (!session.authorizations?.[clientId]) continue;
      delete session.authorizations[clientId];
      changes += update.run(sealPayload(sealer, 'Session', row.id_hash, session), row.id_hash).changes;
    }
    return changes;
  })();
}

interface SessionPayload {
  authorizations?: Record<string, { sid?: string }>;
}

/**
 * The apps each of a person's live provider sessions signed in to, with the session id (`sid`) the app
 * was told. Read before the sessions are deleted, to tell those apps (back-channel logout).
 */
export function sessionAuthorizationsOf(db: Db, sealer: Sealer, now: number, accountId: string): { clientId: string; sid: string }[] {
  const rows = prepared<[string, number], Row>(
    db,
    "SELECT id_hash, payload, consumed_at FROM oidc_state WHERE model = 'Session' AND account_id = ? AND (expires_at IS NULL OR expires_at > ?)",
  ).all(accountId, now);
  return rows.flatMap((row) => {
    const session = openPayload<SessionPayload>(sealer, 'Session', row);
    return Object.entries(session.authorizations ?? {}).flatMap(([clientId, { sid }]) => (sid ? [{ clientId, sid }] : []));
  });
}

/** One browser's provider session, by the lookup hash of its uid (as a Gatehouse browser session links it). */
export function providerSessionByUidHash(db: Db, sealer: Sealer, uidHash: Buffer): (SessionPayload & { accountId?: string }) | undefined {
  const row = prepared<[Buffer], Row>(db, "SELECT id_hash, payload, consumed_at FROM oidc_state WHERE model = 'Session' AND uid_hash = ?").get(uidHash);
  return row && openPayload<SessionPayload & { accountId?: string }>(sealer, 'Session', row);
}

export function deleteProviderSessionByUidHash(db: Db, uidHash: Buffer): number {
  return prepared(db, "DELETE FROM oidc_state WHERE model = 'Session' AND uid_hash = ?").run(uidHash).changes;
}

/** The scopes a person granted each app, from the provider's live Grant records (merged when an app has several). */
export function grantedScopesOf(db: Db, sealer: Sealer, now: number, accountId: string): Map<string, string[]> {
  const rows = prepared<[string, number], Row & { client_id: string }>(
    db,
    "SELECT id_hash, payload, consumed_at, client_id FROM oidc_state WHERE model = 'Grant' AND account_id = ? AND client_id IS NOT NULL AND (expires_at IS NULL OR expires_at > ?)",
  ).all(accountId, now);
  const scopes = new Map<string, Set<string>>();
  for (const row of rows) {
    const grant = openPayload<{ openid?: { scope?: string } }>(sealer, 'Grant', row);
    const granted = scopes.get(row.client_id) ?? new Set<string>();
    for (const scope of grant.openid?.scope?.split(' ') ?? []) if (scope) granted.add(scope);
    scopes.set(row.client_id, granted);
  }
  return new Map([...scopes].map(([clientId, granted]) => [clientId, [...granted].sort()]));
}

/** A client's device sign-ins still open: its unconsumed, unexpired DeviceCode records, unsealed. */
export function openDeviceCodes(db: Db, sealer: Sealer, clientId: string, now: number): { payload: AdapterPayload; expiresAt: number }[] {
  return prepared<[string, number], Row & { expires_at: number }>(
    db,
    "SELECT id_hash, payload, consumed_at, expires_at FROM oidc_state WHERE model = 'DeviceCode' AND client_id = ? AND consumed_at IS NULL AND expires_at > ? ORDER BY expires_at",
  )
    .all(clientId, now)
    .map((row) => ({
      payload: openPayload(sealer, 'DeviceCode', row),
      expiresAt: row.expires_at,
    }));
}
