// `gatehouse backup`: a backup of the data directory's database, taken while the server runs, and a plain
// account of what is in it and what is not.
import path from 'node:path';
import { createBackup, loadOptions, MIN_PASSPHRASE_LENGTH, type BackupResult, describeCounts } from '../index.ts';
import { type Command, fail } from './command.ts';
import { canPrompt, PassphraseCancelled, promptHidden, readPassphraseFile } from './passphrase.ts';

const USAGE = `gatehouse backup [--output FILE|DIR] [--include-key [--passphrase-file FILE]] [configuration flags]

  --output FILE|DIR       the backup file to write, or a folder to write it into with a dated name
                          (default: a dated name in the current folder)
  --include-key           put the key-encryption key in the backup too, and encrypt the whole file with
                          a passphrase (at least ${MIN_PASSPHRASE_LENGTH} characters), asked twice on a terminal
  --passphrase-file FILE  ... or read from this file (for timers and scripts)`;

export const backupCommand: Command = {
  summary: 'write a backup of the database (the server may keep running)',
  usage: USAGE,
  extraFlags: { output: { type: 'string' }, 'include-key': { type: 'boolean' }, 'passphrase-file': { type: 'string' } },
  async run({ flags, values }) {
    const output = values.output;
    if (output === '') return fail(`--output needs a file or folder\n${USAGE}`);
    const includeKey = values['include-key'] === true;
    const passphraseFile = values['passphrase-file'];
    if (passphraseFile !== undefined && !includeKey)
      return fail('--passphrase-file encrypts a backup that includes the key: add --include-key, or leave the passphrase out');
    let passphrase: string | undefined;
    if (includeKey) {
      if (typeof passphraseFile === 'string') {
        const read = readPassphraseFile(passphraseFile);
        if ('problem' in read) return fail(read.problem);
        passphrase = read.passphrase;
      } else if (canPrompt()) {
        try {
          passphrase = await promptHidden(`Passphrase for the backup (at least ${MIN_PASSPHRASE_LENGTH} characters): `);
          if ([...passphrase].length >= MIN_PASSPHRASE_LENGTH && (await promptHidden('The same passphrase again: ')) !== passphrase)
            return fail('the two passphrases differ; nothing was written: run the backup again');
        } catch (error) {
          if (error instanceof PassphraseCancelled) return fail('cancelled; nothing was written', 1);
          throw error;
        }
      } else {
        return fail('--include-key encrypts the backup with a passphrase: give it with --passphrase-file FILE, or run the command on a terminal to type it');
      }
      if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
        return fail(
          `the passphrase is ${[...passphrase].length} characters long; it needs at least ${MIN_PASSPHRASE_LENGTH} (a few unrelated words are easy to remember)`,
        );
    }
    const options = loadOptions({ flags });
    const result = await createBackup(options, {
      ...(typeof output === 'string' ? { output } : {}),
      ...(passphrase !== undefined ? { includeKey: { passphrase } } : {}),
    });
    process.stdout.write(`${report(options.dataDir, result).join('\n')}\n`);
    return 0;
  },
};

function report(dataDir: string, { file, bytes, manifest, keyOrigin }: BackupResult): string[] {
  const where = keyOrigin === 'environment' ? 'GATEHOUSE_ENCRYPTION_KEY' : (keyOrigin ?? 'the key-encryption key');
  return [
    `Backed up ${dataDir} to ${file} (${size(bytes)}, readable only by you).`,
    `It holds the database of ${manifest.issuer}, as of ${manifest.createdAt} (Gatehouse ${manifest.gatehouseVersion}, schema ${manifest.schemaVersion}):`,
    `  ${describeCounts(manifest.counts)}; with the settings, sessions and the audit log.`,
    manifest.includesKey
      ? `The key-encryption key (fingerprint ${manifest.keyFingerprint}) IS in this backup, so the whole file is encrypted with your passphrase: keep the passphrase somewhere other than the file; without it the backup cannot be read.`
      : `The key-encryption key is NOT in this backup: keep ${where} (fingerprint ${manifest.keyFingerprint}) safe, apart from the backup; without it the backup cannot be restored.`,
    'Not in it: the configuration (gatehouse.yaml, flags, environment), TLS certificate files, and secrets kept in files or the environment.',
    ...(insideOf(dataDir, file) ? ['The backup is inside the data directory, so a lost disk takes both: copy it somewhere else.'] : []),
  ];
}

function insideOf(dir: string, file: string): boolean {
  const relative = path.relative(path.resolve(dir), file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
