// Dates as the viewer reads them: in their own time zone and the language pages show now. One formatter
// per language and style, made when first asked for.
import i18next from 'i18next';

const STYLES = {
  day: { dateStyle: 'medium' },
  moment: { dateStyle: 'medium', timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function format(style: keyof typeof STYLES, at: number | Date): string {
  // Before i18next starts (tests that word events in Node) the runtime's own locale is used.
  const language = i18next.resolvedLanguage ?? '';
  const key = `${style} ${language}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language || undefined, STYLES[style]);
    formatters.set(key, formatter);
  }
  return formatter.format(at);
}

/** A time as its date and time of day ("2 Dec 2026, 14:18"). */
export const formatDate = (at: number | Date): string => format('moment', at);

/** A time as its day only ("2 Dec 2026"). */
export const formatDay = (at: number | Date): string => format('day', at);
