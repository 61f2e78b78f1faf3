// The console's frame and its own pages in German, in real Chromium: with a German Accept-Language the
// overview (its notice included), the audit log (its sentences and dates), the signing keys and the
// settings speak German and show no sentence of the English catalogue; the language picker then turns
// the console French. Set GATEHOUSE_SCREENSHOTS=<directory> to save the German overview and settings.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { DESKTOP, screenshotBothWidths } from '../support/screenshots.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { englishPieces, englishShown } from '../support/untranslatedWords.ts';

const GERMAN = 'de-DE,de;q=0.9';
const ENGLISH = englishPieces('console', 'de');

describe.skipIf(!chromiumAvailable())('the console’s frame and own pages in German, then French', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: { context: BrowserContext; page: Page };

  beforeAll(async () => {
    // No key from the environment: the first start creates the key file and the overview says so.
    server = await startTestServer({ options: { encryptionKey: undefined } });
    browser = await launchChromium();
    owner = await openConsoleAsNewOwner(server, browser, { locale: 'de-DE', extraHTTPHeaders: { 'Accept-Language': GERMAN }, viewport: DESKTOP });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The words of the page at `url` (the frame included: it is this part's too), once `ready` shows. */
  async function content(url: string, ready: string): Promise<string> {
    await owner.page.goto(`${server.issuer}${url}`);
    await owner.page.getByTestId(ready).first().waitFor();
    // The page's other parts load on their own: read it once nothing says "Loading" any more.
    await expect.poll(() => owner.page.locator('.loading').count()).toBe(0);
    return owner.page.locator('body').innerText();
  }

  const englishIn = (text: string) => englishShown(text, ENGLISH);

  it('the catalogue gives the check something to look for', () => {
    expect(ENGLISH).toContain('Apps find Gatehouse through the issuer (or its discovery URL). Changing it means reconfiguring every app.');
    expect(ENGLISH.length).toBeGreaterThan(200);
  });

  it('the overview and the frame', async () => {
    // A proxy's headers that trust proxy ignores: a warning the server gives with its code and values.
    await fetch(`${server.issuer}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.5', 'x-forwarded-proto': 'https' } });
    const text = await content('/admin', 'overview-issuer');
    expect(await owner.page.locator('h1').innerText()).toBe('Übersicht');
    for (const words of ['Zum Inhalt springen', 'Angemeldet als', 'Dein Konto', 'Signaturschlüssel', 'Einstellungen', 'In diesem Gatehouse', 'Läuft']) {
      expect(text).toContain(words);
    }
    // The server's notice, worded by its code in the page's language.
    expect(await owner.page.getByTestId('overview-notices').innerText()).toMatch(
      /Zur Information.*Unter .* wurde ein neuer Verschlüsselungsschlüssel angelegt/s,
    );
    expect(await owner.page.getByTestId('overview-warnings').innerText()).toContain('aber „trust proxy“ ist aus');
    expect(text).toMatch(/1\s+Benutzer/);
    expect(englishIn(text)).toEqual([]);
    await screenshotBothWidths(owner.page, 'console-overview-german');
  });

  it('the audit log, its sentences and its dates', async () => {
    const text = await content('/admin/audit', 'audit-row');
    expect(await owner.page.locator('h1').innerText()).toBe('Protokoll');
    expect(text).toContain('Anmeldungen, Änderungen und Ablehnungen, die neuesten zuerst.');
    expect(text).toContain('Ein Einrichtungslink wurde ausgestellt, gültig bis');
    expect(text).toContain('owner wurde über den Einrichtungslink der erste Admin');
    expect(text).toMatch(/owner hat den Passkey „.+“ hinzugefügt/);
    expect(englishIn(text)).toEqual([]);
    const time = owner.page.getByTestId('audit-row').first().locator('time');
    const expected = await time.evaluate((element) =>
      new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(element.getAttribute('datetime')!)),
    );
    expect(await time.innerText()).toBe(expected);
  });

  it('the signing keys', async () => {
    const text = await content('/admin/signing-keys', 'signing-key-row');
    expect(await owner.page.locator('h1').innerText()).toBe('Signaturschlüssel');
    for (const words of [
      'Algorithmus',
      'Schlüssel-ID',
      'signiert neue Tokens',
      'Schlüssel rotieren',
      'Schlüssel nach Zeitplan rotieren',
      'Zeitplan speichern',
    ]) {
      expect(text).toContain(words);
    }
    expect(englishIn(text)).toEqual([]);
  });

  it('the settings', async () => {
    const text = await content('/admin/settings', 'settings-save');
    expect(await owner.page.locator('h1').innerText()).toBe('Einstellungen');
    for (const words of ['Dieses Gatehouse', 'Access-Tokens gelten (Minuten)', 'Bind-Adresse', 'Einstellungen speichern', 'Test-E-Mail senden', 'Mailserver']) {
      expect(text).toContain(words);
    }
    expect(englishIn(text)).toEqual([]);
    await screenshotBothWidths(owner.page, 'console-settings-german');
  });

  it('switches to French with the language picker', async () => {
    await owner.page.getByTestId('language-picker').selectOption('fr');
    await expect.poll(() => owner.page.locator('h1').innerText()).toBe('Paramètres');
    const text = await owner.page.locator('body').innerText();
    for (const words of ['Enregistrer les paramètres', 'Envoyer un e-mail de test', 'Vue d’ensemble', 'Journal d’audit']) {
      expect(text).toContain(words);
    }
    expect(englishPieces('console', 'fr').filter((piece) => text.includes(piece))).toEqual([]);
    await owner.page.getByTestId('admin-nav-audit').click();
    await expect.poll(() => owner.page.locator('h1').innerText()).toBe('Journal d’audit');
    // The audit list loads after its heading: read it until its first entry has arrived.
    await expect.poll(() => owner.page.locator('#admin-main').innerText()).toContain('est devenu le premier administrateur');
  });
});
