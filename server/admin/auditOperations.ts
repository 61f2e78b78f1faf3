// The audit log, filtered and paged, with the names behind the ids.
import { z } from 'zod';
import { listApiKeys } from '../db/apiKeys.ts';
import { countAuditEvents, listAuditEvents, type StoredAuditEvent } from '../db/audit.ts';
import { getClient } from '../db/clients.ts';
import { findUserByUsername, getUser } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import { type AdminContext, adminOperation } from './adminOperation.ts';

export interface AuditEntry extends StoredAuditEvent {
  /** The event's user, while they exist. */
  username: string | null;
  /** The event's app, while it is registered. */
  clientName: string | null;
  /** Who made an admin change (`details.by`): an admin's username or an API key's name, while it exists. */
  actorName: string | null;
  /** The API key an event is about (`details.key`), by name. */
  apiKeyName: string | null;
}

/** Looks names up once per id for a page of events. */
function nameFinder(ctx: AdminContext) {
  const cached = <T>(find: (id: string) => T) => {
    const seen = new Map<string, T>();
    return (id: string) => {
      if (!seen.has(id)) seen.set(id, find(id));
      return seen.get(id)!;
    };
  };
  let apiKeys: Map<string, string> | undefined;
  const user = cached((id) => getUser(ctx.db, id)?.username ?? null);
  const client = cached((id) => getClient(ctx.db, id)?.name ?? null);
  const apiKey = (id: string) => (apiKeys ??= new Map(listApiKeys(ctx.db).map((key) => [key.id, key.name]))).get(id) ?? null;
  return { user, client, apiKey };
}

const idIn = (value: unknown, key: string): string | undefined => {
  const id = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof id === 'string' ? id : undefined;
};

export const auditOperations = [
  adminOperation(
    'audit.list',
    z.strictObject({
      event: z.string().trim().max(100).optional(),
      userId: z.string().optional(),
      /** A username as typed, resolved here, so a filter works whatever the number of users. */
      username: z.string().trim().min(1, 'must not be empty (leave it out to see everyone)').max(100).optional(),
      clientId: z.string().optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(200).default(50),
    }),
    (ctx, { page, pageSize, username, ...filter }) => {
      if (username !== undefined) {
        if (filter.userId !== undefined) throw new GatehouseError('invalid_input', 'Filter by userId or by username, not both.', { field: 'username' });
        const user = findUserByUsername(ctx.db, username);
        if (!user)
          throw new GatehouseError('invalid_input', `There is no user named "${username}". Check the spelling, or clear the filter to see everyone.`, {
            field: 'username',
          });
        filter.userId = user.id;
      }
      const names = nameFinder(ctx);
      const entry = (event: StoredAuditEvent): AuditEntry => {
        const by = event.details.by;
        const byUser = idIn(by, 'user');
        const byKey = idIn(by, 'apiKey');
        const key = typeof event.details.key === 'string' ? event.details.key : undefined;
        return {
          ...event,
          username: event.userId ? names.user(event.userId) : null,
          clientName: event.clientId ? names.client(event.clientId) : null,
          actorName: byUser ? names.user(byUser) : byKey ? names.apiKey(byKey) : null,
          apiKeyName: key ? names.apiKey(key) : null,
        };
      };
      return {
        events: listAuditEvents(ctx.db, { ...filter, limit: pageSize, offset: (page - 1) * pageSize }).map(entry),
        total: countAuditEvents(ctx.db, filter),
        page,
        pageSize,
      };
    },
  ),
];
