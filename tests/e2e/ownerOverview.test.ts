// The owner's overview and audit log in real Chromium: notices by severity, a routine notice dismissed
// for good, and audit events read as sentences with what changed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';

describe.skipIf(!chromiumAvailable())('the owner overview and audit log', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let ownerId: string;

  beforeAll(async () => {
    // No key from the environment: the first start creates the key file and says so, a routine notice.
    server = await startTestServer({ options: { encryptionKey: undefined } });
    browser = await launchChromium();
    ({ page } = await openConsoleAsNewOwner(server, browser));
    const { users } = (await server.gatehouse.runAdmin('users.list', {})) as { users: Array<{ id: string }> };
    ownerId = users[0]!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the new-key notice as a notice, not a problem, and keeps it dismissed', async () => {
    const notices = page.getByTestId('overview-notices');
    await expect.poll(() => notices.innerText()).toMatch(/For your information.*Created a new encryption key at/s);
    expect(await page.getByTestId('overview-problems').count()).toBe(0);
    await notices.getByTestId('dismiss-notice').click();
    await expect.poll(() => page.getByTestId('overview-notices').count()).toBe(0);
    await page.reload();
    await page.getByTestId('overview-issuer').waitFor();
    expect(await page.getByTestId('overview-notices').count()).toBe(0);
  });

  it('words audit events as sentences, with what changed', async () => {
    const asOwner = { kind: 'admin' as const, userId: ownerId, ip: '127.0.0.1' };
    await server.gatehouse.runAdmin('apiKeys.create', { name: 'Backup' }, asOwner);
    await server.gatehouse.runAdmin('settings.update', { instanceName: 'Home lab', accessTokenTtl: 1800 }, asOwner);
    await page.goto(`${server.issuer}/admin/audit`);
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    const table = await page.locator('.audit-table').innerText();
    expect(table).toContain('owner created the API key “Backup”');
    expect(table).toContain('owner changed the settings');
    expect(table).toContain('instance name: “Gatehouse” → “Home lab”');
    expect(table).toContain('access token lifetime: 1 hour → 30 minutes');
    expect(table).not.toMatch(/fields:|\d{12}/);
  });
});
