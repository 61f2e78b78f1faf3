// What went wrong talking to the mail server, as a stable code and a sentence saying what to do. Nodemailer
// tags its errors with a code (ETIMEDOUT, EAUTH, ...) and keeps the system's own one (ECONNREFUSED, a TLS
// certificate's) beside it as originalCode. The sentences are for admins: they name the server and quote it.
import type { NodemailerError } from 'nodemailer';
import type { MailFailureCode } from './mail.ts';
import type { SmtpSettings } from './smtpSettings.ts';

export interface MailFailure {
  code: MailFailureCode;
  sentence: string;
  /** The mail server's own reply (its first line), when it gave one. */
  response: string | null;
}

/** OpenSSL's codes for a plain-text answer where TLS was expected: TLS from the start on a STARTTLS or plain port. */
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_UNKNOWN_PROTOCOL', 'ERR_SSL_RECORD_LAYER_FAILURE']);

/** Node's codes for a certificate this computer does not trust, or one for another name. */
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
]);

const MAX_REPLY_LENGTH = 300;

/** A mail server's reply as Gatehouse quotes it: the first line, without control characters, at most 300 characters. */
export function serverReply(text: string | undefined): string | null {
  const line = (text ?? '')
    .split(/\r?\n/)[0]!
    .replace(/\p{Cc}/gu, '')
    .trim();
  if (!line) return null;
  return line.length > MAX_REPLY_LENGTH ? `${line.slice(0, MAX_REPLY_LENGTH - 1)}…` : line;
}

/** A server that kept answering, but too slowly for the whole send to finish. */
export function deadlineFailure(settings: SmtpSettings): MailFailure {
  return {
    code: 'smtp_timeout',
    sentence: `The mail server at ${settings.host}:${settings.port} answered too slowly: the message was not sent within 30 seconds. Check that the host and port are those of your mail server, and try again later.`,
    response: null,
  };
}

export function describeSmtpFailure(error: unknown, settings: SmtpSettings): MailFailure {
  const failure = error as Partial<NodemailerError> & { originalCode?: string };
  const where = `${settings.host}:${settings.port}`;
  const reply = serverReply(failure.response);
  const said = reply ? ` It answered: "${reply}".` : '';
  const system = failure.originalCode ?? failure.code;
  const notFound = { code: 'smtp_unreachable', sentence: `The mail server ${settings.host} could not be found. Check the host name.`, response: null } as const;
  const tls = tlsFailure(failure, where, said, reply);
  if (tls) return tls;
  switch (failure.code) {
    case 'EDNS':
      return notFound;
    case 'ETIMEDOUT':
      return {
        code: 'smtp_timeout',
        sentence: `The mail server at ${where} did not answer in time. Check the host and port, and that a firewall lets Gatehouse reach it.`,
        response: null,
      };
    case 'EAUTH':
    case 'ENOAUTH':
      return {
        code: 'smtp_auth_failed',
        sentence: `The mail server at ${where} did not accept the user name and password.${said} Check them, and whether the server wants an app password.`,
        response: reply,
      };
    case 'EENVELOPE':
    case 'EMESSAGE':
      return { code: 'smtp_refused', sentence: `The mail server refused the message.${said}`, response: reply };
  }
  if (failure.responseCode !== undefined && failure.responseCode >= 400) {
    return { code: 'smtp_refused', sentence: `The mail server refused the message.${said}`, response: reply };
  }
  if (system === 'ECONNREFUSED') {
    return {
      code: 'smtp_unreachable',
      sentence: `Nothing accepted a connection at ${where}. Check the host and port, and that the mail server is running.`,
      response: null,
    };
  }
  if (system === 'ENOTFOUND' || system === 'EAI_AGAIN') return notFound;
  return {
    code: 'smtp_unreachable',
    sentence: `Gatehouse could not talk to the mail server at ${where}: ${firstLine(failure.message ?? String(error))}.${said}`,
    response: reply,
  };
}

/** What went wrong with encryption: TLS where the server speaks plain text, an untrusted certificate, a refused STARTTLS. */
function tlsFailure(failure: Partial<NodemailerError> & { originalCode?: string }, where: string, said: string, reply: string | null): MailFailure | null {
  const codes = [failure.originalCode, failure.code];
  if (codes.some((code) => code !== undefined && NOT_TLS.has(code))) {
    return {
      code: 'smtp_tls_failed',
      sentence: `The mail server at ${where} does not speak TLS from the start. For port 587 choose STARTTLS; TLS from the start is usually port 465.`,
      response: null,
    };
  }
  if (codes.some((code) => code !== undefined && UNTRUSTED.has(code))) {
    return {
      code: 'smtp_tls_failed',
      sentence: `The mail server at ${where} has a certificate Gatehouse does not trust (${reason(failure.message ?? String(failure.originalCode ?? failure.code))}). Use the name its certificate is for, give the server a certificate from a public authority, or start Gatehouse with NODE_EXTRA_CA_CERTS naming your own authority's certificate file.`,
      response: null,
    };
  }
  if (failure.code === 'ETLS') {
    return {
      code: 'smtp_tls_failed',
      sentence: `The mail server at ${where} did not start an encrypted connection (STARTTLS).${said} It may not offer STARTTLS on this port: port 465 takes TLS from the start, and None is for a relay on your own network only.`,
      response: reply,
    };
  }
  return null;
}

/** The first line of an error's message, without control characters. */
const firstLine = (text: string) => serverReply(text) ?? text.slice(0, MAX_REPLY_LENGTH);

/** Node's own words for a certificate problem, without its advice about Node's flags. */
const reason = (text: string) => firstLine(text).split(';')[0]!.trim();
