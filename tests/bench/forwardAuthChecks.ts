// Forward-auth checks as a reverse proxy makes them: GET /forward-auth/check with the original request in
// X-Forwarded-* headers and the person's app session cookie, answered 200 with the identity headers.
// The same load runs against the bare baseline server, which answers any path the same way.
import { type LoadLimit, type LoadResult, runLoad } from './loadRunner.ts';

export interface ForwardAuthTarget {
  /** Where the proxy reaches the server (no trailing slash). */
  origin: string;
  /** The Cookie header of a signed-in browser (the baseline ignores it). */
  cookie: string;
  host: string;
}

export function forwardAuthChecks(target: ForwardAuthTarget, workers: number, signal?: AbortSignal): (limit: LoadLimit) => Promise<LoadResult> {
  const url = `${target.origin}/forward-auth/check`;
  let page = 0;
  const check = async () => {
    page += 1;
    const response = await fetch(url, {
      headers: {
        'x-forwarded-method': 'GET',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': target.host,
        'x-forwarded-uri': `/series/${page % 500}?sort=title`,
        'x-forwarded-for': '192.0.2.77',
        accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
        cookie: target.cookie,
      },
    });
    await response.arrayBuffer();
    if (response.status !== 200 || !response.headers.get('remote-user')) throw new Error(`the check answered ${response.status} without Remote-User`);
  };
  return (limit) => runLoad({ workers, limit, ...(signal ? { signal } : {}) }, check);
}
