// How long a sign-in to a protected app lasts: the choices the console offers, and how a length reads.

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The choices offered; null is "as long as the Gatehouse sign-in" (the API's sessionTtl null). */
export const SESSION_LENGTHS: ReadonlyArray<{ seconds: number | null; label: string }> = [
  { seconds: null, label: 'As long as the Gatehouse sign-in' },
  { seconds: HOUR, label: '1 hour' },
  { seconds: 8 * HOUR, label: '8 hours' },
  { seconds: DAY, label: '1 day' },
  { seconds: 7 * DAY, label: '7 days' },
  { seconds: 30 * DAY, label: '30 days' },
];

const counted = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "8 hours", "7 days", "90 minutes": the largest whole unit; a provisioned length need not be one of the choices. */
export function sessionLengthLabel(seconds: number | null): string {
  if (seconds === null) return 'as long as the Gatehouse sign-in';
  if (seconds % DAY === 0) return counted(seconds / DAY, 'day');
  if (seconds % HOUR === 0) return counted(seconds / HOUR, 'hour');
  if (seconds % 60 === 0) return counted(seconds / 60, 'minute');
  return counted(seconds, 'second');
}
