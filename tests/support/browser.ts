// A headless stand-in for a browser: fetch with a cookie jar (paths and expiry respected) and manual
// redirects, sending an Origin header on writes like a real browser does; `*.localhost` names reach loopback.
import { isLoopbackName, loopbackFetch } from './loopbackFetch.ts';
interface Cookie {
  name: string;
  value: string;
  path: string;
  host: string;
}

export class Browser {
  readonly #cookies = new Map<string, Cookie>();
  readonly #userAgent: string | undefined;

  /** `userAgent`: the User-Agent header every request sends, as a real browser's would. */
  constructor({ userAgent }: { userAgent?: string } = {}) {
    this.#userAgent = userAgent;
  }

  cookieNames(): string[] {
    return [...this.#cookies.values()].map((c) => c.name);
  }

  /** The value of a cookie this browser holds, whatever its path. */
  cookie(name: string): string | undefined {
    return [...this.#cookies.values()].find((c) => c.name === name)?.value;
  }

  /** Sets a cookie by hand, as someone editing their browser's cookies would. */
  setCookie(url: string, name: string, value: string, path = '/'): void {
    const { host } = new URL(url);
    this.#cookies.set(`${host}|${path}|${name}`, { name, value, path, host });
  }

  /** Forgets every cookie of that name. */
  deleteCookie(name: string): void {
    for (const [key, cookie] of this.#cookies) if (cookie.name === name) this.#cookies.delete(key);
  }

  #cookieHeader(url: URL): string {
    return [...this.#cookies.values()]
      .filter((c) => c.host === url.host && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  #store(url: URL, response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      let path = '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key, val = ''] = attribute.split('=');
        if (key!.toLowerCase() === 'path') path = val;
        if (key!.toLowerCase() === 'expires' && new Date(val).getTime() <= Date.now()) expired = true;
        if (key!.toLowerCase() === 'max-age' && Number(val) <= 0) expired = true;
      }
      const key = `${url.host}|${path}|${name}`;
      if (expired || value === '') this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path, host: url.host });
    }
  }

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    if (this.#userAgent && !headers.has('user-agent')) headers.set('user-agent', this.#userAgent);
    const cookie = this.#cookieHeader(target);
    if (cookie) headers.set('cookie', cookie);
    if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', target.origin);
    const response = isLoopbackName(target) ? await loopbackFetch(target, { ...init, headers }) : await fetch(target, { ...init, headers, redirect: 'manual' });
    this.#store(target, response);
    return response;
  }

  async json<T = Record<string, unknown>>(
    url: string | URL,
    body?: unknown,
    method = body === undefined ? 'GET' : 'POST',
  ): Promise<{ status: number; body: T }> {
    const response = await this.request(url, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** Follows redirects from `url` until one leaves `origin` (returned, not fetched) or a page answers. */
  async follow(url: string, origin: string): Promise<{ url: string; response?: Response }> {
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      if (new URL(current).origin !== origin) return { url: current };
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).href;
        continue;
      }
      return { url: current, response };
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
