// The signing_keys table: each key's JWK sealed, bound to its key id.
import type { JWK } from 'oidc-provider';
import type { SigningAlgorithm } from '../model/signingAlgorithms.ts';
import type { Clock, Db } from './database.ts';
import type { Sealer } from './sealed.ts';
import { prepared } from './statements.ts';

interface KeyRow {
  kid: string;
  alg: SigningAlgorithm;
  encrypted_jwk: Buffer;
}

const associatedData = (kid: string) => `gatehouse:signing_keys:${kid}`;

/** The stored keys, oldest first. */
export function storedSigningKeys(db: Db, sealer: Sealer): JWK[] {
  return prepared<[], KeyRow>(db, 'SELECT kid, alg, encrypted_jwk FROM signing_keys ORDER BY created_at, kid')
    .all()
    .map((row) => JSON.parse(sealer.open(row.encrypted_jwk, associatedData(row.kid)).toString('utf8')) as JWK);
}

export function storeSigningKey(db: Db, sealer: Sealer, clock: Clock, jwk: JWK & { kid: string; alg: SigningAlgorithm }): void {
  prepared(db, 'INSERT INTO signing_keys (kid, alg, encrypted_jwk, created_at) VALUES (?, ?, ?, ?)').run(
    jwk.kid,
    jwk.alg,
    sealer.seal(JSON.stringify(jwk), associatedData(jwk.kid)),
    clock(),
  );
}
