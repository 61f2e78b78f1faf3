// API keys for scripts: created in the console, shown once, hashed at rest, expiring, revocable.
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../db/apiKeys.ts';
import { GatehouseError } from '../model/errors.ts';
import { adminOperation, auditAdminChange } from './adminOperation.ts';
import { personNameSchema } from '../model/fields.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export const apiKeyOperations = [
  adminOperation('apiKeys.list', z.strictObject({}), (ctx) => listApiKeys(ctx.db)),

  adminOperation(
    'apiKeys.create',
    z.strictObject({
      name: personNameSchema,
      expiresInDays: z.number().int().min(1, 'must be at least 1 day').max(365, 'must be at most 365 days').default(90),
    }),
    (ctx, { name, expiresInDays }) => {
      // A key cannot mint keys: that needs a person (or the desktop owner).
      if (ctx.actor.kind === 'api_key') throw new GatehouseError('forbidden', 'API keys cannot create API keys; use the admin console.');
      const createdBy = ctx.actor.kind === 'admin' ? ctx.actor.userId : null;
      const { key, apiKey } = createApiKey(ctx.db, ctx.clock, name, createdBy, ctx.clock() + expiresInDays * DAY_MS);
      auditAdminChange(ctx, { event: 'admin.apiKeys.create', details: { name, key: apiKey.id } });
      return { key, apiKey };
    },
  ),

  adminOperation('apiKeys.revoke', z.strictObject({ id: z.string() }), (ctx, { id }) => {
    if (!revokeApiKey(ctx.db, ctx.clock, id)) throw new GatehouseError('not_found', 'That API key does not exist or is already revoked.', { field: 'id' });
    auditAdminChange(ctx, { event: 'admin.apiKeys.revoke', details: { key: id } });
    return { revoked: true };
  }),
];
