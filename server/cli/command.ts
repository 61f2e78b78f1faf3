// What every `gatehouse` command is and the helpers they share: the error line, opening the data
// directory's instance, and the configuration flags' help.
import { loadOptions } from '../config/load.ts';
import { DEFAULT_HOST, DEFAULT_PORT, type OptionName } from '../config/options.ts';
import { createGatehouse, type Gatehouse } from '../index.ts';
import { createLogger } from '../logger.ts';

export interface Command {
  summary: string;
  usage: string;
  extraFlags?: Record<string, { type: 'string' | 'boolean' }>;
  positionals?: number;
  run(args: { positionals: string[]; values: Record<string, string | boolean | undefined>; flags: Partial<Record<OptionName, string>> }): Promise<number>;
}

export const CONFIG_FLAGS_HELP = `Configuration (flag > environment > gatehouse.yaml in the data directory > default):
  --issuer URL               public URL of Gatehouse, no path or trailing slash   GATEHOUSE_ISSUER
                             (default http://localhost:<port>)
  --port N                   port to listen on (default ${DEFAULT_PORT})                  GATEHOUSE_PORT
  --host ADDRESS             address to bind (default ${DEFAULT_HOST})                  GATEHOUSE_HOST
  --data-dir DIR             where the database and key file live                 GATEHOUSE_DATA_DIR
  --trust-proxy VALUE        false, true, or proxy addresses/CIDRs, comma-separated GATEHOUSE_TRUST_PROXY
  --encryption-key-file FILE key-encryption key file (created if absent)          GATEHOUSE_ENCRYPTION_KEY_FILE
                             the key itself: GATEHOUSE_ENCRYPTION_KEY or GATEHOUSE_ENCRYPTION_KEY_FILE
  --log-level LEVEL          silent|fatal|error|warn|info|debug|trace              GATEHOUSE_LOG_LEVEL
  --log-format FORMAT        auto (sentences on a terminal, else JSON)|text|json   GATEHOUSE_LOG_FORMAT
  --provision FILE           provisioning file applied at start                    GATEHOUSE_PROVISION
  --tls-cert-file FILE       serve https with this certificate chain (PEM)         GATEHOUSE_TLS_CERT_FILE
  --tls-key-file FILE        ... and this private key (PEM)                        GATEHOUSE_TLS_KEY_FILE
  --smtp-host HOST           mail server to send email through                     GATEHOUSE_SMTP_HOST
  --smtp-port N              its port (default 587, 465 for tls, 25 for none)      GATEHOUSE_SMTP_PORT
  --smtp-security MODE       starttls|tls|none (default starttls)                  GATEHOUSE_SMTP_SECURITY
  --smtp-user NAME           user name to sign in to the mail server               GATEHOUSE_SMTP_USER
  --smtp-password-file FILE  file holding its password                             GATEHOUSE_SMTP_PASSWORD_FILE
                             the password itself: GATEHOUSE_SMTP_PASSWORD
  --smtp-from ADDRESS        the address email comes from                          GATEHOUSE_SMTP_FROM`;

export function displayHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Writes `gatehouse: <message>` to stderr and gives the exit code: 2 for usage, 1 for a refusal. */
export function fail(message: string, code = 2): number {
  process.stderr.write(`gatehouse: ${message}\n`);
  return code;
}

export function open(flags: Partial<Record<OptionName, string>>): Gatehouse {
  const options = loadOptions({ flags });
  return createGatehouse(options, { logger: createLogger(options.logLevel, undefined, options.logFormat) });
}

/** One-shot commands: quiet logs, always close the database. */
export async function withGatehouse(flags: Partial<Record<OptionName, string>>, action: (gatehouse: Gatehouse) => number | Promise<number>): Promise<number> {
  const options = loadOptions({ flags });
  const gatehouse = createGatehouse(options, { logger: createLogger('warn', undefined, options.logFormat) });
  try {
    return await action(gatehouse);
  } finally {
    gatehouse.close();
  }
}
