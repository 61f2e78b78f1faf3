// Admin operations on custom scopes: bundles of claims any app may request by name, each with the
// sentence its consent screen shows. The provider is rebuilt after each change (it lists them).
import { z } from 'zod';
import {
  deleteCustomScope,
  findCustomScopeNamedLike,
  getCustomScope,
  listCustomScopes,
  markCustomScopeEditedInConsole,
  upsertCustomScope,
} from '../db/customScopes.ts';
import { type CustomScope, scopeClaimsSchema, scopeDescriptionSchema, scopeNameSchema } from '../model/customScopes.ts';
import { GatehouseError } from '../model/errors.ts';
import { type AdminContext, adminOperation, auditAdminChange } from './adminOperation.ts';
import { fieldChanges } from './auditChanges.ts';

function requireScope(ctx: AdminContext, name: string): CustomScope {
  const scope = getCustomScope(ctx.db, name);
  if (!scope) throw new GatehouseError('not_found', `There is no custom scope "${name}" (it may have been deleted).`, { field: 'name' });
  return scope;
}

export const scopeOperations = [
  adminOperation('scopes.list', z.strictObject({}), (ctx) => listCustomScopes(ctx.db)),

  adminOperation(
    'scopes.create',
    z.strictObject({ name: scopeNameSchema, description: scopeDescriptionSchema, claims: scopeClaimsSchema }),
    (ctx, input): CustomScope => {
      const taken = findCustomScopeNamedLike(ctx.db, input.name);
      if (taken)
        throw new GatehouseError('name_taken', `There is already a custom scope "${taken.name}" (names are compared without case); choose another name.`, {
          field: 'name',
        });
      upsertCustomScope(ctx.db, ctx.clock, { ...input, source: 'console' });
      auditAdminChange(ctx, { event: 'admin.scopes.create', details: { scope: input.name, claims: input.claims } });
      ctx.dataChanged();
      return requireScope(ctx, input.name);
    },
  ),

  adminOperation(
    'scopes.update',
    z.strictObject({ name: z.string(), description: scopeDescriptionSchema.optional(), claims: scopeClaimsSchema.optional() }),
    (ctx, input): CustomScope => {
      const before = requireScope(ctx, input.name);
      ctx.db
        .transaction(() => {
          upsertCustomScope(ctx.db, ctx.clock, { ...before, description: input.description ?? before.description, claims: input.claims ?? before.claims });
          markCustomScopeEditedInConsole(ctx.db, ctx.clock, before.name);
        })
        .immediate();
      const after = requireScope(ctx, input.name);
      const changes = fieldChanges(before, after, ['description', 'claims']);
      auditAdminChange(ctx, { event: 'admin.scopes.update', details: { scope: after.name, changes } });
      ctx.dataChanged();
      return after;
    },
  ),

  adminOperation('scopes.delete', z.strictObject({ name: z.string() }), (ctx, { name }) => {
    const scope = requireScope(ctx, name);
    deleteCustomScope(ctx.db, scope.name);
    auditAdminChange(ctx, { event: 'admin.scopes.delete', details: { scope: scope.name } });
    ctx.dataChanged();
    return { deleted: true as const };
  }),
];
