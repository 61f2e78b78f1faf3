// The SQLite adapter against oidc-provider's contract: consume keeps the row, expired rows stay
// readable until the purge, revokeByGrantId is per model, and the lookups by uid and user code work;
// rows keep no id, uid, user code or payload in clear, and rows of an earlier release are sealed in place.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/database.ts';
import { createSealer } from '../../server/db/sealed.ts';
import { EXPIRED_ROW_GRACE_MS, purgeExpiredOidcState, revokeAllOidcStateFor, sealUnsealedOidcState, sqliteAdapterFactory } from '../../server/db/oidcState.ts';

const sealer = createSealer('adapter-test-key-0123456789abcdef0123456789');
let db: Db;
let now: number;
let adapter: ReturnType<typeof sqliteAdapterFactory>;

beforeEach(() => {
  db = openDatabase(mkdtempSync(path.join(tmpdir(), 'gatehouse-adapter-')));
  now = 1_000_000_000_000;
  adapter = sqliteAdapterFactory(db, () => now, sealer);
});

describe('sqlite adapter', () => {
  it('stores and finds payloads by id, uid and user code', async () => {
    await adapter('Session').upsert('s1', { uid: 'u1', accountId: 'alice', kind: 'Session' }, 60);
    await adapter('DeviceCode').upsert('d1', { userCode: 'ABCD-EFGH', kind: 'DeviceCode' }, 60);
    expect(await adapter('Session').find('s1')).toMatchObject({ uid: 'u1', accountId: 'alice' });
    expect(await adapter('Session').findByUid('u1')).toMatchObject({ accountId: 'alice' });
    expect(await adapter('DeviceCode').findByUserCode('ABCD-EFGH')).toMatchObject({ kind: 'DeviceCode' });
    expect(await adapter('AccessToken').find('s1')).toBeUndefined();
  });

  it('marks a consumed row instead of deleting it', async () => {
    await adapter('AuthorizationCode').upsert('c1', { grantId: 'g1' }, 60);
    await adapter('AuthorizationCode').consume('c1');
    expect(await adapter('AuthorizationCode').find('c1')).toMatchObject({ grantId: 'g1', consumed: expect.any(Number) });
  });

  it('keeps expired rows readable until the purge, after a grace period', async () => {
    await adapter('RefreshToken').upsert('r1', { grantId: 'g1' }, 60);
    now += 61_000;
    expect(await adapter('RefreshToken').find('r1')).toBeTruthy();
    expect(purgeExpiredOidcState(db, now)).toBe(0);
    now += EXPIRED_ROW_GRACE_MS;
    expect(purgeExpiredOidcState(db, now)).toBe(1);
    expect(await adapter('RefreshToken').find('r1')).toBeUndefined();
  });

  it('keeps rows without an expiry', async () => {
    await adapter('Grant').upsert('g1', { accountId: 'alice' }, undefined);
    now += 10 * EXPIRED_ROW_GRACE_MS;
    expect(purgeExpiredOidcState(db, now)).toBe(0);
  });

  it('revokes by grant id only within the model asked', async () => {
    await adapter('AccessToken').upsert('a1', { grantId: 'g1' }, 60);
    await adapter('RefreshToken').upsert('r1', { grantId: 'g1' }, 60);
    await adapter('AccessToken').upsert('a2', { grantId: 'g2' }, 60);
    await adapter('AccessToken').revokeByGrantId('g1');
    expect(await adapter('AccessToken').find('a1')).toBeUndefined();
    expect(await adapter('RefreshToken').find('r1')).toBeTruthy();
    expect(await adapter('AccessToken').find('a2')).toBeTruthy();
  });

  it('ends everything one person holds', async () => {
    await adapter('Session').upsert('s1', { accountId: 'alice' }, 60);
    await adapter('Grant').upsert('g1', { accountId: 'alice' }, 60);
    await adapter('RefreshToken').upsert('r1', { accountId: 'alice', grantId: 'g1' }, 60);
    await adapter('AccessToken').upsert('a9', { accountId: 'bob', grantId: 'g9' }, 60);
    revokeAllOidcStateFor(db, 'alice');
    for (const [model, id] of [
      ['Session', 's1'],
      ['Grant', 'g1'],
      ['RefreshToken', 'r1'],
    ] as const)
      expect(await adapter(model).find(id)).toBeUndefined();
    expect(await adapter('AccessToken').find('a9')).toBeTruthy();
  });

  it('replaces a payload on upsert', async () => {
    await adapter('Interaction').upsert('i1', { uid: 'i1', result: undefined }, 60);
    await adapter('Interaction').upsert('i1', { uid: 'i1', result: { login: { accountId: 'alice' } } }, 60);
    expect(await adapter('Interaction').find('i1')).toMatchObject({ result: { login: { accountId: 'alice' } } });
  });

  it('stores no id, uid, user code or payload field in clear', async () => {
    await adapter('Session').upsert('session-cookie-value', { uid: 'session-uid-value', accountId: 'alice', kind: 'Session' }, 60);
    await adapter('DeviceCode').upsert('device-code-value', { userCode: 'USER-CODE', grantId: 'g1', kind: 'DeviceCode' }, 60);
    await adapter('Interaction').upsert('interaction-id', { session: { uid: 'session-uid-value', cookie: 'session-cookie-value', accountId: 'alice' } }, 60);
    const dump = JSON.stringify(db.prepare('SELECT * FROM oidc_state').all(), (_key, value) =>
      value?.type === 'Buffer' ? Buffer.from(value.data).toString('latin1') : value,
    );
    for (const secret of ['session-cookie-value', 'session-uid-value', 'device-code-value', 'USER-CODE', 'interaction-id']) expect(dump).not.toContain(secret);
    expect(dump).toContain('alice');
  });

  it('refuses a sealed payload moved to another row', async () => {
    await adapter('AccessToken').upsert('a1', { grantId: 'g1' }, 60);
    await adapter('AccessToken').upsert('a2', { grantId: 'g2' }, 60);
    const payloadOf = (id: string) =>
      (db.prepare('SELECT payload FROM oidc_state WHERE id_hash = ?').get(sealer.lookupHash(id)) as { payload: Buffer }).payload;
    db.prepare('UPDATE oidc_state SET payload = ? WHERE id_hash = ?').run(payloadOf('a1'), sealer.lookupHash('a2'));
    await expect(adapter('AccessToken').find('a2')).rejects.toThrow(/cannot be decrypted/);
  });
});

