// The catalogue is complete: every language has every key of every namespace, with the same {{values}},
// no empty text, and every key the code asks for by name exists. A missing key in any language fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../server/model/languages.ts';
import { NAMESPACES } from '../../server/model/locales/namespaces.ts';
import { flattenCatalogue, LOCALES, readCatalogue } from '../support/catalogue.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// i18next's plural forms: a key asked for as `items` is stored as `items_one`, `items_other`, ...
const PLURAL = /_(zero|one|two|few|many|other)$/;

const catalogue = (language: string, namespace: string) => flattenCatalogue(readCatalogue(language, namespace));

const values = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((match) => match[1]).sort();
/** The keys as code names them: plural forms fold into their base key, whatever forms a language has. */
const baseKeys = (entries: Map<string, string>) => new Set([...entries.keys()].map((key) => key.replace(PLURAL, '')));

describe('the catalogue', () => {
  it('has a file for every namespace in every language, and no other', () => {
    for (const language of LANGUAGES) {
      const files = readdirSync(path.join(LOCALES, language)).sort();
      expect(files, language).toEqual(NAMESPACES.map((namespace) => `${namespace}.json`).sort());
    }
  });

  for (const namespace of NAMESPACES) {
    it(`${namespace}: every language has the same keys, values and plural forms as English, and no empty text`, () => {
      const english = catalogue('en', namespace);
      for (const language of LANGUAGES) {
        const entries = catalogue(language, namespace);
        expect([...baseKeys(entries)].sort(), `${language}/${namespace}.json keys`).toEqual([...baseKeys(english)].sort());
        for (const [key, text] of entries) {
          expect(text.trim(), `${language}/${namespace}.json ${key} is empty`).not.toBe('');
          const base = key.replace(PLURAL, '');
          const englishText = english.get(key) ?? english.get(`${base}_other`) ?? english.get(base);
          if (englishText !== undefined) expect(values(text), `${language}/${namespace}.json ${key} {{values}}`).toEqual(values(englishText));
        }
        // Every plural key needs at least the forms "one" and "other" (i18next falls back to "other").
        for (const key of entries.keys()) {
          if (!PLURAL.test(key)) continue;
          const base = key.replace(PLURAL, '');
          expect(entries.has(`${base}_other`), `${language}/${namespace}.json ${base}_other`).toBe(true);
        }
      }
    });
  }

  it('holds every key the code asks for by name', () => {
    const english = new Map(NAMESPACES.map((namespace) => [namespace, baseKeys(catalogue('en', namespace))]));
    const missing: string[] = [];
    for (const file of sourceFiles()) {
      const text = readFileSync(file, 'utf8');
      // The file's default namespace: useTranslation('ns') or translator's t('ns:key') forms name theirs.
      const defaultNamespace = /useTranslation\(\s*'(\w+)'/.exec(text)?.[1] ?? 'common';
      for (const match of text.matchAll(/\bt\(\s*'([^'$`]+)'|i18nKey="([^"]+)"/g)) {
        const name = match[1] ?? match[2]!;
        const [namespace, key] = name.includes(':') ? (name.split(':', 2) as [string, string]) : [defaultNamespace, name];
        const keys = english.get(namespace as (typeof NAMESPACES)[number]);
        if (!keys?.has(key)) missing.push(`${path.relative(ROOT, file)}: ${namespace}:${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) out.push(full);
    }
  };
  walk(path.join(ROOT, 'renderer/src'));
  walk(path.join(ROOT, 'server'));
  return out;
}
