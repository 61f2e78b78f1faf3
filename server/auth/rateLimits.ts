// Per-client-address token buckets for the sign-in endpoints. In memory: a restart forgives, which is
// fine for slowing down guessing; the passkey itself is what resists it.
import { isIPv4, isIPv6 } from 'node:net';
import type { Clock } from '../db/database.ts';
import { GatehouseError } from '../model/errors.ts';

export interface BucketPolicy {
  /** Requests allowed in a burst. */
  burst: number;
  /** Seconds to earn back one request. */
  refillSeconds: number;
}

/** Documented in the README under "Rate limits". */
export const RATE_LIMITS = {
  passkey: { burst: 20, refillSeconds: 3 },
  oneTimeLink: { burst: 10, refillSeconds: 6 },
  /** Codes entered at /device (a device sign-in costs two: the code, then the approval). */
  deviceCode: { burst: 10, refillSeconds: 6 },
  /** Forward-auth redirects to sign in: only people not signed in get them, so page loads of the signed-in never count. */
  forwardAuthRedirect: { burst: 30, refillSeconds: 2 },
  /** Wrong app passwords and Bearer tokens at the forward-auth check (right ones never count). */
  forwardAuthCredential: { burst: 10, refillSeconds: 6 },
  /** Sign-ins started that wait for another device's approval. */
  otherDeviceRequest: { burst: 10, refillSeconds: 30 },
  /** Codes entered to approve or deny another device's sign-in, right or wrong (every look-up is a guess). */
  otherDeviceCode: { burst: 10, refillSeconds: 6 },
  /** Recovery codes tried at the account sign-in, right or wrong. */
  recoveryCode: { burst: 10, refillSeconds: 30 },
  /** Emailed codes asked for and entered, per client address (to sign in, or to confirm a new email address). */
  emailCode: { burst: 10, refillSeconds: 30 },
  /** Emailed sign-in codes asked for and tried per email address, whoever asks (keyed by the address in lower case). */
  emailCodeAddress: { burst: 8, refillSeconds: 600 },
  /** Wrong emailed codes per email address, whoever tries (right ones never count): with 8 digits, about 1 in 11,000 a year for a guesser. */
  emailCodeWrongTry: { burst: 10, refillSeconds: 3600 },
  /** Wrong client secrets checked against a bcrypt hash (carried over from Pocket ID; about 0.1 s of CPU each): right ones never count. */
  bcryptClientSecret: { burst: 10, refillSeconds: 6 },
  /** Pictures uploaded on the account page (each is decoded and re-encoded), right or refused. */
  pictureUpload: { burst: 10, refillSeconds: 30 },
} as const satisfies Record<string, BucketPolicy>;

export type BucketName = keyof typeof RATE_LIMITS;

/**
 * Whose bucket an address fills. An IPv6 host usually holds a whole /64 and picks any address in it,
 * so an IPv6 address counts as its /64 (an IPv4-mapped one as its IPv4 address); IPv4 counts as itself.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  // A zone (fe80::1%eth0) names a link, not a host: drop it.
  const zoneless = address.split('%')[0]!;
  if (!isIPv6(zoneless)) return address;
  // An embedded IPv4 tail (64:ff9b::1.2.3.4) is two groups.
  const bare = zoneless.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_all, a, b, c, d) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((group) => group.toString(16)).join(':'),
  );
  const [head = '', tail = ''] = bare.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = bare.includes('::') ? groups(tail) : [];
  const full = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${full
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #clock: Clock;
  readonly #policies: Record<BucketName, BucketPolicy>;

  constructor(clock: Clock, policies: Record<BucketName, BucketPolicy> = RATE_LIMITS) {
    this.#clock = clock;
    this.#policies = policies;
  }

  /** Whether the address's bucket is empty now, without taking from it (to refuse before checking a guess). */
  isEmpty(bucket: BucketName, address: string): boolean {
    const policy = this.#policies[bucket];
    const state = this.#buckets.get(`${bucket}:${addressKey(address)}`);
    return state !== undefined && Math.min(policy.burst, state.tokens + (this.#clock() - state.at) / 1000 / policy.refillSeconds) < 1;
  }

  /** Takes one request from the address's bucket (its /64 for IPv6) or throws a 429 that says when to retry. */
  take(bucket: BucketName, address: string): void {
    const wait = this.tryTake(bucket, address);
    if (wait > 0) throw new GatehouseError('rate_limited', `Too many attempts from your address. Wait ${wait} seconds and try again.`);
  }

  /** Takes one request from the address's bucket if it has one: 0, or else the seconds until it will. */
  tryTake(bucket: BucketName, address: string): number {
    const policy = this.#policies[bucket];
    const key = `${bucket}:${addressKey(address)}`;
    const now = this.#clock();
    const state = this.#buckets.get(key) ?? { tokens: policy.burst, at: now };
    const tokens = Math.min(policy.burst, state.tokens + (now - state.at) / 1000 / policy.refillSeconds);
    if (tokens < 1) return Math.ceil((1 - tokens) * policy.refillSeconds);
    this.#buckets.set(key, { tokens: tokens - 1, at: now });
    return 0;
  }

  /** Gives back a request taken with tryTake, once it proved right (for buckets that count only wrong ones). */
  giveBack(bucket: BucketName, address: string): void {
    const policy = this.#policies[bucket];
    const key = `${bucket}:${addressKey(address)}`;
    const state = this.#buckets.get(key);
    if (state) this.#buckets.set(key, { tokens: Math.min(policy.burst, state.tokens + 1), at: state.at });
  }

  /** Drops buckets that have refilled completely, so memory stays bounded. */
  sweep(): void {
    const now = this.#clock();
    for (const [key, state] of this.#buckets) {
      const policy = this.#policies[key.slice(0, key.indexOf(':')) as BucketName];
      if (state.tokens + (now - state.at) / 1000 / policy.refillSeconds >= policy.burst) this.#buckets.delete(key);
    }
  }
}
