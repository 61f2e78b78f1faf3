// Forward-auth checks as a reverse proxy makes them: GET /forward-auth/check with the original request in
// X-Forwarded-* headers and the person's app session cookie, answered 200 with the identity headers.
// The same load runs against the bare baseline server, which answers any path the same way. Sent with
// node:http over kept-alive connections, as a proxy does: fetch costs the driver several times more CPU,
// which on a small machine is taken from the server and shows up as latency of the check.
import { Agent, request } from 'node:http';
import { type LoadLimit, type LoadResult, runLoad } from './loadRunner.ts';

export interface ForwardAuthTarget {
  /** Where the proxy reaches the server (no trailing slash). */
  origin: string;
  /** The Cookie header of a signed-in browser (the baseline ignores it). */
  cookie: string;
  host: string;
}

export function forwardAuthChecks(target: ForwardAuthTarget, workers: number, signal?: AbortSignal): (limit: LoadLimit) => Promise<LoadResult> {
  const url = new URL(`${target.origin}/forward-auth/check`);
  const agent = new Agent({ keepAlive: true, maxSockets: workers });
  let page = 0;
  const check = () =>
    new Promise<void>((resolve, reject) => {
      page += 1;
      const req = request(
        url,
        {
          agent,
          headers: {
            'x-forwarded-method': 'GET',
            'x-forwarded-proto': 'https',
            'x-forwarded-host': target.host,
            'x-forwarded-uri': `/series/${page % 500}?sort=title`,
            'x-forwarded-for': '192.0.2.77',
            accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
            cookie: target.cookie,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200 || !res.headers['remote-user']) reject(new Error(`the check answered ${res.statusCode} without Remote-User`));
            else resolve();
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  return (limit) => runLoad({ workers, limit, ...(signal ? { signal } : {}) }, check);
}
