// Resolves the options from their sources: command-line flag > environment > config file > default.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_HOST, DEFAULT_PORT, defaultIssuer, type GatehouseOptions, type OptionName, optionSchemas } from './options.ts';

export const CONFIG_FILE_NAME = 'gatehouse.yaml';

/** One problem with one option, said in a sentence that names where the value came from. */
export interface ConfigProblem {
  option: string;
  source: string;
  message: string;
}

export class ConfigError extends Error {
  readonly code = 'invalid_config';
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.option} (${p.source}): ${p.message}`).join('\n'));
    this.problems = problems;
  }
}

/** Flag name, environment variable and whether the option may appear in the config file. */
export const OPTION_SOURCES: Record<OptionName, { flag?: string; env: string; inFile: boolean }> = {
  issuer: { flag: 'issuer', env: 'GATEHOUSE_ISSUER', inFile: true },
  port: { flag: 'port', env: 'GATEHOUSE_PORT', inFile: true },
  host: { flag: 'host', env: 'GATEHOUSE_HOST', inFile: true },
  dataDir: { flag: 'data-dir', env: 'GATEHOUSE_DATA_DIR', inFile: false },
  trustProxy: { flag: 'trust-proxy', env: 'GATEHOUSE_TRUST_PROXY', inFile: true },
  // The one secret: never a flag (visible in the process list), nor in the config file next to the data.
  // Its _FILE form, GATEHOUSE_ENCRYPTION_KEY_FILE, is the encryptionKeyFile option.
  encryptionKey: { env: 'GATEHOUSE_ENCRYPTION_KEY', inFile: false },
  encryptionKeyFile: { flag: 'encryption-key-file', env: 'GATEHOUSE_ENCRYPTION_KEY_FILE', inFile: true },
  logLevel: { flag: 'log-level', env: 'GATEHOUSE_LOG_LEVEL', inFile: true },
  logFormat: { flag: 'log-format', env: 'GATEHOUSE_LOG_FORMAT', inFile: true },
  provision: { flag: 'provision', env: 'GATEHOUSE_PROVISION', inFile: true },
  tlsCertFile: { flag: 'tls-cert-file', env: 'GATEHOUSE_TLS_CERT_FILE', inFile: true },
  tlsKeyFile: { flag: 'tls-key-file', env: 'GATEHOUSE_TLS_KEY_FILE', inFile: true },
  smtpHost: { flag: 'smtp-host', env: 'GATEHOUSE_SMTP_HOST', inFile: true },
  smtpPort: { flag: 'smtp-port', env: 'GATEHOUSE_SMTP_PORT', inFile: true },
  smtpSecurity: { flag: 'smtp-security', env: 'GATEHOUSE_SMTP_SECURITY', inFile: true },
  smtpUser: { flag: 'smtp-user', env: 'GATEHOUSE_SMTP_USER', inFile: true },
  // A secret like the encryption key: only from the environment; its _FILE form is smtpPasswordFile.
  smtpPassword: { env: 'GATEHOUSE_SMTP_PASSWORD', inFile: false },
  smtpPasswordFile: { flag: 'smtp-password-file', env: 'GATEHOUSE_SMTP_PASSWORD_FILE', inFile: true },
  smtpFrom: { flag: 'smtp-from', env: 'GATEHOUSE_SMTP_FROM', inFile: true },
};

/** Where the data lives when nothing says otherwise: the OS's per-user application data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(homedir(), 'AppData', 'Roaming'), 'Gatehouse');
  if (platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', 'Gatehouse');
  return path.join(env.XDG_DATA_HOME || path.join(homedir(), '.local', 'share'), 'gatehouse');
}

export interface ConfigSources {
  /** Option values from command-line flags, keyed by option name. */
  flags?: Partial<Record<OptionName, string>>;
  env?: NodeJS.ProcessEnv;
  /** Used where dataDir is not given by a flag or the environment. */
  defaultDataDir?: string;
}

type Raw = { value: unknown; source: string };

export function loadOptions(sources: ConfigSources = {}): GatehouseOptions {
  const flags = sources.flags ?? {};
  const env = sources.env ?? process.env;
  const problems: ConfigProblem[] = [];
  const raw = new Map<OptionName, Raw>();

  const fromEnv = (name: OptionName): Raw | undefined => {
    const variable = OPTION_SOURCES[name].env;
    return env[variable] ? { value: env[variable], source: `from ${variable}` } : undefined;
  };
  const fromFlag = (name: OptionName): Raw | undefined => {
    const flag = OPTION_SOURCES[name].flag;
    return flag && flags[name] !== undefined ? { value: flags[name], source: `from --${flag}` } : undefined;
  };

  const fixedBy: Partial<Record<OptionName, string>> = {};
  for (const name of Object.keys(OPTION_SOURCES) as OptionName[]) {
    const found = fromFlag(name) ?? fromEnv(name);
    if (found) {
      raw.set(name, found);
      fixedBy[name] = found.source.replace(/^from /, '');
    }
  }

  const dataDirRaw = raw.get('dataDir');
  const dataDir = path.resolve(
    typeof dataDirRaw?.value === 'string' && dataDirRaw.value.trim() ? dataDirRaw.value.trim() : (sources.defaultDataDir ?? defaultDataDir(env)),
  );
  raw.delete('dataDir');

  const configFile = path.join(dataDir, CONFIG_FILE_NAME);
  if (existsSync(configFile)) {
    for (const [name, value] of Object.entries(readConfigFile(configFile, problems))) {
      if (!raw.has(name as OptionName)) raw.set(name as OptionName, { value, source: `from ${configFile}` });
    }
  }

  const parsed: Partial<Record<OptionName, unknown>> = {};
  for (const [name, { value, source }] of raw) {
    const result = optionSchemas[name].safeParse(value);
    if (result.success) parsed[name] = result.data;
    else problems.push({ option: name, source, message: result.error.issues.map((i) => i.message).join('; ') });
  }
  if ((parsed.tlsCertFile === undefined) !== (parsed.tlsKeyFile === undefined)) {
    const [given, missing] = parsed.tlsCertFile === undefined ? ['tlsKeyFile', 'tlsCertFile'] : ['tlsCertFile', 'tlsKeyFile'];
    problems.push({
      option: missing,
      source: 'not set',
      message: `must be set as well, because ${given} is set (${raw.get(given as OptionName)!.source}): serving https takes both the certificate chain and its private key`,
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const port = (parsed.port as number | undefined) ?? DEFAULT_PORT;
  const options: GatehouseOptions = {
    issuer: (parsed.issuer as string | undefined) ?? defaultIssuer(port),
    port,
    host: (parsed.host as string | undefined) ?? DEFAULT_HOST,
    dataDir,
    trustProxy: (parsed.trustProxy as GatehouseOptions['trustProxy'] | undefined) ?? false,
    logLevel: (parsed.logLevel as GatehouseOptions['logLevel'] | undefined) ?? 'info',
    logFormat: (parsed.logFormat as GatehouseOptions['logFormat'] | undefined) ?? 'auto',
  };
  if (parsed.encryptionKey !== undefined) options.encryptionKey = parsed.encryptionKey as string;
  if (parsed.encryptionKeyFile !== undefined) options.encryptionKeyFile = path.resolve(parsed.encryptionKeyFile as string);
  if (parsed.provision !== undefined) options.provision = path.resolve(parsed.provision as string);
  if (parsed.tlsCertFile !== undefined) options.tlsCertFile = path.resolve(parsed.tlsCertFile as string);
  if (parsed.tlsKeyFile !== undefined) options.tlsKeyFile = path.resolve(parsed.tlsKeyFile as string);
  if (parsed.smtpHost !== undefined) options.smtpHost = parsed.smtpHost as string;
  if (parsed.smtpPort !== undefined) options.smtpPort = parsed.smtpPort as number;
  if (parsed.smtpSecurity !== undefined) options.smtpSecurity = parsed.smtpSecurity as GatehouseOptions['smtpSecurity'];
  if (parsed.smtpUser !== undefined) options.smtpUser = parsed.smtpUser as string;
  if (parsed.smtpPassword !== undefined) options.smtpPassword = parsed.smtpPassword as string;
  if (parsed.smtpPasswordFile !== undefined) options.smtpPasswordFile = path.resolve(parsed.smtpPasswordFile as string);
  if (parsed.smtpFrom !== undefined) options.smtpFrom = parsed.smtpFrom as string;
  if (Object.keys(fixedBy).length > 0) options.fixedBy = fixedBy;
  return options;
}

function readConfigFile(file: string, problems: ConfigProblem[]): Record<string, unknown> {
  let document: unknown;
  try {
    document = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push({ option: 'config file', source: file, message: `is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}` });
    return {};
  }
  if (document === null || document === undefined) return {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    problems.push({ option: 'config file', source: file, message: 'must be a mapping of option names to values' });
    return {};
  }
  const allowed = (Object.keys(OPTION_SOURCES) as OptionName[]).filter((name) => OPTION_SOURCES[name].inFile);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (!allowed.includes(key as OptionName)) {
      problems.push({ option: key, source: file, message: `is not a config-file option; allowed: ${allowed.join(', ')}` });
    } else {
      result[key] = value;
    }
  }
  return result;
}
