// Keys seen lately, so something repeated (a refused person reloading, a wrong code tried again) is
// audited once per window instead of once per request. In memory and bounded.

export class RecentKeys {
  readonly #seen = new Map<string, number>();

  /** Whether `key` was not seen within the last `windowMs`; notes it as seen now when so. */
  firstIn(key: string, now: number, windowMs: number): boolean {
    const at = this.#seen.get(key);
    if (at !== undefined && now - at < windowMs) return false;
    if (this.#seen.size >= 10_000) this.#seen.clear();
    this.#seen.set(key, now);
    return true;
  }
}
