// The provider's signing keys: generated on first start, stored sealed, loaded at every start.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { JWK } from 'oidc-provider';
import type { Clock, Db } from '../db/database.ts';
import type { Sealer } from '../db/sealed.ts';
import { storedSigningKeys, storeSigningKey } from '../db/signingKeys.ts';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '../model/signingAlgorithms.ts';

export function loadSigningKeys(db: Db, sealer: Sealer, clock: Clock): JWK[] {
  const present = new Set(storedSigningKeys(db, sealer).map((key) => key.alg));
  for (const alg of SIGNING_ALGORITHMS) if (!present.has(alg)) storeSigningKey(db, sealer, clock, generateJwk(alg));
  // The first key of a type signs; RSA goes first so RS256 is the default.
  return storedSigningKeys(db, sealer).sort(
    (a, b) => SIGNING_ALGORITHMS.indexOf(a.alg as SigningAlgorithm) - SIGNING_ALGORITHMS.indexOf(b.alg as SigningAlgorithm),
  );
}

function generateJwk(alg: SigningAlgorithm): JWK & { kid: string; alg: SigningAlgorithm } {
  const { privateKey } = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomUUID(), alg, use: 'sig' };
}
