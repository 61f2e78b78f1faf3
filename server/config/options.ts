// The options Gatehouse runs with, each validated into the form the server uses.
import { isIP } from 'node:net';
import { z } from 'zod';

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

export const portSchema = z.union([z.number(), z.string().trim()]).transform((value, ctx) => {
  const port = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    ctx.addIssue({ code: 'custom', message: `must be a whole number from 1 to 65535 (or 0 for any free port), got "${value}"` });
    return z.NEVER;
  }
  return port;
});

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

/** Why passkeys will not work at this issuer, or undefined when they will. */
export function passkeyWarning(issuer: string): string | undefined {
  const url = new URL(issuer);
  const hostname = url.hostname;
  if (isIpAddressHost(hostname)) {
    return `the issuer ${issuer} is an IP address; browsers only allow passkeys on a hostname (use https://<name> with a trusted certificate, or http://localhost on this computer)`;
  }
  if (url.protocol === 'http:' && !(hostname === 'localhost' || hostname.endsWith('.localhost'))) {
    return `the issuer ${issuer} is plain http on a name other than localhost; browsers only allow passkeys there over https with a trusted certificate (put Gatehouse behind your reverse proxy and use its https URL)`;
  }
  return undefined;
}
