// Admin operations on protected apps: apps without OpenID Connect that a reverse proxy guards by
// asking Gatehouse before every request (forward-auth).
import { z } from 'zod';
import { deleteProtectedApp, getProtectedApp, listProtectedApps, markProtectedAppEditedInConsole, upsertProtectedApp } from '../db/protectedApps.ts';
import { GatehouseError } from '../model/errors.ts';
import { findHostConflict, hostTakenMessage } from '../model/protectedAppHosts.ts';
import { mergeIdentityHeaders, protectedAppFields, protectedAppIdSchema, protectedAppProblems } from '../model/protectedAppSchema.ts';
import { DEFAULT_IDENTITY_HEADERS, type ProtectedApp } from '../model/protectedApps.ts';
import { type AdminContext, adminOperation, auditAdminChange } from './adminOperation.ts';
import { fieldChanges } from './auditChanges.ts';
import { groupIdsByName } from './groupNames.ts';

function requireProtectedApp(ctx: AdminContext, id: string): ProtectedApp {
  const app = getProtectedApp(ctx.db, id);
  if (!app) throw new GatehouseError('not_found', `There is no protected app "${id}" (it may have been deleted).`, { field: 'id' });
  return app;
}

/** Refuses an app whose settings contradict each other or whose address another app has. */
function checkProtectedApp(ctx: AdminContext, app: ProtectedApp): void {
  const [problem] = protectedAppProblems(app);
  if (problem) throw new GatehouseError('invalid_input', problem.message, { field: problem.path.join('.') });
  const conflict = findHostConflict(listProtectedApps(ctx.db), app);
  if (conflict) throw new GatehouseError('host_taken', hostTakenMessage(conflict), { field: 'hosts' });
}

/** An id made from the name (`Sonarr (4K)` → `sonarr-4k`), with a number added when another app has it. */
function idFromName(ctx: AdminContext, name: string): string {
  const slug =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/, '') || 'app';
  for (let n = 1; ; n++) {
    const id = n === 1 ? slug : `${slug}-${n}`;
    if (!getProtectedApp(ctx.db, id)) return id;
  }
}

const fields = protectedAppFields();
const EDITABLE = Object.keys(fields) as (keyof typeof fields)[];

function save(ctx: AdminContext, app: ProtectedApp): ProtectedApp {
  const groupIds = groupIdsByName(ctx, app.allowedGroups, 'allowedGroups');
  const { allowedGroups: _groups, createdAt: _created, updatedAt: _updated, ...rest } = app;
  ctx.db
    .transaction(() => {
      checkProtectedApp(ctx, app);
      upsertProtectedApp(ctx.db, ctx.clock, rest, groupIds);
      if (app.source === 'provision') markProtectedAppEditedInConsole(ctx.db, ctx.clock, app.id);
    })
    .immediate();
  return requireProtectedApp(ctx, app.id);
}

export const protectedAppOperations = [
  adminOperation('protectedApps.list', z.strictObject({}), (ctx) => listProtectedApps(ctx.db)),

  adminOperation('protectedApps.get', z.strictObject({ id: z.string() }), (ctx, { id }) => requireProtectedApp(ctx, id)),

  adminOperation('protectedApps.create', z.strictObject({ id: protectedAppIdSchema.optional(), ...fields }), (ctx, input): ProtectedApp => {
    if (input.id !== undefined && getProtectedApp(ctx.db, input.id))
      throw new GatehouseError('name_taken', `There is already a protected app "${input.id}"; choose another id.`, { field: 'id' });
    const now = ctx.clock();
    const app = save(ctx, {
      id: input.id ?? idFromName(ctx, input.name),
      name: input.name,
      hosts: input.hosts,
      pathPrefixes: input.pathPrefixes ?? [],
      allowedGroups: input.allowedGroups ?? [],
      bypassPaths: input.bypassPaths ?? [],
      identityHeaders: mergeIdentityHeaders(DEFAULT_IDENTITY_HEADERS, input.identityHeaders),
      sessionTtl: input.sessionTtl ?? null,
      source: 'console',
      createdAt: now,
      updatedAt: now,
    });
    auditAdminChange(ctx, { event: 'admin.protected_apps.create', details: { app: app.id, name: app.name, hosts: app.hosts } });
    ctx.dataChanged();
    return app;
  }),

  adminOperation(
    'protectedApps.update',
    z.strictObject({
      id: z.string(),
      name: fields.name.optional(),
      hosts: fields.hosts.optional(),
      pathPrefixes: fields.pathPrefixes,
      allowedGroups: fields.allowedGroups,
      bypassPaths: fields.bypassPaths,
      identityHeaders: fields.identityHeaders,
      sessionTtl: fields.sessionTtl,
    }),
    (ctx, input): ProtectedApp => {
      const before = requireProtectedApp(ctx, input.id);
      const after = save(ctx, {
        ...before,
        name: input.name ?? before.name,
        hosts: input.hosts ?? before.hosts,
        pathPrefixes: input.pathPrefixes ?? before.pathPrefixes,
        allowedGroups: input.allowedGroups ?? before.allowedGroups,
        bypassPaths: input.bypassPaths ?? before.bypassPaths,
        identityHeaders: mergeIdentityHeaders(before.identityHeaders, input.identityHeaders),
        sessionTtl: input.sessionTtl === undefined ? before.sessionTtl : input.sessionTtl,
      });
      const changes = fieldChanges(before, after, EDITABLE);
      auditAdminChange(ctx, { event: 'admin.protected_apps.update', details: { app: after.id, changes } });
      ctx.dataChanged();
      return after;
    },
  ),

  adminOperation('protectedApps.delete', z.strictObject({ id: z.string() }), (ctx, { id }) => {
    const app = requireProtectedApp(ctx, id);
    deleteProtectedApp(ctx.db, app.id);
    auditAdminChange(ctx, { event: 'admin.protected_apps.delete', details: { app: app.id, name: app.name } });
    ctx.dataChanged();
    return { deleted: true as const };
  }),
];
