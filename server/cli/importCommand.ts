// `gatehouse import pocket-id <folder or database>`: moves people, groups, passkeys and apps in from
// Pocket ID in one transaction, or with --dry-run says what would come and what cannot, changing nothing.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOptions } from '../config/load.ts';
import { createGatehouse, DATABASE_FILE_NAME, type Gatehouse, GatehouseError, type PocketIdImportPlan, type PocketIdImportRequest } from '../index.ts';
import { createLogger } from '../logger.ts';
import { type Command, fail, withGatehouse } from './command.ts';

const USAGE = `gatehouse import pocket-id <data folder or database file> [--dry-run] [--pocket-id-url URL] [--force] [configuration flags]

  <data folder>        Pocket ID's data folder (or the folder holding it and its .env), or pocket-id.db itself;
                       it is only read. Stop Pocket ID first, so nothing changes there after the import.
  --dry-run            say what would be imported and what cannot be, and change nothing
  --pocket-id-url URL  Pocket ID's address (its APP_URL), when no .env beside its data says it
  --force              import although Gatehouse's issuer is on another host than Pocket ID's
                       (the passkeys then work only once Gatehouse serves Pocket ID's host)`;

export const importCommand: Command = {
  summary: 'move users, groups, passkeys and clients in from Pocket ID (its database is only read)',
  usage: USAGE,
  extraFlags: { 'dry-run': { type: 'boolean' }, 'pocket-id-url': { type: 'string' }, force: { type: 'boolean' } },
  positionals: 2,
  async run({ flags, positionals, values }) {
    const [kind, source] = positionals;
    if (kind !== 'pocket-id')
      return fail(`${kind === undefined ? 'name what to import from' : `cannot import from "${kind}"`}: Gatehouse imports from pocket-id\n${USAGE}`);
    if (!source) return fail(`name Pocket ID's data folder or database file: gatehouse import pocket-id <folder>\n${USAGE}`);
    const pocketIdUrl = values['pocket-id-url'];
    if (pocketIdUrl === '') return fail("--pocket-id-url needs Pocket ID's address, like https://id.home.example");
    const request: PocketIdImportRequest = {
      source,
      dryRun: values['dry-run'] === true,
      force: values.force === true,
      ...(typeof pocketIdUrl === 'string' ? { pocketIdUrl } : {}),
    };
    const options = loadOptions({ flags });
    const exists = existsSync(path.join(options.dataDir, DATABASE_FILE_NAME));
    if (request.dryRun && !exists) return dryRunBeforeFirstStart(flags, request);
    return withGatehouse(flags, (gatehouse) =>
      runImport(gatehouse, request, exists ? gatehouse.options.dataDir : `a new Gatehouse in ${gatehouse.options.dataDir}`),
    );
  },
};

/** A data directory that holds no Gatehouse yet stays untouched: the dry run checks against an empty one made aside. */
async function dryRunBeforeFirstStart(flags: Parameters<Command['run']>[0]['flags'], request: PocketIdImportRequest): Promise<number> {
  const options = loadOptions({ flags });
  const scratch = mkdtempSync(path.join(tmpdir(), 'gatehouse-dry-run-'));
  const gatehouse = createGatehouse(
    { ...options, dataDir: scratch, encryptionKey: randomBytes(32).toString('base64url'), encryptionKeyFile: undefined },
    { logger: createLogger('warn', undefined, options.logFormat) },
  );
  try {
    return runImport(gatehouse, request, `a new Gatehouse in ${options.dataDir}`);
  } finally {
    gatehouse.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runImport(gatehouse: Gatehouse, request: PocketIdImportRequest, into: string): number {
  let plan: PocketIdImportPlan;
  try {
    plan = gatehouse.importPocketId(request).plan;
  } catch (error) {
    if (!(error instanceof GatehouseError)) throw error;
    // A wrong flag is a mistake in the command (exit 2); a refusal lists every reason (exit 1).
    if (error.field === 'pocketIdUrl') return fail(`${error.message}\n${USAGE}`);
    if (error.code !== 'import_refused') throw error;
    for (const line of error.message.split('\n')) process.stderr.write(`gatehouse: ${line}\n`);
    return 1;
  }
  process.stdout.write(`${report(plan, request.dryRun === true, into, gatehouse.linkIssuer())}\n`);
  if (request.dryRun && plan.refusals.length > 0) {
    process.stderr.write(`gatehouse: the import would be refused, and nothing imported:\n${bullets(plan.refusals)}\n`);
    return 1;
  }
  return 0;
}

const bullets = (lines: string[]) => lines.map((line) => `  - ${line}`).join('\n');
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function report(plan: PocketIdImportPlan, dryRun: boolean, into: string, issuer: string): string {
  const claims = [...plan.users, ...plan.groups].reduce((sum, owner) => sum + Object.keys(owner.claims).length, 0);
  const memberships = plan.users.reduce((sum, user) => sum + user.groups.length, 0);
  const lines = [
    `From Pocket ID${plan.pocketIdUrl ? ` at ${plan.pocketIdUrl}` : ''}: ${plan.databaseFile} (only read)`,
    dryRun ? `Would import into ${into} (a dry run: nothing changed):` : `Imported into ${into}:`,
    `  ${count(plan.users.length, 'user')}${plan.users.length ? `: ${plan.users.map((user) => `${user.fields.username}${user.fields.isAdmin ? ' (admin)' : ''}`).join(', ')}` : ''}`,
    `  ${count(plan.groups.length, 'group')}${plan.groups.length ? `: ${plan.groups.map((group) => group.name).join(', ')}` : ''} (${count(memberships, 'membership')})`,
    `  ${count(claims, 'custom claim')}`,
    `  ${count(plan.passkeys.length, 'passkey')}`,
    `  ${count(plan.clients.length, 'client')}${plan.clients.length ? `: ${plan.clients.map(({ client }) => (client.name === client.id ? client.id : `${client.name} (${client.id})`)).join(', ')}` : ''}`,
  ];
  if (plan.users.length > 0) lines.push('  people keep their Pocket ID ids as their sub, so apps know them as before');
  if (plan.leftBehind.length > 0) lines.push('', `Cannot come (${plan.leftBehind.length}):`, bullets(plan.leftBehind));
  if (plan.notes.length > 0) lines.push('', 'Good to know:', bullets(plan.notes));
  const carried = plan.clients.filter((planned) => planned.carriedSecrets.length > 0);
  if (carried.length > 0) {
    const bcrypt = carried.filter((planned) => planned.carriedSecrets.includes('bcrypt')).map(({ client }) => client.name);
    lines.push(
      '',
      `${count(carried.length, 'client')} ${dryRun ? 'would keep' : 'keep'} their Pocket ID secrets, so their apps need no change. Make each a new secret in the console (Clients, the client, Regenerate secret) when convenient.`,
    );
    if (bcrypt.length > 0)
      lines.push(
        `Start with ${bcrypt.join(', ')}: ${bcrypt.length === 1 ? 'its secret is' : 'their secrets are'} bcrypt, slow by design at every token request.`,
      );
  }
  if (!dryRun)
    lines.push(
      '',
      `Next: stop Pocket ID, point ${plan.pocketIdUrl ?? "Pocket ID's address"} at Gatehouse and start it with the same issuer (gatehouse serve --issuer ${issuer}). Apps that use discovery need no change.`,
    );
  return lines.join('\n');
}
