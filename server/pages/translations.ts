// The server's own words (the pages it renders, its emails, its error sentences) come from the same
// catalogue as the UI's: server/model/locales. Loaded once, at import; a few kilobytes per language.
import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, type Language, LANGUAGES } from '../model/languages.ts';
import deErrors from '../model/locales/de/errors.json' with { type: 'json' };
import deMail from '../model/locales/de/mail.json' with { type: 'json' };
import dePages from '../model/locales/de/pages.json' with { type: 'json' };
import enErrors from '../model/locales/en/errors.json' with { type: 'json' };
import enMail from '../model/locales/en/mail.json' with { type: 'json' };
import enPages from '../model/locales/en/pages.json' with { type: 'json' };
import frErrors from '../model/locales/fr/errors.json' with { type: 'json' };
import frMail from '../model/locales/fr/mail.json' with { type: 'json' };
import frPages from '../model/locales/fr/pages.json' with { type: 'json' };
import { SERVER_NAMESPACES } from '../model/locales/namespaces.ts';
import { escapeHtml } from './pages.ts';

const resources = {
  en: { pages: enPages, mail: enMail, errors: enErrors },
  de: { pages: dePages, mail: deMail, errors: deErrors },
  fr: { pages: frPages, mail: frMail, errors: frErrors },
};

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: [...SERVER_NAMESPACES],
  defaultNS: 'pages',
  initAsync: false,
  // Pages escape every value themselves (escapeHtml), as they always have; emails' text parts must not be escaped.
  interpolation: { escapeValue: false },
  returnNull: false,
});

const fixed = new Map<Language, TFunction>(LANGUAGES.map((language) => [language, instance.getFixedT(language)]));

/** The server's words in one language; keys name their namespace ("pages:signedOut.title"). */
export function translator(language: Language): TFunction {
  return fixed.get(language)!;
}

/** Values a sentence takes: text (escaped for HTML by pageTranslator) or a number (`count` picks the plural form). */
export type TextValues = Record<string, string | number>;

/** A sentence of a page, as HTML. */
export type PageText = (key: string, values?: TextValues, markup?: Record<string, string>) => string;

/**
 * The server's words for an HTML page: every value is escaped, while the catalogue's own markup (a
 * <strong> or <code> inside a sentence, whose place differs between languages) stays, and so does
 * `markup`, HTML the page built itself (a link, a list of names in bold).
 */
export function pageTranslator(language: Language): PageText {
  const t = translator(language);
  return (key, values = {}, markup = {}) => {
    const escaped = Object.entries(values).map(([name, value]) => [name, typeof value === 'number' ? value : escapeHtml(value)]);
    return String(t(key, { ...Object.fromEntries(escaped), ...markup }));
  };
}
