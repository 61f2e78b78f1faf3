// The purge of the provider's expired rows on a real database file: batch after batch it removes exactly
// the rows past the grace period, keeps the rest, lets the event loop run between batches, runs once at
// a time, and stops at a closed database.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../server/auth/rateLimits.ts';
import { type Db, openDatabase } from '../../server/db/database.ts';
import { EXPIRED_ROW_GRACE_MS, insertOidcStateRecords, type OidcStateRecord, PURGE_BATCH_ROWS, sqliteAdapterFactory } from '../../server/db/oidcState.ts';
import { createSealer } from '../../server/db/sealed.ts';
import { purgeExpired } from '../../server/instance/maintenance.ts';
import { createLogger } from '../../server/logger.ts';

const sealer = createSealer('purge-test-key-0123456789abcdef0123456789');
const now = 1_000_000_000_000;
const MINUTE = 60_000;
const PAST_GRACE = 2 * PURGE_BATCH_ROWS + 137;
let db: Db;

const deps = () => ({ db, clock: () => now, logger: createLogger('silent'), rateLimiter: new RateLimiter(() => now) });

function records(prefix: string, count: number, expiresAt: (i: number) => number | null): OidcStateRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    model: ['AccessToken', 'RefreshToken', 'Session'][i % 3]!,
    id: `${prefix}-${i}`,
    payload: { jti: `${prefix}-${i}`, grantId: `grant-${i % 7}`, accountId: `user-${i % 11}` },
    expiresAt: expiresAt(i),
    consumedAt: null,
  }));
}

const rowCount = () => (db.prepare('SELECT count(*) AS n FROM oidc_state').get() as { n: number }).n;

beforeEach(() => {
  db = openDatabase(mkdtempSync(path.join(tmpdir(), 'gatehouse-purge-')));
  insertOidcStateRecords(
    db,
    sealer,
    records('old', PAST_GRACE, (i) => now - EXPIRED_ROW_GRACE_MS - MINUTE - i * MINUTE),
  );
  insertOidcStateRecords(
    db,
    sealer,
    records('recent', 40, (i) => now - EXPIRED_ROW_GRACE_MS + MINUTE + i * MINUTE),
  );
  insertOidcStateRecords(
    db,
    sealer,
    records('live', 60, (i) => now + MINUTE + i * MINUTE),
  );
  insertOidcStateRecords(
    db,
    sealer,
    records('forever', 5, () => null),
  );
});

describe('the purge of expired provider rows', () => {
  it('removes exactly the rows past the grace period, over several batches, and keeps the rest', async () => {
    expect(PAST_GRACE).toBeGreaterThan(2 * PURGE_BATCH_ROWS);
    expect(await purgeExpired(deps())).toBe(PAST_GRACE);
    expect(rowCount()).toBe(40 + 60 + 5);
    const adapter = sqliteAdapterFactory(db, () => now, sealer);
    expect(await adapter('AccessToken').find('old-0')).toBeUndefined();
    expect(await adapter('Session').find(`old-${PAST_GRACE - 1}`)).toBeUndefined();
    expect(await adapter('AccessToken').find('recent-0')).toMatchObject({ jti: 'recent-0', grantId: 'grant-0' });
    expect(await adapter('RefreshToken').find('live-1')).toMatchObject({ jti: 'live-1' });
    expect(await adapter('AccessToken').find('forever-3')).toMatchObject({ jti: 'forever-3' });
    expect(await purgeExpired(deps())).toBe(0);
  });

  it('lets other work run between its batches', async () => {
    const purge = purgeExpired(deps());
    const seenMeanwhile = new Promise<number>((resolve) => setImmediate(() => resolve(rowCount())));
    const rowsMeanwhile = await seenMeanwhile;
    expect(rowsMeanwhile).toBeLessThan(PAST_GRACE + 105);
    expect(rowsMeanwhile).toBeGreaterThan(105);
    expect(await purge).toBe(PAST_GRACE);
  });

  it('runs once at a time: a purge asked for meanwhile joins the one under way', async () => {
    const first = purgeExpired(deps());
    const second = purgeExpired(deps());
    expect(await Promise.all([first, second])).toEqual([PAST_GRACE, PAST_GRACE]);
    expect(rowCount()).toBe(105);
  });

  it('stops at a closed database without failing, and when told to stop', async () => {
    const purge = purgeExpired(deps());
    db.close();
    expect(await purge).toBe(PURGE_BATCH_ROWS);

    db = openDatabase(mkdtempSync(path.join(tmpdir(), 'gatehouse-purge-')));
    insertOidcStateRecords(
      db,
      sealer,
      records('old', PAST_GRACE, (i) => now - EXPIRED_ROW_GRACE_MS - MINUTE - i * MINUTE),
    );
    const stop = new AbortController();
    const stopped = purgeExpired(deps(), stop.signal);
    stop.abort();
    expect(await stopped).toBe(PURGE_BATCH_ROWS);
    expect(rowCount()).toBe(PAST_GRACE - PURGE_BATCH_ROWS);
  });
});
