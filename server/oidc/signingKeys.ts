// The provider's signing keys: generated on first start, stored sealed, loaded at every start.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { JWK } from 'oidc-provider';
import type { Clock, Db } from '../db/database.ts';
import type { Sealer } from '../db/sealed.ts';
import { storedSigningKeys, storeSigningKey } from '../db/signingKeys.ts';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '../model/signingAlgorithms.ts';

export function loadSigningKeys(db: Db, sealer: Sealer, clock: Clock): JWK[] {
  const stored = storedSigningKeys(db, sealer);
  const present = new Set(stored.map((key) => key.alg));
  const made = SIGNING_ALGORITHMS.filter((alg) => !present.has(alg)).map((alg) => {
    const jwk = generateJwk(alg);
    storeSigningKey(db, sealer, clock, jwk);
    return jwk;
  });
  // The first key of a type signs; RSA goes first so RS256 is the default. New keys are the newest, last.
  return [...stored, ...made].sort((a, b) => SIGNING_ALGORITHMS.indexOf(a.alg as SigningAlgorithm) - SIGNING_ALGORITHMS.indexOf(b.alg as SigningAlgorithm));
}

function generateJwk(alg: SigningAlgorithm): JWK & { kid: string; alg: SigningAlgorithm } {
  const { privateKey } = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomUUID(), alg, use: 'sig' };
}
