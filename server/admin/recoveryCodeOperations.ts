// A person's recovery codes as the console sees them: whether they have a set and how much of it is left
// (never the codes, which are not stored), and revoking the set, say when the paper it was on went missing.
import { z } from 'zod';
import { revokeRecoveryCodes } from '../auth/recoveryCodes.ts';
import { recoveryCodeStatus } from '../db/recoveryCodes.ts';
import { adminOperation, auditAdminChange } from './adminOperation.ts';
import { idSchema, requireUserId } from './personIds.ts';

const input = z.strictObject({ userId: idSchema });

export const recoveryCodeOperations = [
  adminOperation('users.recoveryCodes', input, (ctx, { userId }) => recoveryCodeStatus(ctx.db, requireUserId(ctx, userId))),

  adminOperation('users.revokeRecoveryCodes', input, (ctx, { userId }) => {
    const revoked = revokeRecoveryCodes(ctx.db, requireUserId(ctx, userId));
    // The person's own kind of event, with who did it: their history reads the same whoever revoked them.
    if (revoked > 0) auditAdminChange(ctx, { event: 'recovery_codes.revoked', userId, details: { codes: revoked } });
    return recoveryCodeStatus(ctx.db, userId);
  }),
];
