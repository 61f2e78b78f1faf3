// Signing in with a code sent by email, against a real SMTP server: off unless the owner switches it on,
// the same answer whatever the address, the code read from the received message, single use, five tries,
// ten minutes, a new code voiding the older one, bound to the browser and sign-in that asked, rate limits
// per address (asks, and wrong tries) and per client address, and an app's sign-in ending at the app with tokens.
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../renderer/src/admin/audit/auditSentence.ts';
import { EMAIL_CODE_ASKED } from '../../server/http/emailCodeRoutes.ts';
import { Browser } from '../support/browser.ts';
import { authorizationWithPkce, discoverPublicApp } from '../support/publicApp.ts';
import { type ReceivedMail, type SmtpServer, smtpAvailable, startSmtpServer, useSmtpServer } from '../support/smtpServer.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const REDIRECT = 'http://localhost:8080/cb';
const MINUTE = 60 * 1000;

/** The eight digits a sign-in code message carries ("1234 5678"), read from its plain text as a person would. */
function codeIn(mail: ReceivedMail): string {
  const code = /^(\d{4} \d{4})$/m.exec(mail.parsed.text ?? '')?.[1];
  if (!code) throw new Error(`no code in the message:\n${mail.parsed.text}`);
  return code;
}

describe.skipIf(!smtpAvailable())('sign-in codes by email', () => {
  let server: TestServer;
  let smtp: SmtpServer;
  let now = Date.now();

  /** Asks for a code as the account's sign-in page does, and answers the message that came for it. */
  async function askForCode(browser: Browser, email: string, base = `${server.issuer}/api/session`) {
    const before = smtp.messages.length;
    const asked = await browser.json<{ message: string }>(`${base}/email-code`, { email });
    expect(asked).toEqual({ status: 202, body: { message: EMAIL_CODE_ASKED } });
    const mail = await smtp.waitForMail((m) => smtp.messages.indexOf(m) >= before && m.to.some((to) => to.toLowerCase() === email.toLowerCase()));
    return codeIn(mail);
  }

  const verify = (browser: Browser, email: string, code: string, base = `${server.issuer}/api/session`) =>
    browser.json<{ user?: { username: string }; redirectTo?: string; error?: string; message?: string; field?: string }>(`${base}/email-code/verify`, {
      email,
      code,
    });

  const audit = async (event: string) =>
    (
      (await server.gatehouse.runAdmin('audit.list', { event, pageSize: 200 })) as {
        events: Array<{ userId: string | null; details: Record<string, unknown> }>;
      }
    ).events;

  const userId = async (username: string) =>
    ((await server.gatehouse.runAdmin('users.list', { query: username })) as { users: Array<{ id: string; username: string }> }).users.find(
      (u) => u.username === username,
    )!.id;

  /** Opens the wiki's sign-in in the browser: the interaction's address, where codes are asked for and entered. */
  async function startAppSignIn(browser: Browser) {
    const wiki = await discoverPublicApp(server.issuer, 'wiki');
    const { url, verifier } = await authorizationWithPkce(wiki, REDIRECT, 'openid email');
    const page = await browser.follow(url.href, server.issuer);
    expect(new URL(page.url).pathname).toMatch(/^\/interaction\//);
    return { wiki, verifier, base: page.url };
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // The per-address bucket keeps its real policy; the per-client one is loosened, since every request here comes from 127.0.0.1.
    server = await startTestServer({ clock: () => now, rateLimits: { emailCode: { burst: 1000, refillSeconds: 1 } } });
    server.provision({
      users: [
        { username: 'alice', email: 'Alice@home.test', emailVerified: true },
        { username: 'bruno', email: 'bruno@home.test', emailVerified: true },
        { username: 'carla', email: 'carla@home.test', emailVerified: false },
        { username: 'dora', email: 'dora@home.test', emailVerified: true, disabled: true },
        { username: 'erik', email: 'erik@home.test', emailVerified: true },
        { username: 'fay', email: 'fay@home.test', emailVerified: true },
        { username: 'gus', email: 'gus@home.test', emailVerified: true },
        { username: 'hana', email: 'hana@home.test', emailVerified: true },
        { username: 'ivan', email: 'ivan@home.test', emailVerified: true },
        { username: 'jo', email: 'jo@home.test', emailVerified: true },
        { username: 'kai', email: 'kai@home.test', emailVerified: true },
        { username: 'lena', email: 'lena@home.test', emailVerified: true },
        { username: 'mona', email: 'mona@home.test', emailVerified: true },
        { username: 'nils', email: 'nils@home.test', emailVerified: true },
      ],
      clients: [{ id: 'wiki', name: 'Wiki', public: true, redirectUris: [REDIRECT] }],
    });
  });

  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('is off until the owner switches it on, and needs a mail server too', async () => {
    const browser = new Browser();
    const off = await browser.json(`${server.issuer}/api/session/email-code`, { email: 'alice@home.test' });
    expect(off.status).toBe(403);
    expect(off.body).toMatchObject({ error: 'email_codes_off' });
    await server.gatehouse.runAdmin('settings.update', { emailSignInCodes: true });
    expect((await browser.json(`${server.issuer}/api/session/email-code`, { email: 'alice@home.test' })).body).toMatchObject({ error: 'email_codes_off' });
    expect((await browser.json(`${server.issuer}/api/session/email-code/verify`, { email: 'alice@home.test', code: '1234 5678' })).status).toBe(403);
    expect((await browser.json<{ emailSignInCodes: boolean }>(`${server.issuer}/api/branding`)).body.emailSignInCodes).toBe(false);
    await useSmtpServer(server.gatehouse, smtp, { emailSignInCodes: true });
    expect((await browser.json<{ emailSignInCodes: boolean }>(`${server.issuer}/api/branding`)).body.emailSignInCodes).toBe(true);
  });

  it('signs a person in to their account with the code from the message, and the code is never stored or logged', async () => {
    const browser = new Browser();
    // Typed in another case than stored: addresses are the same whatever their case.
    const code = await askForCode(browser, 'alice@home.test');
    const mail = smtp.messages.at(-1)!;
    expect(mail.parsed.subject).toBe('Your sign-in code for Gatehouse');
    expect(mail.parsed.text).toContain('sign in as alice');
    expect(mail.parsed.html).toContain(code);

    const signedIn = await verify(browser, 'ALICE@home.test', ` ${code.replace(' ', '-')} `);
    expect(signedIn).toMatchObject({ status: 200, body: { user: { username: 'alice' } } });
    const session = await browser.json<{ authMethod: string; user: { username: string } }>(`${server.issuer}/api/session`);
    expect(session.body).toMatchObject({ authMethod: 'email_code', user: { username: 'alice' } });

    const alice = await userId('alice');
    expect((await audit('email_code.issued')).filter((e) => e.userId === alice)).toEqual([expect.objectContaining({ details: { purpose: 'sign_in' } })]);
    expect((await audit('email_code.used')).filter((e) => e.userId === alice)).toHaveLength(1);
    const succeeded = (await audit('sign_in.succeeded')).find((e) => e.userId === alice)!;
    expect(succeeded.details).toEqual({ method: 'email_code', to: 'account' });
    expect(describeAuditEvent(succeeded as Parameters<typeof describeAuditEvent>[0]).sentence).toBe('alice signed in with an emailed code to their account');
    const everything = JSON.stringify(await server.gatehouse.runAdmin('audit.list', { pageSize: 200 }));
    expect(everything).not.toContain(code);
    const stored = JSON.stringify(server.gatehouse.internals.db.prepare('SELECT * FROM email_codes').all());
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(code.replace(' ', ''));

    // Used once, it is spent.
    const again = await verify(new Browser(), 'alice@home.test', code);
    expect(again).toMatchObject({ status: 401, body: { error: 'email_code_invalid', field: 'code' } });
  });

  it('answers the same for an unknown, an unconfirmed and a disabled address, and mails none of them', async () => {
    const browser = new Browser();
    const issuedBefore = (await audit('email_code.issued')).length;
    for (const email of ['nobody@home.test', 'carla@home.test', 'dora@home.test']) {
      expect(await browser.json(`${server.issuer}/api/session/email-code`, { email })).toEqual({ status: 202, body: { message: EMAIL_CODE_ASKED } });
    }
    // Each is handled in the order asked, so once bruno's message is here the three before it were handled too.
    await askForCode(browser, 'bruno@home.test');
    const issued = await audit('email_code.issued');
    // Newest first: only bruno's code was issued since.
    expect(issued.slice(0, issued.length - issuedBefore).map((e) => e.userId)).toEqual([await userId('bruno')]);
    expect(smtp.messages.flatMap((m) => m.to).filter((to) => ['nobody@home.test', 'carla@home.test', 'dora@home.test'].includes(to))).toEqual([]);
  });

  it('refuses a malformed address with a field error', async () => {
    const answer = await new Browser().json(`${server.issuer}/api/session/email-code`, { email: 'not an address' });
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'email' } });
  });

  it('gives a code five tries, the right one included', async () => {
    const browser = new Browser();
    const code = await askForCode(browser, 'erik@home.test');
    const wrong = code === '0000 0000' ? '11111111' : '00000000';
    for (let i = 0; i < 4; i++) expect((await verify(browser, 'erik@home.test', wrong)).status).toBe(401);
    expect((await verify(browser, 'erik@home.test', code)).status).toBe(200);

    const next = await askForCode(browser, 'ivan@home.test');
    const miss = next === '0000 0000' ? '11111111' : '00000000';
    for (let i = 0; i < 5; i++) expect((await verify(browser, 'ivan@home.test', miss)).status).toBe(401);
    const spent = await verify(browser, 'ivan@home.test', next);
    expect(spent).toMatchObject({ status: 401, body: { error: 'email_code_invalid' } });
    expect(spent.body.message).toContain('ask for a new code');
    const ivan = await userId('ivan');
    const failed = (await audit('sign_in.failed')).filter((e) => e.userId === ivan);
    // The sixth try finds no live code, so its entry names nobody.
    expect(failed).toHaveLength(5);
    expect(failed[0]!.details).toEqual({ method: 'email_code', reason: 'email_code_invalid', to: 'account' });
    expect(describeAuditEvent(failed[0] as Parameters<typeof describeAuditEvent>[0]).sentence).toBe(
      'A sign-in with an emailed code to their account failed (email_code_invalid)',
    );
  });

  it('a new code voids the older one', async () => {
    const browser = new Browser();
    const first = await askForCode(browser, 'fay@home.test');
    const second = await askForCode(browser, 'fay@home.test');
    if (first !== second) expect((await verify(browser, 'fay@home.test', first)).status).toBe(401);
    expect((await verify(browser, 'fay@home.test', second)).status).toBe(200);
  });

  it('works for ten minutes', async () => {
    const browser = new Browser();
    const code = await askForCode(browser, 'gus@home.test');
    now += 10 * MINUTE + 1000;
    expect((await verify(browser, 'gus@home.test', code)).body).toMatchObject({ error: 'email_code_invalid' });
  });

  it('signs in to an app, which gets tokens saying an emailed code was used', async () => {
    const browser = new Browser();
    const { wiki, verifier, base } = await startAppSignIn(browser);
    const code = await askForCode(browser, 'hana@home.test', base);
    const signedIn = await verify(browser, 'hana@home.test', code, base);
    expect(signedIn.status).toBe(200);
    let next = signedIn.body.redirectTo!;
    for (let step = 0; step < 3; step++) {
      const hop = await browser.follow(next, server.issuer);
      if (!hop.response) {
        next = hop.url;
        break;
      }
      const consent = await browser.json<{ redirectTo: string }>(`${hop.url}/consent`, { approve: true });
      next = consent.body.redirectTo;
    }
    expect(next.startsWith(REDIRECT)).toBe(true);
    const tokens = await oidc.authorizationCodeGrant(wiki, new URL(next), { pkceCodeVerifier: verifier });
    expect(tokens.claims()).toMatchObject({ email: 'hana@home.test', email_verified: true, amr: ['otp'] });
    const hana = await userId('hana');
    expect((await audit('sign_in.succeeded')).find((e) => e.userId === hana)?.details).toEqual({ method: 'email_code' });
  });

  it('limits wrong tries at an address, even made all at once, and refuses them before looking at the code', async () => {
    const browser = new Browser();
    const code = await askForCode(browser, 'kai@home.test');
    const wrong = code === '0000 0000' ? '11111111' : '00000000';
    const answers = await Promise.all(Array.from({ length: 12 }, () => verify(browser, 'kai@home.test', wrong)));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(2);
    expect(answers.find((a) => a.status === 429)!.body.message).toBe(
      'Too many wrong codes were tried for this email address. Wait an hour, then ask for a new code.',
    );
    // The right code is refused too while the bucket is empty, and the code itself had only its five tries.
    expect((await verify(browser, 'kai@home.test', code)).status).toBe(429);
    const rows = server.gatehouse.internals.db.prepare("SELECT attempts FROM email_codes WHERE email = 'kai@home.test'").all();
    expect(rows).toEqual([{ attempts: 5 }]);
    // An unknown address's wrong tries are limited the same way.
    const unknown = [];
    for (let i = 0; i < 11; i++) unknown.push((await verify(new Browser(), 'nobody-here@home.test', '12345678')).status);
    expect(unknown).toEqual([...Array(10).fill(401), 429]);
  });

  it('works only in the browser, and at the sign-in, that asked for it', async () => {
    // Asked at the account: refused from another browser, then accepted from the one that asked.
    const asker = new Browser();
    const code = await askForCode(asker, 'lena@home.test');
    expect((await verify(new Browser(), 'lena@home.test', code)).body).toMatchObject({ error: 'email_code_invalid' });
    expect((await verify(asker, 'lena@home.test', code)).status).toBe(200);

    // Asked at an app's sign-in: refused at the account and at another sign-in of the same browser.
    const browser = new Browser();
    const first = await startAppSignIn(browser);
    const second = await startAppSignIn(browser);
    const appCode = await askForCode(browser, 'nils@home.test', first.base);
    expect((await verify(browser, 'nils@home.test', appCode)).body).toMatchObject({ error: 'email_code_invalid' });
    expect((await verify(browser, 'nils@home.test', appCode, second.base)).body).toMatchObject({ error: 'email_code_invalid' });
    expect((await verify(browser, 'nils@home.test', appCode, first.base)).status).toBe(200);
  });

  it('refuses a person disabled after the code was sent, and says why in the audit log', async () => {
    const browser = new Browser();
    const code = await askForCode(browser, 'mona@home.test');
    const mona = await userId('mona');
    await server.gatehouse.runAdmin('users.setDisabled', { id: mona, disabled: true });
    expect(await verify(browser, 'mona@home.test', code)).toMatchObject({ status: 403, body: { error: 'account_disabled' } });
    expect((await audit('sign_in.failed')).find((e) => e.userId === mona)?.details).toEqual({
      method: 'email_code',
      reason: 'account_disabled',
      to: 'account',
    });
  });

  it('refuses an address or a code that is no string, or far too long, with a field error', async () => {
    const verifyRaw = (body: unknown) => new Browser().json<{ error?: string; field?: string }>(`${server.issuer}/api/session/email-code/verify`, body);
    expect((await verifyRaw({ email: 42, code: '12345678' })).body).toMatchObject({ error: 'invalid_input', field: 'email' });
    expect((await verifyRaw({ email: `${'a'.repeat(300)}@home.test`, code: '12345678' })).body).toMatchObject({ error: 'invalid_input', field: 'email' });
    expect((await verifyRaw({ email: 'bruno@home.test', code: 12345678 })).body).toMatchObject({ error: 'invalid_input', field: 'code' });
    expect((await verifyRaw({ email: 'bruno@home.test', code: '1'.repeat(1000) })).body).toMatchObject({ error: 'invalid_input', field: 'code' });
    expect((await new Browser().json(`${server.issuer}/api/session/email-code`, { email: ['bruno@home.test'] })).body).toMatchObject({
      error: 'invalid_input',
      field: 'email',
    });
  });

  it('limits the codes asked for one address, whoever asks and whether or not it belongs to anyone', async () => {
    for (const email of ['jo@home.test', 'unknown@home.test']) {
      const answers = [];
      for (let i = 0; i < 9; i++) answers.push(await new Browser().json<{ message: string }>(`${server.issuer}/api/session/email-code`, { email }));
      expect(answers.slice(0, 8).map((a) => a.status)).toEqual(Array(8).fill(202));
      expect(answers[8]!.status).toBe(429);
      expect(answers[8]!.body.message).toMatch(/^Too many codes were asked for this email address\. Wait \d+ minutes? and try again\.$/);
    }
  });
});

describe.skipIf(!smtpAvailable())('sign-in codes by email, per client address', () => {
  it('limits the codes one client address asks for and tries', async () => {
    const smtp = await startSmtpServer();
    const server = await startTestServer();
    try {
      await useSmtpServer(server.gatehouse, smtp, { emailSignInCodes: true });
      const browser = new Browser();
      const statuses = [];
      for (let i = 0; i < 11; i++) {
        const path = i % 2 === 0 ? 'email-code' : 'email-code/verify';
        statuses.push((await browser.json(`${server.issuer}/api/session/${path}`, { email: `person${i}@home.test`, code: '12345678' })).status);
      }
      expect(statuses.slice(0, 10)).toEqual([202, 401, 202, 401, 202, 401, 202, 401, 202, 401]);
      expect(statuses[10]).toBe(429);
    } finally {
      await server.close();
      await smtp.close();
    }
  });
});
