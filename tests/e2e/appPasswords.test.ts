// App passwords in real Chromium with a virtual passkey: a person creates one on the account page (the page
// asks for the passkey first), sees it once with their username, and revokes it; an admin revokes one in the console.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamedAppPassword, noteAppPasswordUse, verifyAppPassword } from '../../server/auth/appPasswords.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

describe.skipIf(!chromiumAvailable())('app passwords in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const db = () => server.gatehouse.internals.db;
  const rosaId = () => (db().prepare("SELECT id FROM users WHERE username = 'rosa'").get() as { id: string }).id;

  beforeAll(async () => {
    server = await startTestServer();
    server.provision({ users: [{ username: 'rosa', email: 'rosa@home.example' }] });
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
    // The sign-in link's session adds the first passkey; it is no fresh passkey sign-in, so the page asks for one.
    await page.goto(server.gatehouse.issueLoginLink('rosa').url);
    await page.getByTestId('link-continue').click();
    await page.getByTestId('passkey-create').click();
    await page.getByTestId('passkey-created').waitFor();
    await page.goto(`${server.issuer}/account`);
    expect(await page.getByTestId('app-passwords-intro').innerText()).toMatch(/can’t show a Gatehouse sign-in.*username and this password/s);

    await page.getByTestId('app-password-name').fill('Sonarr on my phone');
    await page.getByTestId('app-password-create').click();
    await page.getByTestId('app-password-created').waitFor();
    const password = await page.getByTestId('app-password-secret').innerText();
    expect(password).toMatch(/^ghp_[A-Za-z0-9_-]{43}$/);
    expect(await page.getByTestId('app-password-username').innerText()).toBe('rosa');
    expect(verifyAppPassword(db(), Date.now, 'rosa', password)).toBeDefined();
    expect(listAuditEvents(db(), { event: 'sign_in.succeeded', userId: rosaId() })).toHaveLength(1);
    await page.getByRole('button', { name: 'Copy app password' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(password);

    // The same name again is refused beside the field.
    await page.getByTestId('app-password-name').fill('Sonarr on my phone');
    await page.getByTestId('app-password-create').click();
    expect(await page.getByTestId('field-error-name').innerText()).toMatch(/already have an app password named/);

    // Shown once: after a reload only its name and use are there.
    noteAppPasswordUse(db(), Date.now, verifyAppPassword(db(), Date.now, 'rosa', password)!.appPasswordId, '192.0.2.7');
    await page.reload();
    const item = page.getByTestId('app-password').filter({ hasText: 'Sonarr on my phone' });
    await item.getByText(/Last used .* from 192\.0\.2\.7/).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(password);

    await item.getByTestId('app-password-revoke').click();
    await item.getByTestId('app-password-revoke-confirm').click();
    await page.getByTestId('app-password-revoked').waitFor();
    await item.waitFor({ state: 'detached' });
    expect(await page.getByTestId('app-password').count()).toBe(0);
    expect(verifyAppPassword(db(), Date.now, 'rosa', password)).toBeUndefined();
    await context.close();
  });

  it('an admin sees a person’s app passwords on their page in the console and revokes one', async () => {
    const { context, page } = await openConsoleAsNewOwner(server, browser);
    // Rosa's password for a script, made as the account page makes it.
    const { password } = createNamedAppPassword(db(), Date.now, rosaId(), { name: 'Backup script' });
    await page.goto(`${server.issuer}/admin/users/${rosaId()}`);
    const list = page.getByTestId('user-app-passwords');
    await list.getByText('Backup script').waitFor();
    expect(await list.innerText()).toMatch(/Backup script.*Last used never/s);
    await page.getByRole('button', { name: 'Revoke app password Backup script' }).click();
    await page.getByRole('button', { name: 'Revoke app password', exact: true }).click();
    await list.getByText('rosa has no app passwords').waitFor();
    expect(verifyAppPassword(db(), Date.now, 'rosa', password)).toBeUndefined();
    await context.close();
  });
});
