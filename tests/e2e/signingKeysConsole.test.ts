// The console's signing keys page in real Chromium: the keys with their states, a rotation after the
// publish lead (the page then says one is under way), the emergency choice's warning, and the schedule.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { screenshotBothWidths } from '../support/screenshots.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

describe.skipIf(!chromiumAvailable())('the signing keys page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    ({ page } = await openConsoleAsNewOwner(server, browser));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the keys and rotates them after the publish lead', async () => {
    await page.getByTestId('admin-nav-signing-keys').click();
    await page.getByRole('heading', { level: 1, name: 'Signing keys' }).waitFor();
    const rows = page.getByTestId('signing-key-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allInnerTexts()).toEqual([expect.stringMatching(/RS256.*signing/s), expect.stringMatching(/ES256.*signing/s)]);

    await page.getByTestId('rotate-now').check();
    await page.getByTestId('rotate-now-warning').waitFor();
    await screenshotBothWidths(page, 'admin-signing-keys-rotate-now');
    await page.getByTestId('rotate-after-lead').check();
    expect(await page.getByTestId('rotate-now-warning').count()).toBe(0);
    await page.getByTestId('rotate-keys').click();
    await page.getByTestId('rotation-under-way').waitFor();
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.nth(2).innerText()).toMatch(/RS256.*upcoming/s);
    expect(await page.getByRole('status').first().innerText()).toMatch(/New keys are published; they sign from/);
    // Under way, only an emergency rotation is offered, behind its own choice and warning.
    expect(await page.getByTestId('rotate-keys').count()).toBe(0);
    await page.getByTestId('rotate-now').check();
    await page.getByTestId('rotate-now-warning').waitFor();
    expect(await page.getByTestId('rotate-keys').innerText()).toBe('Rotate keys now');
    await page.getByTestId('rotate-now').uncheck();
  });

  it('answers a sign-out with an ID token no published key verifies (a retired key signed it) with a page that says so', async () => {
    server.provision({
      clients: [
        { id: 'app', name: 'App', redirectUris: ['http://localhost:8080/cb'], secretFile: server.secretFile('app', 'app-secret-0123456789abcdefghij') },
      ],
    });
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const idToken = `${part({ alg: 'RS256', kid: 'retired-key' })}.${part({ iss: server.issuer, aud: 'app', sub: 'someone', iat: 1 })}.c2ln`;
    const signOut = await browser.newPage();
    const response = await signOut.goto(`${server.issuer}/session/end?id_token_hint=${idToken}`);
    expect(response?.status()).toBe(400);
    await signOut.getByRole('heading', { level: 1, name: 'Sign-out could not continue' }).waitFor();
    await screenshotBothWidths(signOut, 'sign-out-retired-key');
    await signOut.getByTestId('sign-out-anyway').click();
    // This browser holds no Gatehouse session, so the sign-out is done at once.
    await signOut.getByRole('heading', { level: 1, name: 'You are signed out' }).waitFor();
    await signOut.close();
  });

  it('saves a schedule, refusing one too short beside its field', async () => {
    await page.getByTestId('schedule-on').check();
    await page.getByTestId('schedule-days').fill('7');
    await page.getByTestId('schedule-save').click();
    await expect.poll(() => page.getByTestId('field-error-everyDays').innerText()).toMatch(/at least 30 days/);
    await page.getByTestId('schedule-days').fill('90');
    await page.getByTestId('schedule-save').click();
    await page.getByTestId('schedule-next').waitFor();
    expect(await page.getByTestId('schedule-next').innerText()).toMatch(/^Next rotation: /);
    await screenshotBothWidths(page, 'admin-signing-keys');
  });
});
