// The languages Gatehouse speaks, and which one a request gets: the person's remembered choice (a
// cookie the language picker sets), else the best match of the browser's Accept-Language, else English.

export const LANGUAGES = ['en', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language in its own words, as the picker offers it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch', fr: 'Français' };

export const DEFAULT_LANGUAGE: Language = 'en';

/** Remembers a person's choice, for the server's pages and the UI alike (not a secret: readable by the page). */
export const LANGUAGE_COOKIE = 'gatehouse_language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

// A header is at most this long before we stop reading it: a browser sends a few dozen characters.
const MAX_HEADER = 512;

/** The supported language the browser prefers most ("de-CH,de;q=0.9,en;q=0.8" → de), or undefined. */
export function preferredLanguage(acceptLanguage: string | null | undefined): Language | undefined {
  if (!acceptLanguage) return undefined;
  let best: { language: Language; quality: number } | undefined;
  for (const part of acceptLanguage.slice(0, MAX_HEADER).split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    if (!isLanguage(primary)) continue;
    const q = params.map((param) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(param)).find(Boolean);
    const quality = q ? Number(q[1]) : 1;
    // Earlier entries win ties: the header lists them in order of preference.
    if (quality > 0 && (!best || quality > best.quality)) best = { language: primary, quality };
  }
  return best?.language;
}

/** The language for a request: the remembered choice, else the browser's, else English. */
export function requestLanguage(cookieValue: string | null | undefined, acceptLanguage: string | null | undefined): Language {
  return isLanguage(cookieValue) ? cookieValue : (preferredLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE);
}
