// Where the installed Gatehouse keeps its own files. This module sits two folders below the project root,
// as the built server (dist/server/gatehouse.js, which includes it) does, so one relative path holds for both.
import { fileURLToPath } from 'node:url';

export const PACKAGE_JSON_URL = new URL('../../package.json', import.meta.url);
export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
