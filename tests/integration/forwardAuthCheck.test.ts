// The forward-auth check, called the way Caddy, Traefik, nginx and HAProxy call it: from a trusted proxy
// address, with the original request in X-Forwarded-* headers. A real Gatehouse answers: allow with the
// identity headers, a redirect to sign in for a page load, 401 with challenges for scripts, 403 for the
// wrong person, and every change (sign-out, disabling, groups, audiences, app passwords) counts at once.
import { request } from 'node:http';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../server/db/audit.ts';
import { createAppPassword, deleteAppPassword } from '../../server/db/appPasswords.ts';
import { createBrowserSession, hashId } from '../../server/db/browserSessions.ts';
import { createForwardAuthSession } from '../../server/db/forwardAuthSessions.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;
let zoe: { id: string };
let robot: oidc.Configuration;

const PERSON_NAME = 'Zoë Ærøskøbing 日本';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Every value of a header, in order (repeated headers are not joined). */
  all(name: string): string[];
  /** A header's value read back as UTF-8 (Gatehouse writes UTF-8 bytes). */
  utf8(name: string): string | undefined;
  body: string;
}

interface Call {
  host: string;
  uri?: string;
  method?: string;
  proto?: string;
  /** The client's address as the proxy reports it (X-Forwarded-For); each test uses its own bucket. */
  ip?: string;
  headers?: Record<string, string>;
  path?: string;
  to?: TestServer;
  omit?: string[];
}

/** A proxy's subrequest: node:http, so no header is added behind the test's back (fetch adds Sec-Fetch-Mode). */
function check(call: Call): Promise<Answer> {
  const target = new URL(`${(call.to ?? server).issuer}${call.path ?? '/forward-auth/check'}`);
  const headers: Record<string, string> = {
    'x-forwarded-method': call.method ?? 'GET',
    'x-forwarded-proto': call.proto ?? 'http',
    'x-forwarded-host': call.host,
    'x-forwarded-uri': call.uri ?? '/',
    'x-forwarded-for': call.ip ?? '192.0.2.1',
    ...call.headers,
  };
  for (const name of call.omit ?? []) delete headers[name];
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          all: (name) => pairs(res.rawHeaders, name),
          utf8: (name) => {
            const value = res.headers[name.toLowerCase()];
            return typeof value === 'string' ? Buffer.from(value, 'latin1').toString('utf8') : undefined;
          },
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function pairs(raw: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === name.toLowerCase()) values.push(raw[i + 1]!);
  return values;
}

const PAGE = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', 'sec-fetch-mode': 'navigate' };

/** An app session as the sign-in flow leaves it: a passkey browser session at Gatehouse, and a session at the app inside it. */
function appSession(appId: string, userId = zoe.id): { cookie: string; browserSession: string } {
  const db = server.gatehouse.internals.db;
  const expiresAt = Date.now() + 3600_000;
  const browserSession = createBrowserSession(db, Date.now, { userId, authMethod: 'passkey', expiresAt });
  const value = createForwardAuthSession(db, Date.now, { appId, userId, browserSessionHash: hashId(browserSession), expiresAt });
  return { cookie: `other=1; gatehouse_fa_${appId}=${value}`, browserSession };
}

const admin = <T = unknown>(op: string, input: unknown) => server.gatehouse.runAdmin(op as never, input as never) as Promise<T>;

