// An invitation by email, as an owner and a new person meet it in real Chromium: the console creates the
// person and emails the invitation, it arrives at a real SMTP server, and its link enrols the person's
// passkey and lands them in their account. A mail server that refuses or is down is said in a sentence
// beside the link, which still works.
// Set GATEHOUSE_SCREENSHOTS=<directory> to also save screenshots of the console panel, the mail and the account.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../server/db/audit.ts';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { type ReceivedMail, type SmtpServer, smtpAvailable, startSmtpServer, useSmtpServer } from '../support/smtpServer.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const SCREENSHOTS = process.env.GATEHOUSE_SCREENSHOTS;

describe.skipIf(!chromiumAvailable() || !smtpAvailable())('an invitation by email', () => {
  let server: TestServer;
  let smtp: SmtpServer;
  let browser: Browser;
  let owner: { context: BrowserContext; page: Page };
  /** The invited person's browser, in her account once the invitation enrolled her. */
  let ninaPage: Page | undefined;
  /** How far the server's clock is ahead of the real one: moved on to let a sign-in grow stale. */
  let ahead = 0;

  async function screenshot(page: Page, name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** Creates a person in the console, with an email the admin vouches for if given, and opens their page. */
  async function createPerson(username: string, email?: string): Promise<void> {
    const { page } = owner;
    await page.goto(`${server.issuer}/admin/users`);
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-username').fill(username);
    if (email) {
      await page.getByTestId('user-email').fill(email);
      await page.getByRole('checkbox', { name: 'Email address is verified' }).check();
    }
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-login-link').waitFor();
  }

  /** The one link of a message, the same in its text and its HTML button. */
  function linkIn(mail: ReceivedMail): string {
    const links = mail.parsed.text!.match(/https?:\/\/\S+/g) ?? [];
    expect(links).toHaveLength(1);
    expect(mail.parsed.html).toContain(`href="${links[0]}"`);
    return links[0]!;
  }

  /** A new person's browser with a passkey authenticator, following a link to their first passkey. */
  async function enrolThrough(link: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await addVirtualAuthenticator(context, page);
    await page.goto(link);
    await page.getByTestId('link-continue').click();
    await page.getByTestId('passkey-create').click();
    await page.getByTestId('passkey-created').waitFor();
    return page;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer({ refuseRecipients: ['omar@home.test'] });
    server = await startTestServer({ clock: () => Date.now() + ahead });
    await useSmtpServer(server.gatehouse, smtp);
    browser = await launchChromium();
    owner = await openConsoleAsNewOwner(server, browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('emails the invitation from the console; its link enrols the person and lands them in their account', async () => {
    const { page } = owner;
    await createPerson('nina', 'nina@home.test');
    const send = page.getByTestId('user-email-login-link');
    expect(await send.innerText()).toBe('Email the invitation to nina@home.test');
    // An invitation waits in an inbox: it works for as long as a link may, unless the admin chooses less.
    expect(await page.getByRole('radio', { name: '7 days' }).isChecked()).toBe(true);
    await send.click();
    const sent = page.getByTestId('login-link-email-sent');
    await sent.waitFor();
    expect(await sent.innerText()).toMatch(/^The invitation was sent to nina@home\.test\. The mail server answered “250 2\.0\.0 Ok: queued as TEST\d+”\./);
    const shown = await page.getByTestId('login-link-url').innerText();
    await screenshot(page, 'console-invitation-sent');

    const mail = await smtp.waitForMail((received) => received.to.includes('nina@home.test'));
    expect(mail.parsed.subject).toBe('You are invited to Gatehouse');
    expect(mail.parsed.text).toContain('with the username nina');
    const link = linkIn(mail);
    expect(link).toBe(shown);
    if (SCREENSHOTS) {
      const viewer = await browser.newPage();
      await viewer.setContent(mail.parsed.html!);
      await screenshot(viewer, 'invitation-mail');
      await viewer.close();
    }

    const nina = await enrolThrough(link);
    await nina.getByTestId('passkey-done').click();
    await nina.waitForURL(`${server.issuer}/account`);
    expect(await nina.getByTestId('account-email').innerText()).toContain('nina@home.test');
    ninaPage = nina;
    const alert = await smtp.waitForMail((received) => received.to.includes('nina@home.test') && received !== mail);
    expect(alert.parsed.subject).toBe('A passkey was added to your Gatehouse account');
  });

  it('in her account, the person chooses the alerts she gets', async () => {
    const nina = ninaPage!;
    // The admin vouched for her address: the alerts she may choose go there.
    const alerts = nina.getByTestId('email-alerts');
    await alerts.waitFor();
    expect(await alerts.getByRole('checkbox', { name: 'A passkey is added to my account' }).isChecked()).toBe(true);
    // Her sign-in is no longer recent: switching an alert off asks for her passkey first, then saves.
    ahead += 11 * 60_000;
    const passkeySignIns = listAuditEvents(server.gatehouse.internals.db, { event: 'sign_in.succeeded' }).length;
    await alerts.getByRole('checkbox', { name: 'Someone signs in from a browser new to my account' }).uncheck();
    await nina.getByText('Saved: you will no longer get that email.').waitFor();
    expect(listAuditEvents(server.gatehouse.internals.db, { event: 'sign_in.succeeded' })[0]).toMatchObject({ details: { method: 'passkey' } });
    expect(listAuditEvents(server.gatehouse.internals.db, { event: 'sign_in.succeeded' }).length).toBe(passkeySignIns + 1);
    await screenshot(nina, 'account-email-alerts');
    await nina.reload();
    await alerts.waitFor();
    expect(await alerts.getByRole('checkbox', { name: 'Someone signs in from a browser new to my account' }).isChecked()).toBe(false);
    await nina.context().close();
  });

  it('asks before a sign-in link goes to an address nobody confirmed', async () => {
    const { page } = owner;
    const { users } = (await server.gatehouse.runAdmin('users.list', { query: 'nina' })) as { users: Array<{ id: string; username: string }> };
    const nina = users.find((user) => user.username === 'nina')!;
    await server.gatehouse.runAdmin('users.update', { id: nina.id, emailVerified: false });
    await page.goto(`${server.issuer}/admin/users/${nina.id}`);
    const send = page.getByTestId('user-email-login-link');
    expect(await send.innerText()).toBe('Email a sign-in link to nina@home.test');
    expect(await page.getByTestId('login-link-email-unconfirmed').innerText()).toBe('(not confirmed yet)');
    // A sign-in link is no invitation: it keeps the usual lifetime.
    expect(await page.getByRole('radio', { name: '1 hour' }).isChecked()).toBe(true);
    const before = smtp.messages.length;
    await send.click();
    await page.getByText('Nobody has confirmed that nina@home.test belongs to nina.').waitFor();
    await screenshot(page, 'console-sign-in-link-unconfirmed');
    await page.getByTestId('user-email-login-link-confirm').click();
    await page.getByTestId('login-link-email-sent').waitFor();
    const mail = await smtp.waitForMail((received) => smtp.messages.indexOf(received) >= before && received.to.includes('nina@home.test'));
    expect(mail.parsed.subject).toBe('Your sign-in link for Gatehouse');
  });

  it('says what the mail server refused, and shows the link, which works', async () => {
    const { page } = owner;
    await createPerson('omar', 'omar@home.test');
    await page.getByTestId('user-email-login-link').click();
    const failed = page.getByTestId('login-link-email-failed');
    await failed.waitFor();
    const sentence = await failed.innerText();
    expect(sentence).toMatch(/^The invitation was not sent\. /);
    expect(sentence).toContain('omar@home.test');
    expect(sentence).toMatch(/The link works all the same: copy it and send it to omar@home\.test another way\.$/);
    await screenshot(page, 'console-invitation-refused');
    const omar = await enrolThrough(await page.getByTestId('login-link-url').innerText());
    await omar.context().close();
  });

  it('says the mail server cannot be reached, and shows the link', async () => {
    const down = await startSmtpServer();
    await useSmtpServer(server.gatehouse, down);
    await down.close();
    const { page } = owner;
    await createPerson('pia', 'pia@home.test');
    await page.getByTestId('user-email-login-link').click();
    const failed = page.getByTestId('login-link-email-failed');
    await failed.waitFor();
    expect(await failed.innerText()).toMatch(/^The invitation was not sent\. .*The link works all the same/s);
    expect(await page.getByTestId('login-link-url').innerText()).toMatch(new RegExp(`^${server.issuer}/link/`));
    await screenshot(page, 'console-invitation-down');
  });

  it('offers email only when it can go: to a person with an address, once email is set up', async () => {
    const { page } = owner;
    await createPerson('quinn');
    const hint = page.getByTestId('login-link-email-hint');
    expect(await hint.innerText()).toBe('To send the link by email, add an email address to the profile above.');
    expect(await page.getByTestId('user-email-login-link').count()).toBe(0);

    await server.gatehouse.runAdmin('settings.update', { smtpHost: null });
    await createPerson('rosa', 'rosa@home.test');
    expect(await hint.innerText()).toBe('To send the link by email, set up email in Settings.');
    expect(await page.getByTestId('user-email-login-link').count()).toBe(0);
    await screenshot(page, 'console-email-not-set-up');
    await page.getByTestId('user-login-link').click();
    expect(await page.getByTestId('login-link-url').innerText()).toMatch(new RegExp(`^${server.issuer}/link/`));
  });
});
