// The sign-in pages in the browser's language, in real Chromium: a German Accept-Language gets an app's
// sign-in and consent pages in German from the first paint, signing in with a passkey; the language
// picker switches to French at once, and the choice (a cookie) holds after a reload and on the next page.
// The account page, signed in, is French (and then German) throughout: no English piece of its catalogue shows.
// Set GATEHOUSE_SCREENSHOTS=<directory> to save the German sign-in page, the French consent page and the account pages.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGE_COOKIE } from '../../server/model/languages.ts';
import { addPasskeyThroughLink, addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { type RelyingParty, startRelyingParty } from '../support/relyingParty.ts';
import { englishPieces, englishShown } from '../support/untranslatedWords.ts';
import { DESKTOP, screenshotBothWidths } from '../support/screenshots.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

const GERMAN = 'de-DE,de;q=0.9';

describe.skipIf(!chromiumAvailable())('the sign-in pages in German and French', () => {
  let server: TestServer;
  let rp: RelyingParty;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    const port = await freePort();
    server.provision({
      users: [{ username: 'pat', displayName: 'Pat Beispiel' }],
      clients: [{ id: 'notes', name: 'Notes', public: true, redirectUris: [`http://localhost:${port}/cb`] }],
    });
    rp = await startRelyingParty(server.issuer, { id: 'notes', port, scope: 'openid profile email' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rp?.close();
    await server?.close();
  });

  const language = (page: Page) => page.locator('html').getAttribute('lang');
  const heading = (page: Page) => page.locator('h1').innerText();

  it('signs in to an app in German, then switches to French, which holds after a reload, on the next page and on the account page', async () => {
    const context = await browser.newContext({ locale: 'de-DE', extraHTTPHeaders: { 'Accept-Language': GERMAN }, viewport: DESKTOP });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await addVirtualAuthenticator(context, page);
    await addPasskeyThroughLink(page, server.gatehouse.issueLoginLink('pat').url);
    // Signed out again, with no language chosen yet: only the browser's Accept-Language speaks.
    await context.clearCookies();

    await page.goto(`${rp.origin}/login`);
    await page.getByTestId('signin-passkey').waitFor();
    expect(await language(page)).toBe('de');
    expect(await heading(page)).toBe('Bei Notes anmelden');
    expect(await page.getByTestId('signin-passkey').innerText()).toBe('Mit Passkey anmelden');
    expect(await page.locator('.lead').innerText()).toContain('Nimm deinen Passkey für Gatehouse');
    const options = await page.getByTestId('signin-options').innerText();
    expect(options).toContain('Andere Anmeldemöglichkeiten');
    expect(options).toContain('Wiederherstellungscode verwenden');
    expect(await page.title()).toBe('Anmelden · Gatehouse');
    expect(await page.getByTestId('language-picker').inputValue()).toBe('de');
    await screenshotBothWidths(page, 'sign-in-german');

    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('consent-allow').waitFor();
    expect(await heading(page)).toBe('Notes möchte:');
    const scopes = await page.locator('.scope-list').innerText();
    expect(scopes).toContain('Wissen, wer du bist (deine Konto-ID)');
    expect(scopes).toContain('Deine E-Mail-Adresse sehen');
    expect(await page.getByText('Angemeldet als').innerText()).toBe('Angemeldet als Pat Beispiel (pat)');
    expect(await page.getByTestId('consent-allow').innerText()).toBe('Erlauben');
    expect(await page.getByTestId('consent-deny').innerText()).toBe('Ablehnen');
    expect(await page.title()).toBe('Zugriff erlauben · Gatehouse');

    // The picker changes the page at once, without a reload.
    await page.getByTestId('language-picker').selectOption('fr');
    await expect.poll(() => heading(page)).toBe('Notes souhaite\u00a0:');
    expect(await language(page)).toBe('fr');
    expect(await page.getByTestId('consent-allow').innerText()).toBe('Autoriser');
    expect(await page.locator('.scope-list').innerText()).toContain('Voir votre adresse e-mail');
    expect((await context.cookies(server.issuer)).find((cookie) => cookie.name === LANGUAGE_COOKIE)?.value).toBe('fr');

    // After a reload the server itself serves the page in French, though the browser still asks for German.
    await page.reload();
    await page.getByTestId('consent-allow').waitFor();
    expect(await language(page)).toBe('fr');
    expect(await heading(page)).toBe('Notes souhaite\u00a0:');
    expect(await page.getByTestId('consent-deny').innerText()).toBe('Refuser');
    await screenshotBothWidths(page, 'consent-french');

    await page.getByTestId('consent-allow').click();
    await page.waitForURL(`${rp.origin}/cb?**`);
    expect(JSON.parse(await page.locator('body').innerText()).userinfo.preferred_username).toBe('pat');

    // The next Gatehouse page is French too.
    await page.goto(`${server.issuer}/approve`);
    await page.getByTestId('approve-code-input').waitFor();
    expect(await language(page)).toBe('fr');
    expect(await heading(page)).toBe('Approuver une connexion sur un autre appareil');
    expect(await page.getByTestId('approve-code-submit').innerText()).toBe('Continuer');

    // The account page, signed in: French throughout, then German once the picker says so.
    const english = (code: string) => ['account', 'sessions', 'pictures', 'common'].flatMap((namespace) => englishPieces(namespace, code));
    await page.goto(`${server.issuer}/account`);
    await page.getByTestId('browser-session').first().waitFor();
    expect(await language(page)).toBe('fr');
    const french = await page.locator('main').innerText();
    expect(french).toContain('Profil');
    expect(englishShown(french, english('fr'))).toEqual([]);
    await screenshotBothWidths(page, 'account-french');
    await page.getByTestId('language-picker').selectOption('de');
    await expect.poll(() => language(page)).toBe('de');
    await page.reload();
    await page.getByTestId('browser-session').first().waitFor();
    const german = await page.locator('main').innerText();
    expect(german).toContain('Passkey hinzufügen');
    expect(englishShown(german, english('de'))).toEqual([]);
    await screenshotBothWidths(page, 'account-german');
    await context.close();
  });
});
