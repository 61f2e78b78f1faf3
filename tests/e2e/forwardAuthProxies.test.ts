// Forward-auth through Debian's real Caddy and nginx, each configured from the snippets the console shows
// (protectedApps.snippets) with only this test's ports filled in, in front of an upstream that echoes the
// headers it receives. In real Chromium with a virtual passkey: the sign-in round trip, the identity headers,
// stripped client copies, the group rule's 403 page, an app on an unrelated domain, sign-out at Gatehouse,
// and a foreign return URL; then scripts with a machine token and an app password, and both revoked.
import { createServer, request, type Server } from 'node:http';
import * as oidc from 'openid-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppPassword, deleteAppPassword } from '../../server/db/appPasswords.ts';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium, addPasskeyThroughLink } from '../support/chromium.ts';
import { proxyAvailable, type RunningProxy, startReverseProxy } from '../support/reverseProxy.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

type Kind = 'caddy' | 'nginx';
const KINDS: Kind[] = ['caddy', 'nginx'];
const PERSON = { username: 'zoe', email: 'zoe@home.example', displayName: 'Zoë Adler' };

interface Echo {
  url: string;
  /** Request headers as the app received them (names lower case, values read back as UTF-8). */
  headers: Record<string, string>;
}

/** What the upstream app saw, newest last. */
const seen: Echo[] = [];
let upstream: Server;
let upstreamPort: number;
let server: TestServer;
let browser: Browser | undefined;
/** Zoë's browser, with her passkey in its virtual authenticator. */
let context: BrowserContext;
let page: Page;

const admin = <T = unknown>(op: string, input: unknown) => server.gatehouse.runAdmin(op as never, input as never) as Promise<T>;
const db = () => server.gatehouse.internals.db;

