// Stored WebAuthn credentials.
import type { AuthenticatorTransport } from '@simplewebauthn/server';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export interface Passkey {
  id: string;
  userId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: AuthenticatorTransport[];
  aaguid: string | null;
  backupEligible: boolean;
  backedUp: boolean;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

interface PasskeyRow {
  id: string;
  user_id: string;
  public_key: Buffer;
  counter: number;
  transports: string;
  aaguid: string | null;
  backup_eligible: number;
  backed_up: number;
  name: string;
  created_at: number;
  last_used_at: number | null;
}

const toPasskey = (row: PasskeyRow): Passkey => ({
  id: row.id,
  userId: row.user_id,
  publicKey: new Uint8Array(row.public_key),
  counter: row.counter,
  transports: JSON.parse(row.transports),
  aaguid: row.aaguid,
  backupEligible: row.backup_eligible === 1,
  backedUp: row.backed_up === 1,
  name: row.name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

export function getPasskey(db: Db, id: string): Passkey | undefined {
  const row = prepared<[string], PasskeyRow>(db, 'SELECT * FROM passkeys WHERE id = ?').get(id);
  return row && toPasskey(row);
}

export function listPasskeys(db: Db, userId: string): Passkey[] {
  return prepared<[string], PasskeyRow>(db, 'SELECT * FROM passkeys WHERE user_id = ? ORDER BY created_at').all(userId).map(toPasskey);
}

export function insertPasskey(db: Db, passkey: Omit<Passkey, 'lastUsedAt'>): void {
  prepared(
    db,
    `INSERT INTO passkeys (id, user_id, public_key, counter, transports, aaguid, backup_eligible, backed_up,
      name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    passkey.id,
    passkey.userId,
    Buffer.from(passkey.publicKey),
    passkey.counter,
    JSON.stringify(passkey.transports),
    passkey.aaguid,
    passkey.backupEligible ? 1 : 0,
    passkey.backedUp ? 1 : 0,
    passkey.name,
    passkey.createdAt,
  );
}

export function recordPasskeyUse(db: Db, clock: Clock, id: string, counter: number, backedUp: boolean): void {
  prepared(db, 'UPDATE passkeys SET counter = ?, backed_up = ?, last_used_at = ? WHERE id = ?').run(counter, backedUp ? 1 : 0, clock(), id);
}

export function renamePasskey(db: Db, userId: string, id: string, name: string): boolean {
  return prepared(db, 'UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ?').run(name, id, userId).changes === 1;
}

export function deletePasskey(db: Db, userId: string, id: string): boolean {
  return prepared(db, 'DELETE FROM passkeys WHERE id = ? AND user_id = ?').run(id, userId).changes === 1;
}
