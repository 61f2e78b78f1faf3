// The path a new owner takes, in real Chromium with a virtual passkey authenticator: the setup link,
// the first passkey, then signing in to an app (a real openid-client relying party) with it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { startRelyingParty, type RelyingParty } from '../support/relyingParty.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

const SECRET = 'e2e-secret-0123456789abcdefghijklmn';

describe.skipIf(!chromiumAvailable())('first run in a real browser', () => {
  let server: TestServer;
  let rp: RelyingParty;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    const rpPort = await freePort();
    server.provision({
      groups: [{ name: 'family' }],
      users: [{ username: 'pat' }, { username: 'quinn' }],
      clients: [
        {
          id: 'photos',
          name: 'Photos',
          redirectUris: [`http://localhost:${rpPort}/cb`],
          secretFile: server.secretFile('photos', SECRET),
        },
      ],
    });
    rp = await startRelyingParty(server.issuer, { id: 'photos', secret: SECRET, port: rpPort });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rp?.close();
    await server?.close();
  });

  it('setup link -> passkey -> an app sign-in -> tokens at the app', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const authenticator = await addVirtualAuthenticator(context, page);

    await page.goto(server.gatehouse.issueSetupLink().url);
    await page.getByTestId('setup-username').fill('owner');
    await page.getByTestId('setup-displayname').fill('The Owner');
    await page.getByTestId('setup-email').fill('owner@home.example');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('passkey-name').fill('Laptop');
    await page.getByTestId('passkey-create').click();
    await page.getByTestId('passkey-created').waitFor();
    expect(await authenticator.credentials()).toHaveLength(1);
    // The first admin goes on to the console; their account page sends them there to change their profile.
    expect(await page.getByTestId('passkey-done').innerText()).toBe('Open the admin console');
    await page.getByTestId('passkey-done').click();
    await page.getByTestId('admin-nav-overview').waitFor();
    await page.goto(`${server.issuer}/account`);
    expect(await page.getByTestId('profile-note').innerText()).toMatch(/admin console/);
    expect(await page.getByTestId('profile-note').innerText()).not.toMatch(/ask an admin/);

    server.provision({ users: [{ username: 'owner', email: 'owner@home.example', displayName: 'The Owner', admin: true, groups: ['family'] }] });

    // A fresh browser profile with the same authenticator's passkey: sign in from the app.
    await context.clearCookies();
    await page.goto(`${rp.origin}/login`);
    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('consent-allow').click();
    await page.waitForURL(`${rp.origin}/cb?**`);
    const result = JSON.parse(await page.locator('body').innerText()) as { idToken: Record<string, unknown>; userinfo: Record<string, unknown> };
    expect(result.idToken).toMatchObject({
      preferred_username: 'owner',
      email: 'owner@home.example',
      email_verified: true,
      groups: ['family'],
      name: 'The Owner',
    });
    expect(result.userinfo).toMatchObject({ email_verified: true, groups: ['family'] });
    expect(Array.isArray(result.idToken.groups)).toBe(true);
    await context.close();
  });

  it('the account page adds (after a passkey check), lists, renames and removes passkeys', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const phoneDevice = await addVirtualAuthenticator(context, page);
    await page.goto(server.gatehouse.issueLoginLink('pat').url);
    await page.getByTestId('link-continue').click();
    await page.getByTestId('passkey-name').fill('Phone');
    await page.getByTestId('passkey-create').click();
    await page.getByTestId('passkey-created').waitFor();
    // The link added the first passkey; a second one takes a sign-in with the first, which the page asks
    // for. This device already holds pat's passkey, which the page says; another device then adds one.
    await page.goto(`${server.issuer}/account`);
    await page.getByTestId('passkey-name').fill('Laptop');
    await page.getByTestId('passkey-create').click();
    await page.getByRole('alert').filter({ hasText: 'already registered on this device' }).waitFor();
    await phoneDevice.remove();
    await addVirtualAuthenticator(context, page);
    await page.getByTestId('passkey-create').click();
    await page.getByTestId('passkey-created').waitFor();
    await expect.poll(() => page.getByTestId('passkey-item').count()).toBe(2);
    const phone = page.getByTestId('passkey-item').filter({ hasText: 'Phone' });
    await phone.getByTestId('passkey-rename').click();
    await phone.getByTestId('passkey-rename-input').fill('Work phone');
    await phone.getByTestId('passkey-rename-save').click();
    await expect.poll(() => page.getByTestId('account-passkeys').innerText()).toContain('Work phone');
    const laptop = page.getByTestId('passkey-item').filter({ hasText: 'Laptop' });
    await laptop.getByTestId('passkey-delete').click();
    await laptop.getByTestId('passkey-delete-confirm').click();
    await expect.poll(() => page.getByTestId('passkey-item').count()).toBe(1);
    await expect.poll(() => page.getByTestId('account-passkeys').innerText()).not.toContain('Laptop');
    // The page says what just happened: the deletion, no longer the creation before it.
    expect(await page.getByTestId('passkey-deleted').innerText()).toMatch(/Passkey deleted.*“Laptop” no longer signs you in/s);
    expect(await page.getByTestId('passkey-created').count()).toBe(0);

    // Signing out everywhere says the same, true thing before and after: apps' tokens end, their own sessions do not.
    await page.getByTestId('sign-out-everywhere').click();
    const revoked = /tokens .*no longer work.*own session/s;
    expect(await page.getByTestId('sign-out-everywhere-question').innerText()).toMatch(revoked);
    await page.getByTestId('sign-out-everywhere-confirm').click();
    await page.getByTestId('signed-out').waitFor();
    expect(await page.getByTestId('signed-out').innerText()).toMatch(revoked);
    expect(await page.getByTestId('signed-out').innerText()).not.toMatch(/keep their own sessions; sign out of them separately/);
    await context.close();
  });

  it('a passkey prompt without user verification does not sign anyone in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const authenticator = await addVirtualAuthenticator(context, page);
    await page.goto(server.gatehouse.issueLoginLink('quinn').url);
    await page.getByTestId('link-continue').click();
    await page.getByTestId('passkey-create').click();
    await page.getByTestId('passkey-created').waitFor();
    await context.clearCookies();
    await authenticator.setUserVerified(false);
    await page.goto(`${rp.origin}/login`);
    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('error').waitFor();
    expect(page.url()).toMatch(/\/interaction\//);
    await context.close();
  });
});
