// The audit log, filtered and paged, with the names behind the ids.
import { z } from 'zod';
import { countAuditEvents, listAuditEvents } from '../db/audit.ts';
import { getUser } from '../db/users.ts';
import { adminOperation } from './adminOperation.ts';

export const auditOperations = [
  adminOperation('audit.list', z.strictObject({
    event: z.string().trim().max(100).optional(),
    userId: z.string().optional(),
    clientId: z.string().optional(),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  }), (ctx, { page, pageSize, ...filter }) => {
    const events = listAuditEvents(ctx.db, { ...filter, limit: pageSize, offset: (page - 1) * pageSize });
    return {
      events: events.map((event) => ({ ...event, username: event.userId ? getUser(ctx.db, event.userId)?.username ?? null : null })),
      total: countAuditEvents(ctx.db, filter),
      page,
      pageSize,
    };
  }),
];
