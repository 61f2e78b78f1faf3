// Rotating the signing keys: a new key per algorithm is published first and signs only after a lead,
// long enough for apps that cache the JWKS to fetch it; each old key stays published until everything it
// signed has expired, then the maintenance step retires it. An owner may also ask for rotations on a schedule.
import type { AuditLog } from '../db/audit.ts';
import type { Clock, Db } from '../db/database.ts';
import type { Sealer } from '../db/sealed.ts';
import type { InstanceSettings } from '../db/settings.ts';
import { deleteSigningKey, readRotationSchedule, setSigningKeyRetirement, storedSigningKeys, storeSigningKey } from '../db/signingKeys.ts';
import { GatehouseError } from '../model/errors.ts';
import { SIGNING_ALGORITHMS } from '../model/signingAlgorithms.ts';
import { FIXED_LIFETIMES } from './provider.ts';
import { generateSigningJwk, signingKeyStates } from './signingKeys.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** How long a new key is published before it signs: apps that cache the JWKS refetch it well within a day. */
export const PUBLISH_LEAD_MS = DAY_MS;

/** The schedule's bounds, in days. */
export const ROTATION_SCHEDULE_DAYS = { min: 30, max: 365 } as const;

/**
 * How long an old key stays published after the new one signs: the longest lifetime of anything it signed
 * (ID tokens, machine clients' JWT access tokens), and at least a session's, because apps send an ID token
 * back as id_token_hint when a person signs out, however long ago it was issued.
 */
export function retireAfterMs(settings: Pick<InstanceSettings, 'sessionTtl'>): number {
  return 1000 * Math.max(FIXED_LIFETIMES.IdToken, FIXED_LIFETIMES.ClientCredentials, settings.sessionTtl);
}

export interface Rotation {
  /** The new keys' ids. */
  kids: string[];
  signsFrom: number;
  /** When the replaced keys stop being published (now, for an immediate rotation). */
  retiresAt: number;
}

/**
 * Adds a new key per algorithm that signs from now + the lead, and schedules each replaced key's
 * retirement; refused while an earlier rotation's keys are still upcoming. `immediately` is for a key that
 * may have leaked: the new keys sign at once and every other key retires at once (upcoming ones too, which
 * may have leaked with it), so nothing signed with a leaked key verifies any more.
 */
export function rotateSigningKeys(
  db: Db,
  sealer: Sealer,
  clock: Clock,
  settings: Pick<InstanceSettings, 'sessionTtl'>,
  { immediately = false }: { immediately?: boolean } = {},
): Rotation {
  // Made before the write lock is taken: an RSA key takes a moment.
  const made = SIGNING_ALGORITHMS.map(generateSigningJwk);
  const rotate = db.transaction(() => {
    const now = clock();
    const keys = signingKeyStates(storedSigningKeys(db, sealer), now);
    const upcoming = keys.find((key) => key.state === 'upcoming');
    if (upcoming && !immediately) {
      throw new GatehouseError(
        'signing_key_rotation_under_way',
        `A rotation is under way: the new keys sign from ${new Date(upcoming.signsFrom).toISOString()}. Rotate again after that, or rotate at once if a key may have leaked.`,
      );
    }
    const signsFrom = immediately ? now : now + PUBLISH_LEAD_MS;
    const retiresAt = immediately ? now : signsFrom + retireAfterMs(settings);
    for (const jwk of made) storeSigningKey(db, sealer, clock, jwk, signsFrom);
    for (const key of keys) {
      if (key.state === 'current' || (immediately && key.state !== 'retired')) setSigningKeyRetirement(db, key.kid, retiresAt);
    }
    return { kids: made.map((jwk) => jwk.kid), signsFrom, retiresAt };
  });
  // Immediate: the check and the insert hold the write lock together, so two processes cannot both rotate.
  return rotate.immediate();
}

/** When the schedule rotates next (the newest keys' age, from when they sign, reaching it), or null without a schedule. */
export function nextScheduledRotation(db: Db, sealer: Sealer, clock: Clock): number | null {
  const everyDays = readRotationSchedule(db);
  if (everyDays === null) return null;
  const newest = signingKeyStates(storedSigningKeys(db, sealer), clock()).filter((key) => key.state === 'current' || key.state === 'upcoming');
  return Math.max(...newest.map((key) => key.signsFrom)) + everyDays * DAY_MS;
}

export interface KeyStepDeps {
  db: Db;
  sealer: Sealer;
  clock: Clock;
  audit: AuditLog;
  settings(): InstanceSettings;
}

/**
 * The maintenance step: deletes retired keys (their private halves with them), and rotates when the
 * schedule says so and no rotation is under way. Returns whether the keys changed.
 */
export function maintainSigningKeys({ db, sealer, clock, audit, settings }: KeyStepDeps): boolean {
  const now = clock();
  const keys = signingKeyStates(storedSigningKeys(db, sealer), now);
  const retired = keys.filter((key) => key.state === 'retired');
  for (const key of retired) {
    deleteSigningKey(db, key.kid);
    audit({ event: 'signing_key.retired', details: { kid: key.kid, alg: key.alg } });
  }
  const due = nextScheduledRotation(db, sealer, clock);
  if (due === null || due > now || keys.some((key) => key.state === 'upcoming')) return retired.length > 0;
  let rotation: Rotation;
  try {
    rotation = rotateSigningKeys(db, sealer, clock, settings());
  } catch (error) {
    // Another process (`gatehouse keys rotate`, the desktop console) rotated since the check above: its keys stand.
    if (error instanceof GatehouseError && error.code === 'signing_key_rotation_under_way') return true;
    throw error;
  }
  audit({ event: 'signing_keys.rotated', details: { by: 'schedule', kids: rotation.kids, signsFrom: rotation.signsFrom, retiresAt: rotation.retiresAt } });
  return true;
}
