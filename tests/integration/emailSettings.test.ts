// Email settings against a real SMTP server (python3-aiosmtpd): the test email with the server's own reply,
// a password that is sealed and never shown, the configuration and the provisioning file fixing fields, and
// a server that refuses, asks for a password, is down or is spoken to wrongly, each answered in a sentence.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import { loadOptions } from '../../server/config/load.ts';
import { describeAuditEvent } from '../../renderer/src/admin/audit/auditSentence.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { writeSettings } from '../../server/db/settings.ts';
import { serverReply } from '../../server/mail/smtpFailures.ts';
import { type SmtpServer, smtpAvailable, startSmtpServer, useSmtpServer } from '../support/smtpServer.ts';
import { refusal } from '../support/refusal.ts';
import { makeSelfSignedCertificate } from '../support/selfSignedCertificate.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const runs = smtpAvailable();

type Answer = Record<string, any>;

/** A 1×1 PNG, as the instance's logo. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe.runIf(runs)('email settings', () => {
  let server: TestServer;
  let smtp: SmtpServer;
  const admin = (name: string, input: unknown) => server.gatehouse.runAdmin(name, input) as Promise<Answer>;
  const audit = (event: string) => listAuditEvents(server.gatehouse.internals.db, { event });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('is not configured until a host and a from-address are set, and says so', async () => {
    const settings = await admin('settings.get', {});
    expect(settings.email).toMatchObject({
      configured: false,
      host: { value: null, fixedBy: null },
      port: { value: 587, usual: true },
      usualPorts: { starttls: 587, tls: 465, none: 25 },
      password: { set: false },
      emailSignInCodes: false,
    });
    // One view of the email settings: the instance's own carry none of them.
    expect(Object.keys(settings.instance).filter((name) => /smtp|email/i.test(name))).toEqual([]);
    const answer = await admin('email.test', { to: 'owner@home.example' });
    expect(answer.outcome).toMatchObject({ sent: false, code: 'email_not_configured' });
    expect(answer.outcome.sentence).toMatch(/Settings, under Email/);
    expect(audit('email.refused').at(0)).toMatchObject({
      details: { purpose: 'test', to: 'owner@home.example', code: 'email_not_configured', response: null },
    });
  });

  it('sends the test email through the server and answers with its reply', async () => {
    await admin('settings.update', { instanceName: 'Home Lab', logo: PNG });
    await useSmtpServer(server.gatehouse, smtp, { from: 'gatehouse@home.example' });
    const answer = await admin('email.test', { to: 'owner@home.example' });
    expect(answer).toMatchObject({ to: 'owner@home.example', outcome: { sent: true } });
    expect(answer.outcome.response).toMatch(/^250 2\.0\.0 Ok: queued as TEST\d+/);

    const mail = await smtp.waitForMail((m) => m.to.includes('owner@home.example'));
    expect(mail.from).toBe('gatehouse@home.example');
    expect(mail.parsed.from).toMatchObject({ name: 'Home Lab', address: 'gatehouse@home.example' });
    expect(mail.parsed.subject).toBe('Test email from Home Lab');
    expect(mail.parsed.text).toMatch(/Home Lab can send email through this mail server/);
    expect(mail.parsed.html).toMatch(/<h1[^>]*>Email works<\/h1>/);
    // The logo travels inside the message, shown by cid.
    expect(mail.parsed.html).toContain('src="cid:logo@gatehouse"');
    const logo = mail.parsed.attachments.find((a) => a.contentId === '<logo@gatehouse>');
    expect(logo?.mimeType).toBe('image/png');

    expect(audit('email.sent').at(0)).toMatchObject({
      event: 'email.sent',
      details: { purpose: 'test', to: 'owner@home.example', response: answer.outcome.response },
    });
  });

  it("sends to the signed-in admin's own address when none is given", async () => {
    const created = (await admin('users.create', { username: 'olive', email: 'olive@home.example', isAdmin: true })) as Answer;
    const id = (created.user ?? created).id as string;
    const answer = (await server.gatehouse.runAdmin('email.test', {}, { kind: 'admin', userId: id, ip: '127.0.0.1' })) as Answer;
    expect(answer).toMatchObject({ to: 'olive@home.example', outcome: { sent: true } });
    await smtp.waitForMail((m) => m.to.includes('olive@home.example'));
    // The desktop owner has no address of their own: they must give one.
    expect(await refusal(admin('email.test', {}))).toMatchObject({ code: 'invalid_input', field: 'to' });
  });

  it('refuses bad settings field by field and keeps what was saved', async () => {
    for (const [input, field] of [
      [{ smtpHost: 'smtp://mail.example.com' }, 'smtpHost'],
      [{ smtpHost: 'mail.example.com:587' }, 'smtpHost'],
      [{ smtpPort: 0 }, 'smtpPort'],
      [{ smtpPort: 'five' }, 'smtpPort'],
      [{ smtpHost: '-relay.example.com' }, 'smtpHost'],
      [{ smtpHost: 'relay-.example.com' }, 'smtpHost'],
      [{ smtpHost: `${'a'.repeat(64)}.example.com` }, 'smtpHost'],
      [{ smtpHost: 'relay_1.example.com' }, 'smtpHost'],
      [{ smtpFrom: 'not an address' }, 'smtpFrom'],
      [{ smtpFrom: 'Home Lab <gh@home.example>' }, 'smtpFrom'],
      [{ smtpFrom: 'gh@home.example, all@home.example' }, 'smtpFrom'],
      [{ smtpFrom: '"gh"@home.example' }, 'smtpFrom'],
      [{ smtpFrom: 'gh;x@home.example' }, 'smtpFrom'],
      [{ smtpFrom: 'gh@home.example\r\nBcc: all@home.example' }, 'smtpFrom'],
      [{ smtpUser: 'relay\r\nMAIL FROM:<x@home.example>' }, 'smtpUser'],
      [{ smtpPassword: 'pass\nword' }, 'smtpPassword'],
      [{ instanceName: 'Home\r\nBcc: all@home.example' }, 'instanceName'],
      [{ smtpSecurity: 'ssl' }, 'smtpSecurity'],
    ] as const) {
      // The transports answer these as field errors (invalid_input with the field); here they are the schema's.
      const error = await refusal<ZodError>(admin('settings.update', { instanceName: 'Changed', ...input }));
      expect(
        error.issues.map((issue) => issue.path.join('.')),
        JSON.stringify(input),
      ).toEqual([field]);
    }
    // Each says what to do, in words of its own.
    const messages = async (input: Record<string, unknown>) => (await refusal<ZodError>(admin('settings.update', input))).issues.map((issue) => issue.message);
    expect(await messages({ smtpPort: 0 })).toEqual([
      'must be the mail server\'s port, a whole number from 1 to 65535 such as 587 (STARTTLS) or 465 (TLS), got "0"',
    ]);
    expect(await messages({ smtpFrom: 'Home Lab <gh@home.example>' })).toEqual([
      'must be the address alone, like alice@example.com: no name, spaces, quotes or < > ( ) , ; : [ ] \\',
    ]);
    expect(await messages({ instanceName: 'Home\nLab' })).toEqual(['must be on one line, without tabs or other control characters']);
    // Host names by RFC 1123, and addresses.
    for (const host of ['smtp.example.com', 'mail-1.home.example', `${'a'.repeat(63)}.example`, '192.168.1.10', '::1', 'localhost']) {
      await admin('settings.update', { smtpHost: host });
    }
    await admin('settings.update', { smtpHost: '127.0.0.1' });
    const settings = await admin('settings.get', {});
    expect(settings.instance.instanceName).toBe('Home Lab');
    expect(settings.email).toMatchObject({ configured: true, host: { value: '127.0.0.1' }, port: { value: smtp.port }, security: { value: 'none' } });
  });

  it('reports a server that refuses the recipient or every message with its own reply, and audits it', async () => {
    const refusing = await startSmtpServer({ refuseRecipients: ['gone@home.example'] });
    try {
      await useSmtpServer(server.gatehouse, refusing);
      const recipient = await admin('email.test', { to: 'gone@home.example' });
      expect(recipient.outcome).toMatchObject({ sent: false, code: 'smtp_refused' });
      expect(recipient.outcome.sentence).toMatch(
        /refused the message\. It answered: "550 5\.1\.1 <gone@home\.example>: Recipient address rejected: User unknown"/,
      );
      expect(audit('email.refused').at(0)).toMatchObject({
        details: { purpose: 'test', to: 'gone@home.example', code: 'smtp_refused', response: expect.stringMatching(/^550 5\.1\.1/) },
      });
    } finally {
      await refusing.close();
    }
    const closed = await startSmtpServer({ refuseAll: true });
    try {
      await useSmtpServer(server.gatehouse, closed);
      const all = await admin('email.test', { to: 'owner@home.example' });
      expect(all.outcome).toMatchObject({ sent: false, code: 'smtp_refused' });
      expect(all.outcome.sentence).toMatch(/554 5\.7\.1 Relay access denied/);
    } finally {
      await closed.close();
    }
  });

  it('gives up on a server that answers, but too slowly ever to finish', async () => {
    const slow = await startSmtpServer({ slow: true });
    try {
      await useSmtpServer(server.gatehouse, slow);
      const answer = await admin('email.test', { to: 'owner@home.example' });
      expect(answer.outcome).toMatchObject({ sent: false, code: 'smtp_timeout' });
      expect(answer.outcome.sentence).toBe(
        `The mail server at 127.0.0.1:${slow.port} answered too slowly: the message was not sent within 30 seconds. Check that the host and port are those of your mail server, and try again later.`,
      );
      expect(audit('email.refused').at(0)).toMatchObject({ details: { code: 'smtp_timeout', response: null } });
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('quotes a mail server by the first line of its reply, without control characters, at most 300 characters', () => {
    expect(serverReply('550 5.7.1 Refused\r\n550 more lines')).toBe('550 5.7.1 Refused');
    expect(serverReply('250 Ok\u0007\u001b[31m queued')).toBe('250 Ok[31m queued');
    expect(serverReply(`554 ${'x'.repeat(400)}`)).toHaveLength(300);
    expect(serverReply('\r\n')).toBeNull();
  });

  it('keeps an instance name with markup or line breaks inside the headers and the HTML', async () => {
    await useSmtpServer(server.gatehouse, smtp);
    await admin('settings.update', { instanceName: '<b>Lab</b> & "Co"' });
    await admin('email.test', { to: 'markup@home.example' });
    const marked = await smtp.waitForMail((m) => m.to.includes('markup@home.example'));
    expect(marked.parsed.from).toMatchObject({ name: '<b>Lab</b> & "Co"', address: 'gatehouse@home.test' });
    expect(marked.parsed.subject).toBe('Test email from <b>Lab</b> & "Co"');
    expect(marked.parsed.html).toContain('&lt;b&gt;Lab&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(marked.parsed.html).not.toContain('<b>Lab</b>');

    // A name stored before line breaks were refused still cannot start a header of its own.
    // So does a logo nodemailer could not decode: it is left out, never shown by a cid the message lacks.
    writeSettings(server.gatehouse.internals.db, { instanceName: 'Lab\r\nBcc: all@home.example\r\nX-Injected: yes', logo: 'data:image/png;base64,%%%' });
    expect((await admin('email.test', { to: 'broken@home.example' })).outcome).toMatchObject({ sent: true });
    const broken = await smtp.waitForMail((m) => m.to.includes('broken@home.example'));
    expect(broken.to).toEqual(['broken@home.example']);
    expect(broken.parsed.headers.map((header) => header.key)).not.toContain('x-injected');
    expect(broken.parsed.bcc ?? []).toEqual([]);
    expect(broken.parsed.subject).not.toMatch(/[\r\n]/);
    expect(broken.parsed.html).not.toContain('cid:');
    expect(broken.parsed.attachments).toEqual([]);
    writeSettings(server.gatehouse.internals.db, { logo: PNG });
    await admin('settings.update', { instanceName: 'Home Lab' });
  });

  it('says so when the server is down', async () => {
    const down = await startSmtpServer();
    await down.close();
    await useSmtpServer(server.gatehouse, down);
    const answer = await admin('email.test', { to: 'owner@home.example' });
    expect(answer.outcome).toMatchObject({ sent: false, code: 'smtp_unreachable' });
    expect(answer.outcome.sentence).toBe(
      `Nothing accepted a connection at 127.0.0.1:${down.port}. Check the host and port, and that the mail server is running.`,
    );
  });

  it('gives up on a server that accepts the connection and never answers', async () => {
    // A listener that takes connections and says nothing, like a mail server that hangs.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      await useSmtpServer(server.gatehouse, { host: '127.0.0.1', port: (silent.address() as AddressInfo).port });
      const answer = await admin('email.test', { to: 'owner@home.example' });
      expect(answer.outcome).toMatchObject({ sent: false, code: 'smtp_timeout' });
      expect(answer.outcome.sentence).toMatch(/did not answer in time\. Check the host and port, and that a firewall lets Gatehouse reach it\.$/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('says so when STARTTLS is required and the server does not offer it', async () => {
    await useSmtpServer(server.gatehouse, smtp);
    await admin('settings.update', { smtpSecurity: 'starttls' });
    const answer = await admin('email.test', { to: 'owner@home.example' });
    expect(answer.outcome).toMatchObject({ sent: false, code: 'smtp_tls_failed' });
    expect(answer.outcome.sentence).toMatch(/^The mail server at 127\.0\.0\.1:\d+ did not start an encrypted connection \(STARTTLS\)\. It answered: "/);
  });

  it('refuses a certificate it does not trust, and TLS spoken to a plain port', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-smtp-tls-'));
    const [certFile, keyFile] = [path.join(dir, 'smtp.crt'), path.join(dir, 'smtp.key')];
    makeSelfSignedCertificate(certFile, keyFile);
    const starttls = await startSmtpServer({ tls: { certFile, keyFile } });
    try {
      await useSmtpServer(server.gatehouse, starttls);
      await admin('settings.update', { smtpHost: 'localhost', smtpSecurity: 'starttls' });
      const untrusted = await admin('email.test', { to: 'owner@home.example' });
      expect(untrusted.outcome).toMatchObject({ sent: false, code: 'smtp_tls_failed' });
      expect(untrusted.outcome.sentence).toMatch(
        /^The mail server at localhost:\d+ has a certificate Gatehouse does not trust \(self[- ]signed certificate\)\. .*NODE_EXTRA_CA_CERTS/,
      );
      expect(starttls.messages).toHaveLength(0);

      await useSmtpServer(server.gatehouse, smtp);
      await admin('settings.update', { smtpSecurity: 'tls' });
      const plain = await admin('email.test', { to: 'owner@home.example' });
      expect(plain.outcome).toMatchObject({ sent: false, code: 'smtp_tls_failed' });
      expect(plain.outcome.sentence).toBe(
        `The mail server at 127.0.0.1:${smtp.port} does not speak TLS from the start. For port 587 choose STARTTLS; TLS from the start is usually port 465.`,
      );
    } finally {
      await starttls.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('signs in with the password, keeps it sealed and never shows it', async () => {
    const guarded = await startSmtpServer({ auth: { user: 'gatehouse', password: 'correct horse battery' } });
    try {
      await useSmtpServer(server.gatehouse, guarded, { user: 'gatehouse', password: 'wrong one' });
      const wrong = await admin('email.test', { to: 'owner@home.example' });
      expect(wrong.outcome).toMatchObject({ sent: false, code: 'smtp_auth_failed' });
      expect(wrong.outcome.sentence).toMatch(/did not accept the user name and password\. It answered: "535/);

      const saved = await admin('settings.update', { smtpPassword: 'correct horse battery' });
      expect(saved.email.password).toEqual({ set: true, fixedBy: null, problem: null });
      expect(JSON.stringify(saved)).not.toContain('correct horse');
      const right = await admin('email.test', { to: 'owner@home.example' });
      expect(right.outcome).toMatchObject({ sent: true });

      const db = server.gatehouse.internals.db;
      const stored = db.prepare("SELECT value FROM settings WHERE name LIKE '%smtp%' OR name LIKE 'secret:%'").all() as { value: string }[];
      expect(JSON.stringify(stored)).not.toContain('correct horse');
      const changes = audit('admin.settings.update').map((event) => JSON.stringify(event.details));
      expect(changes.join('\n')).not.toMatch(/correct horse|wrong one/);
      expect(changes.at(0)).toContain('{"field":"smtpPassword","changed":true}');

      // A stored password takes a user name.
      expect(await refusal(admin('settings.update', { smtpUser: null }))).toMatchObject({ code: 'invalid_input', field: 'smtpUser' });
      // Without a server that asks for one, no password is needed at all.
      await admin('settings.update', { smtpUser: null, smtpPassword: null });
      expect((await admin('settings.get', {})).email.password.set).toBe(false);
    } finally {
      await guarded.close();
    }
  });

  it("words each email in the console's audit log, with the mail server's answer", async () => {
    const { events } = (await admin('audit.list', { event: 'email' })) as { events: Parameters<typeof describeAuditEvent>[0][] };
    const sentences = events.map((entry) => describeAuditEvent(entry).sentence);
    expect(sentences).toContainEqual(
      expect.stringMatching(/^A test email was sent to owner@home\.example; the mail server answered “250 2\.0\.0 Ok: queued as TEST\d+”$/),
    );
    expect(sentences).toContain(
      'A test email to gone@home.example was not sent (smtp refused); the mail server answered “550 5.1.1 <gone@home.example>: Recipient address rejected: User unknown”',
    );
    expect(sentences).toContain('A test email to owner@home.example was not sent (smtp unreachable)');
  });

  it('offers sign-in codes by email only when switched on and a server is set', async () => {
    const branding = async () => ((await (await fetch(`${server.issuer}/api/branding`)).json()) as Answer).emailSignInCodes;
    await useSmtpServer(server.gatehouse, smtp);
    expect(await branding()).toBe(false);
    await admin('settings.update', { emailSignInCodes: true });
    expect(await branding()).toBe(true);
    await admin('settings.update', { smtpHost: null });
    expect(await branding()).toBe(false);
    await admin('settings.update', { emailSignInCodes: false });
  });
});

describe.runIf(runs)('email settings from the configuration and the provisioning file', () => {
  let smtp: SmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer({ auth: { user: 'relay', password: 'from-a-file-0123' } });
  });

  afterAll(async () => {
    await smtp?.close();
  });

  it('reads the configuration, the password from a file, and keeps the console from changing them', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-mail-'));
    const passwordFile = path.join(dataDir, 'smtp.secret');
    writeFileSync(passwordFile, 'from-a-file-0123\n', { mode: 0o600 });
    writeFileSync(path.join(dataDir, 'gatehouse.yaml'), 'smtpFrom: sender@home.example\n');
    const loaded = loadOptions({
      flags: { dataDir, smtpHost: '127.0.0.1', smtpPort: String(smtp.port) },
      env: { GATEHOUSE_SMTP_SECURITY: 'none', GATEHOUSE_SMTP_USER: 'relay', GATEHOUSE_SMTP_PASSWORD_FILE: passwordFile },
    });
    const { smtpHost, smtpPort, smtpSecurity, smtpUser, smtpPasswordFile, smtpFrom, fixedBy } = loaded;
    const server = await startTestServer({ dataDir, options: { smtpHost, smtpPort, smtpSecurity, smtpUser, smtpPasswordFile, smtpFrom, fixedBy } });
    try {
      const admin = (name: string, input: unknown) => server.gatehouse.runAdmin(name, input) as Promise<Answer>;
      const settings = await admin('settings.get', {});
      expect(settings.email).toMatchObject({
        configured: true,
        host: { value: '127.0.0.1', fixedBy: '--smtp-host' },
        port: { value: smtp.port, fixedBy: '--smtp-port' },
        security: { value: 'none', fixedBy: 'GATEHOUSE_SMTP_SECURITY' },
        user: { value: 'relay', fixedBy: 'GATEHOUSE_SMTP_USER' },
        from: { value: 'sender@home.example', fixedBy: 'gatehouse.yaml' },
        password: { set: true, fixedBy: 'GATEHOUSE_SMTP_PASSWORD_FILE', problem: null },
      });
      expect(await refusal(admin('settings.update', { smtpHost: 'other.example' }))).toMatchObject({
        code: 'set_at_startup',
        field: 'smtpHost',
        message: 'This is set by --smtp-host; change it there.',
      });
      expect(await refusal(admin('settings.update', { smtpPassword: 'typed' }))).toMatchObject({ code: 'set_at_startup', field: 'smtpPassword' });
      expect((await admin('email.test', { to: 'owner@home.example' })).outcome).toMatchObject({ sent: true });
      const mail = await smtp.waitForMail((m) => m.from === 'sender@home.example');
      expect(mail.parsed.subject).toBe('Test email from Gatehouse');

      // The file is read at each send: an emptied one is named in the answer.
      writeFileSync(passwordFile, '');
      const missing = await admin('email.test', { to: 'owner@home.example' });
      expect(missing.outcome).toMatchObject({ sent: false, code: 'smtp_auth_failed' });
      expect(missing.outcome.sentence).toBe(`The mail server's password is missing. The password file ${passwordFile} is empty.`);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('lets the configuration win over the provisioning file, and gives the console its own values back after email: {}', async () => {
    const server = await startTestServer({
      env: { ...process.env, RELAY_PASSWORD: 'from-a-file-0123' },
      options: { smtpFrom: 'config@home.example', fixedBy: { smtpFrom: 'GATEHOUSE_SMTP_FROM' } },
    });
    try {
      const admin = (name: string, input: unknown) => server.gatehouse.runAdmin(name, input) as Promise<Answer>;
      await admin('settings.update', { smtpHost: 'console.home.example', smtpSecurity: 'tls', smtpPort: 2465 });
      server.provision({
        email: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'relay', passwordEnv: 'RELAY_PASSWORD', from: 'provisioned@home.example' },
      });
      const provisioned = (await admin('settings.get', {})).email;
      expect(provisioned).toMatchObject({
        host: { value: '127.0.0.1', fixedBy: 'the provisioning file' },
        port: { value: smtp.port, fixedBy: 'the provisioning file', usual: false },
        from: { value: 'config@home.example', fixedBy: 'GATEHOUSE_SMTP_FROM' },
      });

      server.provision({ email: {} });
      expect((await admin('settings.get', {})).email).toMatchObject({
        host: { value: 'console.home.example', fixedBy: null },
        port: { value: 2465, fixedBy: null, usual: false },
        security: { value: 'tls', fixedBy: null },
        user: { value: null, fixedBy: null },
        from: { value: 'config@home.example', fixedBy: 'GATEHOUSE_SMTP_FROM' },
        password: { set: false, fixedBy: null },
      });
    } finally {
      await server.close();
    }
  });

  it('takes the mail server from the provisioning file, the password from a named variable', async () => {
    const server = await startTestServer({ env: { ...process.env, RELAY_PASSWORD: 'from-a-file-0123' } });
    try {
      server.provision({
        email: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'relay', passwordEnv: 'RELAY_PASSWORD', from: 'provisioned@home.example' },
      });
      const admin = (name: string, input: unknown) => server.gatehouse.runAdmin(name, input) as Promise<Answer>;
      const settings = await admin('settings.get', {});
      expect(settings.email).toMatchObject({
        configured: true,
        host: { value: '127.0.0.1', fixedBy: 'the provisioning file' },
        from: { value: 'provisioned@home.example', fixedBy: 'the provisioning file' },
        password: { set: true, fixedBy: 'the provisioning file' },
      });
      expect(await refusal(admin('settings.update', { smtpFrom: 'me@home.example' }))).toMatchObject({ code: 'set_at_startup', field: 'smtpFrom' });
      expect((await admin('email.test', { to: 'owner@home.example' })).outcome).toMatchObject({ sent: true });
      await smtp.waitForMail((m) => m.from === 'provisioned@home.example');

      // A variable that is not set is refused when the file is applied, naming the key.
      expect(() => server.provision({ email: { host: '127.0.0.1', user: 'relay', passwordEnv: 'NOT_SET_ANYWHERE', from: 'x@home.example' } })).toThrow(
        /email\.passwordEnv: environment variable NOT_SET_ANYWHERE is not set/,
      );
      // An empty section gives the fields back to the console.
      server.provision({ email: {} });
      expect((await admin('settings.get', {})).email).toMatchObject({ configured: false, host: { fixedBy: null } });
    } finally {
      await server.close();
    }
  });
});
