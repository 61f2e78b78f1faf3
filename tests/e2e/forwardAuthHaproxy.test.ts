// An app without OpenID Connect behind Debian's HAProxy 2.6, configured only from the snippet and Lua
// script the console shows (the listen port, the script's path and the app's address filled in), in real
// Chromium with a passkey: sign-in through Gatehouse and back, identity headers, sign-out, the 403 page,
// and scripts, which get a 401 challenge and never a redirect.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium, addPasskeyThroughLink } from '../support/chromium.ts';
import { pasteHaproxySnippet } from '../support/haproxyPaste.ts';
import { proxyAvailable, type RunningProxy, startReverseProxy } from '../support/reverseProxy.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

const HOST = 'sonarr-haproxy.localhost';

interface Echo {
  url: string;
  headers: IncomingHttpHeaders;
}

describe.skipIf(!chromiumAvailable() || !proxyAvailable('haproxy'))('an app behind HAProxy, protected by Gatehouse', () => {
  let server: TestServer;
  let upstream: Server;
  let proxy: RunningProxy;
  let browser: Browser;
  let dir: string;
  let appOrigin: string;
  /** What reached the app, newest last. */
  const seen: Echo[] = [];

  beforeAll(async () => {
    server = await startTestServer({ options: { trustProxy: ['127.0.0.1', '::1'] } });
    server.provision({
      groups: [{ name: 'media' }],
      users: [
        { username: 'pat', displayName: 'Pat Müller', email: 'pat@home.example', groups: ['media'] },
        { username: 'sam', email: 'sam@home.example' },
        { username: 'kim', groups: ['media'] },
      ],
    });
    await server.gatehouse.runAdmin('protectedApps.create', {
      id: 'sonarr',
      name: 'Sonarr',
      hosts: [HOST],
      allowedGroups: ['media'],
      bypassPaths: ['/ping'],
    });
    upstream = createServer((req, res) => {
      const echo = { url: req.url ?? '', headers: req.headers };
      seen.push(echo);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
    });
    const upstreamPort = await freePort();
    await new Promise<void>((resolve) => upstream.listen(upstreamPort, '127.0.0.1', resolve));

    const snippets = (await server.gatehouse.runAdmin('protectedApps.snippets', { id: 'sonarr' })) as { haproxy: string; haproxyLua: string };
    dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-haproxy-e2e-'));
    const port = await freePort();
    const config = pasteHaproxySnippet({ config: snippets.haproxy, lua: snippets.haproxyLua }, { dir, port, upstream: `127.0.0.1:${upstreamPort}` });
    proxy = await startReverseProxy('haproxy', null, config, port);
    appOrigin = `http://${HOST}:${port}`;
    browser = await launchChromium();
  });

  /** Browsers, each with a passkey of its person (signed out again), made before the tests that use them. */
  const people: Record<string, { context: BrowserContext; page: Page }> = {};
  beforeAll(async () => {
    for (const username of ['pat', 'sam', 'kim']) people[username] = await personWithPasskey(username);
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await new Promise((resolve) => upstream?.close(resolve));
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A browser with a passkey for `username`, signed out again (only the passkey stays). */
  async function personWithPasskey(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    // A step that hangs fails naming its locator, well before the test's own timeout.
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await addVirtualAuthenticator(context, page);
    await addPasskeyThroughLink(page, server.gatehouse.issueLoginLink(username).url);
    await context.clearCookies();
    return { context, page };
  }

  /** A request as a script sends it: to the proxy's port, the app's name in the Host header, no browser headers. */
  const script = (pathAndQuery: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; rawHeaders: string[]; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: proxy.port, path: pathAndQuery, headers: { host: HOST, accept: 'application/json', ...headers } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, rawHeaders: res.rawHeaders, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  const headerValues = (rawHeaders: string[], name: string) => rawHeaders.filter((_value, i) => i % 2 === 1 && rawHeaders[i - 1]!.toLowerCase() === name);

  it('signs a member in with a passkey and hands the app who it is, never what the client claimed', async () => {
    const { context, page } = people.pat!;
    // Sent with every request of this browser: the proxy must replace it with Gatehouse's answer.
    await context.setExtraHTTPHeaders({ 'Remote-User': 'admin', Remote_User: 'admin' });
    await page.goto(`${appOrigin}/calendar?view=week`);
    await page.waitForURL(`${server.issuer}/forward-auth/start?**`);
    await page.getByTestId('forward-auth-signin').getByTestId('account-signin').click();
    await page.waitForURL(`${appOrigin}/calendar?view=week`);
    const echo = JSON.parse(await page.locator('body').innerText()) as Echo;
    expect(echo.url).toBe('/calendar?view=week');
    expect(echo.headers['remote-user']).toBe('pat');
    expect(echo.headers.remote_user).toBeUndefined();
    expect(echo.headers['remote-email']).toBe('pat@home.example');
    // UTF-8 bytes on the wire: decode them as the app would.
    expect(Buffer.from(echo.headers['remote-name'] as string, 'latin1').toString('utf8')).toBe('Pat Müller');
    expect(echo.headers['remote-groups']).toBe('media');
  });

  it("ends the app's session when the member signs out at Gatehouse", async () => {
    const { page } = people.pat!;
    await page.goto(`${server.issuer}/account`);
    await page.getByTestId('signout').click();
    await page.waitForURL(`${server.issuer}/signed-out`);
    await page.goto(`${appOrigin}/calendar`);
    await page.getByTestId('forward-auth-signin').waitFor();
    expect(page.url().startsWith(`${server.issuer}/forward-auth/start?`)).toBe(true);
  });

  it('shows a person outside the allowed groups the 403 page, and the app sees nothing', async () => {
    const before = seen.length;
    const { page } = people.sam!;
    await page.goto(`${appOrigin}/series`);
    await page.getByTestId('forward-auth-signin').getByTestId('account-signin').click();
    expect(await page.getByTestId('forward-auth-person').innerText()).toContain('sam');
    expect(await page.getByTestId('forward-auth-groups').innerText()).toContain('media');
    expect(seen.length).toBe(before);
  });

  it('answers the next request of a member taken out of the group with the 403 page, on the app address', async () => {
    const { page } = people.kim!;
    await page.goto(`${appOrigin}/series`);
    await page.getByTestId('forward-auth-signin').getByTestId('account-signin').click();
    await page.waitForURL(`${appOrigin}/series`);
    // The browser's own follow-ups (its favicon) reach the app too: let them land before counting.
    await page.waitForLoadState('networkidle');
    const { users } = (await server.gatehouse.runAdmin('users.list', { query: 'kim' })) as { users: { id: string }[] };
    await server.gatehouse.runAdmin('users.update', { id: users[0]!.id, groups: [] });
    const before = seen.length;
    // Gatehouse's page, relayed by the Lua action with its status and headers.
    const answer = await page.reload();
    expect(answer?.status()).toBe(403);
    expect(page.url()).toBe(`${appOrigin}/series`);
    expect(answer?.headers()['content-security-policy']).toBeTruthy();
    expect(await page.getByTestId('forward-auth-groups').innerText()).toContain('media');
    expect(seen.length).toBe(before);
  });

  it('answers a script 401 with the Bearer and Basic challenges, never a redirect', async () => {
    const before = seen.length;
    const answer = await script('/api/v3/series', { 'remote-user': 'pat' });
    expect(answer.status).toBe(401);
    expect(headerValues(answer.rawHeaders, 'location')).toEqual([]);
    expect(headerValues(answer.rawHeaders, 'www-authenticate')).toEqual(['Basic realm="Sonarr", charset="UTF-8", Bearer realm="Sonarr"']);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'not_signed_in' });
    expect(seen.length).toBe(before);
  });

  it('lets a bypass path through unchecked but without identity headers, and checks it when written unusually', async () => {
    const ping = await script('/ping', { 'remote-user': 'pat' });
    expect(ping.status).toBe(200);
    const echo = JSON.parse(ping.body) as Echo;
    expect(echo.url).toBe('/ping');
    expect(echo.headers['remote-user']).toBeUndefined();
    // The app would read this as /calendar: it must go through the check like /calendar itself.
    for (const sneaky of ['/ping/../calendar', '/ping/%2e%2e/calendar', '/ping//../calendar']) {
      expect((await script(sneaky)).status, sneaky).toBe(401);
    }
  });
});
