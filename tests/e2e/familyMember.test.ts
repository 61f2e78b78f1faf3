// Issue 15's acceptance, tried as a new family member would in real Chromium: the owner has two apps made
// from templates (with their built-in logos) for the family and one for another group, and gives the
// person a one-time link in the console. On their laptop they add a passkey with it, see exactly their two
// apps with logos on `/`, set a picture and their name on the account page; signed in on their phone too
// (approved from the laptop), the laptop lists both sessions with this one marked and ends the phone's.
// Set GATEHOUSE_SCREENSHOTS=<directory> to also save the pages at desktop and phone width.
import type { Browser, Locator } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPasskeyThroughLink, addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { DESKTOP, screenshotBothWidths } from '../support/screenshots.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

/** Whether an <img> has loaded, and at what size its file is. */
const loadedWidth = (image: Locator) =>
  image.evaluate((element) => {
    const loaded = element as unknown as { complete: boolean; naturalWidth: number };
    return loaded.complete ? loaded.naturalWidth : 0;
  });

describe.skipIf(!chromiumAvailable())('a family member’s first day with Gatehouse', () => {
  let server: TestServer;
  let browser: Browser;

  /** A device of the person's: its own browser with its own (empty) passkey authenticator. */
  const newDevice = async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await addVirtualAuthenticator(context, page);
    return { context, page };
  };

  beforeAll(async () => {
    server = await startTestServer();
    server.provision({ groups: [{ name: 'family' }, { name: 'grown-ups' }] });
    const fromTemplate = (template: string, appUrl: string, group: string) =>
      server.gatehouse.runAdmin('clients.create', { template, inputs: { appUrl }, allowedGroups: [group] });
    await fromTemplate('immich', 'https://photos.home.example', 'family');
    await fromTemplate('jellyfin', 'https://tv.home.example', 'family');
    await fromTemplate('audiobookshelf', 'https://books.home.example', 'grown-ups');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in with a one-time link, sees their apps, sets a picture and name, and ends the session on another device', async () => {
    // The owner adds Lena to the family in the console and hands her a one-time link.
    const owner = await openConsoleAsNewOwner(server, browser);
    await owner.page.goto(`${server.issuer}/admin/users`);
    await owner.page.getByTestId('user-new').click();
    await owner.page.getByTestId('user-username').fill('lena');
    await owner.page.getByRole('checkbox', { name: 'family' }).check();
    await owner.page.getByTestId('user-save').click();
    await owner.page.getByTestId('user-login-link').click();
    const link = await owner.page.getByTestId('login-link-url').innerText();
    await owner.context.close();

    const laptop = await newDevice();
    await addPasskeyThroughLink(laptop.page, link);
    await laptop.page.goto(`${server.issuer}/`, { waitUntil: 'networkidle' });
    const tiles = laptop.page.getByTestId('dashboard-app');
    await tiles.first().waitFor();
    expect(await tiles.locator('.app-tile-name').allInnerTexts()).toEqual(['Immich', 'Jellyfin']);
    expect(await tiles.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      'https://photos.home.example',
      'https://tv.home.example/sso/OID/start/gatehouse',
    ]);
    // Each with its built-in logo, loaded (not the letter tile that stands in when there is none).
    expect(await tiles.locator('img').count()).toBe(2);
    for (const logo of await tiles.locator('img').all()) {
      expect(await logo.getAttribute('src')).toMatch(/^\/logos\/[A-Za-z0-9_-]{22,}$/);
      await expect.poll(() => loadedWidth(logo)).toBeGreaterThan(0);
    }
    await screenshotBothWidths(laptop.page, 'family-dashboard');

    // Her account: a picture and the name the family knows her by.
    await laptop.page.getByTestId('dashboard-account').click();
    const field = laptop.page.getByTestId('picture-field');
    const picture = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#d0602f' } })
      .png()
      .toBuffer();
    await field.getByTestId('picture-file').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: picture });
    await field.getByTestId('picture-upload').click();
    await field.getByTestId('picture-done').waitFor();
    await laptop.page.getByTestId('profile-edit').click();
    await laptop.page.getByTestId('profile-display-name').fill('Lena Berg');
    await laptop.page.getByTestId('profile-save').click();
    await laptop.page.getByTestId('profile-saved').waitFor();
    await laptop.page.getByRole('heading', { level: 1, name: 'Lena Berg' }).waitFor();
    const avatar = laptop.page.locator('.account-header').getByTestId('avatar-picture');
    await expect.poll(() => loadedWidth(avatar)).toBe(256);
    const pictureUrl = await avatar.getAttribute('src');
    await laptop.page.getByTestId('account-dashboard-link').click();
    await laptop.page.getByRole('heading', { level: 1, name: 'Hello, Lena Berg' }).waitFor();
    expect(await laptop.page.locator('.dashboard-greeting').getByTestId('avatar-picture').getAttribute('src')).toBe(pictureUrl);

    // Her phone has no passkey of hers yet: it shows a code, which she approves on the laptop.
    const phone = await newDevice();
    await phone.page.goto(`${server.issuer}/account`);
    await phone.page.getByTestId('signin-option-other-device').click();
    const code = phone.page.getByTestId('other-device-code');
    await code.waitFor();
    await laptop.page.goto(`${server.issuer}/approve?code=${(await code.innerText()).trim().replace('-', '')}`);
    await laptop.page.getByTestId('approve-confirm').click();
    await laptop.page.getByTestId('approve-outcome').waitFor();
    await phone.page.getByTestId('profile').waitFor();

    await laptop.page.goto(`${server.issuer}/account`, { waitUntil: 'networkidle' });
    const sessions = laptop.page.getByTestId('browser-session');
    await expect.poll(() => sessions.count()).toBe(2);
    const current = sessions.filter({ has: laptop.page.getByTestId('browser-session-current') });
    expect(await current.innerText()).toMatch(/Chrome on Linux[\s\S]*this browser/);
    await screenshotBothWidths(laptop.page, 'family-account');
    await sessions
      .filter({ hasNot: laptop.page.getByTestId('browser-session-current') })
      .getByTestId('browser-session-end')
      .click();
    await laptop.page.getByTestId('browser-session-end-confirm').click();
    await expect.poll(() => sessions.count()).toBe(1);

    await phone.page.reload();
    await phone.page.getByTestId('account-signin').waitFor();
    await laptop.page.reload();
    await laptop.page.getByTestId('profile').waitFor();
    await laptop.context.close();
    await phone.context.close();
  });
});