beforeAll(async () => {
  server = await startTestServer({ options: { trustProxy: ['127.0.0.1', '::1'] } });
  await admin('groups.create', { name: 'media' });
  await admin('groups.create', { name: 'admins' });
  zoe = await admin<{ id: string }>('users.create', { username: 'zoe', email: 'Zoe@home.example', displayName: PERSON_NAME, groups: ['media'] });
  await admin('protectedApps.create', { id: 'sonarr', name: 'Sonarr', hosts: ['sonarr.home.example'], bypassPaths: ['/health'], allowedGroups: ['media'] });
  await admin('protectedApps.create', { id: 'router', name: 'Router "admin"', hosts: ['router.home.example'], allowedGroups: ['admins'] });
  await admin('protectedApps.create', { id: 'files', name: 'Files', hosts: ['files.home.example:8443'] });
  await admin('protectedApps.create', {
    id: 'whoami',
    name: 'Whoami',
    hosts: ['whoami.home.example'],
    identityHeaders: { user: 'X-User', email: null, name: 'X-Name', groups: null },
  });
  const created = await admin<{ secret: string }>('clients.create', {
    template: 'robot',
    id: 'ci',
    name: 'CI robot',
    machineScopes: ['deploy'],
    audiences: ['https://whoami.home.example', 'https://registry.home.example'],
  });
  robot = await oidc.discovery(new URL(server.issuer), 'ci', created.secret, oidc.ClientSecretBasic(created.secret), { execute: [oidc.allowInsecureRequests] });
});

afterAll(async () => {
  await server?.close();
});

describe('who may ask', () => {
  it('refuses a peer the trust-proxy setting does not trust, saying which address to add', async () => {
    const untrusting = await startTestServer();
    try {
      const answer = await check({ to: untrusting, host: 'sonarr.home.example' });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'forward_auth_untrusted_proxy', message: expect.stringContaining('127.0.0.1') });
    } finally {
      await untrusting.close();
    }
  });

  it('answers 400 when the proxy sends no usable host or URI', async () => {
    for (const call of [
      { host: 'sonarr.home.example', omit: ['x-forwarded-host'] },
      { host: 'sonarr.home.example', omit: ['x-forwarded-uri'] },
      { host: 'sonarr.home.example', uri: 'no-slash' },
      { host: 'sonarr.home.example, evil.example' },
    ]) {
      const answer = await check(call);
      expect(answer.status, JSON.stringify(call)).toBe(400);
      expect(JSON.parse(answer.body).error).toBe('forward_auth_headers_missing');
    }
  });

  it('ignores the check URL’s own query (Caddy appends the original one)', async () => {
    const answer = await check({ host: 'sonarr.home.example', uri: '/health', path: '/forward-auth/check?x-forwarded-uri=/admin' });
    expect(answer.status).toBe(200);
  });

  it('denies an unknown host, as JSON or as a page naming the host', async () => {
    const json = await check({ host: 'unknown.home.example' });
    expect(json.status).toBe(403);
    expect(JSON.parse(json.body).error).toBe('forward_auth_unknown_app');
    const page = await check({ host: 'unknown.home.example', headers: PAGE });
    expect(page.status).toBe(403);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('unknown.home.example');
    // A port the app does not name is another app.
    expect((await check({ host: 'files.home.example:9000' })).status).toBe(403);
  });
});

