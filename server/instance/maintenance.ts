// What a running Gatehouse does on its own: purge expired rows, and notice when another process
// (`gatehouse apply`, the desktop console) wrote to the database.
import type { Logger } from 'pino';
import type { RateLimiter } from '../auth/rateLimits.ts';
import { purgeBrowserSessions } from '../db/browserSessions.ts';
import { type Clock, type Db, dataVersion } from '../db/database.ts';
import { purgeEmailCodes } from '../db/emailCodes.ts';
import { purgeForwardAuth } from '../db/forwardAuthSessions.ts';
import { purgeExpiredOidcState } from '../db/oidcState.ts';
import { purgeOneTimeTokens } from '../db/oneTimeTokens.ts';
import { purgeOtherDeviceRequests } from '../db/otherDeviceRequests.ts';
import { purgeSignInDevices } from '../db/signInDevices.ts';
import { purgeChallenges } from '../db/webauthnChallenges.ts';

const PURGE_INTERVAL_MS = 10 * 60 * 1000;
const CHANGE_POLL_MS = 3000;

export interface MaintenanceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  rateLimiter: RateLimiter;
  /** Called when another process changed the database. */
  outsideChange(): void;
}

export function purgeExpired({ db, clock, logger, rateLimiter }: MaintenanceDeps): void {
  const now = clock();
  const removed = purgeExpiredOidcState(db, now);
  purgeOneTimeTokens(db, now);
  purgeBrowserSessions(db, now);
  purgeForwardAuth(db, now);
  purgeChallenges(db, now);
  purgeOtherDeviceRequests(db, now);
  purgeEmailCodes(db, now);
  purgeSignInDevices(db, now);
  rateLimiter.sweep();
  if (removed > 0) logger.debug({ event: 'storage.purged', rows: removed });
}

/** Purges now and then on a timer, and polls for outside changes; returns what stops both. */
export function startMaintenance(deps: MaintenanceDeps): () => void {
  purgeExpired(deps);
  let version = dataVersion(deps.db);
  const poll = () => {
    const current = dataVersion(deps.db);
    if (current === version) return;
    version = current;
    deps.outsideChange();
  };
  const timers = [setInterval(() => purgeExpired(deps), PURGE_INTERVAL_MS).unref(), setInterval(poll, CHANGE_POLL_MS).unref()];
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
