// Random secrets the instance makes for itself once (cookie-signing keys), kept sealed in settings.
import { randomBytes } from 'node:crypto';
import type { Db } from './database.ts';
import type { Sealer } from './sealed.ts';

export function instanceSecret(db: Db, sealer: Sealer, name: string): string {
  const settingName = `secret:${name}`;
  const associatedData = `gatehouse:settings:${settingName}`;
  const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE name = ?').get(settingName);
  if (row) return sealer.open(Buffer.from(row.value, 'base64'), associatedData).toString('utf8');
  const secret = randomBytes(32).toString('base64url');
  db.prepare('INSERT INTO settings (name, value) VALUES (?, ?)').run(settingName, sealer.seal(secret, associatedData).toString('base64'));
  return secret;
}
