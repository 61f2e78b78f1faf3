// The dashboard at `/` and apps' logos in real Chromium: the owner uploads a logo in the console (and is
// refused a file that is not an image, an SVG with a script, one too large); a person sees exactly the
// apps their groups allow, with those logos, and the logo again on the consent page; someone with no
// apps is told what to do; a visitor is offered the sign-in.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPasskeyThroughLink, addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { authorizationWithPkce, discoverPublicApp } from '../support/publicApp.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const CALLBACK = 'http://localhost:9/cb';

describe.skipIf(!chromiumAvailable())('the dashboard and app logos in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: { context: BrowserContext; page: Page };

  const newPerson = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await addVirtualAuthenticator(context, page);
    return { context, page };
  };

  /** What the dashboard shows: each app's name, where it opens and its logo's address (null: a letter tile). */
  const tiles = (page: Page) =>
    page.getByTestId('dashboard-app').evaluateAll((links) =>
      links.map((link) => ({
        name: link.querySelector('.app-tile-name')?.textContent,
        href: link.getAttribute('href'),
        logo: link.querySelector('img')?.getAttribute('src') ?? null,
      })),
    );

  beforeAll(async () => {
    server = await startTestServer();
    server.provision({
      groups: [{ name: 'family' }, { name: 'kids' }],
      users: [
        { username: 'carol', displayName: 'Carol Example', groups: ['family'] },
        { username: 'dave', displayName: 'Dave Example' },
      ],
      clients: [
        { id: 'notes', name: 'Notes', public: true, redirectUris: [CALLBACK], launchUrl: 'https://notes.home.example/', allowedGroups: ['family'] },
        { id: 'photos', name: 'Photos', public: true, redirectUris: [CALLBACK], launchUrl: 'https://photos.home.example/', allowedGroups: ['family'] },
        { id: 'games', name: 'Games', public: true, redirectUris: [CALLBACK], launchUrl: 'https://games.home.example/', allowedGroups: ['kids'] },
      ],
    });
    await server.gatehouse.runAdmin('protectedApps.create', { id: 'sonarr', name: 'Sonarr', hosts: ['sonarr.home.example'], allowedGroups: ['family'] });
    await server.gatehouse.runAdmin('protectedApps.create', { id: 'toys', name: 'Toys', hosts: ['toys.home.example'], allowedGroups: ['kids'] });
    browser = await launchChromium();
    owner = await openConsoleAsNewOwner(server, browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('offers a visitor the sign-in, under the instance’s name', async () => {
    const visitor = await newPerson();
    await visitor.page.goto(`${server.issuer}/`);
    await visitor.page.getByTestId('account-signin').waitFor();
    expect(await visitor.page.getByRole('heading', { level: 1 }).innerText()).toBe('Gatehouse');
    await visitor.context.close();
  });

  it('uploads a logo in the console, refusing what is not an image, an SVG with a script and a file too large', async () => {
    const { page } = owner;
    await page.goto(`${server.issuer}/admin/clients/notes`, { waitUntil: 'networkidle' });
    const file = page.getByTestId('client-logo-file');
    const refusal = page.getByTestId('field-error-logo');
    const choose = (name: string, mimeType: string, buffer: Buffer | string) => file.setInputFiles({ name, mimeType, buffer: Buffer.from(buffer) });

    await choose('notes.txt', 'text/plain', 'just words');
    await expect.poll(() => refusal.innerText()).toBe('notes.txt is not a PNG, JPEG, WebP or SVG image. Choose a file of one of those types.');
    await choose('huge.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(65 * 1024)]));
    await expect.poll(() => refusal.innerText()).toMatch(/^huge\.png is 66 KB; a logo can be at most 64 KB\./);
    // Checked by content on the server: a page renamed to .png, an SVG that would run a script.
    await choose('page.png', 'image/png', '<html><body>not a picture</body></html>');
    await expect.poll(() => refusal.innerText()).toMatch(/this file says it is PNG but its content is not/);
    await choose('script.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await expect.poll(() => refusal.innerText()).toMatch(/must not contain scripts/);
    expect(await page.getByTestId('client-logo-state').innerText()).toBe('No logo: people see a tile with the app’s first letter.');

    await choose('notes.png', 'image/png', PNG);
    await expect.poll(() => page.getByTestId('client-logo-state').innerText()).toBe('People see this logo beside Notes.');
    expect(await refusal.count()).toBe(0);
    expect(await page.getByTestId('client-logo-preview').locator('img').getAttribute('src')).toMatch(/^\/logos\/[A-Za-z0-9_-]{22,}$/);

    // A client from a template starts with its built-in logo, shown in the console's list.
    await server.gatehouse.runAdmin('clients.create', { template: 'jellyfin', inputs: { appUrl: 'https://tv.home.example' }, allowedGroups: ['kids'] });
    await page.goto(`${server.issuer}/admin/clients`, { waitUntil: 'networkidle' });
    const jellyfin = page.getByTestId('client-row').filter({ hasText: 'Jellyfin' }).locator('img');
    expect(await jellyfin.getAttribute('src')).toMatch(/^\/logos\//);
    expect(await jellyfin.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  });

  it('shows a person exactly the apps their groups allow, with their logos, and the logo again on the consent page', async () => {
    const carol = await newPerson();
    await addPasskeyThroughLink(carol.page, server.gatehouse.issueLoginLink('carol').url);
    await carol.page.goto(`${server.issuer}/`, { waitUntil: 'networkidle' });
    expect(await carol.page.getByRole('heading', { level: 1 }).innerText()).toBe('Hello, Carol Example');
    const notesLogo = ((await server.gatehouse.runAdmin('clients.get', { id: 'notes' })) as { logoUrl: string }).logoUrl;
    expect(await tiles(carol.page)).toEqual([
      { name: 'Notes', href: 'https://notes.home.example/', logo: notesLogo },
      { name: 'Photos', href: 'https://photos.home.example/', logo: null },
      { name: 'Sonarr', href: 'http://sonarr.home.example/', logo: null },
    ]);
    expect(await carol.page.locator('.app-tile img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await carol.page.getByTestId('dashboard-account').getAttribute('href')).toBe('/account');
    expect(await carol.page.getByTestId('dashboard-console').count()).toBe(0);

    const { url } = await authorizationWithPkce(await discoverPublicApp(server.issuer, 'notes'), CALLBACK, 'openid profile');
    await carol.page.goto(url.href);
    // Signing in to the app takes a passkey at its sign-in page first (the link's session reaches only the account).
    const signIn = carol.page.getByTestId('signin-passkey');
    const consent = carol.page.getByTestId('consent-allow');
    await signIn.or(consent).waitFor();
    if (await signIn.isVisible()) await signIn.click();
    await consent.waitFor();
    expect(await carol.page.getByTestId('app-logo').getAttribute('src')).toBe(notesLogo);
    await carol.context.close();
  });

  it('tells someone with no apps yet what they can do, and shows the owner the way to the console', async () => {
    const dave = await newPerson();
    await addPasskeyThroughLink(dave.page, server.gatehouse.issueLoginLink('dave').url);
    await dave.page.goto(`${server.issuer}/`, { waitUntil: 'networkidle' });
    const empty = dave.page.getByTestId('dashboard-empty');
    await empty.waitFor();
    expect(await empty.innerText()).toMatch(/When the owner of Gatehouse lets you use an app, it appears here\. Expected one\? Ask them to give you access\./);
    expect(await empty.getByRole('link').getAttribute('href')).toBe('/account');
    expect(await dave.page.getByTestId('dashboard-app').count()).toBe(0);
    await dave.context.close();

    await owner.page.goto(`${server.issuer}/`, { waitUntil: 'networkidle' });
    await owner.page.getByTestId('dashboard-console').click();
    await owner.page.getByTestId('admin-nav-overview').waitFor();
  });
});
