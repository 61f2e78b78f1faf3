// The key ring: the provider's signing keys, stored sealed, each in a state that follows from its dates
// and the clock. A new key is published before it signs (apps that cache the JWKS fetch it meanwhile),
// and an old one stays published until everything it signed has expired, then it retires.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { JWK } from 'oidc-provider';
import type { Clock, Db } from '../db/database.ts';
import type { Sealer } from '../db/sealed.ts';
import { type StoredSigningKey, storedSigningKeys, storeSigningKey } from '../db/signingKeys.ts';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '../model/signingAlgorithms.ts';

/**
 * upcoming: published, not signing yet; current: signs (the newest of its algorithm whose time has come);
 * retiring: replaced, still published so what it signed verifies; retired: due to be deleted, unpublished.
 */
export type SigningKeyState = 'upcoming' | 'current' | 'retiring' | 'retired';

export interface SigningKeyInState extends StoredSigningKey {
  state: SigningKeyState;
}

/** Each key's state at `now`; `keys` oldest first (of two that sign from the same moment, the later one signs). */
export function signingKeyStates(keys: StoredSigningKey[], now: number): SigningKeyInState[] {
  // A key retires at its date whatever else holds: an emergency rotation retires every other key at once.
  const retired = (key: StoredSigningKey) => key.retiresAt !== null && key.retiresAt <= now;
  const current = new Map<SigningAlgorithm, StoredSigningKey>();
  for (const key of keys) {
    const newest = current.get(key.alg);
    if (!retired(key) && key.signsFrom <= now && (!newest || key.signsFrom >= newest.signsFrom)) current.set(key.alg, key);
  }
  const stateOf = (key: StoredSigningKey): SigningKeyState => {
    if (retired(key)) return 'retired';
    if (current.get(key.alg) === key) return 'current';
    // A replaced key whose retirement was never set (none should be) stays published rather than vanish.
    return key.signsFrom > now ? 'upcoming' : 'retiring';
  };
  return keys.map((key) => ({ ...key, state: stateOf(key) }));
}

const ORDER: Record<SigningKeyState, number> = { current: 0, upcoming: 1, retiring: 2, retired: 3 };

/**
 * The published keys in the provider's order: oidc-provider signs with the first key of an algorithm, so
 * the current keys come first (RSA before EC: RS256 is the default), then the upcoming, then the retiring.
 */
function publishedOrder(keys: SigningKeyInState[]): SigningKeyInState[] {
  const algorithmIndex = (key: SigningKeyInState) => SIGNING_ALGORITHMS.indexOf(key.alg);
  return keys
    .filter((key) => key.state !== 'retired')
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || algorithmIndex(a) - algorithmIndex(b) || a.signsFrom - b.signsFrom);
}

/** The next moment a key's state changes on its own (a key starts signing, or retires), if any. */
function nextBoundary(keys: StoredSigningKey[], now: number): number {
  const ahead = keys.flatMap((key) => [key.signsFrom, key.retiresAt ?? Number.POSITIVE_INFINITY]).filter((at) => at > now);
  return Math.min(Number.POSITIVE_INFINITY, ...ahead);
}

export interface SigningKeyRing {
  /**
   * The published keys (private halves) in the provider's order. The same array until the set or its
   * order changes, which happens at a reload or when the clock passes a key's date.
   */
  published(): JWK[];
  /** Reads the stored keys again (after a write of this process or of another). */
  reload(): void;
}

/** Opens the ring, making a first key for each algorithm that has none. */
export function openSigningKeyRing(db: Db, sealer: Sealer, clock: Clock): SigningKeyRing {
  const present = new Set(storedSigningKeys(db, sealer).map((key) => key.alg));
  for (const alg of SIGNING_ALGORITHMS) if (!present.has(alg)) storeSigningKey(db, sealer, clock, generateSigningJwk(alg));

  let stored: StoredSigningKey[] = [];
  let published: JWK[] = [];
  let boundary = Number.POSITIVE_INFINITY;
  const settle = () => {
    const now = clock();
    const order = publishedOrder(signingKeyStates(stored, now));
    boundary = nextBoundary(stored, now);
    const same = order.length === published.length && order.every((key, i) => key.jwk.kid === published[i]!.kid);
    if (!same) published = order.map((key) => key.jwk);
  };
  const reload = () => {
    stored = storedSigningKeys(db, sealer);
    settle();
  };
  reload();
  return {
    published() {
      if (clock() >= boundary) settle();
      return published;
    },
    reload,
  };
}

export function generateSigningJwk(alg: SigningAlgorithm): JWK & { kid: string; alg: SigningAlgorithm } {
  const { privateKey } = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomUUID(), alg, use: 'sig' };
}
