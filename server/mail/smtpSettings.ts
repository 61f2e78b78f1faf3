// The mail server Gatehouse sends through, field by field from the first source that sets it: the
// configuration (flags, environment, gatehouse.yaml), then the provisioning file, then the console.
import { readFileSync } from 'node:fs';
import type { GatehouseOptions, SmtpSecurity } from '../config/options.ts';
import type { Db } from '../db/database.ts';
import type { Sealer } from '../db/sealed.ts';
import { readProvisionedEmail, readSettings, readSmtpPassword } from '../db/settings.ts';

export type SmtpField = 'host' | 'port' | 'security' | 'user' | 'password' | 'from';

export interface SmtpSettings {
  host: string | null;
  port: number;
  security: SmtpSecurity;
  user: string | null;
  password: string | null;
  from: string | null;
}

export interface EffectiveSmtpSettings {
  settings: SmtpSettings;
  /** Fields the console cannot change, and what sets them ("GATEHOUSE_SMTP_HOST", "the provisioning file"). */
  fixedBy: Partial<Record<SmtpField, string>>;
  /** Why the password could not be read (a missing file, an unset variable), for the person fixing it. */
  passwordProblem: string | null;
  /** No source sets the port: it is the usual one for the security. */
  portIsUsual: boolean;
}

export interface SmtpSources {
  db: Db;
  sealer: Sealer;
  options: GatehouseOptions;
  env: NodeJS.ProcessEnv;
}

/** The port a mail server usually listens on for each kind of connection: used when no port is set. */
const USUAL_SMTP_PORTS: Record<SmtpSecurity, number> = { starttls: 587, tls: 465, none: 25 };

const PROVISIONING_FILE = 'the provisioning file';

type SmtpOption = 'smtpHost' | 'smtpPort' | 'smtpSecurity' | 'smtpUser' | 'smtpPasswordFile' | 'smtpFrom';

/** What set a configuration option: its flag or variable, or else gatehouse.yaml. */
function configSource(options: GatehouseOptions, name: SmtpOption): string {
  return options.fixedBy?.[name] ?? 'gatehouse.yaml';
}

export function effectiveSmtpSettings(sources: SmtpSources): EffectiveSmtpSettings {
  const { db, options } = sources;
  const consoleSet = readSettings(db);
  const provisioned = readProvisionedEmail(db);
  const fixedBy: Partial<Record<SmtpField, string>> = {};
  const pick = <K extends Exclude<SmtpOption, 'smtpPasswordFile'>, T>(field: SmtpField, option: K, fromFile: T | undefined, fromConsole: T) => {
    const configured = options[option];
    if (configured !== undefined) {
      fixedBy[field] = configSource(options, option);
      return configured as NonNullable<GatehouseOptions[K]>;
    }
    if (fromFile !== undefined) fixedBy[field] = PROVISIONING_FILE;
    return fromFile ?? fromConsole;
  };
  const host = pick('host', 'smtpHost', provisioned.host, consoleSet.smtpHost);
  const security = pick('security', 'smtpSecurity', provisioned.security, consoleSet.smtpSecurity);
  const setPort = pick('port', 'smtpPort', provisioned.port, consoleSet.smtpPort);
  const port = setPort ?? USUAL_SMTP_PORTS[security];
  const user = pick('user', 'smtpUser', provisioned.user, consoleSet.smtpUser);
  const from = pick('from', 'smtpFrom', provisioned.from, consoleSet.smtpFrom);
  const { password, source, problem } = passwordOf(sources, provisioned);
  if (source) fixedBy.password = source;
  return { settings: { host, port, security, user, password, from }, fixedBy, passwordProblem: problem, portIsUsual: setPort === null };
}

/** Configured: a server to send through and an address to send from. */
export function smtpConfigured(settings: SmtpSettings): boolean {
  return settings.host !== null && settings.from !== null;
}

function passwordOf(
  { db, sealer, options, env }: SmtpSources,
  provisioned: ReturnType<typeof readProvisionedEmail>,
): { password: string | null; source?: string; problem: string | null } {
  if (options.smtpPassword !== undefined)
    return { password: options.smtpPassword, source: options.fixedBy?.smtpPassword ?? 'GATEHOUSE_SMTP_PASSWORD', problem: null };
  if (options.smtpPasswordFile !== undefined) return fromFile(options.smtpPasswordFile, configSource(options, 'smtpPasswordFile'));
  if (provisioned.passwordFile !== undefined) return fromFile(provisioned.passwordFile, PROVISIONING_FILE);
  if (provisioned.passwordEnv !== undefined) {
    const value = env[provisioned.passwordEnv]?.trim();
    return value
      ? { password: value, source: PROVISIONING_FILE, problem: null }
      : {
          password: null,
          source: PROVISIONING_FILE,
          problem: `The environment variable ${provisioned.passwordEnv} that the provisioning file names is not set.`,
        };
  }
  return { password: readSmtpPassword(db, sealer) ?? null, problem: null };
}

function fromFile(file: string, source: string): { password: string | null; source: string; problem: string | null } {
  try {
    const password = readFileSync(file, 'utf8').trim();
    return password ? { password, source, problem: null } : { password: null, source, problem: `The password file ${file} is empty.` };
  } catch (error) {
    return { password: null, source, problem: `The password file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).` };
  }
}

/** The console's names for the fields, as settings.update takes them. */
export const SMTP_SETTING_FIELDS = {
  smtpHost: 'host',
  smtpPort: 'port',
  smtpSecurity: 'security',
  smtpUser: 'user',
  smtpPassword: 'password',
  smtpFrom: 'from',
} as const satisfies Record<string, SmtpField>;

/** What the console shows: each field's value and what fixes it, the password only as set or not. */
export function smtpSettingsView(effective: EffectiveSmtpSettings) {
  const { settings, fixedBy } = effective;
  const field = <T>(name: SmtpField, value: T) => ({ value, fixedBy: fixedBy[name] ?? null });
  return {
    configured: smtpConfigured(settings),
    host: field('host', settings.host),
    /** usual: no port is set anywhere, so it is the usual one for the security (and follows it). */
    port: { ...field('port', settings.port), usual: effective.portIsUsual },
    usualPorts: USUAL_SMTP_PORTS,
    security: field('security', settings.security),
    user: field('user', settings.user),
    from: field('from', settings.from),
    password: { set: settings.password !== null, fixedBy: fixedBy.password ?? null, problem: effective.passwordProblem },
  };
}
