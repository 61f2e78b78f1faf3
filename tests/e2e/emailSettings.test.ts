// The console's email settings in real Chromium against a real SMTP server (python3-aiosmtpd): a bad host
// refused beside its field, the settings saved, the test email arriving and the server's reply shown in a
// sentence, a refusing server's reply shown as well, and a password that is never sent back to the page.
import path from 'node:path';
import type { BrowserContext, Browser as ChromiumBrowser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { type SmtpServer, smtpAvailable, startSmtpServer } from '../support/smtpServer.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

describe.runIf(chromiumAvailable() && smtpAvailable())('email settings in the console', () => {
  let server: TestServer;
  let smtp: SmtpServer;
  let browser: ChromiumBrowser;
  let owner: { context: BrowserContext; page: Page };
  const servers: SmtpServer[] = [];

  const openSettings = async () => {
    await owner.page.goto(`${server.issuer}/admin/settings`, { waitUntil: 'networkidle' });
    await owner.page.getByTestId('email-settings').waitFor();
  };

  const sendTest = async (to: string) => {
    const { page } = owner;
    await page.getByTestId('email-test-to').fill(to);
    await page.getByTestId('email-test-send').click();
    return (await page.getByTestId('email-test-answer').innerText()).trim();
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    servers.push(smtp);
    server = await startTestServer();
    browser = await launchChromium();
    owner = await openConsoleAsNewOwner(server, browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const running of servers) await running.close();
  });

  it('refuses a host with a scheme beside the field, then saves the settings', async () => {
    const { page } = owner;
    await openSettings();
    await expect.poll(() => page.getByTestId('email-settings').locator('..').innerText()).toMatch(/Email is not set up/);
    await page.getByTestId('email-host').fill('smtp://127.0.0.1');
    await page.getByTestId('email-from').fill('gatehouse@home.example');
    await page.getByTestId('email-save').click();
    await expect
      .poll(() => page.getByTestId('field-error-smtpHost').innerText())
      .toBe(
        'Mail server must be a host name such as smtp.example.com (letters, digits and hyphens between dots) or an IP address, without scheme or port; got "smtp://127.0.0.1".',
      );
    expect(await page.getByTestId('email-host').getAttribute('aria-invalid')).toBe('true');

    await page.getByTestId('email-host').fill('127.0.0.1');
    await page.getByTestId('email-security').selectOption('none');
    // Plain SMTP is allowed, with a warning of what it exposes.
    await expect.poll(() => page.getByTestId('email-security-warning').innerText()).toMatch(/cross the network readable/);
    expect(await page.getByTestId('email-port').getAttribute('placeholder')).toBe('25');
    await page.getByTestId('email-port').fill(String(smtp.port));
    await page.getByTestId('email-save').click();
    await page.getByText('Saved. New messages use these settings.').waitFor();
    await expect.poll(() => page.getByTestId('email-settings').locator('..').innerText()).toMatch(/Email is set up\./);
  });

  it('sends the test email and shows what the mail server answered', async () => {
    const { page } = owner;
    // The owner has no address of their own yet: the page asks for one beside the field.
    await page.getByTestId('email-test-send').click();
    await expect.poll(() => page.getByTestId('field-error-to').innerText()).toMatch(/Give the address to send the test email to/);

    const answer = await sendTest('owner@home.example');
    expect(answer).toMatch(/^Sent to owner@home\.example\. The mail server answered: 250 2\.0\.0 Ok: queued as TEST\d{4}$/);
    const mail = await smtp.waitForMail((m) => m.to.includes('owner@home.example'));
    expect(mail.parsed.subject).toBe('Test email from Gatehouse');
    expect(mail.parsed.text).toMatch(/Gatehouse can send email through this mail server/);
  });

  it("shows a refusing server's own reply, and a server that is down, in a sentence", async () => {
    const { page } = owner;
    const refusing = await startSmtpServer({ refuseAll: true });
    servers.push(refusing);
    await page.getByTestId('email-port').fill(String(refusing.port));
    await page.getByTestId('email-save').click();
    await page.getByText('Saved. New messages use these settings.').waitFor();
    expect(await sendTest('owner@home.example')).toBe(
      'Not sent to owner@home.example. The mail server refused the message. It answered: "554 5.7.1 Relay access denied".',
    );
    expect(await page.getByTestId('email-test-answer').getAttribute('role')).toBe('alert');

    await refusing.close();
    expect(await sendTest('owner@home.example')).toBe(
      `Not sent to owner@home.example. Nothing accepted a connection at 127.0.0.1:${refusing.port}. Check the host and port, and that the mail server is running.`,
    );
  });

  it('keeps the password write-only: set, replaced, removed, never shown', async () => {
    const { page } = owner;
    const guarded = await startSmtpServer({ auth: { user: 'relay', password: 'correct horse battery' } });
    servers.push(guarded);
    await page.getByTestId('email-port').fill(String(guarded.port));
    await page.getByTestId('email-user').fill('relay');
    await page.getByTestId('email-password').fill('wrong password');
    await page.getByTestId('email-save').click();
    await page.getByText('Saved. New messages use these settings.').waitFor();
    await expect.poll(() => page.getByTestId('email-password-state').innerText()).toMatch(/A password is set/);
    expect(await sendTest('owner@home.example')).toMatch(/did not accept the user name and password\. It answered: "535 5\.7\.8/);

    await page.getByTestId('email-password-replace').click();
    await page.getByTestId('email-password').fill('correct horse battery');
    await page.getByTestId('email-save').click();
    await expect.poll(() => page.getByTestId('email-password-state').innerText()).toMatch(/A password is set/);
    expect(await sendTest('owner@home.example')).toMatch(/^Sent to owner@home\.example\. The mail server answered: 250 /);
    await guarded.waitForMail((m) => m.to.includes('owner@home.example'));

    // Reloaded, the page knows only that one is set.
    let settingsAnswer = '';
    page.on('response', async (response) => {
      if (response.url().includes('/api/admin/settings.get')) settingsAnswer = await response.text();
    });
    await openSettings();
    await expect.poll(() => settingsAnswer).toContain('"password":{"set":true');
    expect(settingsAnswer).not.toContain('correct horse');
    expect(await page.content()).not.toContain('correct horse');

    await page.getByTestId('email-password-remove').click();
    await page.getByTestId('email-user').fill('');
    await page.getByTestId('email-save').click();
    await page.getByText('Saved. New messages use these settings.').waitFor();
    expect(await page.getByTestId('email-password').inputValue()).toBe('');
  });

  it('switches on sign-in codes by email, which the sign-in pages then offer', async () => {
    const { page } = owner;
    await page.getByTestId('email-port').fill(String(smtp.port));
    await page.getByTestId('email-sign-in-codes').check();
    await page.getByTestId('email-save').click();
    await page.getByText('Saved. New messages use these settings.').waitFor();
    expect(await (await fetch(`${server.issuer}/api/branding`)).json()).toMatchObject({ emailSignInCodes: true });
  });

  it('says which fields the provisioning file sets, and keeps them from being changed here', async () => {
    const { page } = owner;
    server.provision({ email: { from: 'provisioned@home.example' } });
    await openSettings();
    await expect.poll(() => page.getByTestId('email-set-elsewhere').innerText()).toBe('Some of these are set by the provisioning file, and are changed there.');
    expect(await page.getByTestId('email-from').inputValue()).toBe('provisioned@home.example');
    expect(await page.getByTestId('email-from').isDisabled()).toBe(true);
    expect(await page.getByTestId('email-settings').innerText()).toContain('Set by the provisioning file; change it there.');
    if (process.env.GATEHOUSE_SCREENSHOTS)
      await page.screenshot({ path: path.join(process.env.GATEHOUSE_SCREENSHOTS, 'email-settings-provisioned.png'), fullPage: true });
    server.provision({ email: {} });
  });
});
