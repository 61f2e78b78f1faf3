// The signing_keys table: each key's JWK sealed, bound to its key id, with when it signs from and when it
// retires; and the owner's rotation schedule, a row of the settings table.
import type { JWK } from 'oidc-provider';
import type { SigningAlgorithm } from '../model/signingAlgorithms.ts';
import type { Clock, Db } from './database.ts';
import type { Sealer } from './sealed.ts';
import { prepared } from './statements.ts';

interface KeyRow {
  kid: string;
  alg: SigningAlgorithm;
  encrypted_jwk: Buffer;
  created_at: number;
  signs_from: number | null;
  retires_at: number | null;
}

export interface StoredSigningKey {
  kid: string;
  alg: SigningAlgorithm;
  /** The private key, as oidc-provider takes it. */
  jwk: JWK;
  createdAt: number;
  /** When it starts signing (a key made before rotation existed signs from when it was made). */
  signsFrom: number;
  /** When it stops being published; null until a newer key takes over. */
  retiresAt: number | null;
}

export const associatedData = (kid: string) => `gatehouse:signing_keys:${kid}`;

/** The stored keys, oldest first; keys made in the same millisecond in the order they were stored. */
export function storedSigningKeys(db: Db, sealer: Sealer): StoredSigningKey[] {
  return prepared<[], KeyRow>(db, 'SELECT kid, alg, encrypted_jwk, created_at, signs_from, retires_at FROM signing_keys ORDER BY created_at, rowid')
    .all()
    .map((row) => ({
      kid: row.kid,
      alg: row.alg,
      jwk: JSON.parse(sealer.open(row.encrypted_jwk, associatedData(row.kid)).toString('utf8')) as JWK,
      createdAt: row.created_at,
      signsFrom: row.signs_from ?? row.created_at,
      retiresAt: row.retires_at,
    }));
}

/** `signsFrom` left out: the key signs from now (the first keys of an instance). */
export function storeSigningKey(
  db: Db,
  sealer: Sealer,
  clock: Clock,
  jwk: JWK & { kid: string; alg: SigningAlgorithm },
  signsFrom: number | null = null,
): void {
  prepared(db, 'INSERT INTO signing_keys (kid, alg, encrypted_jwk, created_at, signs_from) VALUES (?, ?, ?, ?, ?)').run(
    jwk.kid,
    jwk.alg,
    sealer.seal(JSON.stringify(jwk), associatedData(jwk.kid)),
    clock(),
    signsFrom,
  );
}

export function setSigningKeyRetirement(db: Db, kid: string, retiresAt: number): void {
  prepared(db, 'UPDATE signing_keys SET retires_at = ? WHERE kid = ?').run(retiresAt, kid);
}

/** Removes a key and its sealed private half. */
export function deleteSigningKey(db: Db, kid: string): void {
  prepared(db, 'DELETE FROM signing_keys WHERE kid = ?').run(kid);
}

/** Kept beside the settings, under a name readSettings ignores: rotate the signing keys every N days. */
const ROTATION_SCHEDULE = 'signingKeys:rotateEveryDays';

/** Days between scheduled rotations, or null when keys rotate only when asked. */
export function readRotationSchedule(db: Db): number | null {
  const row = prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE name = ?').get(ROTATION_SCHEDULE);
  return row ? (JSON.parse(row.value) as number) : null;
}

export function writeRotationSchedule(db: Db, everyDays: number | null): void {
  if (everyDays === null) prepared(db, 'DELETE FROM settings WHERE name = ?').run(ROTATION_SCHEDULE);
  else
    prepared(db, 'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(
      ROTATION_SCHEDULE,
      JSON.stringify(everyDays),
    );
}
