// A person's theme choice in real Chromium: chosen on one page, it holds after a reload, on the pages the
// server renders itself and in the console, whatever the system's colour scheme says; "As the system"
// hands the choice back.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

describe.skipIf(!chromiumAvailable())('the theme choice in a real browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The page's background as the person sees it: light or dark by its lightness. */
  const looks = async (page: Page) => {
    const colour = String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
    const [r, g, b] = (colour.match(/\d+/g) ?? []).map(Number);
    return (r! + g! + b!) / 3 > 128 ? 'light' : 'dark';
  };

  it('dark, chosen under a light system, stays dark after a reload and on the server’s own pages; system hands it back', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${server.issuer}/`);
    await page.getByTestId('theme-picker').waitFor();
    expect(await looks(page)).toBe('light');

    await page.getByTestId('theme-picker').selectOption('dark');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await looks(page)).toBe('dark');

    await page.reload();
    await page.getByTestId('theme-picker').waitFor();
    // The server wrote the choice onto the page it sent, so even the first paint was dark.
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await page.getByTestId('theme-picker').inputValue()).toBe('dark');
    expect(await looks(page)).toBe('dark');

    // The console's sign-in gate and a page the server renders itself (the device sign-in page).
    await page.goto(`${server.issuer}/admin`);
    await page.getByTestId('theme-picker').first().waitFor();
    expect(await looks(page)).toBe('dark');
    await page.goto(`${server.issuer}/device`);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await looks(page)).toBe('dark');

    await page.goto(`${server.issuer}/account`);
    await page.getByTestId('theme-picker').selectOption('system');
    expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
    expect(await looks(page)).toBe('light');
    await page.reload();
    await page.getByTestId('theme-picker').waitFor();
    expect(await looks(page)).toBe('light');
    await context.close();
  });

  it('light, chosen under a dark system, stays light', async () => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${server.issuer}/account`);
    await page.getByTestId('theme-picker').waitFor();
    expect(await looks(page)).toBe('dark');
    await page.getByTestId('theme-picker').selectOption('light');
    await page.reload();
    await page.getByTestId('theme-picker').waitFor();
    expect(await looks(page)).toBe('light');
    await context.close();
  });
});
