// What a page in another language must not show: the English catalogue's words, as a page would show them.
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Tree = { [key: string]: string | Tree };

const catalogue = (language: string, namespace: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../server/model/locales/${language}/${namespace}.json`), 'utf8')) as Tree;

function pieces(english: Tree, translated: Tree | undefined): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(english)) {
    const other = translated?.[key];
    if (typeof value !== 'string') out.push(...pieces(value, other as Tree | undefined));
    else
      for (const piece of value.split(/<[^>]+>|\{\{[^}]+\}\}/)) {
        const text = piece.trim();
        if (text.length > 12 && !String(other).includes(text)) out.push(text);
      }
  }
  return out;
}

/**
 * The English values of `namespace`, split at their markup and {{values}}: the pieces longer than 12
 * characters, unless `language` says the same there (a product name, a code).
 */
export function englishPieces(namespace: string, language: string): string[] {
  return pieces(catalogue('en', namespace), catalogue(language, namespace));
}
