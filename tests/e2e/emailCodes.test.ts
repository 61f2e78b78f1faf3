// Emailed codes in real Chromium, against a real SMTP server: in a browser without WebAuthn (as an app's
// built-in browser), a person asks for a code on an app's sign-in page, reads it in the message, enters it
// and lands at the app with tokens; and a person changes their email address in the account portal,
// confirming it with the code sent to the new address.
// Set GATEHOUSE_SCREENSHOTS=<directory> to save the pages, at desktop and phone width.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPasskeyThroughLink, addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { type RelyingParty, startRelyingParty } from '../support/relyingParty.ts';
import { DESKTOP, screenshotBothWidths } from '../support/screenshots.ts';
import { type ReceivedMail, type SmtpServer, smtpAvailable, startSmtpServer, useSmtpServer } from '../support/smtpServer.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

/** A bound on a whole flow through two pages, an email and an app, for a busy machine: not how fast it must be. */
const FLOW_TIMEOUT_MS = 90_000;

/** The eight digits a message carries ("1234 5678"), read from its plain text as a person would. */
const codeIn = (mail: ReceivedMail) => /^(\d{4} \d{4})$/m.exec(mail.parsed.text ?? '')![1]!;

describe.skipIf(!chromiumAvailable() || !smtpAvailable())('emailed codes', () => {
  let server: TestServer;
  let smtp: SmtpServer;
  let rp: RelyingParty;
  let browser: Browser;

  const mailTo = (address: string, subject: string, after: number) =>
    smtp.waitForMail((m) => smtp.messages.indexOf(m) >= after && m.to.includes(address) && m.parsed.subject === subject);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer();
    const port = await freePort();
    server.provision({
      users: [{ username: 'rosa', displayName: 'Rosa Example', email: 'rosa@home.example', emailVerified: true }],
      clients: [{ id: 'notes', name: 'Notes', public: true, redirectUris: [`http://localhost:${port}/cb`] }],
    });
    await useSmtpServer(server.gatehouse, smtp, { emailSignInCodes: true });
    rp = await startRelyingParty(server.issuer, { id: 'notes', port, scope: 'openid profile email' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rp?.close();
    await server?.close();
    await smtp?.close();
  });

  it('signs in to an app with a code from the email, in a browser without WebAuthn', { timeout: FLOW_TIMEOUT_MS }, async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    await context.addInitScript({ content: 'delete window.PublicKeyCredential;' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${rp.origin}/login`);
    // Without WebAuthn the page leads with another device; the person picks the emailed code instead.
    await page.getByTestId('other-device-cancel').click();
    await page.getByTestId('signin-option-email-code').click();
    await page.getByTestId('email-code-email').fill('Rosa@Home.example');
    await screenshotBothWidths(page, 'email-code-ask');
    const before = smtp.messages.length;
    await page.getByTestId('email-code-send').click();
    expect(await page.getByTestId('email-code-sent').innerText()).toBe(
      'If that address belongs to someone here, a code is on its way. It works for 10 minutes. Look in the inbox of Rosa@Home.example, and in its spam folder.',
    );
    // The code field takes the keyboard, ready for the digits.
    await page.locator('[data-testid="email-code-input"]:focus').waitFor();

    const mail = await mailTo('rosa@home.example', 'Your sign-in code for Gatehouse', before);
    const code = codeIn(mail);
    expect(mail.parsed.text).toContain('Hello Rosa Example,');
    expect(mail.parsed.text).toMatch(/Someone asked for it from Chrome on Linux, IP address 127\.0\.0\.1\./);

    // A wrong code says so beside the field, and the right one still works after it.
    await page.getByTestId('email-code-input').fill(code === '0000 0000' ? '1111 1111' : '0000 0000');
    await page.getByTestId('email-code-verify').click();
    expect(await page.getByTestId('field-error-code').innerText()).toMatch(/^That code is not right/);
    await screenshotBothWidths(page, 'email-code-enter');
    await page.getByTestId('email-code-input').fill(code);
    await page.getByTestId('email-code-verify').click();
    await page.getByTestId('consent-allow').click();
    await page.waitForURL(`${rp.origin}/cb?**`);
    const received = JSON.parse(await page.locator('body').innerText()) as {
      idToken: { amr: string[] };
      userinfo: { email: string; preferred_username: string };
    };
    expect(received.userinfo).toMatchObject({ preferred_username: 'rosa', email: 'rosa@home.example' });
    expect(received.idToken.amr).toEqual(['otp']);
    await context.close();
  });

  it('changes the email address in the account portal, confirmed by the code sent to the new one', { timeout: FLOW_TIMEOUT_MS }, async () => {
    await server.gatehouse.runAdmin('users.create', { username: 'sam', displayName: 'Sam Example', email: 'sam@home.example' });
    const context = await browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await addVirtualAuthenticator(context, page);
    await addPasskeyThroughLink(page, server.gatehouse.issueLoginLink('sam').url);
    await page.goto(`${server.issuer}/account`);
    expect(await page.getByTestId('account-email').innerText()).toBe('sam@home.example confirmed');

    await page.getByTestId('email-change').click();
    await page.getByTestId('email-new').fill('sam@new.example');
    const before = smtp.messages.length;
    // Signed in through a link, not freshly with the passkey: the page asks for the passkey, then sends.
    await page.getByTestId('email-send-code').click();
    expect(await page.getByTestId('email-code-sent-to').innerText()).toMatch(/^We sent a code to sam@new\.example\. Enter it here before /);
    await screenshotBothWidths(page, 'email-change-code');
    const mail = await mailTo('sam@new.example', 'Confirm your email address for Gatehouse', before);
    await page.getByTestId('email-code').fill(codeIn(mail));
    await page.getByTestId('email-code-confirm').click();
    expect(await page.getByTestId('email-confirmed').innerText()).toBe(
      'Address confirmed. sam@new.example is your email address now, and the apps you sign in to see it as yours.',
    );
    expect(await page.getByTestId('account-email').innerText()).toBe('sam@new.example confirmed');
    await screenshotBothWidths(page, 'email-change-done');

    const notice = await mailTo('sam@home.example', 'Your email address for Gatehouse was changed', before);
    expect(notice.parsed.text).toContain('is now sam@new.example');
    await context.close();
  });
});
