// Admin operations on groups: members, custom claims, and the apps a group may use.
import { z } from 'zod';
import { getClient } from '../db/clients.ts';
import {
  clientIdsAllowingGroup,
  deleteGroup,
  findGroupByName,
  getGroup,
  type Group,
  groupClaims,
  groupMemberIds,
  listGroups,
  markGroupEditedInConsole,
  renameGroup,
  replaceGroupClaims,
  setClientsAllowingGroup,
  setGroupMembers,
  upsertGroup,
} from '../db/groups.ts';
import { listProtectedApps } from '../db/protectedApps.ts';
import { getUser } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import { type AdminContext, adminOperation, auditAdminChange } from './adminOperation.ts';
import { fieldChanges } from './auditChanges.ts';
import { clientsMappingGroup, renameGroupInClaimPolicies } from './claimPolicyGroups.ts';
import { customClaimsSchema, groupNameSchema, personNameSchema } from '../model/fields.ts';

const idSchema = z.string().min(1, 'is required');

export interface GroupDetails {
  id: string;
  name: string;
  displayName: string | null;
  source: Group['source'];
  members: Array<{ id: string; username: string }>;
  claims: Record<string, unknown>;
  allowedClients: string[];
}

function details(ctx: AdminContext, group: Group): GroupDetails {
  return {
    ...group,
    members: groupMemberIds(ctx.db, group.id).map((id) => ({ id, username: getUser(ctx.db, id)!.username })),
    claims: groupClaims(ctx.db, group.id),
    allowedClients: clientIdsAllowingGroup(ctx.db, group.id),
  };
}

function requireGroup(ctx: AdminContext, id: string): Group {
  const group = getGroup(ctx.db, id);
  if (!group) throw new GatehouseError('not_found', 'That group does not exist (it may have been deleted).', { field: 'id' });
  return group;
}

function checkUsers(ctx: AdminContext, userIds: string[]): void {
  userIds.forEach((id, i) => {
    if (!getUser(ctx.db, id)) throw new GatehouseError('invalid_input', 'That user does not exist (they may have been deleted).', { field: `memberIds.${i}` });
  });
}

function checkClients(ctx: AdminContext, clientIds: string[]): void {
  clientIds.forEach((id, i) => {
    if (!getClient(ctx.db, id)) throw new GatehouseError('invalid_input', `There is no client "${id}".`, { field: `allowedClients.${i}` });
  });
}

const groupFields = {
  displayName: personNameSchema.nullable().optional(),
  claims: customClaimsSchema.optional(),
  memberIds: z.array(idSchema).optional(),
  allowedClients: z.array(idSchema).optional(),
};

export const groupOperations = [
  adminOperation('groups.list', z.strictObject({}), (ctx) => listGroups(ctx.db).map((group) => details(ctx, group))),

  adminOperation('groups.get', z.strictObject({ id: idSchema }), (ctx, { id }) => details(ctx, requireGroup(ctx, id))),

  adminOperation('groups.create', z.strictObject({ name: groupNameSchema, ...groupFields }), (ctx, input) => {
    if (findGroupByName(ctx.db, input.name)) throw new GatehouseError('name_taken', `There is already a group "${input.name}".`, { field: 'name' });
    checkUsers(ctx, input.memberIds ?? []);
    checkClients(ctx, input.allowedClients ?? []);
    const group = ctx.db
      .transaction(() => {
        const created = upsertGroup(ctx.db, ctx.clock, { name: input.name, displayName: input.displayName ?? null, source: 'console' });
        replaceGroupClaims(ctx.db, created.id, input.claims ?? {});
        setGroupMembers(ctx.db, created.id, input.memberIds ?? []);
        setClientsAllowingGroup(ctx.db, created.id, input.allowedClients ?? []);
        return created;
      })
      .immediate();
    auditAdminChange(ctx, { event: 'admin.groups.create', details: { group: group.name } });
    ctx.dataChanged();
    return details(ctx, group);
  }),

  adminOperation('groups.update', z.strictObject({ id: idSchema, name: groupNameSchema.optional(), ...groupFields }), (ctx, input) => {
    const group = requireGroup(ctx, input.id);
    if (input.name && input.name !== group.name && findGroupByName(ctx.db, input.name)) {
      throw new GatehouseError('name_taken', `There is already a group "${input.name}".`, { field: 'name' });
    }
    if (input.memberIds) checkUsers(ctx, input.memberIds);
    if (input.allowedClients) checkClients(ctx, input.allowedClients);
    const before = details(ctx, group);
    ctx.db
      .transaction(() => {
        renameGroup(ctx.db, ctx.clock, group.id, input.name ?? group.name, input.displayName === undefined ? group.displayName : input.displayName);
        if (input.name && input.name !== group.name) renameGroupInClaimPolicies(ctx, group.name, input.name);
        if (input.claims) replaceGroupClaims(ctx.db, group.id, input.claims);
        if (input.memberIds) setGroupMembers(ctx.db, group.id, input.memberIds);
        if (input.allowedClients) setClientsAllowingGroup(ctx.db, group.id, input.allowedClients);
        markGroupEditedInConsole(ctx.db, ctx.clock, group.id);
      })
      .immediate();
    const after = details(ctx, requireGroup(ctx, group.id));
    // Members are recorded by username, as the console shows them (the input names them by id).
    const members = (view: GroupDetails) => ({ ...view, members: view.members.map((member) => member.username) });
    const fields = Object.keys(input).flatMap((k) => (k === 'id' ? [] : k === 'memberIds' ? ['members'] : [k]));
    auditAdminChange(ctx, { event: 'admin.groups.update', details: { group: after.name, changes: fieldChanges(members(before), members(after), fields) } });
    ctx.dataChanged();
    return after;
  }),

  adminOperation('groups.delete', z.strictObject({ id: idSchema }), (ctx, { id }) => {
    const group = requireGroup(ctx, id);
    const restricting = clientIdsAllowingGroup(ctx.db, group.id).filter((clientId) => getClient(ctx.db, clientId)?.allowedGroups.length === 1);
    if (restricting.length > 0) {
      // Deleting the only allowed group would silently open those apps to everyone.
      const apps = restricting.length === 1 ? `The app ${restricting[0]} allows` : `The apps ${restricting.join(', ')} allow`;
      throw new GatehouseError('group_in_use', `${apps} only this group; change their allowed groups first.`, { field: 'id' });
    }
    // The same for protected apps (forward-auth): without allowed groups, every signed-in person may use one.
    const guarding = listProtectedApps(ctx.db).filter((app) => app.allowedGroups.length === 1 && app.allowedGroups[0] === group.name);
    if (guarding.length > 0) {
      const names = guarding.map((app) => app.name).join(', ');
      const apps = guarding.length === 1 ? `The protected app ${names} allows` : `The protected apps ${names} allow`;
      throw new GatehouseError('group_in_use', `${apps} only this group; change their allowed groups first.`, { field: 'id' });
    }
    const mapping = clientsMappingGroup(ctx, group.name);
    if (mapping.length > 0) {
      // A role mapped from the group would silently fall back to its "otherwise" value.
      throw new GatehouseError('group_in_use', `The claims of ${mapping.join(', ')} are mapped from this group; change those mappings first.`, { field: 'id' });
    }
    deleteGroup(ctx.db, group.id);
    auditAdminChange(ctx, { event: 'admin.groups.delete', details: { group: group.name } });
    ctx.dataChanged();
    return { deleted: true };
  }),
];
