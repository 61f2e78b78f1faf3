// Which emailed alerts a person wants: a passkey added to their account, a sign-in from a new browser.
import type { Db } from './database.ts';
import { prepared } from './statements.ts';

export interface AlertPreferences {
  newPasskey: boolean;
  newDevice: boolean;
}

export function readAlertPreferences(db: Db, userId: string): AlertPreferences {
  const row = prepared<[string], { alert_new_passkey: number; alert_new_device: number }>(
    db,
    'SELECT alert_new_passkey, alert_new_device FROM users WHERE id = ?',
  ).get(userId);
  // A person who does not exist (deleted meanwhile) gets nothing.
  return { newPasskey: row?.alert_new_passkey === 1, newDevice: row?.alert_new_device === 1 };
}

export function writeAlertPreferences(db: Db, userId: string, preferences: AlertPreferences): void {
  prepared(db, 'UPDATE users SET alert_new_passkey = ?, alert_new_device = ? WHERE id = ?').run(
    preferences.newPasskey ? 1 : 0,
    preferences.newDevice ? 1 : 0,
    userId,
  );
}
