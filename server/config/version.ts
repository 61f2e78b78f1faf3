// This Gatehouse's version, from package.json: what `gatehouse version` prints and a backup's manifest records.
import { readFileSync } from 'node:fs';

export const GATEHOUSE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
