// Sends a message through the configured mail server with nodemailer, one connection per message (mail is
// rare here, and settings changed in the console apply to the next message). Never throws: every outcome is
// audited (email.sent with the server's reply, email.refused with why, a missing setup included) and
// answered as a MailOutcome.
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import type { GatehouseOptions } from '../config/options.ts';
import type { AuditLog } from '../db/audit.ts';
import type { Db } from '../db/database.ts';
import type { Sealer } from '../db/sealed.ts';
import { readSettings } from '../db/settings.ts';
import { CONTROL_CHARACTER } from '../model/fields.ts';
import type { Mailer, MailMessage, MailOutcome, MailPurpose } from './mail.ts';
import { describeSmtpFailure, deadlineFailure, type MailFailure, serverReply } from './smtpFailures.ts';
import { type EffectiveSmtpSettings, effectiveSmtpSettings, type SmtpSettings, smtpConfigured } from './smtpSettings.ts';

export interface MailerDeps {
  db: Db;
  sealer: Sealer;
  options: GatehouseOptions;
  /** Where a password the provisioning file names by variable is read. */
  env: NodeJS.ProcessEnv;
  audit: AuditLog;
  logger: Logger;
}

/** Short enough that a server that is down or silent answers the console within seconds. */
const TIMEOUT_MS = 10_000;
/** The whole send: a server that answers, but a line every few seconds, is given up on too. */
const DEADLINE_MS = 30_000;

const NOT_CONFIGURED_SENTENCE = 'Email is not set up: give the mail server and the address messages come from in Settings, under Email.';

/** The mailer as the console sees it: it also tells where each setting comes from. */
export interface SmtpMailer extends Mailer {
  smtpSettings(): EffectiveSmtpSettings;
}

type About = { purpose: MailPurpose; userId: string | null };

export function createMailer(deps: MailerDeps): SmtpMailer {
  const settings = () => effectiveSmtpSettings(deps);
  warnOfPlainPassword(deps, settings);
  return {
    smtpSettings: settings,
    isConfigured() {
      try {
        return smtpConfigured(settings().settings);
      } catch {
        return false;
      }
    },

    async send(message, about) {
      let smtp: SmtpSettings | undefined;
      try {
        const effective = settings();
        smtp = effective.settings;
        if (!smtpConfigured(smtp)) return refused(deps, message, about, { code: 'email_not_configured', sentence: NOT_CONFIGURED_SENTENCE, response: null });
        if (smtp.user !== null && smtp.password === null) {
          const sentence = `The mail server's password is missing. ${effective.passwordProblem ?? 'Set it in Settings, under Email.'}`;
          return refused(deps, message, about, { code: 'smtp_auth_failed', sentence, response: null });
        }
        const response = serverReply(await transmit(smtp, readSettings(deps.db).instanceName, message)) ?? '';
        deps.audit({ event: 'email.sent', userId: about.userId, details: { purpose: about.purpose, to: message.to, response } });
        return { sent: true, response };
      } catch (error) {
        if (!smtp) {
          deps.logger.error({ event: 'email.settings_unreadable', message: (error as Error).message });
          const sentence = `The email settings cannot be read: ${(error as Error).message}`;
          return refused(deps, message, about, { code: 'email_not_configured', sentence, response: null });
        }
        return refused(deps, message, about, error instanceof SendDeadline ? deadlineFailure(smtp) : describeSmtpFailure(error, smtp));
      }
    },
  };
}

function refused(deps: MailerDeps, message: MailMessage, about: About, failure: MailFailure): MailOutcome {
  deps.audit({
    event: 'email.refused',
    userId: about.userId,
    details: { purpose: about.purpose, to: message.to, code: failure.code, response: failure.response },
  });
  return { sent: false, code: failure.code, sentence: failure.sentence };
}

/** Said once at start: a password sent in the clear to a server beyond this computer. */
function warnOfPlainPassword(deps: MailerDeps, settings: () => EffectiveSmtpSettings): void {
  let smtp: SmtpSettings;
  try {
    smtp = settings().settings;
  } catch {
    return;
  }
  if (smtp.security === 'none' && smtp.user !== null && smtp.host !== null && !isLoopbackHost(smtp.host)) {
    deps.logger.warn(
      { event: 'email.plain_password', host: smtp.host },
      `Email goes to ${smtp.host} without encryption, with a user name and password: both cross the network readable. Choose STARTTLS or TLS unless the relay is on this computer.`,
    );
  }
}

const isLoopbackHost = (host: string) => host.toLowerCase() === 'localhost' || (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';

class SendDeadline extends Error {}

/** One line of a header: a name or subject stored before line breaks were refused cannot start a header of its own. */
const oneLine = (text: string) => text.replace(new RegExp(CONTROL_CHARACTER.source, 'gu'), ' ');

// Loaded at the first message: most instances send mail rarely or never, and it is a large module.
let mailLibrary: Promise<typeof import('nodemailer')> | undefined;

async function transmit(smtp: SmtpSettings, instanceName: string, message: MailMessage): Promise<string> {
  const { default: nodemailer } = await (mailLibrary ??= import('nodemailer'));
  const transport = nodemailer.createTransport({
    host: smtp.host!,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.user !== null ? { auth: { user: smtp.user, pass: smtp.password! } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    dnsTimeout: TIMEOUT_MS,
    // Images arrive as data: URLs, which nodemailer decodes itself; nothing may make it read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  // The deadline aborts the send, which closes its connection.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), DEADLINE_MS);
  try {
    const info = await transport.sendMail({
      from: { name: oneLine(instanceName), address: smtp.from! },
      // An address object, so an address is never split into several by nodemailer's parser.
      to: { name: '', address: message.to },
      subject: oneLine(message.subject),
      text: message.text,
      html: message.html,
      attachments: (message.inlineImages ?? []).map(({ cid, dataUrl }) => ({ cid, path: dataUrl, filename: false as const })),
      signal: deadline.signal,
    });
    return info.response;
  } catch (error) {
    throw deadline.signal.aborted ? new SendDeadline() : error;
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
