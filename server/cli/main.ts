// `gatehouse <command>`: the commands (the first ones here, newer ones in a file each) and the parsing of
// their arguments.
// Every command takes the same configuration flags, so it works on the data of a server started
// with them, running or not.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUILT_AT } from '../config/buildInfo.ts';
import { CONFIG_FLAG_OPTIONS, configFlagValues } from '../config/flags.ts';
import { ConfigError, loadOptions } from '../config/load.ts';
import { GATEHOUSE_VERSION as VERSION } from '../config/version.ts';
import { probeHealth } from '../http/healthProbe.ts';
import { GatehouseError, type Gatehouse, type GatehouseStatus } from '../index.ts';
import { CONFIG_FLAGS_HELP, type Command, displayHost, fail, open, withGatehouse } from './command.ts';
import { backupCommand } from './backupCommand.ts';
import { exportCommand } from './exportCommand.ts';
import { importCommand } from './importCommand.ts';
import { keysCommand } from './keysCommand.ts';
import { restoreCommand } from './restoreCommand.ts';

/** Where `serve` leaves the first setup link, in the data directory, when its output is no terminal. */
const SETUP_LINK_FILE = 'setup-link.txt';
/** How long `gatehouse apply` waits for apps to take their logout tokens: the first tries and a retry. */
const OWED_LOGOUTS_WAIT_MS = 20_000;

const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'run the identity provider',
    usage: 'gatehouse serve [configuration flags]',
    async run({ flags }) {
      const gatehouse = open(flags);
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        gatehouse.logger.info({ event: 'server.stopping', signal });
        await gatehouse.stop();
        gatehouse.close();
        process.exit(0);
      };
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      process.on('SIGINT', () => void shutdown('SIGINT'));
      let status: GatehouseStatus;
      try {
        status = await gatehouse.start();
      } catch (error) {
        gatehouse.close();
        if (error instanceof GatehouseError)
          return fail(error.field === 'port' || error.field === 'host' ? `${error.message} (--${error.field})` : error.message);
        throw error;
      }
      const lines = [
        `Gatehouse ${VERSION} is listening on ${status.tls ? 'https' : 'http'}://${displayHost(status.host)}:${status.port}`,
        `Issuer: ${status.issuer}`,
      ];
      const linkFile = path.join(gatehouse.options.dataDir, SETUP_LINK_FILE);
      // Made anew when needed, so it is 0600 even where an older one was not; a used link's file goes.
      rmSync(linkFile, { force: true });
      if (status.needsSetup) {
        const link = gatehouse.issueSetupLink();
        const until = new Date(link.expiresAt).toLocaleString();
        if (process.stdout.isTTY) {
          lines.push(
            '',
            'No admin yet. Open this one-time link to create the first admin and register a passkey',
            `(valid until ${until}):`,
            '',
            `  ${link.url}`,
            '',
          );
        } else {
          // Output that is no terminal is a service's journal or a container's log: kept, and read by others.
          writeFileSync(linkFile, `${link.url}\n`, { mode: 0o600, flag: 'wx' });
          lines.push(
            '',
            `No admin yet. The one-time link that creates the first admin (valid until ${until}) is in`,
            `  ${linkFile}`,
            'readable only by this user; it is not printed here, where logs would keep it.',
            '',
          );
        }
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      return new Promise<number>(() => {});
    },
  },
  healthcheck: {
    summary: 'exit 0 when the server answers, 1 otherwise',
    usage: 'gatehouse healthcheck [configuration flags] [--url URL]',
    extraFlags: { url: { type: 'string' } },
    async run({ flags, values }) {
      const options = loadOptions({ flags });
      const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
      const url = typeof values.url === 'string' ? values.url : `${options.tlsCertFile ? 'https' : 'http'}://${displayHost(host)}:${options.port}/healthz`;
      const { healthy } = await probeHealth(url);
      process.stdout.write(healthy ? `healthy: ${url}\n` : `unhealthy: no answer from ${url}\n`);
      return healthy ? 0 : 1;
    },
  },
  'setup-link': {
    summary: 'print a one-time link that creates the first admin',
    usage: 'gatehouse setup-link [configuration flags]',
    async run({ flags }) {
      return withGatehouse(flags, (gatehouse) => printLink(gatehouse, gatehouse.issueSetupLink()));
    },
  },
  'login-link': {
    summary: 'print a one-time sign-in link for an existing user',
    usage: 'gatehouse login-link <username> [--ttl MINUTES] [configuration flags]',
    extraFlags: { ttl: { type: 'string' } },
    positionals: 1,
    async run({ flags, positionals, values }) {
      const username = positionals[0];
      if (!username) return fail('name the user: gatehouse login-link <username>');
      let ttlMs: number | undefined;
      if (values.ttl !== undefined) {
        const minutes = Number(values.ttl);
        if (!Number.isInteger(minutes) || minutes < 1 || minutes > 7 * 24 * 60)
          return fail(`--ttl must be a whole number of minutes from 1 to ${7 * 24 * 60}, got "${String(values.ttl)}"`);
        ttlMs = minutes * 60_000;
      }
      return withGatehouse(flags, (gatehouse) => printLink(gatehouse, gatehouse.issueLoginLink(username, ttlMs)));
    },
  },
  apply: {
    summary: 'apply a provisioning file (groups, users, clients)',
    usage: 'gatehouse apply <file> [--force] [configuration flags]',
    extraFlags: { force: { type: 'boolean' } },
    positionals: 1,
    async run({ flags, positionals, values }) {
      const file = positionals[0];
      if (!file) return fail('name the provisioning file: gatehouse apply <file>');
      return withGatehouse(flags, async (gatehouse) => {
        let summary: ReturnType<Gatehouse['applyProvisioning']>;
        try {
          summary = gatehouse.applyProvisioning(file, values.force === true);
        } catch (error) {
          if (!(error instanceof GatehouseError && error.code === 'provisioning_invalid')) throw error;
          // One line per problem, all of them, and a last line that says nothing changed.
          const problems = error.message.split('\n');
          for (const problem of problems) process.stderr.write(`gatehouse: ${problem}\n`);
          return fail(
            `nothing was applied: fix ${problems.length === 1 ? 'this problem' : `these ${problems.length} problems`} and run gatehouse apply again`,
            1,
          );
        }
        process.stdout.write(
          `applied ${file}: ${summary.groups} groups, ${summary.users} users, ${summary.clients} clients, ${summary.scopes} scopes, ${summary.protectedApps} protected apps changed, ${summary.unchanged} unchanged\n`,
        );
        for (const conflict of summary.conflicts) process.stderr.write(`gatehouse: conflict: ${conflict}\n`);
        // A person the file disabled was signed out: the apps that had their sessions are told before the command ends.
        const owed = await gatehouse.deliverOwedLogouts(OWED_LOGOUTS_WAIT_MS);
        if (owed > 0)
          process.stdout.write(`sent ${owed} back-channel logout ${owed === 1 ? 'notice' : 'notices'} to apps (any that failed are in the audit log)\n`);
        // Exit 3: applied, but something needs a decision (scripts can tell it from success and failure).
        return summary.conflicts.length > 0 ? 3 : 0;
      });
    },
  },
  backup: backupCommand,
  restore: restoreCommand,
  export: exportCommand,
  import: importCommand,
  keys: keysCommand,
  version: {
    summary: 'print the version',
    usage: 'gatehouse version',
    async run() {
      process.stdout.write(`gatehouse ${VERSION} (Node.js ${process.versions.node}, ${BUILT_AT ? `built ${BUILT_AT}` : 'from the sources'})\n`);
      return 0;
    },
  },
};