describe('not signed in', () => {
  it('sends a page load to Gatehouse’s sign-in with the original URL and a state cookie', async () => {
    const answer = await check({ host: 'sonarr.home.example', uri: '/series/1?q=a b'.replace(' ', '%20'), headers: PAGE, ip: '192.0.2.10' });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe(`${server.issuer}/forward-auth/start`);
    expect(location.searchParams.get('rd')).toBe('http://sonarr.home.example/series/1?q=a%20b');
    const state = location.searchParams.get('state')!;
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answer.all('set-cookie')).toEqual([`gatehouse_fa_state_sonarr=${state}; Path=/; Max-Age=600; HttpOnly; SameSite=Lax`]);
  });

  it('marks the state cookie Secure when the app is served over https', async () => {
    const answer = await check({ host: 'files.home.example:8443', proto: 'https', uri: '/', headers: PAGE, ip: '192.0.2.11' });
    expect(answer.status).toBe(302);
    expect(new URL(answer.headers.location as string).searchParams.get('rd')).toBe('https://files.home.example:8443/');
    // `__Host-`: only this host can set it, so a sibling subdomain cannot plant a sign-in state.
    expect(answer.all('set-cookie')[0]).toMatch(/^__Host-gatehouse_fa_state_files=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
  });

  it('reads an https app’s session only under its `__Host-` name, which no sibling subdomain can set', async () => {
    const { cookie } = appSession('files');
    const value = cookie.split('gatehouse_fa_files=')[1]!;
    const https = { host: 'files.home.example:8443', proto: 'https' as const };
    expect((await check({ ...https, headers: { cookie: `__Host-gatehouse_fa_files=${value}` } })).status).toBe(200);
    expect((await check({ ...https, headers: { cookie: `gatehouse_fa_files=${value}` } })).status).toBe(401);
  });

  it('gives nginx a 401 carrying the same Location and Set-Cookie (its snippet turns it into the redirect)', async () => {
    const answer = await check({ host: 'sonarr.home.example', uri: '/x', headers: PAGE, ip: '192.0.2.12', path: '/forward-auth/check/nginx' });
    expect(answer.status).toBe(401);
    expect(answer.headers.location).toMatch(`${server.issuer}/forward-auth/start?rd=${encodeURIComponent('http://sonarr.home.example/x')}&state=`);
    expect(answer.all('set-cookie')[0]).toMatch(/^gatehouse_fa_state_sonarr=/);
  });

  it('answers a script 401 with a Bearer and a Basic challenge, and a browser’s fetch without the Basic one', async () => {
    const script = await check({ host: 'router.home.example', headers: { accept: 'application/json' } });
    expect(script.status).toBe(401);
    expect(JSON.parse(script.body).error).toBe('not_signed_in');
    // One line: nginx passes on only the first WWW-Authenticate header of a check.
    expect(script.all('www-authenticate')).toEqual(['Basic realm="Router \\"admin\\"", charset="UTF-8", Bearer realm="Router \\"admin\\""']);
    expect(script.headers['set-cookie']).toBeUndefined();
    const browserFetch = await check({ host: 'router.home.example', headers: { accept: '*/*', 'sec-fetch-mode': 'cors' } });
    expect(browserFetch.status).toBe(401);
    expect(browserFetch.all('www-authenticate')).toEqual(['Bearer realm="Router \\"admin\\""']);
  });

  it('never redirects what is not a page load: a POST, or a GET that does not accept HTML', async () => {
    expect((await check({ host: 'sonarr.home.example', method: 'POST', headers: PAGE })).status).toBe(401);
    expect((await check({ host: 'sonarr.home.example', headers: { accept: 'image/avif,*/*' } })).status).toBe(401);
  });
});

describe('a host shared by apps on path prefixes', () => {
  it('refuses a path not in plain form, which a proxy could route to another app than the check picks', async () => {
    await admin('protectedApps.create', { id: 'lab-sonarr', name: 'Lab Sonarr', hosts: ['lab.home.example'], pathPrefixes: ['/sonarr'] });
    await admin('protectedApps.create', { id: 'lab-home', name: 'Lab home', hosts: ['lab.home.example'] });
    const odd = await check({ host: 'lab.home.example', uri: '/sonarr%2F..%2Fadmin' });
    expect(odd.status).toBe(400);
    expect(JSON.parse(odd.body)).toMatchObject({ error: 'forward_auth_ambiguous_path' });
    expect((await check({ host: 'lab.home.example', uri: '/sonarr/..;/x', path: '/forward-auth/check/nginx' })).status).toBe(403);
    expect((await check({ host: 'lab.home.example', uri: '/sonarr/series' })).status).toBe(401);
  });
});

