// Signing in with another device, in real Chromium: browser A has no WebAuthn at all (as an app's
// built-in browser), so its sign-in pages lead with a code and a QR code; browser B holds the person's
// passkey and approves or denies at /approve. Also: expiry, reuse of a decided code, and a third browser
// guessing codes until the rate limit stops it.
// Set GATEHOUSE_SCREENSHOTS=<directory> to save the waiting and approval pages, at desktop and phone width.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPasskeyThroughLink, addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { type RelyingParty, startRelyingParty } from '../support/relyingParty.ts';
import { DESKTOP, screenshotBothWidths } from '../support/screenshots.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

/** Longer than the server holds a wait (25 s): an expiry the clock moved past shows when the held wait ends. */
const HELD_WAIT_MS = 40_000;

describe.skipIf(!chromiumAvailable())('signing in with another device', () => {
  let server: TestServer;
  let rp: RelyingParty;
  let browser: Browser;
  /** Added to the real time: the test moves Gatehouse's clock past a code's five minutes. */
  let clockOffset = 0;
  /** The browser without WebAuthn, waiting for approval. */
  let waiting: { context: BrowserContext; page: Page };
  /** The browser with the person's passkey, approving. */
  let approving: { context: BrowserContext; page: Page };

  const newContext = async (withWebAuthn: boolean) => {
    const context = await browser.newContext({ viewport: DESKTOP });
    if (!withWebAuthn) await context.addInitScript({ content: 'delete window.PublicKeyCredential;' });
    context.setDefaultTimeout(15_000);
    return { context, page: await context.newPage() };
  };

  /** The code the waiting page shows, once it shows one. */
  const shownCode = async (page: Page) => {
    const code = page.getByTestId('other-device-code');
    await code.waitFor();
    return (await code.innerText()).trim();
  };

  const openApprovePage = async (page: Page, code: string) => {
    await page.goto(`${server.issuer}/approve?code=${encodeURIComponent(code.replace('-', ''))}`);
    await page.getByTestId('approve-request').waitFor();
  };

  beforeAll(async () => {
    server = await startTestServer({ clock: () => Date.now() + clockOffset });
    const port = await freePort();
    server.provision({
      users: [{ username: 'pat', displayName: 'Pat Example', email: 'pat@home.example' }],
      clients: [{ id: 'notes', name: 'Notes', public: true, redirectUris: [`http://localhost:${port}/cb`] }],
    });
    rp = await startRelyingParty(server.issuer, { id: 'notes', port, scope: 'openid profile' });
    browser = await launchChromium();
    approving = await newContext(true);
    await addVirtualAuthenticator(approving.context, approving.page);
    await addPasskeyThroughLink(approving.page, server.gatehouse.issueLoginLink('pat').url);
    waiting = await newContext(false);
  });

  afterAll(async () => {
    await browser?.close();
    await rp?.close();
    await server?.close();
  });

  it('signs in to an app in a browser without WebAuthn, approved with the passkey on another device', async () => {
    const { page } = waiting;
    await page.goto(`${rp.origin}/login`);
    // No passkey button that cannot work: the code and its QR code come at once, with the reason.
    const code = await shownCode(page);
    expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(await page.getByTestId('passkey-support-notice').innerText()).toMatch(/Passkeys don't work in this browser/);
    expect(await page.getByTestId('signin-passkey').count()).toBe(0);
    expect(await page.getByTestId('other-device-qr').locator('svg').count()).toBe(1);
    expect(await page.getByTestId('other-device-signin').innerText()).toContain(`${server.issuer}/approve`);
    await screenshotBothWidths(page, 'other-device-waiting');

    // The approving browser is not signed in: the QR code's link looks the code up, the passkey approves.
    await approving.context.clearCookies();
    await openApprovePage(approving.page, code);
    expect(await approving.page.getByTestId('approve-app').innerText()).toBe('Notes');
    expect(await approving.page.getByTestId('approve-browser').innerText()).toMatch(/ on Linux$/);
    expect(await approving.page.getByTestId('approve-ip').innerText()).toBe('127.0.0.1');
    // Both browsers ask from 127.0.0.1, one network: no warning about another one.
    expect(await approving.page.getByTestId('approve-other-network').count()).toBe(0);
    await screenshotBothWidths(approving.page, 'other-device-approve');
    // The finish request is held (and then sent on unchanged) so that the sentence before it can be read.
    let sendFinish = () => {};
    const finishSent = new Promise<void>((resolve) => {
      sendFinish = resolve;
    });
    await page.route('**/other-device/*/finish', async (route) => {
      await finishSent;
      await route.continue();
    });
    await approving.page.getByTestId('approve-confirm').click();
    expect(await approving.page.getByTestId('approve-outcome').innerText()).toMatch(/continues by itself/);
    await screenshotBothWidths(approving.page, 'other-device-approved');

    // The waiting browser names whom it signs in as, then continues by itself, through consent, to the app with its tokens.
    await expect.poll(() => page.getByTestId('other-device-signin').innerText()).toContain('Approved. Signing you in as Pat Example (pat)…');
    sendFinish();
    await page.getByTestId('consent-allow').click();
    await page.unrouteAll();
    await page.waitForURL(`${rp.origin}/cb?**`);
    const received = JSON.parse(await page.locator('body').innerText()) as { idToken: { sub: string; aud: string }; userinfo: { preferred_username: string } };
    expect(received.idToken.aud).toBe('notes');
    expect(received.userinfo.preferred_username).toBe('pat');
    // Approving signed nobody in on the approving browser.
    await approving.page.goto(`${server.issuer}/account`);
    await approving.page.getByTestId('account-signin').waitFor();
  });

  it('signs in to the account, approved by a browser signed in there a moment ago, the code typed by hand', async () => {
    const { page } = waiting;
    await waiting.context.clearCookies();
    await page.goto(`${server.issuer}/account`);
    const code = await shownCode(page);

    await approving.page.goto(`${server.issuer}/account`);
    await approving.page.getByTestId('account-signin').click();
    await approving.page.getByTestId('account-passkeys').waitFor();
    await approving.page.goto(`${server.issuer}/approve`);
    await approving.page.getByTestId('approve-code-input').fill(` ${code.toLowerCase().replace('-', ' ')} `);
    await approving.page.getByTestId('approve-code-submit').click();
    expect(await approving.page.getByTestId('approve-app').innerText()).toBe('Your Gatehouse account');
    expect(await approving.page.getByTestId('approve-as').innerText()).toMatch(/signed in here as Pat Example \(pat\)/);
    // Signed in freshly here, it approves without asking for the passkey again.
    expect(await approving.page.getByTestId('approve-confirm').innerText()).toBe('Approve');
    await approving.page.getByTestId('approve-confirm').click();
    await approving.page.getByTestId('approve-outcome').waitFor();

    await page.getByTestId('account-passkeys').waitFor();
    expect(await page.getByTestId('profile').innerText()).toContain('pat');
  });

  let deniedCode = '';
  it('says so when the other device denies, and gets a new code', async () => {
    const { page } = waiting;
    await waiting.context.clearCookies();
    await page.goto(`${server.issuer}/admin`);
    deniedCode = await shownCode(page);

    await openApprovePage(approving.page, deniedCode);
    expect(await approving.page.getByTestId('approve-app').innerText()).toBe('Your Gatehouse account');
    await approving.page.getByTestId('approve-deny').click();
    expect(await approving.page.getByTestId('approve-outcome').innerText()).toMatch(/Nobody was signed in/);

    expect(await page.getByTestId('other-device-denied').innerText()).toBe('The sign-in was denied on the other device.');
    await page.getByTestId('other-device-new-code').click();
    expect(await shownCode(page)).not.toBe(deniedCode);
  });

  it('refuses a code that was approved or denied already', async () => {
    const { page } = approving;
    await page.goto(`${server.issuer}/approve?code=${deniedCode}`);
    await expect.poll(() => page.getByTestId('field-error-code').innerText()).toMatch(/approved or denied already/);
    expect(await page.getByTestId('approve-request').count()).toBe(0);
  });

  it('says so when the code expires before anyone approves it', { timeout: HELD_WAIT_MS + 20_000 }, async () => {
    const { page } = waiting;
    const code = await shownCode(page);
    clockOffset += 6 * 60 * 1000;
    expect(await page.getByTestId('other-device-expired').innerText({ timeout: HELD_WAIT_MS })).toBe('The code expired before anyone approved it.');
    await screenshotBothWidths(page, 'other-device-expired');

    await approving.page.goto(`${server.issuer}/approve?code=${code}`);
    await expect.poll(() => approving.page.getByTestId('field-error-code').innerText()).toMatch(/not right or has expired/);
  });

  it('slows down a third browser guessing codes, with a sentence saying how long to wait', async () => {
    // Earlier look-ups came from the same address; the hour the clock moves fills the bucket again.
    clockOffset += 60 * 60 * 1000;
    const guesser = await newContext(true);
    const { page } = guesser;
    await page.goto(`${server.issuer}/approve`);
    const statuses: number[] = [];
    for (let guess = 0; guess < 11; guess++) {
      await page.getByTestId('approve-code-input').fill(`BCDF${'GHJKLMNPQRS'[guess]}XZB`);
      const [answer] = await Promise.all([page.waitForResponse('**/api/other-device/lookup'), page.getByTestId('approve-code-submit').click()]);
      statuses.push(answer.status());
    }
    expect(statuses).toEqual([...Array(10).fill(404), 429]);
    await expect
      .poll(() => page.getByTestId('field-error-code').innerText())
      .toMatch(/^Too many attempts from your address\. Wait \d+ seconds and try again\.$/);
    await screenshotBothWidths(page, 'other-device-rate-limited');
    await guesser.context.close();
  });
});
