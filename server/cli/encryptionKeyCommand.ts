// `gatehouse keys rotate-encryption-key`: every sealed value re-sealed under a new key-encryption key,
// taken from a file or the environment, with the server stopped. Prints both fingerprints, what was
// re-sealed, and where the new key now is (or what to set, when the key comes from the environment).
import { loadOptions } from '../config/load.ts';
import { type EncryptionKeyRotation, readKeyFile, rotateEncryptionKey } from '../index.ts';
import { createLogger } from '../logger.ts';
import { type Command, fail } from './command.ts';

const NEW_KEY_VARIABLE = 'GATEHOUSE_NEW_ENCRYPTION_KEY';

const USAGE = `gatehouse keys rotate-encryption-key --new-key-file FILE [configuration flags]

  --new-key-file FILE  the new key-encryption key (at least 32 random characters,
                       e.g. \`openssl rand -base64 32 > FILE\`); or give it in ${NEW_KEY_VARIABLE}

Stop the server first. Every sealed value is re-sealed under the new key in one step; the key file
(the data directory's encryption.key or --encryption-key-file) then holds the new key. A key given in
GATEHOUSE_ENCRYPTION_KEY cannot be replaced: set it to the new key before the next start. Backups that do
not hold their key open only with the old one: copy it first if you keep such backups.`;

export const rotateEncryptionKeyCommand: Command = {
  summary: 're-seal every secret under a new key-encryption key',
  usage: USAGE,
  extraFlags: { 'new-key-file': { type: 'string' } },
  async run({ flags, values }) {
    const file = values['new-key-file'];
    const fromEnvironment = process.env[NEW_KEY_VARIABLE];
    if (file !== undefined && fromEnvironment !== undefined) return fail(`give the new key once: --new-key-file or ${NEW_KEY_VARIABLE}, not both`);
    if (file === undefined && fromEnvironment === undefined) return fail(`give the new key: --new-key-file FILE or ${NEW_KEY_VARIABLE}\n${USAGE}`);
    if (file === '' || typeof file === 'boolean') return fail('--new-key-file needs a file');
    const newKey = file === undefined ? (fromEnvironment ?? '') : readKeyFile(file);
    const options = loadOptions({ flags });
    const rotation = rotateEncryptionKey(options, newKey, createLogger('warn', undefined, options.logFormat));
    process.stdout.write(report(rotation, file === undefined ? NEW_KEY_VARIABLE : file));
    return 0;
  },
};

function report({ oldFingerprint, newFingerprint, resealed, keyFile }: EncryptionKeyRotation, givenIn: string): string {
  const counted = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const lines = [
    `Re-sealed everything under the new key ${newFingerprint} (was ${oldFingerprint}):`,
    `  ${counted(resealed.signingKeys, 'signing key')}, ${counted(resealed.cookieKeys, 'cookie key')}, ${counted(resealed.providerRecords, 'session, grant or token record', 'session, grant and token records')}, ${counted(resealed.settings, 'sealed setting')}`,
  ];
  if (keyFile !== undefined) {
    lines.push(`The new key is now in ${keyFile}; the next start reads it from there.`);
    if (givenIn !== NEW_KEY_VARIABLE) lines.push(`${givenIn} holds a copy of it: delete it, or keep it as safe as the key file.`);
  } else {
    lines.push(
      `The key came from GATEHOUSE_ENCRYPTION_KEY, which still holds the old key: set it to the new key (from ${givenIn}) before Gatehouse starts again; the old key is refused from now on.`,
    );
  }
  lines.push(
    keyFile === undefined
      ? `Backups made before now that do not hold their key open only with the old key ${oldFingerprint}: keep it as long as you keep them.`
      : `Backups made before now that do not hold their key open only with the old key ${oldFingerprint}, which ${keyFile} no longer holds: make a new backup now, and keep any copy of the old key as long as you keep those.`,
  );
  return `${lines.join('\n')}\n`;
}