describe('bypass paths', () => {
  it('let the proxy through with every identity header present and empty', async () => {
    const answer = await check({ host: 'sonarr.home.example', uri: '/health/live?x=1' });
    expect(answer.status).toBe(200);
    for (const name of ['remote-user', 'remote-email', 'remote-name', 'remote-groups']) expect(answer.headers[name]).toBe('');
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it.each(['/health/../admin', '/health/%2e%2e/admin', '/health%2F..%2Fadmin', '/health\\..\\admin', '/health//x', '/h%65alth'])(
    'never skip the check for %s',
    async (uri) => {
      expect((await check({ host: 'sonarr.home.example', uri })).status).toBe(401);
    },
  );
});

describe('signed in with an app session', () => {
  it('allows with the identity headers, a non-ASCII name intact', async () => {
    const { cookie } = appSession('sonarr');
    const answer = await check({ host: 'sonarr.home.example', uri: '/series', headers: { ...PAGE, cookie } });
    expect(answer.status).toBe(200);
    expect(answer.headers['remote-user']).toBe('zoe');
    expect(answer.headers['remote-email']).toBe('Zoe@home.example');
    expect(answer.utf8('remote-name')).toBe(PERSON_NAME);
    expect(answer.headers['remote-groups']).toBe('media');
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('passes a signed-in person with an Authorization of the app’s own, never taking it for an app password', async () => {
    const { cookie } = appSession('sonarr');
    const own = `Basic ${Buffer.from('zoe:the-apps-own-password').toString('base64')}`;
    expect((await check({ host: 'sonarr.home.example', headers: { cookie, authorization: own } })).status).toBe(200);
    expect((await check({ host: 'sonarr.home.example', headers: { authorization: own }, ip: '192.0.2.77' })).status).toBe(401);
  });

  it('sends only the configured headers, under their configured names', async () => {
    const { cookie } = appSession('whoami');
    const answer = await check({ host: 'whoami.home.example', headers: { cookie } });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-user']).toBe('zoe');
    expect(answer.utf8('x-name')).toBe(PERSON_NAME);
    expect(answer.headers['remote-user']).toBeUndefined();
  });

  it('refuses a person outside the allowed groups: 403 JSON, or a page saying who may use the app', async () => {
    const { cookie } = appSession('router');
    const json = await check({ host: 'router.home.example', headers: { cookie } });
    expect(json.status).toBe(403);
    expect(JSON.parse(json.body)).toMatchObject({ error: 'forward_auth_forbidden', message: expect.stringContaining('admins') });
    const page = await check({ host: 'router.home.example', uri: '/status', headers: { ...PAGE, cookie } });
    expect(page.status).toBe(403);
    expect(page.body).toContain('admins');
    expect(page.body).toContain('zoe');
    // "Sign in as someone else" starts a sign-in, bound by a fresh state cookie like the redirect's.
    const state = /gatehouse_fa_state_router=([A-Za-z0-9_-]+);/.exec(page.all('set-cookie')[0] ?? '')?.[1];
    expect(state).toBeDefined();
    expect(page.body).toContain(`state=${state}`);
    expect(page.body).toContain(encodeURIComponent('http://router.home.example/status'));
  });

  it('audits a refusal once per person and app, not at every page load', async () => {
    const db = server.gatehouse.internals.db;
    const refusalsOf = () => listAuditEvents(db, { event: 'forward_auth.refused' }).filter((e) => e.userId === zoe.id && e.details.app === 'router');
    const before = refusalsOf().length;
    const { cookie } = appSession('router');
    for (let i = 0; i < 3; i++) expect((await check({ host: 'router.home.example', headers: { cookie } })).status).toBe(403);
    expect(refusalsOf().length - before).toBeLessThanOrEqual(1);
    expect(refusalsOf().length).toBeGreaterThan(0);
  });

  it('refuses the cookie of one app at another, even under the other app’s name', async () => {
    const { cookie } = appSession('sonarr');
    const value = cookie.split('gatehouse_fa_sonarr=')[1]!;
    expect((await check({ host: 'whoami.home.example', headers: { cookie } })).status).toBe(401);
    expect((await check({ host: 'whoami.home.example', headers: { cookie: `gatehouse_fa_whoami=${value}` } })).status).toBe(401);
    expect((await check({ host: 'sonarr.home.example', headers: { cookie } })).status).toBe(200);
  });

  it('takes a sign-out at Gatehouse into account at the very next check', async () => {
    const { cookie } = appSession('sonarr');
    expect((await check({ host: 'sonarr.home.example', headers: { cookie } })).status).toBe(200);
    await admin('users.signOutEverywhere', { id: zoe.id });
    expect((await check({ host: 'sonarr.home.example', headers: { cookie } })).status).toBe(401);
  });

  it('takes a group change and a disabled account into account at the very next check', async () => {
    const { cookie } = appSession('sonarr');
    expect((await check({ host: 'sonarr.home.example', headers: { cookie } })).status).toBe(200);
    await admin('users.update', { id: zoe.id, groups: [] });
    expect((await check({ host: 'sonarr.home.example', headers: { cookie } })).status).toBe(403);
    await admin('users.update', { id: zoe.id, groups: ['media'] });
    expect((await check({ host: 'sonarr.home.example', headers: { cookie } })).status).toBe(200);
    await admin('users.setDisabled', { id: zoe.id, disabled: true });
    try {
      expect((await check({ host: 'sonarr.home.example', headers: { cookie } })).status).toBe(401);
    } finally {
      await admin('users.setDisabled', { id: zoe.id, disabled: false });
    }
  });

  it('is never rate-limited, however many pages a signed-in person loads', async () => {
    const { cookie } = appSession('sonarr');
    const ip = '198.51.100.7';
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) statuses.add((await check({ host: 'sonarr.home.example', uri: `/p/${i}`, headers: { ...PAGE, cookie }, ip })).status);
    expect([...statuses]).toEqual([200]);
  });
});

describe('rate limits', () => {
  it('limit sign-in redirects per address: a 429 page (403 for nginx) once the burst is spent', async () => {
    const ip = '203.0.113.50';
    for (let i = 0; i < 30; i++) expect((await check({ host: 'sonarr.home.example', headers: PAGE, ip })).status).toBe(302);
    const limited = await check({ host: 'sonarr.home.example', headers: PAGE, ip });
    expect(limited.status).toBe(429);
    expect(limited.body).toContain('Too many attempts');
    expect((await check({ host: 'sonarr.home.example', headers: PAGE, ip, path: '/forward-auth/check/nginx' })).status).toBe(403);
    // Another address has its own bucket, and the signed-in from this one are not limited.
    expect((await check({ host: 'sonarr.home.example', headers: PAGE, ip: '203.0.113.51' })).status).toBe(302);
    const { cookie } = appSession('sonarr');
    expect((await check({ host: 'sonarr.home.example', headers: { ...PAGE, cookie }, ip })).status).toBe(200);
  });
});

describe('Bearer tokens of machine clients', () => {
  const bearer = async () => (await oidc.clientCredentialsGrant(robot, { scope: 'deploy', resource: 'https://whoami.home.example' })).access_token;

  it('are accepted for an app whose host is the token’s audience, the client as the identity', async () => {
    const answer = await check({ host: 'whoami.home.example', proto: 'https', headers: { authorization: `Bearer ${await bearer()}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-user']).toBe('ci');
    expect(answer.headers['x-name']).toBe('CI robot');
  });

  it('are refused at another app, and when forged, with invalid_token and an audit event', async () => {
    const token = await bearer();
    const elsewhere = await check({ host: 'sonarr.home.example', headers: { authorization: `Bearer ${token}` }, ip: '192.0.2.30' });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.all('www-authenticate')[0]).toMatch(/^Basic realm="Sonarr", charset="UTF-8", Bearer realm="Sonarr", error="invalid_token"$/);
    const forged = await check({ host: 'whoami.home.example', headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA`, ...PAGE }, ip: '192.0.2.30' });
    // A bad credential is never answered with a redirect.
    expect(forged.status).toBe(401);
    const failures = listAuditEvents(server.gatehouse.internals.db, { event: 'forward_auth.credential_failed' }).filter((e) => e.ip === '192.0.2.30');
    expect(failures.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        { app: 'sonarr', kind: 'bearer', reason: 'wrong_audience' },
        { app: 'whoami', kind: 'bearer', reason: 'invalid_token' },
      ]),
    );
    expect(JSON.stringify(failures)).not.toContain(token.slice(0, 20));
  });

  it('stop working as soon as the owner removes the audience', async () => {
    const token = await bearer();
    expect((await check({ host: 'whoami.home.example', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await admin('clients.update', { id: 'ci', audiences: ['https://registry.home.example'] });
    try {
      expect((await check({ host: 'whoami.home.example', headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    } finally {
      await admin('clients.update', { id: 'ci', audiences: ['https://whoami.home.example', 'https://registry.home.example'] });
    }
  });
});

describe('app passwords (HTTP Basic)', () => {
  const basic = (login: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}` });

  it('are accepted with the username or the email, and stop working when revoked', async () => {
    const db = server.gatehouse.internals.db;
    const { password, appPassword } = createAppPassword(db, Date.now, zoe.id, 'sonarr', 'sync script');
    const ok = await check({ host: 'sonarr.home.example', headers: basic('zoe', password) });
    expect(ok.status).toBe(200);
    expect(ok.headers['remote-user']).toBe('zoe');
    expect(ok.headers['remote-groups']).toBe('media');
    expect((await check({ host: 'sonarr.home.example', headers: basic('ZOE@home.example', password) })).status).toBe(200);
    // The app's group rule holds for app passwords too (say zoe was in its group when she made this one).
    const forRouter = createAppPassword(db, Date.now, zoe.id, 'router', 'router script');
    expect((await check({ host: 'router.home.example', headers: basic('zoe', forRouter.password) })).status).toBe(403);
    deleteAppPassword(db, zoe.id, appPassword.id);
    const revoked = await check({ host: 'sonarr.home.example', headers: basic('zoe', password), ip: '192.0.2.40' });
    expect(revoked.status).toBe(401);
    expect(revoked.all('www-authenticate')[0]).toContain('Basic realm=');
  });

  it('open only the app they are for: another app, which may be one the person uses, answers as to a wrong password', async () => {
    const db = server.gatehouse.internals.db;
    // Sonarr receives the Authorization header, so its password must open nothing else.
    const { password } = createAppPassword(db, Date.now, zoe.id, 'sonarr', 'sonarr on the phone');
    expect((await check({ host: 'sonarr.home.example', headers: basic('zoe', password), ip: '192.0.2.43' })).status).toBe(200);
    const atFiles = await check({ host: 'files.home.example:8443', headers: basic('zoe', password), ip: '192.0.2.43' });
    const wrong = await check({ host: 'files.home.example:8443', headers: basic('zoe', 'ghp_wrong'), ip: '192.0.2.44' });
    expect(atFiles.status).toBe(401);
    expect(atFiles.body).toBe(wrong.body);
    expect(atFiles.all('www-authenticate')).toEqual(wrong.all('www-authenticate'));
    expect(atFiles.headers['remote-user']).toBeUndefined();
    expect((await check({ host: 'whoami.home.example', headers: basic('zoe', password), ip: '192.0.2.43' })).status).toBe(401);
    const failures = listAuditEvents(db, { event: 'forward_auth.credential_failed' }).filter((e) => e.ip === '192.0.2.43');
    expect(failures.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        { app: 'files', kind: 'app_password', reason: 'wrong_password' },
        { app: 'whoami', kind: 'app_password', reason: 'wrong_password' },
      ]),
    );
  });

  it('refuse every attempt from an address after ten wrong ones, even a right one', async () => {
    const { password } = createAppPassword(server.gatehouse.internals.db, Date.now, zoe.id, 'sonarr', 'guessed');
    const ip = '192.0.2.41';
    for (let i = 0; i < 10; i++) expect((await check({ host: 'sonarr.home.example', headers: basic('zoe', `ghp_wrong${i}`), ip })).status).toBe(401);
    expect((await check({ host: 'sonarr.home.example', headers: basic('zoe', password), ip })).status).toBe(429);
    expect((await check({ host: 'sonarr.home.example', headers: basic('zoe', password), ip: '192.0.2.42' })).status).toBe(200);
    const audited = listAuditEvents(server.gatehouse.internals.db, { event: 'forward_auth.credential_failed' }).filter((e) => e.ip === ip);
    expect(audited).toHaveLength(10);
  });
});
