// Protected apps (forward-auth) as an owner sets one up in the console, in real Chromium: from the empty
// list, a host the check could never match is refused at its line, the saved app's page shows the Caddy
// and nginx lines for its host and the check, the proxy's address for Gatehouse can be changed, the
// allowed groups are edited, and the app is deleted.
// Set GATEHOUSE_SCREENSHOTS=<directory> to also save screenshots of the list, the edit page and the proxy panel.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtectedApp } from '../../server/model/protectedApps.ts';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const SCREENSHOTS = process.env.GATEHOUSE_SCREENSHOTS;

// The functions run in the page use the DOM; the tests compile without its types.
declare const document: { activeElement: { getAttribute(name: string): string | null } | null };

describe.skipIf(!chromiumAvailable())('protected apps in the admin console', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: { context: BrowserContext; page: Page };

  const apps = async () => (await server.gatehouse.runAdmin('protectedApps.list', {})) as ProtectedApp[];
  const snippetText = () => owner.page.getByTestId('proxy-snippet-block').allInnerTexts();

  /** The whole page, or only `part` of it. */
  async function screenshot(name: string, part?: Locator): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name}.png`);
    await (part ? part.screenshot({ path: file }) : owner.page.screenshot({ path: file, fullPage: true }));
  }

  beforeAll(async () => {
    // Trust proxy stays off, as on a fresh install: the proxy panel must say so.
    server = await startTestServer();
    server.provision({ groups: [{ name: 'admins' }, { name: 'family' }] });
    browser = await launchChromium();
    owner = await openConsoleAsNewOwner(server, browser, { viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the empty list says what a protected app is and offers to protect one', async () => {
    const { page } = owner;
    await page.getByTestId('admin-nav-protected-apps').click();
    const empty = page.getByTestId('protected-apps-empty');
    expect(await empty.innerText()).toMatch(/without OpenID Connect.*Sonarr, Syncthing or a router's admin page.*reverse proxy/s);
    await screenshot('protected-apps-empty');
    await empty.getByTestId('protected-app-new').click();
    await page.getByRole('heading', { level: 1, name: 'Protect an app' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/protected-apps/new');
  });

  it('a host with a scheme and path is refused at its line, with the keyboard there, and nothing is saved', async () => {
    const { page } = owner;
    await page.getByTestId('protected-app-name').fill('Sonarr');
    await page.getByTestId('protected-app-hosts').fill('sonarr.localhost\nhttps://sonarr.localhost/tv');
    await page.getByTestId('protected-app-save').click();
    const error = page.getByTestId('field-error-hosts.1');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/^Line 2: .*scheme; write the host name only/);
    expect(await page.getByTestId('protected-app-hosts').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('protected-app-hosts');
    expect(await apps()).toEqual([]);
  });

  it('a refused path prefix opens the collapsed More section to show where', async () => {
    const { page } = owner;
    await page.getByTestId('protected-app-hosts').fill('sonarr.localhost');
    expect(await page.getByTestId('protected-app-path-prefixes').isVisible()).toBe(false);
    await page.getByTestId('protected-app-more').click();
    await page.getByTestId('protected-app-path-prefixes').fill('sonarr');
    await page.getByTestId('protected-app-more').click();
    expect(await page.getByTestId('protected-app-path-prefixes').isVisible()).toBe(false);
    await page.getByTestId('protected-app-save').click();
    const error = page.getByTestId('field-error-pathPrefixes.0');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/^Line 1: must start with \/, like \/sonarr/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('protected-app-path-prefixes');
    await page.getByTestId('protected-app-path-prefixes').fill('');
    expect(await apps()).toEqual([]);
  });

  it('saved, the app’s page shows the Caddy and nginx lines for its host and the check, and the trust proxy warning', async () => {
    const { page } = owner;
    await page.getByTestId('client-allowed-groups').getByRole('checkbox', { name: 'admins' }).check();
    await page.getByTestId('protected-app-session-ttl').selectOption({ label: '8 hours' });
    await page.getByTestId('protected-app-bypass-paths').fill('/api/health\n\n/webhook');
    await page.getByTestId('protected-app-header-email').fill('');
    await page.getByTestId('protected-app-save').click();
    await page.getByRole('heading', { level: 1, name: 'Sonarr' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/protected-apps/sonarr');
    expect(await apps()).toMatchObject([
      {
        id: 'sonarr',
        name: 'Sonarr',
        hosts: ['sonarr.localhost'],
        pathPrefixes: [],
        allowedGroups: ['admins'],
        bypassPaths: ['/api/health', '/webhook'],
        identityHeaders: { user: 'Remote-User', email: null, name: 'Remote-Name', groups: 'Remote-Groups' },
        sessionTtl: 8 * 3600,
      },
    ]);

    expect(await page.getByTestId('trust-proxy-warning').innerText()).toMatch(/set Trust proxy in Settings to the proxy’s address/);
    const gatehouse = `http://127.0.0.1:${new URL(server.issuer).port}`;
    // Caddy first: one Caddyfile block for the host, checking at Gatehouse.
    await page.getByTestId('proxy-snippet-block').first().waitFor();
    const [caddy] = await snippetText();
    expect(caddy).toContain('sonarr.localhost {');
    expect(caddy).toMatch(new RegExp(`forward_auth ${gatehouse} \\{\\s+uri /forward-auth/check\\n`));
    expect(caddy).toContain('request_header -Remote-User');
    expect(await page.getByTestId('proxy-snippet-copy').count()).toBe(1);
    await screenshot('protected-app-proxy-caddy', page.getByTestId('proxy-setup'));

    await page.getByTestId('proxy-choice-nginx').check();
    expect(await page.getByTestId('proxy-where').innerText()).toMatch(/Save it as a file in \/etc\/nginx\/conf\.d\//);
    const [nginx] = await snippetText();
    expect(nginx).toMatch(/server_name sonarr\.localhost;/);
    expect(nginx).toContain(`${gatehouse}/forward-auth/check/nginx`);
    await page.getByTestId('proxy-choice-haproxy').check();
    expect(await page.getByTestId('proxy-snippet-copy').count()).toBe(2);
    await page.getByTestId('proxy-choice-traefik').check();
    expect(await page.getByTestId('proxy-snippet-copy').count()).toBe(2);
    expect((await snippetText()).join('\n')).toContain(`${gatehouse}/forward-auth/check`);

    // The proxy reaches Gatehouse at another address: every snippet is made again for it.
    await page.getByTestId('proxy-choice-nginx').check();
    expect(await page.getByTestId('proxy-gatehouse-url').getAttribute('placeholder')).toBe(gatehouse);
    // An address with the check's path is refused at the box; the last good lines stay.
    await page.getByTestId('proxy-gatehouse-url').fill('http://gatehouse.internal:9000/forward-auth/check');
    expect(await page.getByTestId('field-error-gatehouseUrl').innerText()).toMatch(/^Gatehouse address must be the address only, without a path/);
    expect((await snippetText())[0]).toContain(`${gatehouse}/forward-auth/check/nginx`);
    await page.getByTestId('proxy-gatehouse-url').fill('http://gatehouse.internal:9000');
    await expect.poll(async () => (await snippetText())[0]).toContain('http://gatehouse.internal:9000/forward-auth/check/nginx');
    await screenshot('protected-app-proxy-nginx', page.getByTestId('proxy-setup'));
  });

  it('editing the allowed groups saves them, and an edit after a save takes back “Saved.”', async () => {
    const { page } = owner;
    const groups = page.getByTestId('client-allowed-groups');
    await groups.getByRole('checkbox', { name: 'admins' }).uncheck();
    await groups.getByRole('checkbox', { name: 'family' }).check();
    await page.getByTestId('protected-app-save').click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    expect((await apps())[0]!.allowedGroups).toEqual(['family']);
    await screenshot('protected-app-edit');
    await page.getByTestId('protected-app-name').fill('Sonarr TV');
    expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(0);
    expect((await apps())[0]!.name).toBe('Sonarr');

    // The group's page says which protected apps admit its members, with a link to each.
    const groupList = (await server.gatehouse.runAdmin('groups.list', {})) as Array<{ id: string; name: string }>;
    await page.goto(`${server.issuer}/admin/groups/${groupList.find((group) => group.name === 'family')!.id}`);
    const admitting = page.getByTestId('group-protected-apps');
    expect(await admitting.innerText()).toMatch(/^Protected apps for this group: Sonarr\./);
    await admitting.getByRole('link', { name: 'Sonarr' }).click();
    await page.getByTestId('protected-app-name').waitFor();

    await page.getByTestId('admin-nav-protected-apps').click();
    const row = page.getByTestId('protected-app-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/Sonarr\s+sonarr\.localhost\s+family\s+8 hours/);
    await screenshot('protected-apps-list');
  });

  it('deleting asks first, then the list is empty again', async () => {
    const { page } = owner;
    await page.getByTestId('protected-app-row').getByRole('link', { name: 'Sonarr' }).click();
    await page.getByTestId('protected-app-delete').click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await apps()).toHaveLength(1);
    await page.getByTestId('protected-app-delete').click();
    await page.getByTestId('protected-app-delete-confirm').click();
    await page.getByTestId('protected-apps-empty').waitFor();
    expect(await apps()).toEqual([]);
  });
});
