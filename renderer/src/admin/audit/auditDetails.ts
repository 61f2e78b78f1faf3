// An audit event's details in one line: "method: passkey · passkey: Laptop · by: alice".

const MAX_LENGTH = 160;

function describe(value: unknown, usernames: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => describe(item, usernames)).join(', ');
  return Object.entries(value)
    // `by: { user: <id> }` names the admin who did it.
    .map(([key, inner]) => (key === 'user' && typeof inner === 'string' ? usernames.get(inner) ?? `user ${inner}` : `${key} ${describe(inner, usernames)}`))
    .join(', ');
}

export function summariseDetails(details: Record<string, unknown>, usernames: ReadonlyMap<string, string>): string {
  const text = Object.entries(details).map(([key, value]) => `${key}: ${describe(value, usernames)}`).join(' · ');
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
