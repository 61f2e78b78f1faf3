// oidc-provider's storage (sessions, grants, codes, tokens, interactions, ...) in one SQLite table.
// Rules from the adapter contract: consume keeps the row, expired rows stay readable (the provider
// checks expiry itself and sometimes reads expired rows on purpose) until the purge timer removes them.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Clock, Db } from '../db/database.ts';
import { prepared } from '../db/statements.ts';

/** How long an expired row is kept before the purge removes it. */
export const EXPIRED_ROW_GRACE_MS = 24 * 60 * 60 * 1000;

interface Row {
  payload: string;
  consumed_at: number | null;
}

export function sqliteAdapterFactory(db: Db, clock: Clock) {
  const upsert = db.prepare(`
    INSERT INTO oidc_state (model, id, payload, grant_id, uid, user_code, account_id, expires_at, consumed_at)
    VALUES (@model, @id, @payload, @grantId, @uid, @userCode, @accountId, @expiresAt, NULL)
    ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
      uid = excluded.uid, user_code = excluded.user_code, account_id = excluded.account_id,
      expires_at = excluded.expires_at`);
  const findById = db.prepare<[string, string], Row>('SELECT payload, consumed_at FROM oidc_state WHERE model = ? AND id = ?');
  const findByUid = db.prepare<[string, string], Row>('SELECT payload, consumed_at FROM oidc_state WHERE model = ? AND uid = ?');
  const findByUserCode = db.prepare<[string, string], Row>('SELECT payload, consumed_at FROM oidc_state WHERE model = ? AND user_code = ?');
  const consume = db.prepare('UPDATE oidc_state SET consumed_at = ? WHERE model = ? AND id = ?');
  const destroy = db.prepare('DELETE FROM oidc_state WHERE model = ? AND id = ?');
  const revokeByGrantId = db.prepare('DELETE FROM oidc_state WHERE model = ? AND grant_id = ?');

  const toPayload = (row: Row | undefined): AdapterPayload | undefined => {
    if (!row) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    // The provider expects `consumed` to be truthy once consume() ran.
    if (row.consumed_at !== null) payload.consumed = Math.floor(row.consumed_at / 1000);
    return payload;
  };

  return (model: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      upsert.run({
        model,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        accountId: payload.accountId ?? null,
        expiresAt: expiresIn ? clock() + expiresIn * 1000 : null,
      });
    },
    async find(id) {
      return toPayload(findById.get(model, id));
    },
    async findByUid(uid) {
      return toPayload(findByUid.get(model, uid));
    },
    async findByUserCode(userCode) {
      return toPayload(findByUserCode.get(model, userCode));
    },
    async consume(id) {
      consume.run(clock(), model, id);
    },
    async destroy(id) {
      destroy.run(model, id);
    },
    async revokeByGrantId(grantId) {
      revokeByGrantId.run(model, grantId);
    },
  });
}

/** Deletes rows that expired more than the grace period ago. Returns how many went. */
export function purgeExpiredOidcState(db: Db, now: number): number {
  return prepared(db, 'DELETE FROM oidc_state WHERE expires_at IS NOT NULL AND expires_at < ?').run(now - EXPIRED_ROW_GRACE_MS).changes;
}

/** Ends everything the provider holds for one person: sessions, grants, codes and tokens. */
export function revokeAllOidcStateFor(db: Db, accountId: string): number {
  const grantIds = prepared<[string], { grant_id: string }>(db, 
    'SELECT DISTINCT grant_id FROM oidc_state WHERE account_id = ? AND grant_id IS NOT NULL',
  ).all(accountId).map((row) => row.grant_id);
  return db.transaction(() => {
    let changes = prepared(db, 'DELETE FROM oidc_state WHERE account_id = ?').run(accountId).changes;
    const byGrant = prepared(db, 'DELETE FROM oidc_state WHERE grant_id = ?');
    for (const grantId of grantIds) changes += byGrant.run(grantId).changes;
    return changes;
  })();
}

/** The apps a person has granted access to (from the provider's Grant records). */
export function clientIdsGrantedBy(db: Db, accountId: string): string[] {
  const rows = prepared<[string], { payload: string }>(db, "SELECT payload FROM oidc_state WHERE model = 'Grant' AND account_id = ?").all(accountId);
  return [...new Set(rows.map((row) => (JSON.parse(row.payload) as { clientId: string }).clientId))].sort();
}

/** Takes back what a person granted one app: its grants and every code and token issued under them. */
export function revokeClientGrantsOf(db: Db, accountId: string, clientId: string): number {
  const grantIds = prepared<[string], { id: string; payload: string }>(db, "SELECT id, payload FROM oidc_state WHERE model = 'Grant' AND account_id = ?")
    .all(accountId).filter((row) => (JSON.parse(row.payload) as { clientId: string }).clientId === clientId).map((row) => row.id);
  return db.transaction(() => {
    let changes = 0;
    for (const grantId of grantIds) {
      changes += prepared(db, 'DELETE FROM oidc_state WHERE grant_id = ?').run(grantId).changes;
      changes += prepared(db, "DELETE FROM oidc_state WHERE model = 'Grant' AND id = ?").run(grantId).changes;
    }
    return changes;
  })();
}
