// `gatehouse export`: what Gatehouse holds, as a provisioning file that `gatehouse apply` reads, written
// to a file or to standard output. Secrets stay out: the file names where `apply` reads each one.
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadOptions } from '../config/load.ts';
import { DATABASE_FILE_NAME, DEFAULT_SECRETS_DIR, type ProvisioningExport, type SecretReferences } from '../index.ts';
import { type Command, fail, withGatehouse } from './command.ts';

const USAGE = `gatehouse export [--output FILE] [--secrets env|files] [--secrets-dir DIR] [configuration flags]

  --output FILE      write the file here (replacing one that is there); without it, to standard output
  --secrets env      a confidential client's secret is read from GATEHOUSE_SECRET_<CLIENT ID> (the default)
  --secrets files    ... from the file client-<client id> in the secrets folder
  --secrets-dir DIR  that folder (default ${DEFAULT_SECRETS_DIR})`;

export const exportCommand: Command = {
  summary: 'write groups, users, clients and protected apps as a provisioning file',
  usage: USAGE,
  extraFlags: { output: { type: 'string' }, secrets: { type: 'string' }, 'secrets-dir': { type: 'string' } },
  async run({ flags, values }) {
    const kind = values.secrets ?? 'env';
    if (kind !== 'env' && kind !== 'files') return fail(`--secrets must be env or files, got "${String(kind)}"\n${USAGE}`);
    const secretsDir = values['secrets-dir'];
    if (secretsDir !== undefined && kind !== 'files') return fail('--secrets-dir names the folder of --secrets files; give both, or neither');
    if (secretsDir === '') return fail('--secrets-dir needs a folder');
    const references: SecretReferences = kind === 'env' ? { kind } : { kind, dir: path.resolve(String(secretsDir ?? DEFAULT_SECRETS_DIR)) };
    const output = values.output === undefined ? undefined : path.resolve(String(values.output));
    if (output !== undefined) {
      if (!existsSync(path.dirname(output))) return fail(`cannot write ${output}: the folder ${path.dirname(output)} does not exist`);
      if (existsSync(output) && statSync(output).isDirectory()) return fail(`--output must name a file; ${output} is a folder`);
    }
    // Opening a data directory that holds no Gatehouse would make an empty one and export nothing.
    const { dataDir } = loadOptions({ flags });
    if (!existsSync(path.join(dataDir, DATABASE_FILE_NAME)))
      return fail(`there is no Gatehouse in ${dataDir} (no ${DATABASE_FILE_NAME}); give the --data-dir of the server to export`, 1);

    return withGatehouse(flags, (gatehouse) => {
      const exported = gatehouse.exportProvisioning(references);
      if (output === undefined) {
        process.stdout.write(exported.text);
        process.stderr.write(summary(exported, 'standard output'));
        return problems(exported);
      }
      // It names people and their email addresses: readable by this user only, and never half-written.
      // The temporary file is made new ('wx'), never one already there (a link someone left would be followed).
      const temporary = `${output}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, exported.text, { mode: 0o600, flag: 'wx' });
        renameSync(temporary, output);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // EEXIST: the temporary name is taken by a file that is not this command's, so it stays.
        if (code !== 'EEXIST') rmSync(temporary, { force: true });
        return fail(`cannot write ${output}: ${code ?? String(error)}`, 1);
      }
      process.stdout.write(summary(exported, output));
      return problems(exported);
    });
  },
};

/** Exit 3, as for `apply`'s conflicts: the file is written, but something needs a decision first. */
function problems(exported: ProvisioningExport): number {
  for (const problem of exported.problems) process.stderr.write(`gatehouse: gatehouse apply will refuse this file: ${problem}\n`);
  return exported.problems.length > 0 ? 3 : 0;
}

function summary({ counts, secrets }: ProvisioningExport, where: string): string {
  const lines = [
    `exported ${counts.groups} groups, ${counts.users} users, ${counts.clients} clients, ${counts.scopes} scopes, ${counts.protectedApps} protected apps${counts.mailServer ? ' and the mail server' : ''} to ${where}`,
    'passkeys, sessions, signing keys and other secrets are not in it (gatehouse backup keeps everything)',
  ];
  if (secrets.length > 0) {
    lines.push('gatehouse apply will need:');
    for (const secret of secrets) lines.push(`  ${secret.kind === 'env' ? 'environment variable' : 'file'} ${secret.name}: ${secret.what}`);
  }
  return `${lines.join('\n')}\n`;
}
