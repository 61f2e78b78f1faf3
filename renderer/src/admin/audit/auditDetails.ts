// How a value an audit event recorded reads: field names in words, dates in the viewer's time zone,
// lifetimes in hours or days, nothing for an empty list.

const LABELS: Record<string, string> = {
  instanceName: 'instance name',
  host: 'bind address',
  tlsCertFile: 'TLS certificate file',
  tlsKeyFile: 'TLS key file',
  accessTokenTtl: 'access token lifetime',
  refreshTokenTtl: 'refresh token lifetime',
  sessionTtl: 'session lifetime',
  redirectUris: 'redirect URIs',
  postLogoutRedirectUris: 'sign-out redirect URIs',
  requirePkce: 'require PKCE',
  idTokenAlg: 'ID token signing algorithm',
  launchUrl: 'launch URL',
  native: 'native app',
  isAdmin: 'admin',
  emailVerified: 'email verified',
  allowedClients: 'allowed apps',
  expiresAt: 'valid until',
  rotateEveryDays: 'rotate signing keys every (days)',
};

/** `displayName` → "display name". */
export function fieldLabel(field: string): string {
  return LABELS[field] ?? field.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}

const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An epoch-milliseconds time as the viewer's local date and time. */
export function formatDate(at: number): string {
  return moment.format(at);
}

function duration(seconds: number): string {
  const units: Array<[number, string]> = [
    [24 * 60 * 60, 'day'],
    [60 * 60, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    if (seconds % size === 0) return `${seconds / size} ${unit}${seconds === size ? '' : 's'}`;
  }
  return `${seconds} seconds`;
}

/** Whether a value says nothing: no value, an empty text, list or object. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** A value of a field, in words: texts quoted, list items as they are, yes or no. */
export function formatValue(field: string, value: unknown): string {
  if (isEmpty(value)) return '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (field.endsWith('Ttl')) return duration(value);
    if (field.endsWith('At')) return formatDate(value);
    return String(value);
  }
  if (typeof value === 'string') return `“${value}”`;
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : formatValue(field, item))).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => `${key} ${formatValue(key, inner)}`)
    .join(', ');
}
