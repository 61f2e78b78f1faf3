// The provider's signing keys: generated on first start, stored sealed, loaded at every start.
// RS256 first (the default most apps expect), ES256 beside it for clients that ask for it.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { JWK } from 'oidc-provider';
import type { Clock, Db } from '../db/database.ts';
import type { Sealer } from '../db/sealed.ts';
import { prepared } from '../db/statements.ts';

export const SIGNING_ALGORITHMS = ['RS256', 'ES256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

interface KeyRow {
  kid: string;
  alg: SigningAlgorithm;
  encrypted_jwk: Buffer;
}

const associatedData = (kid: string) => `gatehouse:signing_keys:${kid}`;

export function loadSigningKeys(db: Db, sealer: Sealer, clock: Clock): JWK[] {
  const rows = () => prepared<[], KeyRow>(db, 'SELECT kid, alg, encrypted_jwk FROM signing_keys ORDER BY created_at, kid').all();
  const present = new Set(rows().map((row) => row.alg));
  const insert = prepared(db, 'INSERT INTO signing_keys (kid, alg, encrypted_jwk, created_at) VALUES (?, ?, ?, ?)');
  for (const alg of SIGNING_ALGORITHMS) {
    if (present.has(alg)) continue;
    const jwk = generateJwk(alg);
    insert.run(jwk.kid, alg, sealer.seal(JSON.stringify(jwk), associatedData(jwk.kid!)), clock());
  }
  const keys = rows().map((row) => JSON.parse(sealer.open(row.encrypted_jwk, associatedData(row.kid)).toString('utf8')) as JWK);
  // The first key of a type signs; RSA goes first so RS256 is the default.
  return keys.sort((a, b) => SIGNING_ALGORITHMS.indexOf(a.alg as SigningAlgorithm) - SIGNING_ALGORITHMS.indexOf(b.alg as SigningAlgorithm));
}

function generateJwk(alg: SigningAlgorithm): JWK {
  const { privateKey } = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomUUID(), alg, use: 'sig' };
}
