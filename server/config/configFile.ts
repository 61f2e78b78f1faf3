// Writes options into gatehouse.yaml in the data directory, keeping the owner's comments and other
// keys; the file is replaced atomically so a crash never leaves half a config.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, parseDocument } from 'yaml';
import { CONFIG_FILE_NAME } from './load.ts';

export function writeConfigFileOptions(dataDir: string, changes: Record<string, unknown>): void {
  const file = path.join(dataDir, CONFIG_FILE_NAME);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const document = text.trim() ? parseDocument(text) : new Document({});
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) document.delete(key);
    else document.set(key, value);
  }
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, String(document), { mode: 0o600 });
  renameSync(temporary, file);
}