/** The app: answers every request with a page holding the request's URL and headers as JSON. */
function startUpstream(): Promise<Server> {
  const app = createServer((req, res) => {
    const headers: Record<string, string> = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      headers[req.rawHeaders[i]!.toLowerCase()] = Buffer.from(req.rawHeaders[i + 1]!, 'latin1').toString('utf8');
    }
    const echo: Echo = { url: req.url!, headers };
    seen.push(echo);
    const json = JSON.stringify(echo).replaceAll('<', '\\u003c').replaceAll('&', '\\u0026');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Echo</title><pre id="echo">${json}</pre>`);
  });
  return new Promise((resolve) => app.listen(upstreamPort, '127.0.0.1', () => resolve(app)));
}

const echoIn = (html: string): Echo => JSON.parse(/<pre id="echo">(.*)<\/pre>/s.exec(html)![1]!);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A script's request through the proxy: node:http to the loopback port, with the site's name in Host. */
function viaProxy(port: number, host: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `${host}:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Snippets {
  gatehouseUrl: string;
  caddy: string;
  nginx: string;
}

/**
 * The snippet as a person pastes it on this machine: the app's address where it says "your app's address",
 * and the proxy's port on the site address (Caddy, with http:// as there is no certificate) or listen line (nginx).
 */
function fillIn(kind: Kind, snippet: string, proxyPort: number): string {
  const placeholder = 'localhost:8989';
  expect(snippet).toContain(`${placeholder}`);
  let filled = snippet.replaceAll(`${placeholder};`, `127.0.0.1:${upstreamPort};`).replaceAll(`${placeholder} #`, `127.0.0.1:${upstreamPort} #`);
  expect(filled).not.toContain(placeholder);
  const before = filled;
  filled =
    kind === 'caddy'
      ? filled.replace(
          /^([a-z0-9.-]+(?:, [a-z0-9.-]+)*) \{$/m,
          (_, hosts: string) =>
            `${hosts
              .split(', ')
              .map((host) => `http://${host}:${proxyPort}`)
              .join(', ')} {`,
        )
      : filled.replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${proxyPort};`);
  expect(filled).not.toBe(before);
  return filled;
}

beforeAll(async () => {
  upstreamPort = await freePort();
  upstream = await startUpstream();
  server = await startTestServer({ options: { trustProxy: ['127.0.0.1', '::1'] } });
  await admin('groups.create', { name: 'media' });
  await admin('groups.create', { name: 'admins' });
  await admin('users.create', { ...PERSON, groups: ['media'] });
  if (!chromiumAvailable()) return;
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await addVirtualAuthenticator(context, page);
  // Zoë's passkey, added through a sign-in link.
  await addPasskeyThroughLink(page, server.gatehouse.issueLoginLink(PERSON.username).url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe.each(KINDS)('forward-auth through %s', (kind) => {
  const runs = proxyAvailable(kind) && chromiumAvailable();
  const media = `media-${kind}`;
  const adminApp = `admin-${kind}`;
  const files = `files-${kind}`;
  const mediaHost = `media-${kind}.localhost`;
  const adminHost = `admin-${kind}.localhost`;
  const filesHost = `files.other-lab-${kind}.localhost`;
  let proxy: RunningProxy;
  const at = (host: string, path = '/') => `http://${host}:${proxy.port}${path}`;
  const echoOnPage = async (): Promise<Echo> => JSON.parse((await page.locator('#echo').textContent())!);

  beforeAll(async () => {
    if (!runs) return;
    await admin('protectedApps.create', { id: media, name: `Media (${kind})`, hosts: [mediaHost], allowedGroups: ['media'], bypassPaths: ['/health'] });
    await admin('protectedApps.create', { id: adminApp, name: `Router admin (${kind})`, hosts: [adminHost], allowedGroups: ['admins'] });
    await admin('protectedApps.create', { id: files, name: `Files (${kind})`, hosts: [filesHost] });
    const port = await freePort();
    const pasted: string[] = [];
    for (const id of [media, adminApp, files]) {
      const snippets = await admin<Snippets>('protectedApps.snippets', { id });
      // The default: where this instance listens, as the proxy on the same computer reaches it.
      expect(snippets.gatehouseUrl).toBe(`http://127.0.0.1:${new URL(server.issuer).port}`);
      pasted.push(fillIn(kind, snippets[kind], port));
    }
    proxy = await startReverseProxy(kind, null, pasted.join('\n'), port);
    // Each proxy's tests start in a browser signed in nowhere (the passkey stays).
    await context.clearCookies();
  });

  afterAll(async () => {
    await proxy?.close();
  });

  describe.skipIf(!runs)('in Chromium', () => {
    it('sends a page load to Gatehouse and a script to a 401, before any sign-in', async () => {
      const original = '/series/1?season=2';
      const redirect = await viaProxy(proxy.port, mediaHost, original, { accept: 'text/html', 'sec-fetch-mode': 'navigate' });
      expect(redirect.status).toBe(302);
      const location = new URL(String(redirect.headers.location));
      expect(location.origin + location.pathname).toBe(`${server.issuer}/forward-auth/start`);
      expect(location.searchParams.get('rd')).toBe(at(mediaHost, original));
      expect(String(redirect.headers['set-cookie'])).toMatch(new RegExp(`^gatehouse_fa_state_${media}=`));

      const script = await viaProxy(proxy.port, mediaHost, '/api/series', { accept: 'application/json' });
      expect(script.status).toBe(401);
      expect(script.headers.location).toBeUndefined();
      // Both challenges, once each, through every proxy (nginx passes on only one WWW-Authenticate line).
      expect(String(script.headers['www-authenticate']).match(/Bearer realm=/g)).toHaveLength(1);
      expect(String(script.headers['www-authenticate']).match(/Basic realm=/g)).toHaveLength(1);
      expect(seen.some((echo) => echo.headers.host?.startsWith(mediaHost))).toBe(false);
    });

    it('signs in with a passkey at Gatehouse and returns to the page, where the app sees who it is', async () => {
      await page.goto(at(mediaHost, '/series/1?season=2'));
      await page.getByTestId('forward-auth-signin').waitFor();
      expect(page.url().startsWith(`${server.issuer}/forward-auth/start?`)).toBe(true);
      expect(await page.getByTestId('forward-auth-signin').innerText()).toContain(`Sign in to continue to Media (${kind})`);
      await page.getByTestId('account-signin').click();
      await page.waitForURL(at(mediaHost, '/series/1?season=2'));
      const echo = await echoOnPage();
      expect(echo.url).toBe('/series/1?season=2');
      expect(echo.headers).toMatchObject({
        'remote-user': PERSON.username,
        'remote-email': PERSON.email,
        'remote-name': PERSON.displayName,
        'remote-groups': 'media',
      });
      // The app's cookie is the app's own; Gatehouse's session cookie never reaches the app.
      expect(echo.headers.cookie).toMatch(new RegExp(`(^|; )gatehouse_fa_${media}=`));
      expect(echo.headers.cookie).not.toContain('gatehouse_session');
    });

    it('strips identity headers the client sends, on checked paths and on bypass paths', async () => {
      await page.setExtraHTTPHeaders({ 'Remote-User': 'admin', 'Remote-Groups': 'admins', Remote_User: 'admin' });
      try {
        await page.goto(at(mediaHost, '/calendar'));
        const echo = await echoOnPage();
        expect(echo.headers['remote-user']).toBe(PERSON.username);
        expect(echo.headers['remote-groups']).toBe('media');
        expect(echo.headers).not.toHaveProperty('remote_user');
      } finally {
        await page.setExtraHTTPHeaders({});
      }
      // The bypass path is never checked: no sign-in needed, and nothing the client claims gets through.
      const forged = { 'remote-user': 'admin', 'remote-email': 'admin@home.example', remote_user: 'admin', 'remote-groups': 'admins' };
      const health = await viaProxy(proxy.port, mediaHost, '/health/ready', forged);
      expect(health.status).toBe(200);
      const echo = echoIn(health.body);
      expect(echo.url).toBe('/health/ready');
      for (const name of Object.keys(forged)) expect(echo.headers).not.toHaveProperty(name);
      // A path that only starts like the bypass path is checked, and so is one that leaves it by a dot
      // segment, or differs in case (the check compares case, so the proxy must too).
      const before = seen.length;
      for (const path of ['/healthz', '/health/../private', '/health/%2e%2e/private', '/HEALTH/ready']) {
        expect((await viaProxy(proxy.port, mediaHost, path, forged)).status, path).toBe(401);
      }
      expect(seen.length).toBe(before);
    });

    it('signs in to an app on an unrelated domain with the same Gatehouse sign-in, without asking again', async () => {
      await page.goto(at(filesHost, '/shared'));
      await page.waitForURL(at(filesHost, '/shared'));
      const echo = await echoOnPage();
      expect(echo.headers['remote-user']).toBe(PERSON.username);
      // Each app has its own host-only cookie: the media app's session is not sent here.
      expect(echo.headers.cookie).toMatch(new RegExp(`(^|; )gatehouse_fa_${files}=`));
      expect(echo.headers.cookie).not.toContain(`gatehouse_fa_${media}`);
    });

    it('checks the app the proxy serves, not the one a Host header names beside an absolute request line', async () => {
      // Zoë may use Files, not Router admin: her Files session must not open Router admin.
      const session = (await context.cookies(at(filesHost))).find((cookie) => cookie.name === `gatehouse_fa_${files}`);
      expect(session).toBeDefined();
      const before = seen.length;
      const answer = await viaProxy(proxy.port, filesHost, at(adminHost, '/settings'), { cookie: `${session!.name}=${session!.value}` });
      expect(answer.status).not.toBe(200);
      expect(seen.length).toBe(before);
    });

    it('shows the 403 page to someone outside the allowed groups, at sign-in and through the proxy', async () => {
      const refused = await page.goto(at(adminHost, '/'));
      expect(refused!.status()).toBe(403);
      expect(await page.locator('body').innerText()).toMatch(new RegExp(`Router admin \\(${kind}\\)[\\s\\S]*admins`));

      // Let in, then out again: the app's session stays, and the proxy shows Gatehouse's page.
      await admin('users.update', { id: await zoeId(), groups: ['media', 'admins'] });
      try {
        await page.goto(at(adminHost, '/'));
        await page.waitForURL(at(adminHost, '/'));
        expect((await echoOnPage()).headers['remote-groups']).toBe('admins,media');
      } finally {
        await admin('users.update', { id: await zoeId(), groups: ['media'] });
      }
      const before = seen.length;
      const forbidden = await page.goto(at(adminHost, '/settings'));
      expect(forbidden!.status()).toBe(403);
      expect(page.url()).toBe(at(adminHost, '/settings'));
      expect(await page.locator('body').innerText()).toMatch(new RegExp(`${PERSON.username}[\\s\\S]*admins`));
      expect(seen.slice(before).some((echo) => echo.url === '/settings')).toBe(false);
    });

    it('refuses a crafted return URL to a foreign host, never redirecting there', async () => {
      const start = `${server.issuer}/forward-auth/start?rd=${encodeURIComponent('https://evil.example/steal')}&state=${'a'.repeat(43)}`;
      const answer = await page.goto(start);
      expect(answer!.status()).toBe(400);
      expect(page.url()).toBe(start);
      expect(await page.locator('body').innerText()).toContain('evil.example');
    });

    it('lets a machine token and an app password through without a redirect, and not once revoked', async () => {
      const client = `robot-${kind}`;
      const audience = `http://${mediaHost}`;
      const created = await admin<{ secret: string }>('clients.create', {
        template: 'robot',
        id: client,
        name: `Robot ${kind}`,
        machineScopes: ['queue:read'],
        audiences: [audience],
      });
      const robot = await oidc.discovery(new URL(server.issuer), client, created.secret, oidc.ClientSecretBasic(created.secret), {
        execute: [oidc.allowInsecureRequests],
      });
      const { access_token: token } = await oidc.clientCredentialsGrant(robot, { resource: audience });
      const bearer = { authorization: `Bearer ${token}`, accept: 'text/html' };
      const withToken = await viaProxy(proxy.port, mediaHost, '/api/queue', bearer);
      expect(withToken.status).toBe(200);
      expect(echoIn(withToken.body).headers).toMatchObject({ 'remote-user': client, 'remote-name': `Robot ${kind}`, authorization: bearer.authorization });

      const { password, appPassword } = createAppPassword(db(), Date.now, await zoeId(), media, `Phone (${kind})`);
      const basic = { authorization: `Basic ${Buffer.from(`${PERSON.username}:${password}`).toString('base64')}`, accept: 'text/html' };
      const withPassword = await viaProxy(proxy.port, mediaHost, '/api/queue', basic);
      expect(withPassword.status).toBe(200);
      expect(echoIn(withPassword.body).headers).toMatchObject({ 'remote-user': PERSON.username, 'remote-groups': 'media' });
      // The media app received that password: at another app, even one open to the person, it is no password.
      expect((await viaProxy(proxy.port, filesHost, '/', basic)).status).toBe(401);

      await admin('clients.delete', { id: client });
      deleteAppPassword(db(), await zoeId(), appPassword.id);
      const before = seen.length;
      for (const headers of [bearer, basic]) {
        const refused = await viaProxy(proxy.port, mediaHost, '/api/queue', headers);
        expect(refused.status).toBe(401);
        expect(refused.headers.location).toBeUndefined();
      }
      expect(seen.length).toBe(before);
    });

    it('ends access to every app when the person signs out at Gatehouse', async () => {
      await page.goto(`${server.issuer}/account`);
      await page.getByTestId('signout').click();
      await page.waitForURL(`${server.issuer}/signed-out`);
      for (const host of [mediaHost, filesHost]) {
        await page.goto(at(host, '/again'));
        await page.getByTestId('forward-auth-signin').waitFor();
        expect(page.url().startsWith(`${server.issuer}/forward-auth/start?`)).toBe(true);
      }
    });
  });
});

async function zoeId(): Promise<string> {
  return (db().prepare('SELECT id FROM users WHERE username = ?').get(PERSON.username) as { id: string }).id;
}
