// An audit event's details in one line: "method: passkey · passkey: Laptop · by: alice". The server
// sends the names behind the ids it records (who did it, which API key); an id shows only when the
// thing it named is gone.
import type { AdminResult } from '../adminClient';

type AuditEntry = AdminResult<'audit.list'>['events'][number];

const MAX_LENGTH = 160;

function describe(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(describe).join(', ');
  return Object.entries(value)
    .map(([key, inner]) => `${key} ${describe(inner)}`)
    .join(', ');
}

/** `by`: an admin ({ user }), an API key ({ apiKey }), or a word such as "desktop". */
function actor(by: unknown, name: string | null): string {
  if (by !== null && typeof by === 'object') {
    const { user, apiKey } = by as { user?: unknown; apiKey?: unknown };
    if (typeof user === 'string') return name ?? `deleted user ${user}`;
    if (typeof apiKey === 'string') return name ? `API key “${name}”` : `API key ${apiKey}`;
  }
  return describe(by);
}

export function summariseDetails(event: AuditEntry): string {
  const text = Object.entries(event.details)
    .map(([key, value]) => {
      if (key === 'by') return `by: ${actor(value, event.actorName)}`;
      if (key === 'key' && typeof value === 'string') return `key: ${event.apiKeyName ?? value}`;
      return `${key}: ${describe(value)}`;
    })
    .join(' · ');
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
