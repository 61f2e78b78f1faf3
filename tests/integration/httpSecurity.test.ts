// Headers and cookies: what every response carries, and cookies that follow the issuer's scheme; and
// clients that hang up or speak broken HTTP, which are no fault of the server's.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { Browser } from '../support/browser.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

let http: TestServer;
let https: TestServer;

beforeAll(async () => {
  http = await startTestServer();
  const port = await freePort();
  // Served over plain HTTP here, as behind a TLS-terminating proxy; the https issuer decides cookie flags.
  https = await startTestServer({ port, options: { issuer: `https://localhost:${port}`, trustProxy: ['127.0.0.1'] } });
  for (const server of [http, https]) server.provision({ users: [{ username: 'alice' }] });
});

afterAll(async () => {
  await http?.close();
  await https?.close();
});

describe('security headers', () => {
  it.each(['/', '/account', '/.well-known/openid-configuration', '/api/session', '/healthz'])('are on %s', async (path) => {
    const response = await fetch(`${http.issuer}${path}`);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  // An app that signs in through a popup needs the popup's window.opener at its callback: every page the
  // popup passes through goes without Cross-Origin-Opener-Policy; the console and the account keep it.
  it.each([
    ['/admin', 'same-origin'],
    ['/admin/users', 'same-origin'],
    ['/account', 'same-origin'],
    ['/api/session', 'same-origin'],
    ['/link/abc', 'same-origin'],
    ['/', 'same-origin'],
    ['/auth?client_id=nobody', null],
    ['/interaction/abc', null],
    ['/session/end', null],
  ])('set Cross-Origin-Opener-Policy on %s to %s', async (path, policy) => {
    expect((await fetch(`${http.issuer}${path}`)).headers.get('cross-origin-opener-policy')).toBe(policy);
  });

  it('lets a server-rendered page style itself through a one-time nonce, and nothing else', async () => {
    const page = await fetch(`${http.issuer}/auth?client_id=nobody`);
    const html = await page.text();
    const nonce = /<style nonce="([^"]+)">/.exec(html)![1]!;
    expect(page.headers.get('content-security-policy')).toContain(`style-src 'self' 'nonce-${nonce}'`);
    const again = await fetch(`${http.issuer}/auth?client_id=nobody`);
    expect(again.headers.get('content-security-policy')).not.toContain(nonce);
    expect((await fetch(`${http.issuer}/healthz`)).headers.get('content-security-policy')).toMatch(/style-src 'self'$/);
  });

  it('adds HSTS for an https issuer, and never caches API answers', async () => {
    expect((await fetch(`${https.issuer.replace('https:', 'http:')}/healthz`)).headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await fetch(`${http.issuer}/api/session`)).headers.get('cache-control')).toBe('no-store');
  });

  it('answers bad input to the API with a code and a sentence, never a stack trace', async () => {
    const cases: Array<[string, RequestInit, number, string]> = [
      ['/api/links/redeem', { method: 'POST', body: 'not json', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
      ['/api/links/redeem', { method: 'POST', body: '[1]', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
      [
        '/api/links/redeem',
        { method: 'POST', body: 'token=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        415,
        'unsupported_media_type',
      ],
      [
        '/api/links/redeem',
        { method: 'POST', body: JSON.stringify({ token: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } },
        413,
        'body_too_large',
      ],
      ['/api/links/redeem', { method: 'POST', body: '{"token":42}', headers: { 'content-type': 'application/json' } }, 400, 'link_invalid'],
      ['/interaction/nope/details', {}, 410, 'interaction_expired'],
      ['/interaction/nope/passkey/options', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }, 410, 'interaction_expired'],
      ['/api/account/passkeys/x', { method: 'DELETE' }, 401, 'not_signed_in'],
      ['/api/missing', {}, 404, 'not_found'],
    ];
    for (const [path, init, status, error] of cases) {
      const response = await fetch(`${http.issuer}${path}`, init);
      const body = (await response.json()) as { error: string; message: string };
      expect([path, response.status, body.error], JSON.stringify(body)).toEqual([path, status, error]);
      expect(body.message).toMatch(/^[A-Z].*\.$/);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('answers bad OAuth requests with OAuth errors, not server errors', async () => {
    const token = await fetch(`${http.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=x',
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: 'invalid_request' });
    const auth = await fetch(`${http.issuer}/auth?client_id=x`);
    expect(auth.status).toBe(400);
  });
});

describe('cookies', () => {
  const cookiesOf = async (server: TestServer) => {
    const browser = new Browser();
    const link = server.gatehouse.issueLoginLink('alice');
    const base = server.issuer.replace('https:', 'http:');
    const response = await browser.request(`${base}/api/links/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.issuer },
      body: JSON.stringify({ token: link.url.split('/').pop() }),
    });
    expect(response.status).toBe(200);
    return response.headers.getSetCookie();
  };

  it('are HttpOnly and SameSite=Lax on an http issuer', async () => {
    const [cookie] = await cookiesOf(http);
    expect(cookie).toMatch(/^gatehouse_session=/);
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=lax/i);
    expect(cookie).not.toMatch(/secure/i);
  });

  it('are also Secure and __Host- prefixed on an https issuer', async () => {
    const [cookie] = await cookiesOf(https);
    expect(cookie).toMatch(/^__Host-gatehouse_session=/);
    expect(cookie).toMatch(/; secure/i);
    expect(cookie).toMatch(/; path=\//i);
    expect(cookie).not.toMatch(/domain=/i);
  });
});

describe('clients that hang up or speak broken HTTP', () => {
  /** Sends raw bytes, hangs up (or resets) after `hangUpAfterMs` unless the server did, and gives back what came back. */
  const exchange = (port: number, bytes: string, hangUpAfterMs = 150, how: 'close' | 'reset' = 'close') =>
    new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk;
      });
      socket.on('error', () => {});
      const timer = setTimeout(() => (how === 'reset' ? socket.resetAndDestroy() : socket.destroy()), hangUpAfterMs);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(received);
      });
    });

  it("are a client's doing: logged at debug without a stack, nothing on stderr, and the server serves on", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const stderr: string[] = [];
    const writes = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    const consoleErrors = vi.spyOn(console, 'error').mockImplementation((...args) => void stderr.push(args.join(' ')));
    const server = await startTestServer({ logger });
    try {
      const port = Number(new URL(server.issuer).port);
      const head = (path: string, type: string, extra = 'Content-Length: 1000') =>
        `POST ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: ${type}\r\n${extra}\r\n\r\n`;
      // Hangs up mid-body: on Gatehouse's API, and on the provider's token endpoint.
      expect(await exchange(port, `${head('/api/links/redeem', 'application/json')}{"token":"abc`)).toBe('');
      expect(await exchange(port, `${head('/token', 'application/x-www-form-urlencoded')}grant_type=client_credentials&`)).toBe('');
      expect(await exchange(port, `${head('/api/links/redeem', 'application/json')}{"token":"abc`, 150, 'reset')).toBe('');
      expect(await exchange(port, `${head('/token', 'application/x-www-form-urlencoded')}grant_type=client_credentials&`, 150, 'reset')).toBe('');
      // A broken body (a chunk size that is not hex) and a request line that is not HTTP.
      expect(await exchange(port, `${head('/api/links/redeem', 'application/json', 'Transfer-Encoding: chunked')}zz\r\n{}\r\n`, 1000)).toMatch(
        /^HTTP\/1\.1 400 Bad Request\r\n/,
      );
      expect(await exchange(port, 'GARBAGE / NOT-HTTP\r\n\r\n', 1000)).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect((await fetch(`${server.issuer}/healthz`)).status).toBe(200);
      expect({ loud: lines.filter((line) => line.level !== 'debug' && line.level !== 'info'), stderr: stderr.join('') }).toEqual({ loud: [], stderr: '' });
      expect(JSON.stringify(lines)).not.toMatch(/stack|\\n\s+at /);
      expect(lines.filter((line) => line.event === 'http.client_error').length, JSON.stringify(lines)).toBeGreaterThanOrEqual(5);
    } finally {
      writes.mockRestore();
      consoleErrors.mockRestore();
      await server.close();
    }
  });
});
