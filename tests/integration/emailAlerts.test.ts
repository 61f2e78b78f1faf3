// Emailed alerts through a real SMTP server: a sign-in from a browser the person never used here (on the
// account page and at an app), a passkey added, a recovery code used; each switchable but the last, only to
// a confirmed address, and never in the way of the sign-in when the mail server is down.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../renderer/src/admin/audit/auditSentence.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { Browser } from '../support/browser.ts';
import { authorize, redeemLinkAndRegister, registerPasskey, signInWithPasskey, type Person } from '../support/flows.ts';
import { type ReceivedMail, type SmtpServer, smtpAvailable, startSmtpServer, useSmtpServer } from '../support/smtpServer.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const OPERA_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0';
const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';
/** A user agent anyone can send: its own text must never reach a message. */
const HOSTILE = 'EvilBrowser/1.0 (<img src=x onerror=alert(1)>; "Sign in at https://evil.test") <b>Urgent</b>';
const APP_REDIRECT = 'http://localhost:8080/cb';

type Alerts = { emailConfigured: boolean; hasEmail: boolean; newPasskey: boolean; newDevice: boolean };

describe.skipIf(!smtpAvailable())('emailed alerts', () => {
  let server: TestServer;
  let smtp: SmtpServer;
  /** kim's passkeys, used from one browser after another. */
  const authenticator = new SoftwareAuthenticator();
  let kim: Person;
  let kimId: string;
  /** kim, signed in by approving from another device: a session that is not fresh. */
  let approved: Browser;

  const mailTo = (address: string) => smtp.messages.filter((mail) => mail.to.includes(address));
  const subjectsTo = (address: string) => mailTo(address).map((mail) => mail.parsed.subject);
  const waitForSubject = (address: string, subject: string) => smtp.waitForMail((mail) => mail.to.includes(address) && mail.parsed.subject === subject);
  /** What the mailer recorded of the alerts of one purpose to one person: sent or refused, each once it is settled. */
  const outcomes = (userId: string, purpose: string) =>
    ['email.sent', 'email.refused'].flatMap((event) =>
      listAuditEvents(server.gatehouse.internals.db, { event }).filter(
        (entry) => entry.userId === userId && (entry.details as { purpose?: string } | null)?.purpose === purpose,
      ),
    );
  /**
   * Waits until the mailer has settled exactly `count` alerts of `purpose` to the person. An alert that
   * should not have gone is shown not to have gone by one that should, sent after it: the count stays exact.
   */
  const settled = (userId: string, purpose: string, count: number) => expect.poll(() => outcomes(userId, purpose).length).toBe(count);
  /** The sign-in code a message carries on a line of its own ("1234 5678"). */
  const codeIn = (mail: ReceivedMail) => /^(\d{4} ?\d{4})$/m.exec(mail.parsed.text ?? '')?.[1];
  const browserOf = (userAgent: string): Person => ({ username: 'kim', browser: new Browser({ userAgent }), authenticator });
  const alerts = (person: Person) => person.browser.json<Alerts>(`${server.issuer}/api/account/alerts`);
  const setAlerts = (person: Person, changes: Record<string, unknown>) => person.browser.json<Alerts>(`${server.issuer}/api/account/alerts`, changes, 'PUT');

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // One address signs kim in from many browsers here: the passkey bucket would be spent by the test, not by a guesser.
    server = await startTestServer({ rateLimits: { passkey: { burst: 1000, refillSeconds: 1 } } });
    await useSmtpServer(server.gatehouse, smtp);
    server.provision({ clients: [{ id: 'wiki', name: 'Wiki', public: true, redirectUris: [APP_REDIRECT] }] });
    const created = (await server.gatehouse.runAdmin('users.create', { username: 'kim', email: 'kim@home.test', emailVerified: true })) as { id: string };
    kimId = created.id;
    kim = browserOf(FIREFOX_WINDOWS);
    const link = (await server.gatehouse.runAdmin('users.issueLoginLink', { id: created.id })) as { url: string };
    await redeemLinkAndRegister(server.issuer, link.url, kim);
  });

  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('tells about the first passkey, in a message that names it, the browser and the address', async () => {
    const mail = await waitForSubject('kim@home.test', 'A passkey was added to your Gatehouse account');
    expect(mail.parsed.text).toContain(
      'A passkey named “Passkey 1” was added to your Gatehouse account (kim) in Firefox on Windows, from the address 127.0.0.1',
    );
    expect(mail.parsed.text).toContain(`Open your account:\n${server.issuer}/account`);
    expect(mail.parsed.html).toContain(`href="${server.issuer}/account"`);
    // The mailer records the server's answer once it has it, just after the server took the message.
    await expect
      .poll(() => listAuditEvents(server.gatehouse.internals.db, { event: 'email.sent' }).map((event) => event.details))
      .toContainEqual(expect.objectContaining({ purpose: 'alert_new_passkey', to: 'kim@home.test' }));
  });

  it('says nothing of a sign-in from a browser already used, and tells one from a new browser', async () => {
    await signInWithPasskey(server.issuer, kim);

    await signInWithPasskey(server.issuer, browserOf(SAFARI_IOS));
    const mail = await waitForSubject('kim@home.test', 'New sign-in to Gatehouse from Safari on iOS');
    expect(mail.parsed.text).toContain('Someone signed in to your Gatehouse account (kim) with a passkey, from a browser you had not used with it before');
    expect(mail.parsed.text).toMatch(/Safari on iOS, from the address 127\.0\.0\.1, on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC\./);
    expect(mail.parsed.text).toContain('Sign out everywhere');
    // A browser is its name and system: an update to its version is no new browser.
    await signInWithPasskey(server.issuer, browserOf(SAFARI_IOS.replaceAll('17_5', '18_0').replace('17.5', '18.0')));
    await signInWithPasskey(server.issuer, browserOf(OPERA_WINDOWS));
    await waitForSubject('kim@home.test', 'New sign-in to Gatehouse from Opera on Windows');
    await settled(kimId, 'alert_new_device', 2);
    expect(subjectsTo('kim@home.test').filter((subject) => subject?.startsWith('New sign-in'))).toEqual([
      'New sign-in to Gatehouse from Safari on iOS',
      'New sign-in to Gatehouse from Opera on Windows',
    ]);
  });

  it('tells of a sign-in at an app from a new browser', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const url = new URL(`${server.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: 'wiki',
      redirect_uri: APP_REDIRECT,
      response_type: 'code',
      scope: 'openid',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    const outcome = await authorize(server.issuer, browserOf(CHROME_ANDROID), url.href);
    expect(outcome).toMatchObject({ kind: 'redirect', url: expect.stringContaining(`${APP_REDIRECT}?code=`) });
    await waitForSubject('kim@home.test', 'New sign-in to Gatehouse from Chrome on Android');
  });

  it('tells of new-browser sign-ins with a sign-in link, with approval from another device, and with an emailed code', async () => {
    // A sign-in link, as the console makes one.
    const link = (await server.gatehouse.runAdmin('users.issueLoginLink', { id: kimId })) as { url: string };
    const token = new URL(link.url).pathname.split('/').pop();
    expect((await new Browser({ userAgent: CHROME_WINDOWS }).json(`${server.issuer}/api/links/redeem`, { token })).status).toBe(200);
    const byLink = await waitForSubject('kim@home.test', 'New sign-in to Gatehouse from Chrome on Windows');
    expect(byLink.parsed.text).toContain('(kim) with a sign-in link, from a browser you had not used with it before');

    // Approved from kim's first browser, signed in with a passkey moments ago.
    approved = new Browser({ userAgent: CHROME_LINUX });
    const started = (await approved.json<{ id: string; code: string; waitSecret: string }>(`${server.issuer}/api/session/other-device`, {})).body;
    expect(await kim.browser.json(`${server.issuer}/api/other-device/approve`, { code: started.code })).toEqual({ status: 200, body: { approved: true } });
    const ids = { waitSecret: started.waitSecret };
    expect((await approved.json<{ status: string }>(`${server.issuer}/api/session/other-device/${started.id}/wait`, ids)).body.status).toBe('approved');
    expect((await approved.json(`${server.issuer}/api/session/other-device/${started.id}/finish`, ids)).status).toBe(200);
    const byApproval = await waitForSubject('kim@home.test', 'New sign-in to Gatehouse from Chrome on Linux');
    expect(byApproval.parsed.text).toContain('(kim) with approval from another device, from a browser you had not used with it before');

    // A code sent by email, once the owner lets people ask for one.
    await useSmtpServer(server.gatehouse, smtp, { emailSignInCodes: true });
    try {
      const phone = new Browser({ userAgent: FIREFOX_ANDROID });
      const before = smtp.messages.length;
      expect((await phone.json(`${server.issuer}/api/session/email-code`, { email: 'kim@home.test' })).status).toBe(202);
      const codeMail = await smtp.waitForMail((mail) => smtp.messages.indexOf(mail) >= before && mail.to.includes('kim@home.test'));
      const verified = await phone.json(`${server.issuer}/api/session/email-code/verify`, { email: 'kim@home.test', code: codeIn(codeMail) });
      expect(verified).toMatchObject({ status: 200 });
      const byCode = await waitForSubject('kim@home.test', 'New sign-in to Gatehouse from Firefox on Android');
      expect(byCode.parsed.text).toContain('(kim) with a code sent by email, from a browser you had not used with it before');
    } finally {
      await useSmtpServer(server.gatehouse, smtp, { emailSignInCodes: false });
    }
  });

  it('asks for the passkey before an alert is switched off, not before one is switched on', async () => {
    expect((await approved.json<{ fresh: boolean }>(`${server.issuer}/api/session`)).body).toMatchObject({ authMethod: 'other_device', fresh: false });
    expect(await setAlerts({ username: 'kim', browser: approved, authenticator }, { newDevice: false })).toMatchObject({
      status: 403,
      body: { error: 'reauthentication_required' },
    });
    expect((await setAlerts({ username: 'kim', browser: approved, authenticator }, { newDevice: true, newPasskey: true })).status).toBe(200);
    expect((await alerts(kim)).body).toMatchObject({ newPasskey: true, newDevice: true });
  });

  it('keeps a user agent’s own text and a passkey’s name out of the markup and the subject', async () => {
    const hostile = browserOf(HOSTILE);
    await signInWithPasskey(server.issuer, hostile);
    const signedIn = await waitForSubject('kim@home.test', 'New sign-in to Gatehouse from an unknown browser on an unknown system');
    for (const part of [signedIn.parsed.text, signedIn.parsed.html, signedIn.parsed.subject]) {
      expect(part).not.toContain('EvilBrowser');
      expect(part).not.toContain('evil.test');
      expect(part).not.toContain('Urgent');
    }

    const name = '<img src=x onerror=alert(1)> & <b>Key</b>';
    await registerPasskey(server.issuer, hostile, name);
    const added = await smtp.waitForMail((mail) => mail.to.includes('kim@home.test') && mail.parsed.text!.includes(`A passkey named “${name}” was added`));
    expect(added.parsed.text).toContain('in an unknown browser on an unknown system, from the address 127.0.0.1');
    expect(added.parsed.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;Key&lt;/b&gt;');
    expect(added.parsed.html).not.toContain('<img src=x');
    expect(added.parsed.html).not.toContain('<b>Key');
    for (const mail of [signedIn, added]) expect(mail.parsed.subject).not.toMatch(/[\r\n]/);
  });

  it('keeps to the choices: new-browser alerts off, passkey alerts on, and the log says who changed them', async () => {
    expect(await alerts(kim)).toEqual({ status: 200, body: { emailConfigured: true, hasEmail: true, newPasskey: true, newDevice: true } });
    expect(await setAlerts(kim, { newDevice: false })).toEqual({
      status: 200,
      body: { emailConfigured: true, hasEmail: true, newPasskey: true, newDevice: false },
    });
    expect(listAuditEvents(server.gatehouse.internals.db, { event: 'alerts.changed' })[0]).toMatchObject({
      details: { newPasskey: true, newDevice: false },
    });
    const listed = (await server.gatehouse.runAdmin('audit.list', { event: 'alerts.changed' })) as { events: Array<Parameters<typeof describeAuditEvent>[0]> };
    expect(describeAuditEvent(listed.events[0]!).sentence).toBe('kim set their email alerts: a new passkey on, a new browser off');

    const linux = browserOf(FIREFOX_LINUX);
    await signInWithPasskey(server.issuer, linux);
    await registerPasskey(server.issuer, linux, 'Work laptop');
    await smtp.waitForMail((mail) => mail.to.includes('kim@home.test') && mail.parsed.text!.includes('A passkey named “Work laptop” was added'));
    expect(subjectsTo('kim@home.test')).not.toContain('New sign-in to Gatehouse from Firefox on Linux');
  });

  it('always tells that a recovery code was used, with how many are left', async () => {
    expect((await setAlerts(kim, { newPasskey: false, newDevice: false })).body).toMatchObject({ newPasskey: false, newDevice: false });
    await signInWithPasskey(server.issuer, kim);
    const created = await kim.browser.json<{ codes: string[] }>(`${server.issuer}/api/account/recovery-codes`, {});
    expect(created.status).toBe(201);
    const lost = browserOf(SAFARI_MAC);
    expect((await lost.browser.json(`${server.issuer}/api/session/recovery-code`, { code: created.body.codes[0] })).status).toBe(200);
    const mail = await waitForSubject('kim@home.test', 'A recovery code was used for your Gatehouse account');
    expect(mail.parsed.text).toContain('with one of your recovery codes: Safari on macOS, from the address 127.0.0.1');
    expect(mail.parsed.text).toContain('You have 9 recovery codes left.');
    expect(mail.parsed.text).toContain('This alert cannot be switched off');
    // The passkey added with the code is not told: kim switched that alert off. Switched on again, the next one is.
    const passkeyAlerts = outcomes(kimId, 'alert_new_passkey').length;
    await registerPasskey(server.issuer, lost, 'New phone');
    expect((await setAlerts(lost, { newPasskey: true })).status).toBe(200);
    await registerPasskey(server.issuer, lost, 'Spare key');
    await smtp.waitForMail((mail) => mail.to.includes('kim@home.test') && mail.parsed.text!.includes('A passkey named “Spare key” was added'));
    await settled(kimId, 'alert_new_passkey', passkeyAlerts + 1);
    expect(mailTo('kim@home.test').some((mail) => mail.parsed.text?.includes('“New phone”'))).toBe(false);
    expect(subjectsTo('kim@home.test')).not.toContain('New sign-in to Gatehouse from Safari on macOS');
  });

  it('sends nothing to an address nobody confirmed, and says why', async () => {
    const created = (await server.gatehouse.runAdmin('users.create', { username: 'lee', email: 'lee@home.test', emailVerified: false })) as { id: string };
    const lee: Person = { username: 'lee', browser: new Browser({ userAgent: FIREFOX_WINDOWS }), authenticator: new SoftwareAuthenticator() };
    await redeemLinkAndRegister(server.issuer, ((await server.gatehouse.runAdmin('users.issueLoginLink', { id: created.id })) as { url: string }).url, lee);
    await signInWithPasskey(server.issuer, { ...lee, browser: new Browser({ userAgent: SAFARI_IOS }) });
    expect(await alerts(lee)).toEqual({ status: 200, body: { emailConfigured: true, hasEmail: false, newPasskey: true, newDevice: true } });
    // Once an admin says the address is lee's, the next new browser is told, and it is the only mail lee ever got.
    await server.gatehouse.runAdmin('users.update', { id: created.id, emailVerified: true });
    await signInWithPasskey(server.issuer, { ...lee, browser: new Browser({ userAgent: CHROME_ANDROID }) });
    await waitForSubject('lee@home.test', 'New sign-in to Gatehouse from Chrome on Android');
    await settled(created.id, 'alert_new_device', 1);
    await settled(created.id, 'alert_new_passkey', 0);
    expect(subjectsTo('lee@home.test')).toEqual(['New sign-in to Gatehouse from Chrome on Android']);
  });

  it('a mail server that is down never gets in the way of signing in; the refusal is in the log', async () => {
    const down = await startSmtpServer();
    await useSmtpServer(server.gatehouse, down);
    await down.close();
    try {
      expect((await setAlerts(kim, { newDevice: true })).status).toBe(200);
      await signInWithPasskey(server.issuer, browserOf(`${FIREFOX_WINDOWS} Edg/126.0`));
      await expect
        .poll(() => listAuditEvents(server.gatehouse.internals.db, { event: 'email.refused' }).map((event) => event.details), { timeout: 20_000 })
        .toContainEqual(expect.objectContaining({ purpose: 'alert_new_device', to: 'kim@home.test', code: 'smtp_unreachable' }));
    } finally {
      await useSmtpServer(server.gatehouse, smtp);
    }
  });

  it('says when this Gatehouse sends no email at all', async () => {
    await server.gatehouse.runAdmin('settings.update', { smtpHost: null });
    try {
      expect((await alerts(kim)).body).toMatchObject({ emailConfigured: false, hasEmail: true });
    } finally {
      await useSmtpServer(server.gatehouse, smtp);
    }
  });

  it('refuses what is not a choice, and anyone not signed in', async () => {
    expect(await setAlerts(kim, { newDevice: 'yes' })).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'newDevice' } });
    expect(await setAlerts(kim, { weekly: true })).toMatchObject({
      status: 400,
      body: { error: 'invalid_input', field: 'weekly', message: 'weekly: is not an input of the alert settings; it takes newPasskey, newDevice' },
    });
    expect(await new Browser().json(`${server.issuer}/api/account/alerts`)).toMatchObject({ status: 401, body: { error: 'not_signed_in' } });
  });
});
