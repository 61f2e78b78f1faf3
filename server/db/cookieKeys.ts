// The keys that sign oidc-provider's cookies, so an interaction or session cookie cannot be made up by
// someone who only learned its id (an interaction id is in the sign-in page's URL). Created on first
// start, stored sealed; the newest signs and every stored key still verifies, so a new key can be added
// without signing anyone out.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Db } from './database.ts';
import type { Sealer } from './sealed.ts';
import { prepared } from './statements.ts';

interface KeyRow {
  id: string;
  encrypted_key: Buffer;
  created_at: number;
}

export interface CookieKeys {
  /** Newest first, as oidc-provider's `cookies.keys` wants them (strings, which Keygrip hashes as given). */
  keys: string[];
  /** When the oldest key was made: provider cookies from before then were never signed. */
  signingSince: number;
}

export const associatedData = (id: string) => `gatehouse:cookie_keys:${id}`;

export function loadCookieKeys(db: Db, sealer: Sealer, clock: Clock): CookieKeys {
  const rows = () => prepared<[], KeyRow>(db, 'SELECT id, encrypted_key, created_at FROM cookie_keys ORDER BY created_at DESC, id').all();
  if (rows().length === 0) {
    const id = randomUUID();
    prepared(db, 'INSERT INTO cookie_keys (id, encrypted_key, created_at) VALUES (?, ?, ?)').run(id, sealer.seal(randomBytes(32), associatedData(id)), clock());
  }
  const stored = rows();
  return {
    keys: stored.map((row) => sealer.open(row.encrypted_key, associatedData(row.id)).toString('base64url')),
    signingSince: Math.min(...stored.map((row) => row.created_at)),
  };
}
