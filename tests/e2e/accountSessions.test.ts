// A person's own profile and sessions in real Chromium: they change their names (and their username once
// the owner allows it); signed in in two browsers, the account page lists both with this one marked, and
// ending the other from here signs that browser out; taking back an app's access stops its refresh token
// (checked with openid-client, as an app would); and the owner's page for the person lists and ends sessions.
// Set GATEHOUSE_SCREENSHOTS=<directory> to also save screenshots of the pages.
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPasskeyThroughLink, addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

const SCREENSHOTS = process.env.GATEHOUSE_SCREENSHOTS;
const SECRET = 'e2e-sessions-secret-0123456789abcdefg';

describe.skipIf(!chromiumAvailable())('a person’s profile and sessions in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let redirectUri: string;
  /** Stands in for the app at its redirect URI: the code is redeemed by the test, as the app's back end would. */
  let appServer: Server;
  let photos: oidc.Configuration;
  /** The owner's console, opened once (there is one first run). */
  let owner: Awaited<ReturnType<typeof openConsoleAsNewOwner>>;

  const screenshot = async (page: Page, name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  /** A browser of its own whose authenticator holds the given passkeys (the person's, synced to it), or none. */
  const newBrowser = async (passkeysFrom?: Awaited<ReturnType<typeof addVirtualAuthenticator>>) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const authenticator = await addVirtualAuthenticator(context, page);
    for (const credential of (await passkeysFrom?.credentials()) ?? []) await authenticator.addCredential(credential);
    return { context, page, authenticator };
  };

  /** A person the console made, with a passkey added through their sign-in link in a new browser. */
  const newPerson = async (username: string) => {
    await server.gatehouse.runAdmin('users.create', { username });
    const device = await newBrowser();
    await addPasskeyThroughLink(device.page, server.gatehouse.issueLoginLink(username).url);
    return device;
  };

  /** Signs in to Photos in the page (passkey, consent) and redeems the code as the app does. */
  const signInToPhotos = async (page: Page) => {
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(photos, {
      redirect_uri: redirectUri,
      scope: 'openid profile offline_access',
      prompt: 'consent',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    await page.goto(url.href);
    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('consent-allow').click();
    await page.waitForURL(`${redirectUri}?**`);
    return oidc.authorizationCodeGrant(photos, new URL(page.url()), { pkceCodeVerifier: verifier });
  };

  beforeAll(async () => {
    server = await startTestServer();
    const appPort = await freePort();
    redirectUri = `http://localhost:${appPort}/cb`;
    appServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('signed in'));
    await new Promise<void>((resolve) => appServer.listen(appPort, '127.0.0.1', resolve));
    server.provision({ clients: [{ id: 'photos', name: 'Photos', redirectUris: [redirectUri], secretFile: server.secretFile('photos', SECRET) }] });
    photos = await oidc.discovery(new URL(server.issuer), 'photos', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
    browser = await launchChromium();
    owner = await openConsoleAsNewOwner(server, browser);
  });

  /** The owner ticks or clears "People may change their username" in the console's settings. */
  const allowUsernameChange = async (allowed: boolean) => {
    await owner.page.goto(`${server.issuer}/admin/settings`, { waitUntil: 'networkidle' });
    await owner.page.getByTestId('settings-allow-username-change').setChecked(allowed);
    await owner.page.getByTestId('settings-save').click();
    await owner.page.getByText('Saved.', { exact: true }).waitFor();
  };

  afterAll(async () => {
    await owner?.context.close();
    await browser?.close();
    await new Promise((resolve) => appServer?.close(resolve));
    await server?.close();
  });

  it('changes the names, and the username only once the owner allows it', async () => {
    const { context, page } = await newPerson('rosa');
    await page.goto(`${server.issuer}/account`);
    await page.getByTestId('profile-edit').click();
    expect(await page.getByTestId('profile-username').count()).toBe(0);
    await page.getByTestId('profile-display-name').fill('Rosa M.');
    await page.getByTestId('profile-given-name').fill('Rosa');
    await page.getByTestId('profile-family-name').fill('Marquez');
    await screenshot(page, 'account-profile-edit');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-saved').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Rosa M.' }).waitFor();
    expect(await page.getByTestId('profile').innerText()).toMatch(/Given name\s+Rosa\s+Family name\s+Marquez/);

    // A name that is too long is refused beside its field, and nothing changes.
    await page.getByTestId('profile-edit').click();
    // Past the field's own limit, as a script or an old browser might send.
    await page.getByTestId('profile-given-name').evaluate((input) => input.removeAttribute('maxlength'));
    await page.getByTestId('profile-given-name').fill('R'.repeat(101));
    await page.getByTestId('profile-save').click();
    await page.getByText('must be at most 100 characters').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await allowUsernameChange(true);
    await page.reload();
    await page.getByTestId('profile-edit').click();
    await page.getByTestId('profile-username').fill('rosa.m');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-saved').waitFor();
    expect(await page.getByTestId('profile').innerText()).toMatch(/Username\s+rosa\.m/);
    await allowUsernameChange(false);
    await page.reload();
    await page.getByTestId('profile-edit').click();
    expect(await page.getByTestId('profile-username').count()).toBe(0);
    await context.close();
  });

  it('lists two browsers, this one marked, and ending the other signs it out', async () => {
    const laptop = await newPerson('sam');
    const phone = await newBrowser(laptop.authenticator);
    await phone.page.goto(`${server.issuer}/account`);
    await phone.page.getByTestId('account-signin').click();
    await phone.page.getByTestId('profile').waitFor();

    await laptop.page.goto(`${server.issuer}/account`);
    const sessions = laptop.page.getByTestId('browser-session');
    await sessions.nth(1).waitFor();
    expect(await sessions.count()).toBe(2);
    const current = sessions.filter({ has: laptop.page.getByTestId('browser-session-current') });
    expect(await current.count()).toBe(1);
    expect(await current.innerText()).toMatch(/Chrome on Linux[\s\S]*this browser/);
    expect(await current.getByTestId('browser-session-end').count()).toBe(0);
    await screenshot(laptop.page, 'account-sessions');

    const other = sessions.filter({ hasNot: laptop.page.getByTestId('browser-session-current') });
    await other.getByTestId('browser-session-end').click();
    await laptop.page.getByTestId('browser-session-end-confirm').click();
    await expect.poll(() => sessions.count()).toBe(1);

    await phone.page.goto(`${server.issuer}/account`);
    await phone.page.getByTestId('account-signin').waitFor();
    await laptop.context.close();
    await phone.context.close();
  });

  it('taking back an app’s access stops its refresh token', async () => {
    const { context, page } = await newPerson('tess');
    const tokens = await signInToPhotos(page);
    // It works until then; each refresh rotates it, so the app holds the new one.
    const held = (await oidc.refreshTokenGrant(photos, tokens.refresh_token!)).refresh_token!;
    await page.goto(`${server.issuer}/account`);
    const app = page.getByTestId('my-app').filter({ hasText: 'Photos' });
    expect(await app.getByTestId('my-app-scopes').innerText()).toBe('Allowed: offline_access, openid, profile');
    await app.getByTestId('my-app-revoke').click();
    // The confirm panel stands in the revoke button's place, so the button being gone says nothing: wait for the answer.
    const revoked = page.waitForResponse((response) => response.request().method() === 'DELETE' && response.url().includes('/api/account/apps/'));
    await page.getByTestId('my-app-revoke-confirm').click();
    expect((await revoked).status()).toBe(204);
    await expect(oidc.refreshTokenGrant(photos, held)).rejects.toMatchObject({ error: 'invalid_grant' });
    await context.close();
  });

  it('the owner’s page for a person lists their sessions and apps, and ends a session', async () => {
    const person = await newPerson('uma');
    await signInToPhotos(person.page);
    const userId = ((await server.gatehouse.runAdmin('users.list', { query: 'uma' })) as { users: Array<{ id: string }> }).users[0]!.id;
    await owner.page.goto(`${server.issuer}/admin/users/${userId}`);
    const sessions = owner.page.getByTestId('user-sessions').getByTestId('browser-session');
    await sessions.first().waitFor();
    expect(await sessions.count()).toBe(1);
    expect(await owner.page.getByTestId('user-authorized-app').innerText()).toMatch(/Photos[\s\S]*Allowed: offline_access, openid, profile/);
    await screenshot(owner.page, 'admin-user-sessions');
    await sessions.first().getByTestId('browser-session-end').click();
    await owner.page.getByTestId('browser-session-end-confirm').click();
    await owner.page.getByTestId('user-sessions').getByText('Not signed in to Gatehouse in any browser.').waitFor();

    await person.page.goto(`${server.issuer}/account`);
    await person.page.getByTestId('account-signin').waitFor();
    await person.context.close();
  });
});
