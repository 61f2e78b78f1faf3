// The device authorization grant (RFC 8628): a command line asks with openid-client, a person approves
// at /device in real Chromium with a passkey, and the command line receives tokens. Wrong, reused and
// denied codes, the device's real address, the rate limit and the provisioning key around it.
import * as oidc from 'openid-client';
import type { Browser as Chromium, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../server/auth/rateLimits.ts';
import { qrCodeSvg } from '../../server/pages/qrCode.ts';
import { Browser } from '../support/browser.ts';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { authorize, enrol } from '../support/flows.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const WRONG_CODE = 'That code is not right or has expired. Check the code on your device and try again.';
const EXPIRED_FORM = 'This page expired or your browser did not send its cookie. Enter the code again.';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const LOOSE = { burst: 1000, refillSeconds: 1 };

/** A command line's openid-client configuration for a public client. */
function cliConfig(server: TestServer, clientId: string): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(server.issuer), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
}

/** Submits a code on /device from a cookie-jar browser, as a person typing it does. */
async function enterCode(server: TestServer, browser: Browser, userCode: string, extra: Record<string, string> = {}) {
  const entry = await (await browser.request(`${server.issuer}/device`)).text();
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(entry)![1]!;
  return postCode(server, browser, { xsrf, user_code: userCode, ...extra });
}

async function postCode(server: TestServer, browser: Browser, form: Record<string, string>) {
  const response = await browser.request(`${server.issuer}/device`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, html: await response.text() };
}

