// The console's client pages in German, as a browser asking for German gets them: the clients list, a new
// client from a template (its card, questions and the page after creating it) and a client's page with its
// claims. Besides a few German sentences, no English sentence of the consoleClients catalogue shows.
// What stays English on purpose: the notes and configuration snippets the server writes for a template.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { englishPieces, englishShown } from '../support/untranslatedWords.ts';

const ENGLISH = englishPieces('consoleClients', 'de');

/** The English pieces a part of the page shows. */
async function englishIn(target: Locator): Promise<string[]> {
  // Read the part once it has loaded whole: nothing in it says "Loading" any more.
  await expect.poll(() => target.locator('.loading').count()).toBe(0);
  // The server's notes and snippets are English on purpose: they are left out of what is checked.
  const text = await target.evaluate((element: { cloneNode(deep: boolean): unknown }) => {
    const copy = element.cloneNode(true) as { querySelectorAll(selector: string): { remove(): void }[]; textContent: string };
    for (const server of copy.querySelectorAll('.notes, [data-testid="client-snippet"]')) server.remove();
    return copy.textContent;
  });
  return englishShown(text, ENGLISH);
}

describe.skipIf(!chromiumAvailable())("the console's client pages in German", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    ({ page } = await openConsoleAsNewOwner(server, browser, {
      locale: 'de-DE',
      extraHTTPHeaders: { 'Accept-Language': 'de-DE,de;q=0.9' },
      viewport: { width: 1280, height: 900 },
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the clients list in German', async () => {
    await page.goto(`${server.issuer}/admin/clients`, { waitUntil: 'networkidle' });
    const main = page.locator('main');
    await page.getByTestId('client-new').waitFor();
    expect(await page.getByTestId('client-new').innerText()).toBe('Neuer Client');
    expect(await main.innerText()).toContain('Die Apps, bei denen sich Personen mit Gatehouse anmelden (OpenID-Connect-Clients).');
    expect(await englishIn(main)).toEqual([]);
  });

  it('makes a client from a template in German: the cards, the questions and what to configure', async () => {
    await page.getByTestId('client-new').click();
    const main = page.locator('main');
    await page.getByTestId('template-grafana').waitFor();
    expect(await main.innerText()).toContain('Um welche App geht es?');
    expect(await page.getByTestId('template-grafana').innerText()).toContain('Dashboards: Anmeldung per Generic OAuth mit Rollen aus Gatehouse-Gruppen.');
    expect(await page.getByTestId('template-robot').innerText()).toContain('Roboter oder Skript (Client Credentials)');
    expect(await englishIn(main)).toEqual([]);

    // Searching finds a template by its German words and by the server's English ones.
    await page.getByTestId('template-search').fill('Rezeptverwaltung');
    await expect.poll(() => page.locator('.template-card:not(.blank)').count()).toBe(1);
    await page.getByTestId('template-search').fill('recipe');
    await expect.poll(() => page.locator('.template-card:not(.blank)').count()).toBe(1);
    await page.getByTestId('template-search').fill('');

    await page.getByTestId('template-grafana').click();
    await page.getByTestId('template-input-appUrl').waitFor();
    expect(await main.innerText()).toContain('Adresse von Grafana');
    expect(await main.innerText()).toContain('Schritt 2 von 3');
    expect(await englishIn(main)).toEqual([]);

    await page.getByTestId('template-input-appUrl').fill('http://localhost:3000');
    await page.getByTestId('client-create').click();
    const created = page.getByTestId('client-created');
    await created.waitFor();
    expect(await created.innerText()).toContain('Richte jetzt Grafana mit den folgenden Werten ein.');
    expect(await created.innerText()).toContain('Konfiguration für Grafana');
    // The issuer is localhost: the warning the server adds to its (English) notes shows beside the issuer, in German.
    expect(await created.getByTestId('local-issuer-warning').innerText()).toContain('erreicht Gatehouse nur von diesem Computer aus');
    expect(await englishIn(main)).toEqual([]);
  });

  it("shows a client's page and its claims in German", async () => {
    const clientId = await page.getByTestId('client-id-value').innerText();
    await page.goto(`${server.issuer}/admin/clients/${encodeURIComponent(clientId)}`, { waitUntil: 'networkidle' });
    const main = page.locator('main');
    await page.getByTestId('client-claims').waitFor();
    const text = await main.innerText();
    expect(text).toContain('Die App verbinden');
    expect(text).toContain('Claims aus Gruppen');
    expect(text).toContain('Wähle eine Person, um zu sehen, was die App für sie bekommt.');
    // The issuer is localhost: the warning beside it is the console's, in German.
    expect(await page.getByTestId('local-issuer-warning').innerText()).toContain('erreicht Gatehouse nur von diesem Computer aus');
    expect(await englishIn(main)).toEqual([]);
  });
});
