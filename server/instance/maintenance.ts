// What a running Gatehouse does on its own: purge expired rows, retire and rotate signing keys, and
// notice when another process (`gatehouse apply`, `gatehouse keys rotate`, the desktop console) wrote to
// the database.
import type { Logger } from 'pino';
import type { RateLimiter } from '../auth/rateLimits.ts';
import type { AuditLog } from '../db/audit.ts';
import { purgeBrowserSessions } from '../db/browserSessions.ts';
import { type Clock, type Db, dataVersion } from '../db/database.ts';
import { purgeEmailCodes } from '../db/emailCodes.ts';
import { purgeForwardAuth } from '../db/forwardAuthSessions.ts';
import { purgeExpiredOidcState } from '../db/oidcState.ts';
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

export function purgeExpired({ db, clock, logger, rateLimiter }: Pick<MaintenanceDeps, 'db' | 'clock' | 'logger' | 'rateLimiter'>): void {
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
  purgeExpired(deps);
  keyStep(deps);
  let version = dataVersion(deps.db);
  const poll = () => {
    const current = dataVersion(deps.db);
    if (current === version) return;
    version = current;
    deps.outsideChange();
  };
  const timers = [
    setInterval(() => purgeExpired(deps), PURGE_INTERVAL_MS).unref(),
    setInterval(() => keyStep(deps), KEY_STEP_MS).unref(),
    setInterval(poll, CHANGE_POLL_MS).unref(),
  ];
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
