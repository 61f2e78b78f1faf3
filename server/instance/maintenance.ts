// What a running Gatehouse does on its own: purge expired rows, retire and rotate signing keys, and
// notice when another process (`gatehouse apply`, `gatehouse keys rotate`, the desktop console) wrote to
// the database.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { RateLimiter } from '../auth/rateLimits.ts';
import type { AuditLog } from '../db/audit.ts';
import { purgeBrowserSessions } from '../db/browserSessions.ts';
import { type Clock, type Db, dataVersion } from '../db/database.ts';
import { purgeEmailCodes } from '../db/emailCodes.ts';
import { purgeForwardAuth } from '../db/forwardAuthSessions.ts';
import { PURGE_BATCH_ROWS, purgeExpiredOidcState } from '../db/oidcState.ts';
import { purgeOneTimeTokens } from '../db/oneTimeTokens.ts';
import { purgeOtherDeviceRequests } from '../db/otherDeviceRequests.ts';
import { purgeSignInDevices } from '../db/signInDevices.ts';
import { purgeChallenges } from '../db/webauthnChallenges.ts';
import type { Sealer } from '../db/sealed.ts';
import type { InstanceSettings } from '../db/settings.ts';
import { maintainSigningKeys } from '../oidc/signingKeyRotation.ts';

const PURGE_INTERVAL_MS = 10 * 60 * 1000;
const CHANGE_POLL_MS = 3000;
/** Keys retire and scheduled rotations start within a minute of their time (publishing and switching need no step). */
const KEY_STEP_MS = 60 * 1000;
/**
 * While a backlog of provider rows goes, the purge waits this many times as long as its last batch took
 * before the next: it takes at most a third of the server's time, whatever a batch costs on this disk.
 */
const PURGE_PAUSE_FACTOR = 2;

export interface MaintenanceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  rateLimiter: RateLimiter;
  sealer: Sealer;
  audit: AuditLog;
  settings(): InstanceSettings;
  /** Called when the database changed outside a request: another process wrote to it, or the key step did. */
  outsideChange(): void;
}

type PurgeDeps = Pick<MaintenanceDeps, 'db' | 'clock' | 'logger' | 'rateLimiter'>;

/** The provider-row purge under way on each database: a purge asked for meanwhile joins it rather than running beside it. */
const providerPurges = new WeakMap<Db, Promise<number>>();

/**
 * Removes what has expired: the small tables at once, the provider's rows in batches with pauses between
 * them, so that requests are served while a large backlog goes (it stops at `stop` or a closed database). Never throws or rejects, as it runs on timers: a failure, such as another
 * process holding the write lock, is logged and the next purge tries again. Resolves to the number of
 * provider rows removed.
 */
export function purgeExpired(deps: PurgeDeps, stop?: AbortSignal): Promise<number> {
  const { db, clock, logger, rateLimiter } = deps;
  const now = clock();
  try {
    purgeOneTimeTokens(db, now);
    purgeBrowserSessions(db, now);
    purgeForwardAuth(db, now);
    purgeChallenges(db, now);
    purgeOtherDeviceRequests(db, now);
    purgeEmailCodes(db, now);
    purgeSignInDevices(db, now);
    rateLimiter.sweep();
  } catch (error) {
    purgeFailed(logger, error);
  }
  const underWay = providerPurges.get(db);
  if (underWay) return underWay;
  const purge = purgeProviderRows(deps, now, stop)
    .catch((error: unknown) => {
      purgeFailed(logger, error);
      return 0;
    })
    .finally(() => providerPurges.delete(db));
  providerPurges.set(db, purge);
  return purge;
}

async function purgeProviderRows({ db, logger }: PurgeDeps, now: number, stop: AbortSignal | undefined): Promise<number> {
  let removed = 0;
  for (;;) {
    const started = performance.now();
    const batch = purgeExpiredOidcState(db, now);
    removed += batch;
    if (batch < PURGE_BATCH_ROWS) break;
    await sleep((performance.now() - started) * PURGE_PAUSE_FACTOR);
    if (stop?.aborted || !db.open) break;
  }
  if (removed > 0) logger.debug({ event: 'storage.purged', rows: removed });
  return removed;
}

const purgeFailed = (logger: Logger, error: unknown) =>
  logger.warn({ event: 'storage.purge_failed', message: error instanceof Error ? error.message : String(error) });

/**
 * Deletes retired signing keys and rotates on the owner's schedule; the provider follows. On a timer, so
 * it never throws: another process may hold the write lock; the next step tries again (and the provider
 * follows whatever this one did before it failed).
 */
function keyStep(deps: MaintenanceDeps): void {
  try {
    if (maintainSigningKeys(deps)) deps.outsideChange();
  } catch (error) {
    deps.logger.warn({ event: 'signing_keys.step_failed', message: error instanceof Error ? error.message : String(error) });
    deps.outsideChange();
  }
}

/** Purges and steps the keys now and then on timers, and polls for outside changes; returns what stops them. */
export function startMaintenance(deps: MaintenanceDeps): () => void {
  // Stopping ends a purge under way at its next batch, before the database is closed.
  const stopped = new AbortController();
  void purgeExpired(deps, stopped.signal);
  keyStep(deps);
  let version = dataVersion(deps.db);
  const poll = () => {
    const current = dataVersion(deps.db);
    if (current === version) return;
    version = current;
    deps.outsideChange();
  };
  const timers = [
    setInterval(() => void purgeExpired(deps, stopped.signal), PURGE_INTERVAL_MS).unref(),
    setInterval(() => keyStep(deps), KEY_STEP_MS).unref(),
    setInterval(poll, CHANGE_POLL_MS).unref(),
  ];
  return () => {
    stopped.abort();
    for (const timer of timers) clearInterval(timer);
  };
}
