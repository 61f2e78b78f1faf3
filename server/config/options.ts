// The options Gatehouse runs with, each validated into the form the server uses.
import { isIP } from 'node:net';
import { z } from 'zod';
import { CONTROL_CHARACTER, emailSchema, NO_CONTROL_CHARACTERS } from '../model/fields.ts';

export const DEFAULT_PORT = 9460;
export const DEFAULT_HOST = '0.0.0.0';

/** The issuer of a Gatehouse whose owner set none: this computer, on the port it listens on. */
export function defaultIssuer(port: number): string {
  return `http://localhost:${port}`;
}

export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Sentences on a terminal and JSON lines elsewhere (auto), or always one of them. */
export const LOG_FORMATS = ['auto', 'text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** How the connection to the mail server is encrypted: STARTTLS on a plain port, TLS from the start, or not at all. */
export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** `false` (trust nobody), `true` (trust any proxy) or a list of addresses and CIDR ranges. */
export type TrustProxy = boolean | string[];

export interface GatehouseOptions {
  /** Public URL people and apps use, e.g. https://auth.home.example. No path, no trailing slash. */
  issuer: string;
  port: number;
  host: string;
  dataDir: string;
  trustProxy: TrustProxy;
  /** The key-encryption key itself (from the environment); wins over encryptionKeyFile. */
  encryptionKey?: string;
  /** Where encryptionKey came from, for sentences about it (the desktop's keychain); the environment when not set. */
  encryptionKeyOrigin?: string;
  /** File holding the key-encryption key; created with mode 0600 when it does not exist. */
  encryptionKeyFile?: string;
  logLevel: LogLevel;
  /** How log lines look; loadOptions gives auto, code that builds options may leave it out for JSON. */
  logFormat?: LogFormat;
  /** Provisioning file applied at every start. */
  provision?: string;
  /** Certificate chain (PEM) and its private key: Gatehouse serves https itself, with no proxy in front. */
  tlsCertFile?: string;
  tlsKeyFile?: string;
  /** The mail server Gatehouse sends email through; each one set here wins over the console and the provisioning file. */
  smtpHost?: string;
  smtpPort?: number;
  smtpSecurity?: SmtpSecurity;
  smtpUser?: string;
  /** The mail server's password itself (from the environment); wins over smtpPasswordFile. */
  smtpPassword?: string;
  /** File holding the mail server's password, read at each send (so a replaced file applies at once). */
  smtpPasswordFile?: string;
  /** The address messages come from. */
  smtpFrom?: string;
  /** Options set by a command-line flag or environment variable (which the console cannot change), and how. */
  fixedBy?: Partial<Record<OptionName, string>>;
}

export const issuerSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be an absolute URL like https://auth.home.example, got "${value}"` });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: `must start with https:// (or http:// for localhost), got "${value}"` });
      return z.NEVER;
    }
    if (value.endsWith('/')) {
      ctx.addIssue({ code: 'custom', message: `must not end with a slash: use "${value.replace(/\/+$/, '')}"` });
      return z.NEVER;
    }
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: `must be an origin without path, query or credentials (like https://auth.home.example), got "${value}"` });
      return z.NEVER;
    }
    return url.origin;
  });

/** A port as a number or as text (flags and variables are text), from `lowest` up; wrong ones get `wording`. */
const portFrom = (lowest: 0 | 1, wording: string) =>
  z.union([z.number(), z.string().trim()]).transform((value, ctx) => {
    const port = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(port) || port < lowest || port > 65535) {
      ctx.addIssue({ code: 'custom', message: `must be ${wording}, got "${value}"` });
      return z.NEVER;
    }
    return port;
  });

export const portSchema = portFrom(0, 'a whole number from 1 to 65535 (or 0 for any free port)');

const hostSchema = z.string().trim().min(1, 'must be an address such as 0.0.0.0, 127.0.0.1 or ::');

/** An IP address, or a CIDR range such as 10.0.0.0/8. */
export function isCidrOrAddress(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}

export const trustProxySchema = z.union([z.boolean(), z.string(), z.array(z.string())]).transform((value, ctx): TrustProxy => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lowered = value.trim().toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false' || lowered === '') return false;
  }
  const entries = (Array.isArray(value) ? value : value.split(',')).map((entry) => entry.trim()).filter(Boolean);
  const invalid = entries.filter((entry) => !isCidrOrAddress(entry));
  if (invalid.length > 0 || entries.length === 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be true, false, or a comma-separated list of proxy addresses or CIDR ranges (like 10.0.0.0/8,::1); not understood: ${invalid.join(', ') || '(empty)'}`,
    });
    return z.NEVER;
  }
  return entries;
});

export const logLevelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }));

export const logFormatSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` }));

