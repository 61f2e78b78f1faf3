// The ids admin operations take, and the check that a person named by one exists.
import { z } from 'zod';
import { getUser } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import type { AdminContext } from './adminOperation.ts';

export const idSchema = z.string().min(1, 'is required');

/** The id of a person who exists, for operations on what belongs to them (their `userId` field). */
export function requireUserId(ctx: AdminContext, userId: string): string {
  if (!getUser(ctx.db, userId)) throw new GatehouseError('not_found', 'That user does not exist (they may have been deleted).', { field: 'userId' });
  return userId;
}
