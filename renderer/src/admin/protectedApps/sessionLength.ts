// How long a sign-in to a protected app lasts: the choices the console offers, and how a length reads.
import type { TFunction } from 'i18next';

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The choices offered, in seconds; null is "as long as the Gatehouse sign-in" (the API's sessionTtl null). */
export const SESSION_LENGTHS: ReadonlyArray<number | null> = [null, HOUR, 8 * HOUR, DAY, 7 * DAY, 30 * DAY];

/** "8 hours", "7 days", "90 minutes": the largest whole unit; a provisioned length need not be one of the choices. */
export function sessionLengthLabel(seconds: number | null, t: TFunction<'consoleAccess'>): string {
  if (seconds === null) return t('consoleAccess:sessionLength.gatehouse');
  if (seconds % DAY === 0) return t('consoleAccess:duration.days', { count: seconds / DAY });
  if (seconds % HOUR === 0) return t('consoleAccess:duration.hours', { count: seconds / HOUR });
  if (seconds % 60 === 0) return t('consoleAccess:duration.minutes', { count: seconds / 60 });
  return t('consoleAccess:duration.seconds', { count: seconds });
}
