// Changing one's own email address in the account portal, against a real SMTP server: the code goes to
// the new address and is read from the received message, only a fresh passkey sign-in may ask, only the
// browser session that asked may confirm, apps see the new address as verified, the old address is told,
// sign-in codes sent to the old address stop working, and what refuses says why in a sentence.
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../renderer/src/admin/audit/auditSentence.ts';
import type { AccountEmail } from '../../renderer/src/api/types.ts';
import { Browser } from '../support/browser.ts';
import { authorize, type Person, redeemLinkAndRegister, signInWithPasskey } from '../support/flows.ts';
import { authorizationWithPkce, discoverPublicApp } from '../support/publicApp.ts';
import { type ReceivedMail, type SmtpServer, smtpAvailable, startSmtpServer, useSmtpServer } from '../support/smtpServer.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const REDIRECT = 'http://localhost:8080/cb';
const MINUTE = 60 * 1000;

const codeIn = (mail: ReceivedMail) => /^(\d{4} \d{4})$/m.exec(mail.parsed.text ?? '')![1]!;

describe.skipIf(!smtpAvailable())('changing one’s email address', () => {
  let server: TestServer;
  let smtp: SmtpServer;
  let now = Date.now();

  /** A person the console made, with a passkey, freshly signed in with it. */
  async function person(username: string, email: string | null, emailVerified = true): Promise<Person> {
    await server.gatehouse.runAdmin('users.create', { username, ...(email ? { email, emailVerified } : {}) });
    const someone = { username, browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    await redeemLinkAndRegister(server.issuer, server.gatehouse.issueLoginLink(username).url, someone);
    await signInWithPasskey(server.issuer, someone);
    return someone;
  }

  const emailOf = (someone: Person) =>
    someone.browser.json<AccountEmail & { error?: string; message?: string; field?: string }>(`${server.issuer}/api/account/email`);
  const change = (someone: Person, email: string) =>
    someone.browser.json<AccountEmail & { error?: string; message?: string; field?: string }>(`${server.issuer}/api/account/email`, { email });
  const confirm = (someone: Person, code: string) =>
    someone.browser.json<AccountEmail & { error?: string; message?: string; field?: string }>(`${server.issuer}/api/account/email/confirm`, { code });
  /** The first message to the address since `after`, with the subject when one is given (alerts about new passkeys come too). */
  const mailTo = (address: string, after: number, subject?: string) =>
    smtp.waitForMail(
      (m) =>
        smtp.messages.indexOf(m) >= after &&
        m.to.some((to) => to.toLowerCase() === address.toLowerCase()) &&
        (subject === undefined || m.parsed.subject === subject),
    );

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // The per-client-address bucket is loosened, since every request here comes from 127.0.0.1.
    server = await startTestServer({ clock: () => now, rateLimits: { emailCode: { burst: 1000, refillSeconds: 1 } } });
    server.provision({
      users: [{ username: 'pat', email: 'pat@home.test', emailVerified: true }],
      clients: [{ id: 'wiki', name: 'Wiki', public: true, redirectUris: [REDIRECT] }],
    });
  });

  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('keeps asking an admin while this Gatehouse cannot send email', async () => {
    const kim = await person('kim', 'kim@home.test');
    expect((await emailOf(kim)).body).toEqual({ email: 'kim@home.test', verified: true, mailConfigured: false, managedBy: null, pending: null });
    const refused = await change(kim, 'kim@new.test');
    expect(refused).toMatchObject({ status: 409, body: { error: 'email_not_configured' } });
    expect(refused.body.message).toContain('Ask an admin');
    await useSmtpServer(server.gatehouse, smtp);
    expect((await emailOf(kim)).body.mailConfigured).toBe(true);
  });

  it('changes the address once the code sent to the new one is entered, and apps see it verified', async () => {
    const lea = await person('lea', 'lea@home.test');
    const before = smtp.messages.length;
    const asked = await change(lea, 'Lea@New.test');
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ email: 'lea@home.test', verified: true, pending: { email: 'Lea@New.test', expiresAt: now + 10 * MINUTE } });
    expect((await emailOf(lea)).body.pending).toEqual({ email: 'Lea@New.test', expiresAt: now + 10 * MINUTE });

    const mail = await mailTo('Lea@New.test', before, 'Confirm your email address for Gatehouse');
    expect(mail.parsed.text).toContain('You asked to use this address for your Gatehouse account (lea)');
    const code = codeIn(mail);

    const wrong = await confirm(lea, code === '0000 0000' ? '11111111' : '00000000');
    expect(wrong).toMatchObject({ status: 401, body: { error: 'email_code_invalid', field: 'code' } });
    // Another browser signed in as the same person cannot confirm it: the code belongs to the session that asked.
    const elsewhere = { ...lea, browser: new Browser() };
    await signInWithPasskey(server.issuer, elsewhere);
    expect(await confirm(elsewhere, code)).toMatchObject({ status: 401, body: { error: 'email_code_invalid' } });
    const confirmed = await confirm(lea, code);
    expect(confirmed).toMatchObject({ status: 200, body: { email: 'Lea@New.test', verified: true, pending: null } });
    expect((await confirm(lea, code)).status).toBe(401);

    // The old address is told, in case it was not the person.
    const notice = await mailTo('lea@home.test', before, 'Your email address for Gatehouse was changed');
    expect(notice.parsed.text).toContain('is now Lea@New.test');
    expect(notice.parsed.text).not.toContain(code);

    const events = (await server.gatehouse.runAdmin('audit.list', { username: 'lea', pageSize: 50 })) as {
      events: Array<Parameters<typeof describeAuditEvent>[0]>;
    };
    const requested = events.events.find((e) => e.event === 'email.change_requested')!;
    expect(requested.details).toEqual({ email: 'Lea@New.test', current: false });
    expect(describeAuditEvent(requested).sentence).toBe('lea asked to change their email address to Lea@New.test');
    const changed = events.events.find((e) => e.event === 'email.changed')!;
    expect(changed.details).toEqual({ email: 'Lea@New.test', previous: 'lea@home.test' });
    expect(describeAuditEvent(changed).sentence).toBe('lea changed their email address from lea@home.test to Lea@New.test');
    const failed = events.events.filter((e) => e.event === 'email.change_failed');
    expect(failed.map((e) => e.details)).toEqual([{ reason: 'email_code_invalid' }, { reason: 'email_code_invalid' }, { reason: 'email_code_invalid' }]);
    expect(describeAuditEvent(failed[0]!).sentence).toBe('lea entered a wrong code to confirm their email address');
    expect(describeAuditEvent(events.events.find((e) => e.event === 'email_code.issued')!).sentence).toBe('lea was sent a code to confirm an email address');
    expect(JSON.stringify(events)).not.toContain(code);

    const wiki = await discoverPublicApp(server.issuer, 'wiki');
    const { url, verifier } = await authorizationWithPkce(wiki, REDIRECT, 'openid email');
    const outcome = await authorize(server.issuer, lea, url.href);
    const tokens = await oidc.authorizationCodeGrant(wiki, new URL((outcome as { url: string }).url), { pkceCodeVerifier: verifier });
    expect(tokens.claims()).toMatchObject({ email: 'Lea@New.test', email_verified: true });
  });

  it('confirms an address that is not confirmed yet', async () => {
    const max = await person('max', 'max@home.test', false);
    expect((await emailOf(max)).body).toMatchObject({ email: 'max@home.test', verified: false });
    const before = smtp.messages.length;
    expect((await change(max, 'max@home.test')).status).toBe(202);
    const mail = await mailTo('max@home.test', before, 'Confirm your email address for Gatehouse');
    expect(mail.parsed.text).toContain('You asked to confirm that this address of your Gatehouse account (max) is yours.');
    expect((await confirm(max, codeIn(mail))).body).toMatchObject({ email: 'max@home.test', verified: true });
    const again = await change(max, 'MAX@home.test');
    expect(again).toMatchObject({
      status: 400,
      body: { error: 'invalid_input', field: 'email', message: 'That is already your address, and it is confirmed.' },
    });
    // Nothing was replaced, so there is no old address to tell.
    const events = (await server.gatehouse.runAdmin('audit.list', { username: 'max', event: 'email.changed' })) as { events: Array<{ details: object }> };
    expect(events.events.map((e) => e.details)).toEqual([{ email: 'max@home.test', previous: null }]);
  });

  it('needs a fresh passkey sign-in to ask, and the code works for ten minutes', async () => {
    const noor = await person('noor', 'noor@home.test');
    const before = smtp.messages.length;
    expect((await change(noor, 'noor@new.test')).status).toBe(202);
    const code = codeIn(await mailTo('noor@new.test', before, 'Confirm your email address for Gatehouse'));
    now += 10 * MINUTE + 1000;
    expect((await confirm(noor, code)).body).toMatchObject({ error: 'email_code_invalid' });
    expect((await emailOf(noor)).body).toMatchObject({ email: 'noor@home.test', pending: null });
    const stale = await change(noor, 'noor@new.test');
    expect(stale).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    await signInWithPasskey(server.issuer, noor);
    expect((await change(noor, 'noor@new.test')).status).toBe(202);
  });

  it('refuses an address someone else has, a malformed one, and a person the provisioning file manages', async () => {
    const olga = await person('olga', 'olga@home.test');
    expect(await change(olga, 'PAT@home.test')).toMatchObject({ status: 409, body: { error: 'email_taken', field: 'email' } });
    expect(await change(olga, 'olga at home')).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'email' } });

    const pat = { username: 'pat', browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    await redeemLinkAndRegister(server.issuer, server.gatehouse.issueLoginLink('pat').url, pat);
    await signInWithPasskey(server.issuer, pat);
    expect((await emailOf(pat)).body.managedBy).toBe('provisioning');
    const refused = await change(pat, 'pat@new.test');
    expect(refused).toMatchObject({ status: 409, body: { error: 'email_provisioned' } });
    expect(refused.body.message).toContain('provisioning file');
    expect((await confirm(pat, '123456')).body).toMatchObject({ error: 'email_provisioned' });
  });

  it('says so when the mail server refuses, and leaves nothing waiting', async () => {
    const refusing = await startSmtpServer({ refuseAll: true });
    try {
      await useSmtpServer(server.gatehouse, refusing);
      const quinn = await person('quinn', 'quinn@home.test');
      const answer = await change(quinn, 'quinn@new.test');
      expect(answer).toMatchObject({ status: 502, body: { error: 'email_not_sent' } });
      // The person's sentence, not the admin's (which names the server and quotes its reply).
      expect(answer.body.message).toBe(
        'The code could not be sent to quinn@new.test. The message could not be sent just now. Try again in a few minutes; if it keeps failing, tell the owner of this Gatehouse.',
      );
      expect((await emailOf(quinn)).body.pending).toBeNull();
    } finally {
      await useSmtpServer(server.gatehouse, smtp);
      await refusing.close();
    }
  });

  it('voids the sign-in codes sent to the old address when the change is confirmed', async () => {
    await server.gatehouse.runAdmin('settings.update', { emailSignInCodes: true });
    const rosa = await person('rosa', 'rosa@home.test');
    let before = smtp.messages.length;
    expect((await rosa.browser.json(`${server.issuer}/api/session/email-code`, { email: 'rosa@home.test' })).status).toBe(202);
    const signInCode = codeIn(await mailTo('rosa@home.test', before, 'Your sign-in code for Gatehouse'));
    before = smtp.messages.length;
    expect((await change(rosa, 'rosa@new.test')).status).toBe(202);
    expect((await confirm(rosa, codeIn(await mailTo('rosa@new.test', before)))).status).toBe(200);
    const stale = await rosa.browser.json(`${server.issuer}/api/session/email-code/verify`, { email: 'rosa@home.test', code: signInCode });
    expect(stale).toMatchObject({ status: 401, body: { error: 'email_code_invalid' } });
    const rows = server.gatehouse.internals.db.prepare("SELECT purpose FROM email_codes WHERE email = 'rosa@home.test' AND used_at IS NULL").all();
    expect(rows).toEqual([]);
  });

  it('refuses the change when someone else took the address between asking and confirming', async () => {
    const sam = await person('sam', 'sam@home.test');
    const tess = await person('tess', 'tess@home.test');
    const before = smtp.messages.length;
    expect((await change(sam, 'shared@home.test')).status).toBe(202);
    const code = codeIn(await mailTo('shared@home.test', before));
    const tessId = ((await server.gatehouse.runAdmin('users.list', { query: 'tess' })) as { users: Array<{ id: string; username: string }> }).users.find(
      (u) => u.username === 'tess',
    )!.id;
    await server.gatehouse.runAdmin('users.update', { id: tessId, email: 'shared@home.test', emailVerified: true });
    expect(await confirm(sam, code)).toMatchObject({ status: 409, body: { error: 'email_taken', field: 'code' } });
    expect((await emailOf(sam)).body).toMatchObject({ email: 'sam@home.test' });
    expect((await emailOf(tess)).body).toMatchObject({ email: 'shared@home.test' });
    const events = (await server.gatehouse.runAdmin('audit.list', { username: 'sam', event: 'email.change_failed' })) as {
      events: Array<Parameters<typeof describeAuditEvent>[0]>;
    };
    expect(events.events.map((e) => e.details)).toEqual([{ reason: 'email_taken' }]);
    expect(describeAuditEvent(events.events[0]!).sentence).toBe('sam could not change their email address: someone else took it in the meantime');
  });

  it('refuses a code that is no string, or far too long, with a field error', async () => {
    const uma = await person('uma', 'uma@home.test');
    expect((await confirm(uma, 12345678 as unknown as string)).body).toMatchObject({ error: 'invalid_input', field: 'code' });
    expect((await confirm(uma, '1'.repeat(1000))).body).toMatchObject({ error: 'invalid_input', field: 'code' });
  });

  it('asks a person who is not signed in to sign in', async () => {
    const stranger = new Browser();
    expect((await stranger.json(`${server.issuer}/api/account/email`)).status).toBe(401);
    expect((await stranger.json(`${server.issuer}/api/account/email`, { email: 'x@home.test' })).status).toBe(401);
    expect((await stranger.json(`${server.issuer}/api/account/email/confirm`, { code: '123456' })).status).toBe(401);
  });
});