const pathSchema = z.string().trim().min(1, 'must be a file path');

/** One label of a host name (RFC 1123): letters, digits and hyphens, 1 to 63 of them, no hyphen at either end. */
const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST_NAME = new RegExp(`^${HOST_LABEL}(?:\\.${HOST_LABEL})*$`);

/** A mail server's host name or address, without a scheme or port. */
export const smtpHostSchema = z
  .string()
  .trim()
  .min(1, "must be the mail server's host name, such as smtp.example.com")
  .max(253, 'must be at most 253 characters')
  .refine((host) => HOST_NAME.test(host) || isIP(host) !== 0, {
    error: (issue) =>
      `must be a host name such as smtp.example.com (letters, digits and hyphens between dots) or an IP address, without scheme or port; got "${String(issue.input)}"`,
  });

export const smtpPortSchema = portFrom(1, "the mail server's port, a whole number from 1 to 65535 such as 587 (STARTTLS) or 465 (TLS)");

export const smtpSecuritySchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(SMTP_SECURITY, { error: `must be one of ${SMTP_SECURITY.join(', ')}` }));

export const smtpUserSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty (leave it out for a server without sign-in)')
  .max(254, 'must be at most 254 characters')
  .refine((user) => !CONTROL_CHARACTER.test(user), NO_CONTROL_CHARACTERS);

/** The mail server's password as typed or given by the environment: any characters but line breaks and the like. */
export const smtpPasswordSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(1000, 'must be at most 1000 characters')
  .refine((password) => !CONTROL_CHARACTER.test(password), NO_CONTROL_CHARACTERS);

/** Every option as it may appear in any source, before defaults. Keys double as config-file keys. */
export const optionSchemas = {
  issuer: issuerSchema,
  port: portSchema,
  host: hostSchema,
  dataDir: pathSchema,
  trustProxy: trustProxySchema,
  encryptionKey: z.string().min(1, 'must not be empty'),
  encryptionKeyFile: pathSchema,
  logLevel: logLevelSchema,
  logFormat: logFormatSchema,
  provision: pathSchema,
  tlsCertFile: pathSchema,
  tlsKeyFile: pathSchema,
  smtpHost: smtpHostSchema,
  smtpPort: smtpPortSchema,
  smtpSecurity: smtpSecuritySchema,
  smtpUser: smtpUserSchema,
  smtpPassword: smtpPasswordSchema,
  smtpPasswordFile: pathSchema,
  smtpFrom: emailSchema,
} as const;

export type OptionName = keyof typeof optionSchemas;

/**
 * Why an issuer on an IP address is refused wherever one is chosen (the console's settings, the desktop
 * wizard), worded to follow the field's name. A start with one is not refused: it warns (passkeyWarning).
 */
export const IP_ADDRESS_ISSUER_REFUSAL = 'must be a host name such as gatehouse.home.example: browsers never allow passkeys on an IP address';

/** Whether a host (an IPv6 address in brackets too) is an IP address, where browsers never allow passkeys. */
export function isIpAddressHost(hostname: string): boolean {
  return isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
}

/** Why passkeys will not work at this issuer, as a code (the console words it), or undefined when they will. */
export function passkeyProblem(issuer: string): 'ip_address' | 'plain_http' | undefined {
  const url = new URL(issuer);
  const hostname = url.hostname;
  if (isIpAddressHost(hostname)) return 'ip_address';
  if (url.protocol === 'http:' && !(hostname === 'localhost' || hostname.endsWith('.localhost'))) return 'plain_http';
  return undefined;
}

/** Why passkeys will not work at this issuer, or undefined when they will. */
export function passkeyWarning(issuer: string): string | undefined {
  switch (passkeyProblem(issuer)) {
    case 'ip_address':
      return `the issuer ${issuer} is an IP address; browsers only allow passkeys on a hostname (use https://<name> with a trusted certificate, or http://localhost on this computer)`;
    case 'plain_http':
      return `the issuer ${issuer} is plain http on a name other than localhost; browsers only allow passkeys there over https with a trusted certificate (put Gatehouse behind your reverse proxy and use its https URL)`;
    default:
      return undefined;
  }
}
