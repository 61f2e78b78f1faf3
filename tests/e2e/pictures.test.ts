// Profile pictures in real Chromium: a person without one sees their initials; a file that is no picture
// is refused with its sentence (by the page, or by the server when only decoding all of it tells); a picture chosen on
// the account page is previewed, uploaded and shown in the header, and removing it brings the initials
// back. An admin sets someone's picture on their page in the console.
// Set GATEHOUSE_SCREENSHOTS=<directory> to also save screenshots of the pages.
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername } from '../../server/db/users.ts';
import { addPasskeyThroughLink, addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const SCREENSHOTS = process.env.GATEHOUSE_SCREENSHOTS;

/** A photo-like PNG: two colours, so a crop shows. */
const picture = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: '#2f7fd0' } })
    .composite([{ input: { create: { width: 320, height: 480, channels: 3, background: '#f0a030' } }, left: 320, top: 0 }])
    .png()
    .toBuffer();

/** Whether an <img> has loaded, and at what size its file is. */
const loadedWidth = (image: Locator) =>
  image.evaluate((element) => {
    const loaded = element as unknown as { complete: boolean; naturalWidth: number };
    return loaded.complete ? loaded.naturalWidth : 0;
  });

describe.skipIf(!chromiumAvailable())('profile pictures in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  const screenshot = async (name: string, on = page) => {
    if (SCREENSHOTS) await on.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };
  const field = () => page.getByTestId('picture-field');
  const header = () => page.locator('.account-header');

  beforeAll(async () => {
    server = await startTestServer();
    server.provision({ users: [{ username: 'mia', displayName: 'Mia Lind' }] });
    browser = await launchChromium();
    const context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await addVirtualAuthenticator(context, page);
    await addPasskeyThroughLink(page, server.gatehouse.issueLoginLink('mia').url);
    await page.goto(`${server.issuer}/account`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows initials while there is no picture', async () => {
    expect(await header().getByTestId('avatar-initials').innerText()).toBe('ML');
    expect(await field().getByTestId('avatar-initials').innerText()).toBe('ML');
    expect(await field().getByTestId('picture-remove').count()).toBe(0);
  });

  it('refuses a file that is no picture with its sentence, before sending it or from the server', async () => {
    const file = field().getByTestId('picture-file');
    await file.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture, just text') });
    await expect.poll(() => field().getByRole('alert').innerText(), { timeout: 10_000 }).toContain('This file is not a picture Gatehouse can use');
    await file.setInputFiles({
      name: 'drawing.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    });
    await expect.poll(() => field().getByRole('alert').innerText(), { timeout: 10_000 }).toContain('SVG drawings cannot be profile pictures');
    expect(await field().getByTestId('picture-upload').count()).toBe(0);

    const unreadable = 'This file could not be read as a picture: it may be damaged or cut off. Try another file.';
    // It starts as a GIF would, but the browser cannot show it either: refused before it is sent.
    await file.setInputFiles({ name: 'broken.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a and then nothing an image has') });
    await expect.poll(() => field().getByRole('alert').innerText(), { timeout: 10_000 }).toBe(unreadable);
    expect(await field().getByTestId('picture-preview').count()).toBe(0);

    // A photo cut off while copying: the browser shows what it has, the server, decoding all of it, refuses it.
    const photo = await sharp(await picture())
      .jpeg()
      .toBuffer();
    await file.setInputFiles({ name: 'cut.jpg', mimeType: 'image/jpeg', buffer: photo.subarray(0, Math.floor(photo.length * 0.8)) });
    await field().getByTestId('picture-upload').click();
    await expect.poll(() => field().getByRole('alert').innerText(), { timeout: 10_000 }).toBe(unreadable);
    await screenshot('picture-refused');
    await field().getByRole('button', { name: 'Cancel' }).click();
  });

  it('previews, uploads and shows a chosen picture; removing it brings the initials back', async () => {
    await field()
      .getByTestId('picture-file')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: await picture() });
    await field().getByTestId('picture-preview').waitFor();
    expect(await field().getByRole('alert').innerText()).toBe('');
    await field().getByTestId('picture-upload').click();
    await field().getByTestId('picture-done').waitFor();
    expect(await field().getByTestId('picture-done').innerText()).toContain('Picture saved.');

    const shown = header().getByTestId('avatar-picture');
    expect(await shown.getAttribute('src')).toMatch(/^\/pictures\/[A-Za-z0-9_-]{22,}$/);
    await expect.poll(() => loadedWidth(shown), { timeout: 10_000 }).toBe(256);
    // Decorative: the name is written beside it.
    expect(await shown.getAttribute('alt')).toBe('');
    await screenshot('picture-account');

    await page.reload();
    await header().getByTestId('avatar-picture').waitFor();
    await expect.poll(() => loadedWidth(header().getByTestId('avatar-picture')), { timeout: 10_000 }).toBe(256);
    await field().getByTestId('picture-remove').click();
    await field().getByTestId('picture-done').waitFor();
    expect(await header().getByTestId('avatar-initials').innerText()).toBe('ML');
    expect(await header().getByTestId('avatar-picture').count()).toBe(0);
    // The keyboard stays in the field, on the file chooser, when the remove button goes.
    await expect.poll(() => page.locator(':focus').getAttribute('data-testid'), { timeout: 10_000 }).toBe('picture-file');
  });

  it('lets an admin set it on the person’s page in the console', async () => {
    const owner = await openConsoleAsNewOwner(server, browser);
    const mia = findUserByUsername(server.gatehouse.internals.db, 'mia')!.id;
    await owner.page.goto(`${server.issuer}/admin/users/${mia}`);
    const panel = owner.page.getByTestId('picture-field');
    await panel.getByTestId('picture-file').setInputFiles({ name: 'mia.png', mimeType: 'image/png', buffer: await picture() });
    await panel.getByTestId('picture-upload').click();
    await panel.getByTestId('picture-done').waitFor();
    // The console shows the stored picture as a data: URL (the desktop window loads nothing from the server).
    const subtitle = owner.page.locator('.page-subtitle').getByTestId('avatar-picture');
    expect(await subtitle.getAttribute('src')).toMatch(/^data:image\/webp;base64,/);
    await expect.poll(() => loadedWidth(subtitle), { timeout: 10_000 }).toBe(256);
    await screenshot('picture-console', owner.page);

    await page.reload();
    await header().getByTestId('avatar-picture').waitFor();
    await expect.poll(() => loadedWidth(header().getByTestId('avatar-picture')), { timeout: 10_000 }).toBe(256);
    await owner.context.close();
  });
});
