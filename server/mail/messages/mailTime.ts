// A moment as a mail says it. The reader's time zone is unknown to the server, so it says UTC.
const format = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'short' });

/** "2 December 2026 at 03:50 UTC". */
export const mailTime = (ms: number): string => `${format.format(ms)} UTC`;