describe('rows stored by the previous release', () => {
  it('are sealed in place at start and keep every look-up working', async () => {
    // Migration 3 left the old table, in the shape the previous release wrote, for the start to seal.
    const insert = db.prepare('INSERT INTO oidc_state_unsealed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('Session', 's1', JSON.stringify({ uid: 'u1', accountId: 'alice' }), null, 'u1', null, 'alice', now + 60_000, null);
    insert.run(
      'RefreshToken',
      'r1',
      JSON.stringify({ grantId: 'g1', accountId: 'alice', clientId: 'zot' }),
      'g1',
      null,
      null,
      'alice',
      now + 60_000,
      now - 1000,
    );
    insert.run('DeviceCode', 'd1', JSON.stringify({ userCode: 'ABCD' }), null, null, 'ABCD', null, now + 60_000, null);
    expect(sealUnsealedOidcState(db, sealer)).toBe(3);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'oidc_state_unsealed'").get()).toBeUndefined();
    expect(await adapter('Session').findByUid('u1')).toMatchObject({ accountId: 'alice' });
    expect(await adapter('RefreshToken').find('r1')).toMatchObject({ clientId: 'zot', consumed: Math.floor((now - 1000) / 1000) });
    expect(await adapter('DeviceCode').findByUserCode('ABCD')).toBeTruthy();
    expect(sealUnsealedOidcState(db, sealer)).toBe(0);
  });
});
