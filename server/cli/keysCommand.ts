// `gatehouse keys list|rotate|rotate-encryption-key`: the signing keys with their states and dates, a
// rotation (a running server on the same data picks it up within seconds), and the key-encryption key's
// rotation (encryptionKeyCommand.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadOptions } from '../config/load.ts';
import { type AdminApi, DATABASE_FILE_NAME } from '../index.ts';
import { type Command, fail, withGatehouse } from './command.ts';
import { rotateEncryptionKeyCommand } from './encryptionKeyCommand.ts';

type KeysView = Awaited<ReturnType<AdminApi['signingKeys.list']>>;
type Rotation = Awaited<ReturnType<AdminApi['signingKeys.rotate']>>;

const USAGE = `gatehouse keys list [configuration flags]
gatehouse keys rotate [--now] [configuration flags]

  list          the signing keys: algorithm, key id, state, when made, signs from, retires at
  rotate        publish new signing keys now; they sign after a day, once apps that cache the key set
                have fetched them; the old keys stay published until what they signed has expired
  rotate --now  the new keys sign at once and the old ones retire at once (a key may have leaked):
                apps that cached the old key set may refuse sign-ins until they fetch it again

${rotateEncryptionKeyCommand.usage}`;

const ACTOR = { kind: 'command_line' } as const;

const when = (at: number | null) => (at === null ? '-' : new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'));

function keyTable({ keys, schedule }: KeysView): string {
  const rows = [
    ['ALG', 'KEY ID', 'STATE', 'MADE', 'SIGNS FROM', 'RETIRES AT'],
    ...keys.map((key) => [key.alg, key.kid.slice(0, 8), key.state, when(key.createdAt), when(key.signsFrom), when(key.retiresAt)]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
  lines.push(
    '',
    schedule.everyDays === null
      ? 'Keys rotate only when asked (the console can set a schedule).'
      : `Keys rotate every ${schedule.everyDays} days; next at ${when(schedule.nextRotationAt)}.`,
  );
  return `${lines.join('\n')}\n`;
}

function rotationReport(rotation: Rotation, immediately: boolean): string {
  const lines = [
    immediately
      ? `New signing keys ${rotation.kids.map((kid) => kid.slice(0, 8)).join(', ')} are published and sign from now.`
      : `New signing keys ${rotation.kids.map((kid) => kid.slice(0, 8)).join(', ')} are published now and sign from ${when(rotation.signsFrom)}, once apps that cache the key set have fetched them.`,
    immediately
      ? 'The keys they replace are retired: they are no longer published, so nothing they signed verifies any more.'
      : `The keys they replace stay published until ${when(rotation.retiresAt)}, when everything they signed has expired; then they retire.`,
    'A running server on this data picks the new keys up within seconds.',
  ];
  for (const warning of rotation.warnings) process.stderr.write(`gatehouse: warning: ${warning.message}\n`);
  return `${lines.join('\n')}\n\n${keyTable(rotation)}`;
}

export const keysCommand: Command = {
  summary: 'list or rotate the signing keys; rotate the key-encryption key',
  usage: USAGE,
  extraFlags: { now: { type: 'boolean' }, ...rotateEncryptionKeyCommand.extraFlags },
  positionals: 1,
  async run(args) {
    const { flags, positionals, values } = args;
    const action = positionals[0];
    if (action === 'rotate-encryption-key') {
      if (values.now !== undefined) return fail(`--now belongs to gatehouse keys rotate\n${rotateEncryptionKeyCommand.usage}`);
      return rotateEncryptionKeyCommand.run(args);
    }
    const stray = Object.keys(rotateEncryptionKeyCommand.extraFlags ?? {}).find((name) => values[name] !== undefined);
    if (stray) return fail(`--${stray} belongs to gatehouse keys rotate-encryption-key\n${USAGE}`);
    if (action !== 'list' && action !== 'rotate')
      return fail(
        action === undefined
          ? `say what to do: list, rotate or rotate-encryption-key\n${USAGE}`
          : `unknown keys action "${action}"; use list, rotate or rotate-encryption-key\n${USAGE}`,
      );
    // Opening a data directory that holds no Gatehouse would make one, with keys of its own.
    const { dataDir } = loadOptions({ flags });
    if (!existsSync(path.join(dataDir, DATABASE_FILE_NAME)))
      return fail(`there is no Gatehouse in ${dataDir} (no ${DATABASE_FILE_NAME}); give the --data-dir of the server whose keys these are`, 1);
    if (action === 'list') {
      if (values.now !== undefined) return fail(`--now belongs to gatehouse keys rotate\n${USAGE}`);
      return withGatehouse(flags, async (gatehouse) => {
        process.stdout.write(keyTable((await gatehouse.runAdmin('signingKeys.list', {}, ACTOR)) as KeysView));
        return 0;
      });
    }
    const immediately = values.now === true;
    return withGatehouse(flags, async (gatehouse) => {
      const rotation = (await gatehouse.runAdmin('signingKeys.rotate', { immediately }, ACTOR)) as Rotation;
      process.stdout.write(rotationReport(rotation, immediately));
      return 0;
    });
  },
};
