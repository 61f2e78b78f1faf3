// How a value an audit event recorded reads: field names in words, dates in the viewer's time zone and
// language, lifetimes in hours or days, nothing for an empty list.
import type { TFunction } from 'i18next';
import { formatDate } from '../../i18n/dates.ts';

/** The console's words: useTranslation's t in the page, an English one where there is no page (tests). */
export type Translate = TFunction<'console'>;

/** `displayName` → "display name": the catalogue's word for the field, else the words of its name. */
export function fieldLabel(t: Translate, field: string): string {
  // Computed key: audit.fields holds the fields worth a better word; any other reads as its name in words.
  return t(`console:audit.fields.${field}`, { defaultValue: field.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`) });
}

function duration(t: Translate, seconds: number): string {
  if (seconds % (24 * 60 * 60) === 0) return t('console:audit.duration.day', { count: seconds / (24 * 60 * 60) });
  if (seconds % (60 * 60) === 0) return t('console:audit.duration.hour', { count: seconds / (60 * 60) });
  if (seconds % 60 === 0) return t('console:audit.duration.minute', { count: seconds / 60 });
  return t('console:audit.duration.seconds', { count: seconds });
}

/** Whether a value says nothing: no value, an empty text, list or object. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** A value of a field, in words: texts quoted, list items as they are, yes or no. */
export function formatValue(t: Translate, field: string, value: unknown): string {
  if (isEmpty(value)) return t('console:audit.value.none');
  if (typeof value === 'boolean') return value ? t('console:audit.value.yes') : t('console:audit.value.no');
  if (typeof value === 'number') {
    if (field.endsWith('Ttl')) return duration(t, value);
    if (field.endsWith('At')) return formatDate(value);
    return String(value);
  }
  if (typeof value === 'string') return t('console:audit.quoted', { value });
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : formatValue(t, field, item))).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => `${key} ${formatValue(t, key, inner)}`)
    .join(', ');
}
