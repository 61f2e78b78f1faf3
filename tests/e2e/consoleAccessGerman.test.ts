// The console's pages about people and access in German, in real Chromium: with a German Accept-Language
// the users list, a person's page, the groups and a group's page, the protected apps and an app's page
// and the API keys speak German, and none of them still shows a sentence of the English catalogue.
// Set GATEHOUSE_SCREENSHOTS=<directory> to save the German user page and protected app page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { DESKTOP, screenshotBothWidths } from '../support/screenshots.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { englishPieces, englishShown } from '../support/untranslatedWords.ts';

const GERMAN = 'de-DE,de;q=0.9';

const ENGLISH = englishPieces('consoleAccess', 'de');

describe.skipIf(!chromiumAvailable())('the console’s people and access pages in German', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: { context: BrowserContext; page: Page };

  beforeAll(async () => {
    server = await startTestServer();
    server.provision({
      groups: [{ name: 'family', displayName: 'Familie' }],
      users: [{ username: 'mia', displayName: 'Mia Beispiel', email: 'mia@home.example', groups: ['family'] }],
    });
    await server.gatehouse.runAdmin('protectedApps.create', { id: 'sonarr', name: 'Sonarr', hosts: ['sonarr.localhost'], allowedGroups: ['family'] });
    browser = await launchChromium();
    owner = await openConsoleAsNewOwner(server, browser, { locale: 'de-DE', extraHTTPHeaders: { 'Accept-Language': GERMAN }, viewport: DESKTOP });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * The page's own words (the console's frame is another part's), without the configuration it offers to
   * paste, which stays as the proxy reads it.
   */
  async function words(): Promise<string> {
    const main = owner.page.locator('#admin-main');
    let text = await main.innerText();
    for (const snippet of await main.locator('pre').allInnerTexts()) text = text.replace(snippet, '');
    return text;
  }

  /** The words of the page at `url`, once `ready` shows. */
  async function content(url: string, ready: string): Promise<string> {
    await owner.page.goto(`${server.issuer}${url}`);
    await owner.page.getByTestId(ready).first().waitFor();
    // The page's other parts load on their own: read it once nothing says "Loading" any more.
    await expect.poll(() => owner.page.locator('.loading').count()).toBe(0);
    return words();
  }

  const englishIn = (text: string) => englishShown(text, ENGLISH);

  it('the catalogue gives the check something to look for', () => {
    expect(ENGLISH).toContain('Search by username, name or email');
    expect(ENGLISH.length).toBeGreaterThan(100);
  });

  it('the users list', async () => {
    const text = await content('/admin/users', 'user-row');
    expect(await owner.page.locator('h1').innerText()).toBe('Benutzer');
    expect(text).toContain('Neuer Benutzer');
    expect(text).toContain('Benutzer suchen');
    expect(text).toContain('Benutzername');
    expect(text).toContain('bestätigt');
    expect(englishIn(text)).toEqual([]);
    expect(await owner.page.getByTestId('user-search').getAttribute('placeholder')).toBe('Benutzername, Name oder E-Mail');
  });

  it('a user’s page', async () => {
    const { users } = (await server.gatehouse.runAdmin('users.list', {})) as { users: Array<{ id: string; username: string }> };
    const mia = users.find((user) => user.username === 'mia')!;
    const text = await content(`/admin/users/${mia.id}`, 'user-login-link');
    for (const heading of ['Profil', 'Anmeldelink', 'Passkeys', 'App-Passwörter', 'Konto']) {
      await owner.page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
    }
    expect(text).toContain('mia öffnet den Link, ist damit einmal angemeldet und erstellt einen Passkey.');
    expect(text).toContain('Der Link gilt für');
    expect(text).toContain('7 Tage');
    expect(text).toContain('E-Mail-Adresse ist bestätigt');
    expect(text).toContain('mia hat noch keinen Passkey');
    expect(text).toContain('Überall abmelden');
    expect(text).toContain('Konto löschen');
    expect(englishIn(text)).toEqual([]);
    await screenshotBothWidths(owner.page, 'console-user-german');
  });

  it('the groups list and a group’s page', async () => {
    const list = await content('/admin/groups', 'group-row');
    expect(await owner.page.locator('h1').innerText()).toBe('Gruppen');
    expect(list).toContain('Neue Gruppe');
    expect(list).toContain('Gruppen legen fest, wer welche App verwenden darf');
    expect(englishIn(list)).toEqual([]);

    await owner.page.getByRole('link', { name: 'family', exact: true }).click();
    await owner.page.getByTestId('group-protected-apps').waitFor();
    const text = await words();
    expect(text).toContain('Apps, die diese Gruppe verwenden darf');
    expect(text).toContain('Geschützte Apps für diese Gruppe: Sonarr. Die Gruppen einer geschützten App wählst du auf ihrer Seite.');
    expect(text).toContain('Gruppe löschen');
    expect(englishIn(text)).toEqual([]);
  });

  it('the protected apps list and an app’s page', async () => {
    const list = await content('/admin/protected-apps', 'protected-app-row');
    expect(await owner.page.locator('h1').innerText()).toBe('Geschützte Apps');
    expect(list).toContain('Wer sie verwenden darf');
    expect(list).toContain('so lange wie die Anmeldung bei Gatehouse');
    expect(englishIn(list)).toEqual([]);

    const text = await content('/admin/protected-apps/sonarr', 'proxy-snippet-block');
    expect(text).toContain('Richte deinen Proxy ein');
    expect(text).toContain('Füge die Zeilen in dein Caddyfile');
    expect(text).toContain('Für Forward-Auth muss Gatehouse deinem Proxy vertrauen');
    expect(text).toContain('Identitäts-Header');
    expect(text).toContain('Skripte und Apps');
    expect(text).toContain('App nicht mehr schützen');
    expect(englishIn(text)).toEqual([]);
    await screenshotBothWidths(owner.page, 'console-protected-app-german');

    await owner.page.getByTestId('proxy-choice-traefik').check();
    const traefik = await owner.page.getByTestId('proxy-where').innerText();
    expect(traefik).toContain('für ihren Dienst gatehouse-sonarr');
    expect(englishIn(traefik)).toEqual([]);
  });

  it('the API keys page', async () => {
    const text = await content('/admin/api-keys', 'apikey-create');
    expect(await owner.page.locator('h1').innerText()).toBe('API-Schlüssel');
    expect(text).toContain('Noch keine API-Schlüssel.');
    expect(text).toContain('Läuft ab nach (Tagen)');
    expect(englishIn(text)).toEqual([]);
  });
});
