// A person's app passwords as the console sees them: listed (never the secret) and revocable.
import { z } from 'zod';
import { appPasswordView } from '../auth/appPasswords.ts';
import { deleteAppPassword, getAppPassword, listAppPasswords } from '../db/appPasswords.ts';
import { GatehouseError } from '../model/errors.ts';
import { adminOperation, auditAdminChange } from './adminOperation.ts';
import { idSchema, requireUserId } from './personIds.ts';

export const appPasswordOperations = [
  adminOperation('users.appPasswords.list', z.strictObject({ userId: idSchema }), (ctx, { userId }) => ({
    appPasswords: listAppPasswords(ctx.db, requireUserId(ctx, userId)).map(appPasswordView),
  })),

  adminOperation('users.appPasswords.revoke', z.strictObject({ userId: idSchema, id: idSchema }), (ctx, { userId, id }) => {
    const appPassword = getAppPassword(ctx.db, requireUserId(ctx, userId), id);
    if (!appPassword || !deleteAppPassword(ctx.db, userId, id))
      throw new GatehouseError('not_found', 'That app password does not exist (it may have been revoked already).', { field: 'id' });
    // The person's own kind of event, with who did it: their history reads the same whoever revoked it.
    auditAdminChange(ctx, { event: 'app_password.revoked', userId, details: { name: appPassword.name } });
    return { revoked: true };
  }),
];
