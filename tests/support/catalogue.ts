// The catalogue's files as tests read them: one namespace of one language, as its nested keys or flat.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type CatalogueTree = { [key: string]: string | CatalogueTree };

export const LOCALES = path.resolve(import.meta.dirname, '../../server/model/locales');

/** `server/model/locales/<language>/<namespace>.json`, as it is written. */
export function readCatalogue(language: string, namespace: string): CatalogueTree {
  return JSON.parse(readFileSync(path.join(LOCALES, language, `${namespace}.json`), 'utf8')) as CatalogueTree;
}

/** Every text under its dotted key, as code asks for it (`{ a: { b: 'x' } }` → `a.b` → `x`). */
export function flattenCatalogue(tree: CatalogueTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [inner, text] of flattenCatalogue(value, name)) out.set(inner, text);
  }
  return out;
}
