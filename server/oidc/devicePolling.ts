// How often a device may poll the token endpoint while it waits for a person (RFC 8628 §3.5): the
// device authorization response tells it the interval, and a device code polled sooner is answered
// slow_down. oidc-provider tells neither, so a misbehaving device could poll as fast as it likes.
import { errors } from 'oidc-provider';
import type { Clock } from '../db/database.ts';
import type { GrantHandler } from './refreshGrace.ts';

/** Seconds a device waits between polls, as RFC 8628 suggests by default. */
export const DEVICE_POLL_INTERVAL = 5;
/** A poll this early still counts as on time: requests do not arrive exactly as far apart as they were sent. */
const EARLY_ALLOWANCE_MS = 500;

/** When each waiting device code last polled. In memory: a restart only forgives one early poll. */
export class DevicePolls {
  /** Oldest poll first (a poll moves its code to the end), so expired entries are pruned from the front. */
  readonly #last = new Map<string, number>();
  readonly #clock: Clock;
  readonly #forgetAfterMs: number;
  /** Seconds between polls, told to every device (tests make it shorter). */
  readonly interval: number;

  /** forgetAfterSeconds: how long a device code lives; an older entry can only belong to an expired one. */
  constructor(clock: Clock, forgetAfterSeconds: number, interval: number = DEVICE_POLL_INTERVAL) {
    this.#clock = clock;
    this.#forgetAfterMs = forgetAfterSeconds * 1000;
    this.interval = interval;
  }

  /** Whether a device code polled sooner than the interval after its last recorded poll. */
  tooSoon(deviceCode: string): boolean {
    const last = this.#last.get(deviceCode);
    return last !== undefined && this.#clock() - last < this.interval * 1000 - EARLY_ALLOWANCE_MS;
  }

  /** Remembers a poll of a device code that is still waiting, and forgets the ones of expired codes. */
  record(deviceCode: string): void {
    const now = this.#clock();
    this.#last.delete(deviceCode);
    this.#last.set(deviceCode, now);
    for (const [code, at] of this.#last) {
      if (now - at <= this.#forgetAfterMs) break;
      this.#last.delete(code);
    }
  }
}

/**
 * Wraps the device code grant: a code polled too soon is answered slow_down. Only codes the provider
 * found still waiting (authorization_pending) are remembered, so made-up codes take no memory.
 */
export function withPollInterval(handler: GrantHandler, polls: DevicePolls): GrantHandler {
  return async (ctx) => {
    const deviceCode = ctx.oidc.params.device_code;
    if (typeof deviceCode !== 'string') return handler(ctx);
    if (polls.tooSoon(deviceCode)) throw new errors.SlowDown(`Poll at most every ${polls.interval} seconds.`);
    try {
      await handler(ctx);
    } catch (error) {
      if (error instanceof errors.AuthorizationPending) polls.record(deviceCode);
      throw error;
    }
  };
}
