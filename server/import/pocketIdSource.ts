// What `gatehouse import pocket-id` is pointed at: Pocket ID's data folder (or the folder above it, or
// the database file itself), and the address Pocket ID served, which its passkeys belong to.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { GatehouseError } from '../model/errors.ts';
import { looksLikePocketIdDatabase } from './pocketIdDatabase.ts';

/** Pocket ID's default database, relative to where it runs (DB_CONNECTION_STRING's default). */
const DEFAULT_DATABASE = path.join('data', 'pocket-id.db');

/** The database file of a Pocket ID data folder, or the file itself. */
export function findPocketIdDatabase(source: string): string {
  const given = path.resolve(source);
  const kind = statSync(given, { throwIfNoEntry: false });
  if (!kind) throw new GatehouseError('import_source_invalid', `${given} does not exist: give Pocket ID's data folder or its database file (pocket-id.db).`);
  if (kind.isFile()) return given;
  for (const candidate of ['pocket-id.db', DEFAULT_DATABASE].map((name) => path.join(given, name))) {
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  const found = [given, path.join(given, 'data')].flatMap((folder) =>
    listFiles(folder)
      .filter((name) => name.endsWith('.db'))
      .map((name) => path.join(folder, name))
      .filter(looksLikePocketIdDatabase),
  );
  if (found.length === 1) return found[0]!;
  if (found.length > 1)
    throw new GatehouseError('import_source_invalid', `${given} holds more than one Pocket ID database (${found.join(', ')}): give the one to import.`);
  throw new GatehouseError(
    'import_source_invalid',
    `Found no Pocket ID database in ${given}: give the database file itself (Pocket ID's DB_CONNECTION_STRING, by default data/pocket-id.db).`,
  );
}

function listFiles(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

const POCKET_ID_URL_FLAG = '--pocket-id-url';

export interface PocketIdAddress {
  url: URL;
  /** Where it came from, for the report: the flag or a .env file. */
  from: string;
}

/**
 * Pocket ID's APP_URL: the given one, else the one in a `.env` in the data folder or beside it (where
 * Pocket ID and its Docker Compose file read it). Null when neither says.
 */
export function pocketIdAddress(databaseFile: string, given: string | undefined): PocketIdAddress | null {
  if (given !== undefined) return { url: appUrl(given, POCKET_ID_URL_FLAG), from: POCKET_ID_URL_FLAG };
  const dataFolder = path.dirname(databaseFile);
  for (const file of [path.join(dataFolder, '.env'), path.join(path.dirname(dataFolder), '.env')]) {
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const value = parseEnv(content).APP_URL;
    if (value) return { url: appUrl(value, `APP_URL in ${file}`), from: file };
  }
  return null;
}

function appUrl(value: string, from: string): URL {
  const url = URL.parse(value.trim());
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new GatehouseError(
      'import_source_invalid',
      `${from} must be Pocket ID's address, like https://id.home.example; got "${value}".`,
      from === POCKET_ID_URL_FLAG ? { field: 'pocketIdUrl' } : {},
    );
  return url;
}
