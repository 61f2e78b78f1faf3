// App passwords in real Chromium with a virtual passkey: a person creates one for one of their protected apps
// on the account page (the page asks for the passkey first), sees it once with their username, and revokes it;
// a person with no protected app gets no form; an admin sees which app each is for and revokes one in the console.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteAppPasswordUse, verifyAppPassword } from '../../server/auth/appPasswords.ts';
import { createAppPassword } from '../../server/db/appPasswords.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium, addPasskeyThroughLink } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

describe.skipIf(!chromiumAvailable())('app passwords in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const db = () => server.gatehouse.internals.db;
  const rosaId = () => (db().prepare("SELECT id FROM users WHERE username = 'rosa'").get() as { id: string }).id;

  beforeAll(async () => {
    server = await startTestServer();
    server.provision({
      groups: [{ name: 'media' }, { name: 'admins' }],
      users: [
        { username: 'rosa', email: 'rosa@home.example', groups: ['media'] },
        { username: 'tom', email: 'tom@home.example' },
      ],
    });
    for (const [id, name, group] of [
      ['sonarr', 'Sonarr', 'media'],
      ['radarr', 'Radarr', 'media'],
      ['router', 'Router', 'admins'],
    ] as const) {
      await server.gatehouse.runAdmin('protectedApps.create', { id, name, hosts: [`${id}.home.example`], allowedGroups: [group] });
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the account page creates one after a passkey check, shows it once, lists its use and revokes it', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.issuer });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await addVirtualAuthenticator(context, page);
    // The sign-in link's session adds the first passkey, which counts as a passkey check: no second prompt for ten minutes.
    await addPasskeyThroughLink(page, server.gatehouse.issueLoginLink('rosa').url);
    await page.goto(`${server.issuer}/account`);
    expect(await page.getByTestId('app-passwords-intro').innerText()).toMatch(/A password for one app.*username and this password.*only the\s+app you choose/s);

    // The apps rosa may use, and no other.
    const select = page.getByTestId('app-password-app-select');
    // The list of apps arrives after the page: wait for it before reading the choices.
    await select.locator('option', { hasText: 'Sonarr' }).waitFor({ state: 'attached' });
    expect(await select.locator('option').allInnerTexts()).toEqual(['Choose an app', 'Radarr (radarr.home.example)', 'Sonarr (sonarr.home.example)']);
    await select.selectOption('radarr');
    await page.getByTestId('app-password-name').fill('Radarr on my phone');
    await page.getByTestId('app-password-create').click();
    await page.getByTestId('app-password-created').waitFor();
    const password = await page.getByTestId('app-password-secret').innerText();
    expect(password).toMatch(/^ghp_[A-Za-z0-9_-]{43}$/);
    expect(await page.getByTestId('app-password-username').innerText()).toBe('rosa');
    expect(verifyAppPassword(db(), 'rosa', password, 'radarr')).toBeDefined();
    expect(verifyAppPassword(db(), 'rosa', password, 'sonarr')).toBeUndefined();
    expect(listAuditEvents(db(), { event: 'sign_in.succeeded', userId: rosaId() })).toHaveLength(0);
    await page.getByRole('button', { name: 'Copy app password' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(password);

    // The same name again is refused beside the field.
    await page.getByTestId('app-password-name').fill('Radarr on my phone');
    await page.getByTestId('app-password-create').click();
    expect(await page.getByTestId('field-error-name').innerText()).toMatch(/already have an app password named/);

    // Shown once: after a reload only its name and use are there.
    noteAppPasswordUse(db(), Date.now, verifyAppPassword(db(), 'rosa', password, 'radarr')!.appPasswordId, '192.0.2.7');
    await page.reload();
    const item = page.getByTestId('app-password').filter({ hasText: 'Radarr on my phone' });
    await item.getByText(/Last used .* from 192\.0\.2\.7/).waitFor();
    expect(await item.getByTestId('app-password-app').innerText()).toBe('For Radarr');
    expect(await page.locator('body').innerText()).not.toContain(password);

    await item.getByTestId('app-password-revoke').click();
    await item.getByTestId('app-password-revoke-confirm').click();
    await page.getByTestId('app-password-revoked').waitFor();
    await item.waitFor({ state: 'detached' });
    expect(await page.getByTestId('app-password').count()).toBe(0);
    expect(verifyAppPassword(db(), 'rosa', password, 'radarr')).toBeUndefined();
    await context.close();
  });

  it('a person with no protected app of theirs is told so, and gets no form', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await addVirtualAuthenticator(context, page);
    await addPasskeyThroughLink(page, server.gatehouse.issueLoginLink('tom').url);
    await page.goto(`${server.issuer}/account`);
    expect(await page.getByTestId('app-passwords-no-apps').innerText()).toMatch(/No protected app is set up for you yet/);
    expect(await page.getByTestId('app-password-name').count()).toBe(0);
    expect(await page.getByTestId('app-password-create').count()).toBe(0);
    await context.close();
  });

  it('an admin sees a person’s app passwords on their page in the console and revokes one', async () => {
    const { context, page } = await openConsoleAsNewOwner(server, browser);
    // Rosa's password for a script, made as the account page makes it.
    const { password } = createAppPassword(db(), Date.now, rosaId(), 'sonarr', 'Backup script');
    await page.goto(`${server.issuer}/admin/users/${rosaId()}`);
    const list = page.getByTestId('user-app-passwords');
    await list.getByText('Backup script').waitFor();
    expect(await list.innerText()).toMatch(/Backup script.*For Sonarr.*Last used never/s);
    await page.getByRole('button', { name: 'Revoke app password Backup script' }).click();
    await page.getByRole('button', { name: 'Revoke app password', exact: true }).click();
    await list.getByText('rosa has no app passwords').waitFor();
    expect(verifyAppPassword(db(), 'rosa', password, 'sonarr')).toBeUndefined();
    await context.close();
  });
});
