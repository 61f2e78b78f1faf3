// `gatehouse restore`: a backup put in place as the data directory's database, with an account of what
// came back and what to do next.
import { GatehouseError, type GatehouseOptions, loadOptions, type RestoreResult, describeCounts, restoreBackup } from '../index.ts';
import { type Command, fail } from './command.ts';
import { canPrompt, PassphraseCancelled, promptHidden, readPassphraseFile } from './passphrase.ts';

const USAGE = `gatehouse restore <file> [--passphrase-file FILE] [--replace] [configuration flags]

  <file>                  a backup made by \`gatehouse backup\`
  --passphrase-file FILE  the passphrase of a backup that includes the key (asked on a terminal otherwise)
  --replace               put the backup in place of the data directory's database, with the server
                          stopped; that database is kept beside it as gatehouse.db.before-restore-<time>
Without --replace the data directory must hold no database yet.`;

export const restoreCommand: Command = {
  summary: 'put a backup in place as the data directory (with the server stopped)',
  usage: USAGE,
  extraFlags: { 'passphrase-file': { type: 'string' }, replace: { type: 'boolean' } },
  positionals: 1,
  async run({ flags, positionals, values }) {
    const file = positionals[0];
    if (!file) return fail(`name the backup file: gatehouse restore <file>\n${USAGE}`);
    let passphrase: string | undefined;
    if (typeof values['passphrase-file'] === 'string') {
      const read = readPassphraseFile(values['passphrase-file']);
      if ('problem' in read) return fail(read.problem);
      passphrase = read.passphrase;
    }
    const options = loadOptions({ flags });
    const replace = values.replace === true;
    let result: RestoreResult;
    try {
      result = await restoreBackup(options, file, { ...(passphrase !== undefined ? { passphrase } : {}), replace });
    } catch (error) {
      if (!(error instanceof GatehouseError && error.code === 'restore_passphrase_needed' && canPrompt())) throw error;
      try {
        passphrase = await promptHidden('This backup is encrypted. Its passphrase: ');
      } catch (cancelled) {
        if (cancelled instanceof PassphraseCancelled) return fail('cancelled; nothing was restored', 1);
        throw cancelled;
      }
      result = await restoreBackup(options, file, { passphrase, replace });
    }
    process.stdout.write(`${report(options, result).join('\n')}\n`);
    return 0;
  },
};

function report(options: GatehouseOptions, { manifest, keyFile, previousDatabase, schemaAfterStart }: RestoreResult): string[] {
  const { dataDir, issuer } = options;
  const lines = [
    `Restored the backup of ${manifest.issuer} made ${manifest.createdAt} (Gatehouse ${manifest.gatehouseVersion}) into ${dataDir}:`,
    `  ${describeCounts(manifest.counts)}.`,
    keyFile
      ? `The key-encryption key (fingerprint ${manifest.keyFingerprint}) came from the backup and is now in ${keyFile}.`
      : `The configured key-encryption key (fingerprint ${manifest.keyFingerprint}) opens it.`,
  ];
  if (previousDatabase) lines.push(`The database it replaced is kept as ${previousDatabase}.`);
  if (manifest.schemaVersion < schemaAfterStart) lines.push(`Its schema ${manifest.schemaVersion} is upgraded to ${schemaAfterStart} at the next start.`);
  // Only an issuer given to this command is known to be the server's; a default says nothing about it.
  if (issuer !== manifest.issuer)
    lines.push(
      options.fixedBy?.issuer || options.fixedBy?.port
        ? `This configuration's issuer is ${issuer}, not the backup's ${manifest.issuer}: start Gatehouse with --issuer ${manifest.issuer} (or GATEHOUSE_ISSUER), so that passkeys and apps keep working.`
        : `Start Gatehouse with the backup's issuer, ${manifest.issuer}, as before (--issuer or GATEHOUSE_ISSUER), so that passkeys and apps keep working.`,
    );
  lines.push(`Next: start Gatehouse on ${dataDir} (gatehouse serve, or e.g. systemctl start gatehouse).`);
  return lines;
}
