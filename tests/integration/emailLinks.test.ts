// The console emails a person their sign-in link through a real SMTP server: an invitation to someone
// with no passkey yet, a sign-in link to someone who has one. The received message is parsed and its link
// followed; a server that refuses or is down is said in a sentence and the link still works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../renderer/src/admin/audit/auditSentence.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { Browser } from '../support/browser.ts';
import { redeemLinkAndRegister, signInWithPasskey, type Person } from '../support/flows.ts';
import { type ReceivedMail, type SmtpServer, smtpAvailable, startSmtpServer, useSmtpServer } from '../support/smtpServer.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

type AuditEntry = Parameters<typeof describeAuditEvent>[0];

type Emailed = {
  url: string;
  expiresAt: number;
  qrCodeSvg: string;
  kind: 'invitation' | 'sign_in_link';
  to: string;
  email: { sent: true; response: string } | { sent: false; code: string; sentence: string };
};

const newPerson = (): Omit<Person, 'username'> => ({ browser: new Browser(), authenticator: new SoftwareAuthenticator() });

/** The one link a message's plain text carries (the action), which the HTML's button must point at too. */
function linkIn(mail: ReceivedMail): string {
  const links = mail.parsed.text?.match(/https?:\/\/\S+/g) ?? [];
  expect(links).toHaveLength(1);
  expect(mail.parsed.html).toContain(`href="${links[0]}"`);
  return links[0]!;
}

