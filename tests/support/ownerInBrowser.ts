// The owner's first steps in real Chromium: the setup link, the first passkey, then signing in to the
// console with it from a fresh cookie jar.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { addVirtualAuthenticator } from './chromium.ts';
import type { TestServer } from './testServer.ts';

export async function setUpOwnerAndOpenConsole(server: TestServer, context: BrowserContext, page: Page): Promise<void> {
  await page.goto(server.gatehouse.issueSetupLink().url);
  await page.getByTestId('setup-username').fill('owner');
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('passkey-create').click();
  await page.getByTestId('passkey-created').waitFor();
  await context.clearCookies();
  await page.goto(`${server.issuer}/admin`);
  await page.getByTestId('account-signin').click();
  await page.getByTestId('admin-nav-overview').waitFor();
}

/** A new browser context with a virtual authenticator, in which the owner is set up and signed in to the console. */
export async function openConsoleAsNewOwner(
  server: TestServer,
  browser: Browser,
  contextOptions: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await addVirtualAuthenticator(context, page);
  await setUpOwnerAndOpenConsole(server, context, page);
  return { context, page };
}
