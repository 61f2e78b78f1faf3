// A moment as a mail says it, in the reader's language. Their time zone is unknown to the server, so it says UTC.
import type { Language } from '../../model/languages.ts';

const formats = new Map<Language, Intl.DateTimeFormat>();

/** "2 December 2026 at 03:50 UTC", "2. Dezember 2026 um 03:50 UTC", "2 décembre 2026 à 03:50 UTC". */
export function mailTime(ms: number, language: Language): string {
  let format = formats.get(language);
  // British English: the day before the month, as these mails always wrote it.
  if (!format)
    formats.set(
      language,
      (format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'short' })),
    );
  return `${format.format(ms)} UTC`;
}