describe.skipIf(!smtpAvailable())('emailed sign-in links', () => {
  let server: TestServer;
  let smtp: SmtpServer;
  let owner: Person;

  const create = async (username: string, email: string | null) =>
    (await server.gatehouse.runAdmin('users.create', { username, ...(email ? { email } : {}) })) as { id: string };
  const emailLink = (id: string) => server.gatehouse.runAdmin('users.emailLoginLink', { id, ttlMinutes: 60 * 24 }) as Promise<Emailed>;
  const audit = (event: string) => listAuditEvents(server.gatehouse.internals.db, { event });

  beforeAll(async () => {
    smtp = await startSmtpServer({ refuseRecipients: ['nobody@home.test'] });
    server = await startTestServer();
    await useSmtpServer(server.gatehouse, smtp);
    owner = { username: 'owner', ...newPerson() };
    await redeemLinkAndRegister(server.issuer, server.gatehouse.issueSetupLink().url, owner, { username: 'owner', email: 'owner@home.test' });
    await signInWithPasskey(server.issuer, owner);
  });

  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('invites a person without a passkey: the mail arrives, reads well, and its link enrols them', async () => {
    const dana = await create('dana', 'dana@home.test');
    const answer = await emailLink(dana.id);
    expect(answer).toMatchObject({ kind: 'invitation', to: 'dana@home.test', email: { sent: true, response: expect.stringMatching(/^250 .*queued as TEST/) } });
    expect(answer.qrCodeSvg).toContain('<svg');

    const mail = await smtp.waitForMail((m) => m.to.includes('dana@home.test'));
    // The first message to dana: nothing else is sent to a person before they have a passkey.
    expect(mail.parsed.subject).toBe('You are invited to Gatehouse');
    expect(mail.parsed.from?.address).toBe('gatehouse@home.test');
    const text = mail.parsed.text!;
    expect(text).toContain('Welcome to Gatehouse');
    expect(text).toContain('Hello dana,');
    expect(text).toContain('An admin of Gatehouse created an account for you, with the username dana.');
    expect(text).toMatch(/The link works once, until \d{1,2} \w+ \d{4} at \d\d:\d\d UTC\./);
    expect(text).toContain('Do not forward this email');
    expect(mail.parsed.html).toContain('Create your passkey');
    const url = linkIn(mail);
    expect(url).toBe(answer.url);

    const person = newPerson();
    await redeemLinkAndRegister(server.issuer, url, person);
    expect(((await server.gatehouse.runAdmin('users.get', { id: dana.id })) as { passkeys: number }).passkeys).toBe(1);
    expect(audit('email.sent')).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: dana.id, details: expect.objectContaining({ purpose: 'invitation', to: 'dana@home.test' }) })]),
    );
    expect(audit('admin.users.emailLoginLink')[0]).toMatchObject({ userId: dana.id, details: { kind: 'invitation', to: 'dana@home.test', sent: true } });
    const listed = (await server.gatehouse.runAdmin('audit.list', { event: 'admin.users.emailLoginLink' })) as { events: AuditEntry[] };
    expect(describeAuditEvent(listed.events[0]!).sentence).toMatch(/ emailed an invitation to dana at dana@home\.test$/);
  });

  it('sends a sign-in link, not an invitation, to someone who has a passkey; over HTTP as the console does', async () => {
    const erik = await create('erik', 'erik@home.test');
    await redeemLinkAndRegister(
      server.issuer,
      ((await server.gatehouse.runAdmin('users.issueLoginLink', { id: erik.id })) as { url: string }).url,
      newPerson(),
    );
    const answer = await owner.browser.json<Emailed>(`${server.issuer}/api/admin/users.emailLoginLink`, { id: erik.id });
    expect(answer).toMatchObject({ status: 200, body: { kind: 'sign_in_link', to: 'erik@home.test', email: { sent: true } } });
    // Without a lifetime, an emailed link works as long as a link may: it waits in an inbox.
    const issued = audit('one_time_link.issued')[0]!;
    expect(issued.details.expiresAt).toBe(answer.body.expiresAt);
    // Measured from the link's own making (the audit entry reads the clock a moment later).
    const made = server.gatehouse.internals.db
      .prepare<[number], { created_at: number }>("SELECT created_at FROM one_time_tokens WHERE kind = 'login' AND expires_at = ?")
      .get(answer.body.expiresAt)!;
    expect(answer.body.expiresAt - made.created_at).toBe(7 * 24 * 60 * 60 * 1000);

    const mail = await smtp.waitForMail((m) => m.to.includes('erik@home.test') && m.parsed.subject === 'Your sign-in link for Gatehouse');
    expect(mail.parsed.text).toContain('without a passkey: for example to add one on a new phone');
    const url = linkIn(mail);
    const holder = new Browser();
    const token = new URL(url).pathname.split('/').pop();
    expect(await holder.json(`${server.issuer}/api/links/redeem`, { token })).toMatchObject({ status: 200, body: { user: { username: 'erik' } } });
    // Single use, as every sign-in link.
    expect(await new Browser().json(`${server.issuer}/api/links/redeem`, { token })).toMatchObject({ status: 410, body: { error: 'link_invalid' } });
  });

  it('refuses a person without an email in the field, before making a link', async () => {
    const fay = await create('fay', null);
    const issued = audit('one_time_link.issued').length;
    const answer = await owner.browser.json(`${server.issuer}/api/admin/users.emailLoginLink`, { id: fay.id });
    expect(answer).toMatchObject({ status: 409, body: { error: 'email_missing', field: 'email' } });
    expect((answer.body as { message: string }).message).toBe('fay has no email address. Add one to the profile first, or create a link to copy.');
    expect(audit('one_time_link.issued')).toHaveLength(issued);
  });

  it('refuses API keys and disabled people as creating a link does, sending nothing', async () => {
    const { key } = (await server.gatehouse.runAdmin('apiKeys.create', { name: 'Robot' })) as { key: string };
    const gus = await create('gus', 'gus@home.test');
    const response = await fetch(`${server.issuer}/api/admin/users.emailLoginLink`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: gus.id }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toBe('forbidden');
    await server.gatehouse.runAdmin('users.setDisabled', { id: gus.id, disabled: true });
    await expect(emailLink(gus.id)).rejects.toMatchObject({ code: 'account_disabled' });
    expect(smtp.messages.filter((m) => m.to.includes('gus@home.test'))).toEqual([]);
  });

  it('says what the mail server refused, and the link still works', async () => {
    const nobody = await create('nobody', 'nobody@home.test');
    const answer = await emailLink(nobody.id);
    expect(answer.email).toMatchObject({ sent: false, code: 'smtp_refused' });
    expect((answer.email as { sentence: string }).sentence).toMatch(/nobody@home\.test|recipient|refused/i);
    expect(audit('email.refused')[0]).toMatchObject({ userId: nobody.id, details: expect.objectContaining({ purpose: 'invitation', to: 'nobody@home.test' }) });
    await redeemLinkAndRegister(server.issuer, answer.url, newPerson());
  });

  it('says the mail server is down, and the link still works', async () => {
    const down = await startSmtpServer();
    await useSmtpServer(server.gatehouse, down);
    await down.close();
    try {
      const hana = await create('hana', 'hana@home.test');
      const answer = await emailLink(hana.id);
      expect(answer.email).toMatchObject({ sent: false, code: 'smtp_unreachable' });
      await redeemLinkAndRegister(server.issuer, answer.url, newPerson());
    } finally {
      await useSmtpServer(server.gatehouse, smtp);
    }
  });

  it('says email is not set up, and the link still works', async () => {
    await server.gatehouse.runAdmin('settings.update', { smtpHost: null });
    try {
      const ivy = await create('ivy', 'ivy@home.test');
      const answer = await emailLink(ivy.id);
      expect(answer.email).toMatchObject({ sent: false, code: 'email_not_configured' });
      await redeemLinkAndRegister(server.issuer, answer.url, newPerson());
    } finally {
      await useSmtpServer(server.gatehouse, smtp);
    }
  });
});
