// A claim policy's mapping rules name groups: each must exist when the policy is saved, follows the
// group when it is renamed, and keeps it from being deleted (an admin role would silently vanish).
import { type Client, listClients, markClientEditedInConsole, upsertClient } from '../db/clients.ts';
import { findGroupByName, upsertGroup } from '../db/groups.ts';
import type { ClaimPolicy } from '../model/claimPolicy.ts';
import { GatehouseError } from '../model/errors.ts';
import { type AdminContext, auditAdminChange } from './adminOperation.ts';
import { groupIdsByName } from './groupNames.ts';

/** Refuses the first rule whose group does not exist; `field` says where the form shows it (a template's input, say). */
export function checkClaimPolicyGroups(ctx: AdminContext, policy: ClaimPolicy, field?: (group: string, path: string) => string): void {
  policy.groupMappings.forEach((mapping, i) => {
    mapping.rules.forEach((rule, j) => {
      if (findGroupByName(ctx.db, rule.group)) return;
      const path = `claimPolicy.groupMappings.${i}.rules.${j}.group`;
      throw new GatehouseError('invalid_input', `There is no group "${rule.group}": create it first, or choose a group that exists.`, {
        field: field ? field(rule.group, path) : path,
      });
    });
  });
}

/**
 * Makes each group a template's mapping names that does not exist yet, empty, so that creating the app
 * does not stop at "create the group first" on a new Gatehouse. Returns the names made; call it in the
 * client's transaction.
 */
export function createMissingClaimPolicyGroups(ctx: AdminContext, policy: ClaimPolicy): string[] {
  const missing = [...new Set(policy.groupMappings.flatMap((mapping) => mapping.rules.map((rule) => rule.group)))].filter(
    (group) => !findGroupByName(ctx.db, group),
  );
  for (const name of missing) {
    upsertGroup(ctx.db, ctx.clock, { name, displayName: null, source: 'console' });
    auditAdminChange(ctx, { event: 'admin.groups.create', details: { group: name } });
  }
  return missing;
}

const maps = (client: Client, group: string) => client.claimPolicy.groupMappings.some((mapping) => mapping.rules.some((rule) => rule.group === group));

/** The ids of the clients whose claim mappings name the group. */
export function clientsMappingGroup(ctx: AdminContext, group: string): string[] {
  return listClients(ctx.db)
    .filter((client) => maps(client, group))
    .map((client) => client.id);
}

/** Points the mapping rules that name `from` at `to`; call it in the rename's transaction, after the rename. */
export function renameGroupInClaimPolicies(ctx: AdminContext, from: string, to: string): void {
  // Read afresh: a cached client still names its allowed groups as they were before the rename.
  for (const client of listClients(ctx.db).filter((candidate) => maps(candidate, from))) {
    const groupMappings = client.claimPolicy.groupMappings.map((mapping) => ({
      ...mapping,
      rules: mapping.rules.map((rule) => (rule.group === from ? { ...rule, group: to } : rule)),
    }));
    upsertClient(
      ctx.db,
      ctx.clock,
      { ...client, claimPolicy: { ...client.claimPolicy, groupMappings } },
      groupIdsByName(ctx, client.allowedGroups, 'allowedGroups'),
    );
    markClientEditedInConsole(ctx.db, ctx.clock, client.id);
  }
}
