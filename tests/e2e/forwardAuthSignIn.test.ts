// The forward-auth sign-in page in real Chromium with a virtual passkey: a browser the check sent to
// Gatehouse signs in on the page and lands back on the app with the app's own session cookie. The app
// host is a `*.localhost` name on Gatehouse's own port (Chromium sends those to loopback): the callback
// is Gatehouse's either way, as the proxy routes /.gatehouse/* there. The proxies' own e2e tests walk
// the same flow through Caddy, nginx and HAProxy.
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findForwardAuthSession } from '../../server/db/forwardAuthSessions.ts';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium, addPasskeyThroughLink } from '../support/chromium.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

describe.skipIf(!chromiumAvailable())('signing in to an app behind forward-auth', () => {
  let server: TestServer;
  let browser: Browser;
  let port: number;

  beforeAll(async () => {
    server = await startTestServer();
    port = Number(new URL(server.issuer).port);
    server.provision({
      groups: [{ name: 'readers' }],
      users: [{ username: 'pat', groups: ['readers'] }],
      protectedApps: [{ id: 'wiki', name: 'Family Wiki', hosts: ['wiki.localhost'], allowedGroups: ['readers'] }],
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows “Sign in to continue to <app>”, takes the passkey and returns to the app with its cookie', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const authenticator = await addVirtualAuthenticator(context, page);
    await addPasskeyThroughLink(page, server.gatehouse.issueLoginLink('pat').url);
    expect(await authenticator.credentials()).toHaveLength(1);
    await context.clearCookies();

    // What the check's redirect leaves behind: the state cookie on the app's host, and the start URL.
    const rd = `http://wiki.localhost:${port}/?page=${encodeURIComponent('Family recipes')}`;
    const state = randomBytes(32).toString('base64url');
    await context.addCookies([{ name: 'gatehouse_fa_state_wiki', value: state, url: `http://wiki.localhost:${port}/`, httpOnly: true, sameSite: 'Lax' }]);
    await page.goto(`${server.issuer}/forward-auth/start?${new URLSearchParams({ rd, state })}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in to continue to Family Wiki');
    expect(await page.title()).toBe('Sign in to Family Wiki · Gatehouse');

    await page.getByTestId('account-signin').click();
    await page.waitForURL(rd);
    const cookies = await context.cookies(rd);
    const session = cookies.find((cookie) => cookie.name === 'gatehouse_fa_wiki');
    expect(session).toMatchObject({ domain: 'wiki.localhost', path: '/', httpOnly: true, sameSite: 'Lax', secure: false });
    expect(cookies.map((cookie) => cookie.name)).not.toContain('gatehouse_fa_state_wiki');
    expect(findForwardAuthSession(server.gatehouse.internals.db, session!.value)).toMatchObject({ appId: 'wiki' });
    // The Gatehouse cookie stays on Gatehouse's host: the app's host never sees it.
    expect(cookies.map((cookie) => cookie.name)).not.toContain('gatehouse_session');
    await context.close();
  });

  it('tells someone on a foreign return URL that the app is unknown, without sending them anywhere', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${server.issuer}/forward-auth/start?${new URLSearchParams({ rd: 'https://evil.example/', state: 'a'.repeat(43) })}`);
    expect(response?.status()).toBe(400);
    expect(new URL(page.url()).origin).toBe(server.issuer);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Gatehouse does not know this app');
    await context.close();
  });
});
