// Group names as an admin types them, turned into the groups' ids, naming the entry that does not exist.
import { findGroupByName } from '../db/groups.ts';
import { GatehouseError } from '../model/errors.ts';
import type { AdminContext } from './adminOperation.ts';

export function groupIdsByName(ctx: AdminContext, names: string[], field: string): string[] {
  return names.map((name, i) => {
    const group = findGroupByName(ctx.db, name);
    if (!group) throw new GatehouseError('invalid_input', `There is no group "${name}".`, { field: `${field}.${i}` });
    return group.id;
  });
}
