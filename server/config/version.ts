// This Gatehouse's version, from package.json: what `gatehouse version` prints and a backup's manifest records.
import { readFileSync } from 'node:fs';
import { PACKAGE_JSON_URL } from './installPaths.ts';

export const GATEHOUSE_VERSION = (JSON.parse(readFileSync(PACKAGE_JSON_URL, 'utf8')) as { version: string }).version;