/** Prints a link, saying so when it goes to the issuer the data directory's server runs with rather than this command's own. */
function printLink(gatehouse: Gatehouse, link: { url: string; expiresAt: number }): number {
  const { issuer, dataDir } = gatehouse.options;
  const used = gatehouse.linkIssuer();
  if (used !== issuer) {
    process.stderr.write(
      `gatehouse: the link uses ${used}: the server of ${dataDir} runs (or last ran) with the issuer ${used}, not ${issuer}; give --issuer or --port to choose another.\n`,
    );
  }
  process.stdout.write(`${link.url}\n(single use, valid until ${new Date(link.expiresAt).toLocaleString()})\n`);
  return 0;
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return `Gatehouse ${VERSION}: a passkey identity provider (OpenID Connect) for your homelab.

Usage: gatehouse <command> [flags]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
  .join('\n')}

Run \`gatehouse <command> --help\` for a command's flags.
`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') return COMMANDS.version!.run({ positionals: [], values: {}, flags: {} });
  const command = COMMANDS[name];
  if (!command) return fail(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`);

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...CONFIG_FLAG_OPTIONS, ...command.extraFlags, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return fail(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}\n${command.usage}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.usage}\n\n${command.summary}\n\n${CONFIG_FLAGS_HELP}\n`);
    return 0;
  }
  if (parsed.positionals.length > (command.positionals ?? 0))
    return fail(`unexpected argument "${parsed.positionals[command.positionals ?? 0]}"\n${command.usage}`);
  const flags = configFlagValues(parsed.values);
  return command.run({ positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined>, flags });
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) process.stderr.write(`gatehouse: invalid configuration: ${problem.option} (${problem.source}): ${problem.message}\n`);
    process.exitCode = 2;
  } else if (
    error instanceof GatehouseError ||
    (error as { code?: string }).code === 'newer_schema' ||
    (error as { code?: string }).code === 'invalid_encryption_key' ||
    (error as { code?: string }).code === 'cannot_decrypt'
  ) {
    process.exitCode = fail((error as Error).message, 1);
  } else {
    throw error;
  }
}
