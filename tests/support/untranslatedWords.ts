// What a page in another language must not show: the English catalogue's words, as a page would show them.
import { type CatalogueTree as Tree, readCatalogue } from './catalogue.ts';

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
  return pieces(readCatalogue('en', namespace), readCatalogue(language, namespace));
}

/**
 * The pieces that `text` shows as words of their own: where a piece starts or ends with a letter, the
 * text has no letter right beside it there ("preferred_username is" is not in "preferred_username ist").
 */
export function englishShown(text: string, pieces: readonly string[]): string[] {
  return pieces.filter((piece) => {
    const escaped = piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const before = /^\p{L}/u.test(piece) ? '(?<!\\p{L})' : '';
    const after = /\p{L}$/u.test(piece) ? '(?!\\p{L})' : '';
    return new RegExp(`${before}${escaped}${after}`, 'u').test(text);
  });
}
