// The browsers and systems each person has signed in from, so a sign-in from a new one can be told to them.
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

/** A browser not seen for this long is forgotten: signing in from it again alerts as a new one. */
export const SIGN_IN_DEVICE_RETENTION_MS = 395 * 24 * 60 * 60 * 1000; // about 13 months

/** Whether this browser is new for the person, and whether they had signed in from any before it. */
export interface SeenDevice {
  isNew: boolean;
  signedInBefore: boolean;
}

/** Records a sign-in from `deviceKey` (see auth/browserNames.ts), in one transaction with what it says about it. */
export function recordSignInDevice(db: Db, clock: Clock, userId: string, deviceKey: string): SeenDevice {
  return db
    .transaction((): SeenDevice => {
      const now = clock();
      const seen = prepared<[string, string, string], { known: number; devices: number }>(
        db,
        `SELECT EXISTS (SELECT 1 FROM sign_in_devices WHERE user_id = ? AND device_key = ?) AS known,
          (SELECT COUNT(*) FROM sign_in_devices WHERE user_id = ?) AS devices`,
      ).get(userId, deviceKey, userId)!;
      prepared(
        db,
        `INSERT INTO sign_in_devices (user_id, device_key, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (user_id, device_key) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
      ).run(userId, deviceKey, now, now);
      return { isNew: seen.known === 0, signedInBefore: seen.devices > 0 };
    })
    .immediate();
}

export function purgeSignInDevices(db: Db, now: number): void {
  prepared(db, 'DELETE FROM sign_in_devices WHERE last_seen_at < ?').run(now - SIGN_IN_DEVICE_RETENTION_MS);
}
