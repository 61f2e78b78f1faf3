// Browsers waiting for another device's approval hold a request open instead of polling; this wakes
// them when their request is decided. In memory, and bounded: a request holds at most a couple of
// waits, a client address a few (its /64 for IPv6, as rate limits count it) and the instance a few
// hundred, so waiting browsers cannot tie up the server. A stopping instance wakes every wait, so its
// listener closes without waiting for them.
import { addressKey } from './rateLimits.ts';

interface WaitLimits {
  /** Waits one request may hold at once (a reloaded page or a second tab). */
  perRequest: number;
  /** Waits one client address may hold at once, whatever their requests. */
  perAddress: number;
  /** Waits the instance holds at once. */
  total: number;
}

const WAIT_LIMITS: WaitLimits = { perRequest: 2, perAddress: 4, total: 300 };

export class OtherDeviceWaits {
  readonly #byRequest = new Map<string, Set<() => void>>();
  readonly #byAddress = new Map<string, number>();
  readonly #limits: WaitLimits;
  #held = 0;
  #closed = false;

  constructor(limits: WaitLimits = WAIT_LIMITS) {
    this.#limits = limits;
  }

  /** Waits held now. */
  get held(): number {
    return this.#held;
  }

  /**
   * Holds until the request is woken, `ms` pass, or `signal` aborts (the browser went away). Undefined,
   * at once, when there is no room for another wait or the instance is stopping: the caller answers
   * with the request's current state.
   */
  hold(requestId: string, address: string, ms: number, signal?: AbortSignal): Promise<void> | undefined {
    const key = addressKey(address);
    const ofRequest = this.#byRequest.get(requestId);
    const ofAddress = this.#byAddress.get(key) ?? 0;
    const full = this.#held >= this.#limits.total || (ofRequest?.size ?? 0) >= this.#limits.perRequest || ofAddress >= this.#limits.perAddress;
    if (signal?.aborted || this.#closed || full) return undefined;
    return new Promise((resolve) => {
      const releases = ofRequest ?? new Set<() => void>();
      this.#byRequest.set(requestId, releases);
      this.#byAddress.set(key, ofAddress + 1);
      this.#held++;
      const release = () => {
        if (!releases.delete(release)) return;
        this.#held--;
        if (releases.size === 0 && this.#byRequest.get(requestId) === releases) this.#byRequest.delete(requestId);
        const left = (this.#byAddress.get(key) ?? 1) - 1;
        if (left > 0) this.#byAddress.set(key, left);
        else this.#byAddress.delete(key);
        clearTimeout(timer);
        signal?.removeEventListener('abort', release);
        resolve();
      };
      releases.add(release);
      const timer = setTimeout(release, ms);
      signal?.addEventListener('abort', release, { once: true });
    });
  }

  /** Wakes every wait of a request (it was decided). */
  wake(requestId: string): void {
    for (const release of [...(this.#byRequest.get(requestId) ?? [])]) release();
  }

  /** Wakes every wait and holds no new one, until reopened (the instance is stopping). */
  close(): void {
    this.#closed = true;
    for (const releases of [...this.#byRequest.values()]) for (const release of [...releases]) release();
  }

  /** Holds waits again (the instance started). */
  open(): void {
    this.#closed = false;
  }
}
