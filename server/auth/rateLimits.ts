// Per-client-address token buckets for the sign-in endpoints. In memory: a restart forgives, which is
// fine for slowing down guessing; the passkey itself is what resists it.
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
} as const satisfies Record<string, BucketPolicy>;

export type BucketName = keyof typeof RATE_LIMITS;

export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #clock: Clock;
  readonly #policies: Record<BucketName, BucketPolicy>;

  constructor(clock: Clock, policies: Record<BucketName, BucketPolicy> = RATE_LIMITS) {
    this.#clock = clock;
    this.#policies = policies;
  }

  /** Takes one request from the address's bucket or throws a 429 that says when to retry. */
  take(bucket: BucketName, address: string): void {
    const policy = this.#policies[bucket];
    const key = `${bucket}:${address}`;
    const now = this.#clock();
    const state = this.#buckets.get(key) ?? { tokens: policy.burst, at: now };
    const tokens = Math.min(policy.burst, state.tokens + (now - state.at) / 1000 / policy.refillSeconds);
    if (tokens < 1) {
      const wait = Math.ceil((1 - tokens) * policy.refillSeconds);
      throw new GatehouseError('rate_limited', `Too many attempts from your address. Wait ${wait} seconds and try again.`);
    }
    this.#buckets.set(key, { tokens: tokens - 1, at: now });
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
