// Recovery codes in real Chromium: a person makes a set on the account page (after a passkey check), saves
// it, and signs out; on a new device whose authenticator holds nothing (the lost phone's replacement) a code
// signs them in to the account, which leads with adding a passkey; they add one and sign in with it. A used
// code is refused, a new set voids the old one, and the console shows how many are left and revokes them.
// The console opens only to a passkey session: an owner signed in with a code adds a passkey first.
// Set GATEHOUSE_SCREENSHOTS=<directory> to also save screenshots of the pages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../server/db/audit.ts';
import { addPasskeyThroughLink, addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { startRelyingParty, type RelyingParty } from '../support/relyingParty.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

const SCREENSHOTS = process.env.GATEHOUSE_SCREENSHOTS;
const SECRET = 'e2e-secret-0123456789abcdefghijklmn';

describe.skipIf(!chromiumAvailable())('recovery codes in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let rp: RelyingParty;
  const db = () => server.gatehouse.internals.db;
  const miaId = () => (db().prepare("SELECT id FROM users WHERE username = 'mia'").get() as { id: string }).id;
  /** The owner's console, opened once (there is one first run). */
  let owner: { context: BrowserContext; page: Page };
  /** The set made first; the person keeps it as they would, outside the browser. */
  let codes: string[] = [];

  const screenshot = async (page: Page, name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  /** A browser of its own, with a virtual authenticator that holds no passkey yet. */
  const newDevice = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await addVirtualAuthenticator(context, page);
    return { context, page };
  };

  /** Signs in with a code on a sign-in page (the account's unless told), as someone without their passkey does. */
  const signInWithCode = async (page: Page, code: string, signInPage = `${server.issuer}/account`) => {
    await page.goto(signInPage);
    await page.getByTestId('signin-option-recovery-code').click();
    await page.getByTestId('recovery-code-input').fill(code);
    await screenshot(page, 'recovery-codes-sign-in');
    await page.getByTestId('recovery-code-submit').click();
  };

  beforeAll(async () => {
    server = await startTestServer();
    const rpPort = await freePort();
    server.provision({
      users: [{ username: 'mia', displayName: 'Mia Lind', email: 'mia@home.example' }],
      clients: [{ id: 'photos', name: 'Photos', redirectUris: [`http://localhost:${rpPort}/cb`], secretFile: server.secretFile('photos', SECRET) }],
    });
    rp = await startRelyingParty(server.issuer, { id: 'photos', secret: SECRET, port: rpPort });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rp?.close();
    await server?.close();
  });

  it('makes a set after a passkey check and shows it once, to copy or download', async () => {
    const { context, page } = await newDevice();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.issuer });
    await addPasskeyThroughLink(page, server.gatehouse.issueLoginLink('mia').url);
    await page.goto(`${server.issuer}/account`);
    expect(await page.getByTestId('recovery-codes-status').innerText()).toBe('You have no recovery codes yet.');
    // Adding the passkey made the link's session a passkey one: the set comes without another passkey check.
    await page.getByTestId('recovery-codes-create').click();
    const list = page.getByTestId('recovery-codes-list');
    await list.waitFor();
    codes = await list.locator('code').allInnerTexts();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    await screenshot(page, 'recovery-codes-created');

    await page.getByTestId('recovery-codes-copy').click();
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(copied).toContain('Recovery codes for mia at Gatehouse');
    for (const code of codes) expect(copied).toContain(code);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recovery-codes-download').click()]);
    expect(download.suggestedFilename()).toBe('Gatehouse recovery codes.txt');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(copied);

    await page.getByTestId('recovery-codes-saved').click();
    await list.waitFor({ state: 'detached' });
    expect(await page.getByTestId('recovery-codes-status').innerText()).toMatch(/^10 of 10 codes left, made .+\.$/);
    await page.reload();
    await page.getByTestId('recovery-codes-status').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(codes[0]);
    await page.getByTestId('signout').click();
    await page.waitForURL(/\/signed-out$/);
    await context.close();
  });

  it('a code at an app’s sign-in on a new device opens the account, which leads with adding a passkey; that passkey then signs in to the app', async () => {
    const { context, page } = await newDevice();
    // The code opens no app: the sign-in page goes on to the account.
    await signInWithCode(page, codes[0]!.toLowerCase(), `${rp.origin}/login`);
    await page.waitForURL(`${server.issuer}/account`);
    const addPasskey = page.getByTestId('add-passkey');
    await addPasskey.getByRole('heading', { name: 'Add a new passkey' }).waitFor();
    // It comes first, before the profile.
    expect(await page.locator('main section h2').first().innerText()).toBe('Add a new passkey');
    expect(await addPasskey.innerText()).toMatch(/You signed in with a recovery code/);
    expect(await page.getByTestId('recovery-codes-status').innerText()).toMatch(/^9 of 10 codes left/);
    await screenshot(page, 'recovery-codes-signed-in');

    await addPasskey.getByTestId('passkey-name').fill('New phone');
    await addPasskey.getByTestId('passkey-create').click();
    await addPasskey.getByTestId('passkey-created').waitFor();
    // The new passkey made this a passkey session: the notice says what it opened, and new codes are one click away.
    await addPasskey.getByRole('heading', { name: 'Your new passkey is ready' }).waitFor();
    expect(await page.getByTestId('recovery-codes-replace').isEnabled()).toBe(true);
    await screenshot(page, 'recovery-codes-passkey-added');
    await page.getByTestId('signout').click();
    await page.waitForURL(/\/signed-out$/);

    await page.goto(`${rp.origin}/login`);
    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('consent-allow').click();
    await page.waitForURL(`${rp.origin}/cb**`);
    expect(JSON.parse(await page.locator('body').innerText())).toMatchObject({ userinfo: { preferred_username: 'mia' } });
    await page.goto(`${server.issuer}/account`);
    expect(await page.getByTestId('add-passkey').getByRole('heading').innerText()).toBe('Add a passkey');
    await page.getByText('New phone', { exact: true }).waitFor();
    await context.close();
  });

  it('refuses a used code, and a new set voids the old one', async () => {
    const stranger = await newDevice();
    await signInWithCode(stranger.page, codes[0]!);
    expect(await stranger.page.getByTestId('error').innerText()).toMatch(/not right or was used already/);

    // Mia loses this phone too: another code, another passkey, and then (the page asks for that passkey) a new set.
    const mia = await newDevice();
    await signInWithCode(mia.page, codes[1]!);
    await mia.page.getByTestId('add-passkey').getByTestId('passkey-create').click();
    await mia.page.getByTestId('add-passkey').getByTestId('passkey-created').waitFor();
    await mia.page.getByTestId('recovery-codes-replace').click();
    await mia.page.getByTestId('recovery-codes-replace-confirm').click();
    await mia.page.getByTestId('recovery-codes-list').waitFor();
    const fresh = await mia.page.getByTestId('recovery-codes-list').locator('code').allInnerTexts();
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[2]);
    // The passkey added here made the session a passkey one, and the new set signed out no one else.
    await mia.page.getByRole('heading', { name: 'Your new passkey is ready' }).waitFor();

    await signInWithCode(stranger.page, codes[2]!);
    expect(await stranger.page.getByTestId('error').innerText()).toMatch(/not right or was used already/);
    codes = fresh;
    await stranger.context.close();
    await mia.context.close();
  });

  it('the console shows how many are left and revokes them', async () => {
    owner = await openConsoleAsNewOwner(server, browser);
    const { page } = owner;
    await page.goto(`${server.issuer}/admin/users/${miaId()}`);
    const line = page.getByTestId('user-recovery-codes');
    await line.waitFor();
    expect(await line.innerText()).toMatch(/^Recovery codes: 10 of 10 left, made .+\.$/);
    await screenshot(page, 'recovery-codes-console');
    await page.getByTestId('user-recovery-codes-revoke').click();
    await page.getByTestId('user-recovery-codes-revoke-confirm').click();
    await line.getByText('Recovery codes: none.').waitFor();
    expect(listAuditEvents(db(), { event: 'recovery_codes.revoked', userId: miaId() })).toHaveLength(1);

    const stranger = await newDevice();
    await signInWithCode(stranger.page, codes[0]!);
    expect(await stranger.page.getByTestId('error').innerText()).toMatch(/not right or was used already/);
    await stranger.context.close();
  });

  it('an owner signed in with a code is asked for a passkey at the console, adds one on the account page, and goes on', async () => {
    await owner.page.goto(`${server.issuer}/account`);
    await owner.page.getByTestId('recovery-codes-create').click();
    const [code] = await owner.page.getByTestId('recovery-codes-list').locator('code').allInnerTexts();
    await owner.context.close();

    const { context, page } = await newDevice();
    await signInWithCode(page, code!);
    await page.getByTestId('add-passkey').waitFor();
    // No passkey yet: the new set waits for one.
    expect(await page.getByTestId('recovery-codes-replace').isDisabled()).toBe(true);
    expect(await page.getByTestId('recovery-codes-passkey-first').innerText()).toBe('Add a passkey first.');
    await page.goto(`${server.issuer}/admin`);
    await page.getByTestId('admin-passkey-needed').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Confirm it is you');
    await screenshot(page, 'recovery-codes-console-gate');
    await page.getByRole('link', { name: 'Go to your account' }).click();
    await page.getByTestId('add-passkey').getByTestId('passkey-create').click();
    await page.getByTestId('add-passkey').getByTestId('passkey-created').waitFor();
    await page.getByTestId('admin-console-link').click();
    await page.getByTestId('admin-nav-overview').waitFor();
    await context.close();
  });
});