describe('device sign-in', () => {
  let server: TestServer;
  let cli: oidc.Configuration;
  let patId: string;

  beforeAll(async () => {
    // openid-client polls every second here (interval: 1), so the server asks for no more.
    server = await startTestServer({ rateLimits: { passkey: LOOSE, oneTimeLink: LOOSE, deviceCode: LOOSE }, devicePollInterval: 1 });
    server.provision({
      groups: [{ name: 'admins' }],
      users: [{ username: 'pat' }, { username: 'sam' }],
      clients: [
        { id: 'tv-cli', name: 'Media CLI', public: true, deviceFlow: true },
        { id: 'admin-tv', name: 'Admin TV', public: true, deviceFlow: true, allowedGroups: ['admins'] },
        { id: 'web-only', name: 'Web only', public: true, redirectUris: ['http://localhost:9/cb'] },
      ],
    });
    patId = ((await server.gatehouse.runAdmin('users.list', {})) as { users: { id: string; username: string }[] }).users.find((u) => u.username === 'pat')!.id;
    cli = await cliConfig(server, 'tv-cli');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('lists the device grant and endpoint in discovery', () => {
    const metadata = cli.serverMetadata();
    expect(metadata.device_authorization_endpoint).toBe(`${server.issuer}/device/auth`);
    expect(metadata.grant_types_supported).toContain('urn:ietf:params:oauth:grant-type:device_code');
  });

  it('refuses a client without device sign-in at /device/auth', async () => {
    const other = await cliConfig(server, 'web-only');
    await expect(oidc.initiateDeviceAuthorization(other, { scope: 'openid' })).rejects.toMatchObject({ error: 'unauthorized_client' });
  });

  it('answers a wrong code with a sentence, and the code typed next still works', async () => {
    const person = new Browser();
    const wrong = await enterCode(server, person, 'BBBB-BBBB');
    expect(wrong.status).toBe(200);
    expect(wrong.html).toContain(WRONG_CODE);
    expect(wrong.html).not.toMatch(/NotFoundError|invalid_request|not found/);
    const started = await oidc.initiateDeviceAuthorization(cli, { scope: 'openid' });
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(wrong.html)![1]!;
    const confirm = await postCode(server, person, { xsrf, user_code: started.user_code });
    expect(confirm.html).toContain('data-testid="device-approve"');
  });

  it('shows the address the device connected from, not one it claims in X-Forwarded-For', async () => {
    const response = await fetch(`${server.issuer}/device/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.9', 'user-agent': 'media-cli/2.1' },
      body: new URLSearchParams({ client_id: 'tv-cli', scope: 'openid' }).toString(),
    });
    const { user_code } = (await response.json()) as { user_code: string };
    const confirm = await enterCode(server, new Browser(), user_code);
    expect(confirm.html).toMatch(/data-testid="device-address">127\.0\.0\.1</);
    expect(confirm.html).not.toContain('203.0.113.9');
    // The device picks its own name: the page says so rather than calling it the device.
    expect(confirm.html).toMatch(/<dt>The device calls itself<\/dt><dd data-testid="device-agent"><q>media-cli\/2\.1<\/q></);
    expect(confirm.html).toMatch(/<dt>Asked from address<\/dt><dd data-testid="device-address">/);
    expect(confirm.html).not.toMatch(/<dt>Device<\/dt>/);
    expect(confirm.html).toMatch(/data-testid="device-app">Media CLI</);
  });

  it('tells the polling device access_denied when the person denies', async () => {
    const started = await oidc.initiateDeviceAuthorization(cli, { scope: 'openid' });
    const polled = oidc.pollDeviceAuthorizationGrant(cli, { ...started, interval: 1 }).then(
      () => 'tokens',
      (error: { error?: string }) => error.error,
    );
    const denied = await enterCode(server, new Browser(), started.user_code, { confirm: 'yes', abort: 'yes' });
    expect(denied.html).toContain('The device was not signed in');
    expect(await polled).toBe('access_denied');
  });

  it('answers a form without its session cookie with the entry page and a sentence, never a 500', async () => {
    const entry = await (await new Browser().request(`${server.issuer}/device`)).text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(entry)![1]!;
    // A browser that sent no cookie (blocked, or the session expired), then one posting JSON.
    const noCookie = await postCode(server, new Browser(), { xsrf, user_code: 'BCDF-GHJK' });
    const json = await new Browser().request(`${server.issuer}/device`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    for (const answer of [noCookie, { status: json.status, html: await json.text() }]) {
      expect(answer.status).toBe(400);
      expect(answer.html).toContain(EXPIRED_FORM);
      expect(answer.html).toContain('data-testid="device-code-input"');
    }
    // Its form reloads the entry page with the code typed, in a new session whose form works.
    expect(noCookie.html).toMatch(/<form method="get" action="\/device">/);
    expect(noCookie.html).toContain('value="BCDF-GHJK"');
    const person = new Browser();
    const reloaded = await (await person.request(`${server.issuer}/device?user_code=BCDF-GHJK`)).text();
    expect(reloaded).toContain('value="BCDF-GHJK"');
    const retried = await postCode(server, person, { xsrf: /name="xsrf" value="([^"]+)"/.exec(reloaded)![1]!, user_code: 'BCDF-GHJK' });
    expect(retried).toMatchObject({ status: 200 });
    expect(retried.html).toContain(WRONG_CODE);
  });

  it('answers an unknown /device/ path with the not-found page', async () => {
    for (const path of ['/device/foo', '/device/foo/', '/device/auth/']) {
      const response = await fetch(`${server.issuer}${path}`, { redirect: 'manual' });
      expect([path, response.status, response.headers.get('content-type')]).toEqual([path, 404, 'text/html; charset=utf-8']);
      expect(await response.text()).toContain('There is no page here');
    }
  });

  it('tells the device access_denied at once when someone outside the allowed groups approves', async () => {
    const sam = await enrol(server, 'sam');
    const adminTv = await cliConfig(server, 'admin-tv');
    const started = await oidc.initiateDeviceAuthorization(adminTv, { scope: 'openid' });
    const entry = await (await sam.browser.request(`${server.issuer}/device`)).text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(entry)![1]!;
    const approved = await sam.browser.request(`${server.issuer}/device`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, user_code: started.user_code, confirm: 'yes' }).toString(),
    });
    const outcome = await authorize(server.issuer, sam, new URL(approved.headers.get('location')!, server.issuer).href);
    expect(outcome).toMatchObject({ kind: 'page', prompt: 'access' });
    // One poll, right away: no waiting for the code to expire.
    const polled = await fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'admin-tv', grant_type: DEVICE_CODE_GRANT, device_code: started.device_code }).toString(),
    });
    expect(polled.status).toBe(400);
    expect(await polled.json()).toMatchObject({ error: 'access_denied' });
  });

  it('lists a pending device sign-in for the console, with the QR code of its link', async () => {
    const started = await oidc.initiateDeviceAuthorization(cli, { scope: 'openid' });
    const pending = (await server.gatehouse.runAdmin('clients.pendingDeviceSignIns', { id: 'tv-cli' })) as {
      userCode: string;
      address: string;
      verificationUriComplete: string;
      qrCodeSvg: string;
      expiresAt: number;
    }[];
    const mine = pending.find((p) => p.userCode === started.user_code)!;
    expect(mine).toMatchObject({ address: '127.0.0.1', verificationUriComplete: started.verification_uri_complete });
    expect(mine.qrCodeSvg).toBe(await qrCodeSvg(started.verification_uri_complete!));
    expect(mine.expiresAt).toBeGreaterThan(Date.now());
    expect(mine.expiresAt).toBeLessThanOrEqual(Date.now() + 10 * 60 * 1000);
    // Once the person answered, it is no longer waiting for anyone.
    await enterCode(server, new Browser(), started.user_code, { confirm: 'yes', abort: 'yes' });
    const after = (await server.gatehouse.runAdmin('clients.pendingDeviceSignIns', { id: 'tv-cli' })) as { userCode: string }[];
    expect(after.map((p) => p.userCode)).not.toContain(started.user_code);
  });

  describe.skipIf(!chromiumAvailable())('approved in Chromium', () => {
    let chromium: Chromium;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      chromium = await launchChromium();
      context = await chromium.newContext();
      context.setDefaultTimeout(10_000);
      page = await context.newPage();
      await addVirtualAuthenticator(context, page);
      await page.goto(server.gatehouse.issueLoginLink('pat').url);
      await page.getByTestId('link-continue').click();
      await page.getByTestId('passkey-create').click();
      await page.getByTestId('passkey-created').waitFor();
      await context.clearCookies();
    });

    afterAll(async () => {
      await chromium?.close();
    });

    it('signs the command line in: code pre-filled from the link, approved, passkey, tokens that refresh', async () => {
      const started = await oidc.initiateDeviceAuthorization(cli, { scope: 'openid offline_access' });
      expect(started.expires_in).toBeLessThanOrEqual(600);
      const polled = oidc.pollDeviceAuthorizationGrant(cli, { ...started, interval: 1 });
      polled.catch(() => {});

      await page.goto(started.verification_uri_complete!);
      expect(await page.getByTestId('device-code-input').inputValue()).toBe(started.user_code);
      await page.getByTestId('device-code-submit').click();
      expect(await page.getByTestId('device-user-code').innerText()).toBe(started.user_code);
      expect(await page.getByTestId('device-app').innerText()).toBe('Media CLI');
      expect(await page.getByTestId('device-address').innerText()).toBe('127.0.0.1');
      // The QR code lets someone at a computer continue on their phone: it is the link the device gave.
      const qr = await page.getByTestId('device-qr').getAttribute('src');
      expect(Buffer.from(qr!.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toBe(await qrCodeSvg(started.verification_uri_complete!));

      await page.getByTestId('device-approve').click();
      await page.getByTestId('signin-passkey').click();
      await page.getByTestId('consent-allow').click();
      await page.getByText('Your device is signed in').waitFor();

      const tokens = await polled;
      expect(tokens.claims()?.sub).toBe(patId);
      expect(tokens.claims()?.aud).toBe('tv-cli');
      const refreshed = await oidc.refreshTokenGrant(cli, tokens.refresh_token!);
      expect(refreshed.access_token).toBeTruthy();
      expect(refreshed.access_token).not.toBe(tokens.access_token);

      // Single use: the device code gives tokens once, and the user code cannot be entered again.
      await expect(oidc.pollDeviceAuthorizationGrant(cli, { ...started, interval: 1 })).rejects.toMatchObject({ error: 'invalid_grant' });
      await page.goto(started.verification_uri_complete!);
      await page.getByTestId('device-code-submit').click();
      expect(await page.getByTestId('device-problem').innerText()).toBe(WRONG_CODE);
      expect(await page.getByTestId('device-approve').count()).toBe(0);
    });
  });
});

describe('device sign-in limits', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('tells the device its poll interval, and answers slow_down to a device polling faster', async () => {
    server.provision({ clients: [{ id: 'poller', name: 'Poller', public: true, deviceFlow: true }] });
    const started = (await (
      await fetch(`${server.issuer}/device/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: 'poller', scope: 'openid' }).toString(),
      })
    ).json()) as { device_code: string; interval: number };
    expect(started.interval).toBe(5);
    const poll = async (deviceCode: string) => {
      const response = await fetch(`${server.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: 'poller', grant_type: DEVICE_CODE_GRANT, device_code: deviceCode }).toString(),
      });
      return ((await response.json()) as { error: string }).error;
    };
    expect(await poll(started.device_code)).toBe('authorization_pending');
    expect(await poll(started.device_code)).toBe('slow_down');
    // A made-up code is not remembered: it stays invalid_grant, however fast it comes.
    expect([await poll('made-up'), await poll('made-up')]).toEqual(['invalid_grant', 'invalid_grant']);
  });

  it('slows down an address that keeps entering codes, with the rate-limit sentence', async () => {
    const guesser = new Browser();
    const answers = [];
    for (let i = 0; i <= RATE_LIMITS.deviceCode.burst; i++) answers.push(await enterCode(server, guesser, 'BBBB-BBBB'));
    expect(answers.slice(0, -1).every((a) => a.status === 200 && a.html.includes(WRONG_CODE))).toBe(true);
    expect(answers.at(-1)!.status).toBe(429);
    expect(answers.at(-1)!.html).toMatch(/Too many attempts from your address\. Wait \d+ seconds and try again\./);
  });

  it('creates a device client from the template, and switches the grant with clients.update', async () => {
    const created = (await server.gatehouse.runAdmin('clients.create', { template: 'device', id: 'tv' })) as {
      client: { deviceFlow: boolean; public: boolean; redirectUris: string[] };
      snippets: { text: string }[];
    };
    expect(created.client).toMatchObject({ deviceFlow: true, public: true, redirectUris: [] });
    expect(created.snippets.map((s) => s.text).join('\n')).toContain(`${server.issuer}/device/auth`);
    const tv = await cliConfig(server, 'tv');
    expect((await oidc.initiateDeviceAuthorization(tv, { scope: 'openid' })).verification_uri).toBe(`${server.issuer}/device`);
    await expect(server.gatehouse.runAdmin('clients.update', { id: 'tv', deviceFlow: 'on' })).rejects.toMatchObject({ issues: [{ path: ['deviceFlow'] }] });
    await server.gatehouse.runAdmin('clients.update', { id: 'tv', deviceFlow: false, redirectUris: ['http://localhost/cb'] });
    await expect(oidc.initiateDeviceAuthorization(tv, { scope: 'openid' })).rejects.toMatchObject({ error: 'unauthorized_client' });
  });

  it('applies deviceFlow from the provisioning file, and refuses a value that is not true or false', async () => {
    server.provision({ clients: [{ id: 'cli', name: 'CLI', public: true, deviceFlow: true }] });
    expect(await server.gatehouse.runAdmin('clients.get', { id: 'cli' })).toMatchObject({ deviceFlow: true });
    const cli = await cliConfig(server, 'cli');
    expect((await oidc.initiateDeviceAuthorization(cli, { scope: 'openid' })).user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(() => server.provision({ clients: [{ id: 'cli', name: 'CLI', public: true, deviceFlow: 'yes' }] })).toThrow(/clients\[0\]\.deviceFlow/);
    expect(await server.gatehouse.runAdmin('clients.get', { id: 'cli' })).toMatchObject({ deviceFlow: true });
    server.provision({ clients: [{ id: 'cli', name: 'CLI', public: true, redirectUris: ['http://localhost/cb'] }] });
    await expect(oidc.initiateDeviceAuthorization(cli, { scope: 'openid' })).rejects.toMatchObject({ error: 'unauthorized_client' });
  });
});
