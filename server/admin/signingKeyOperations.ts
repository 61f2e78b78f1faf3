// The signing keys as the console and `gatehouse keys` show them, a rotation (after the publish lead, or
// at once in an emergency), and the owner's rotation schedule.
import { z } from 'zod';
import { readSettings } from '../db/settings.ts';
import { readRotationSchedule, storedSigningKeys, writeRotationSchedule } from '../db/signingKeys.ts';
import { nextScheduledRotation, PUBLISH_LEAD_MS, ROTATION_SCHEDULE_DAYS, retireAfterMs, rotateSigningKeys } from '../oidc/signingKeyRotation.ts';
import { signingKeyStates } from '../oidc/signingKeys.ts';
import { type AdminContext, adminOperation, auditAdminChange } from './adminOperation.ts';
import { fieldChanges } from './auditChanges.ts';

/** Said when keys sign at once: an app holds the JWKS it fetched before the rotation for a while. */
export const IMMEDIATE_ROTATION_WARNING =
  'The new keys sign at once and the old ones are no longer published, so nothing they signed verifies any more: apps that cached the old key set may refuse sign-ins until they fetch it again (most do within minutes; some only when restarted).';

function keysView(ctx: AdminContext) {
  const settings = readSettings(ctx.db);
  return {
    keys: signingKeyStates(storedSigningKeys(ctx.db, ctx.sealer), ctx.clock()).map((key) => ({
      kid: key.kid,
      alg: key.alg,
      state: key.state,
      createdAt: key.createdAt,
      signsFrom: key.signsFrom,
      retiresAt: key.retiresAt,
    })),
    /** How long a new key is published before it signs, and an old one stays published after. */
    publishLeadMs: PUBLISH_LEAD_MS,
    retireAfterMs: retireAfterMs(settings),
    schedule: { everyDays: readRotationSchedule(ctx.db), nextRotationAt: nextScheduledRotation(ctx.db, ctx.sealer, ctx.clock), ...ROTATION_SCHEDULE_DAYS },
  };
}

export const signingKeyOperations = [
  adminOperation('signingKeys.list', z.strictObject({}), keysView),

  adminOperation(
    'signingKeys.rotate',
    z.strictObject({
      /** An emergency (a key may have leaked): sign with the new keys at once, and retire every other key at once. */
      immediately: z.boolean().optional(),
    }),
    (ctx, input) => {
      const immediately = input.immediately === true;
      const rotation = rotateSigningKeys(ctx.db, ctx.sealer, ctx.clock, readSettings(ctx.db), { immediately });
      auditAdminChange(ctx, {
        event: 'signing_keys.rotated',
        details: { kids: rotation.kids, signsFrom: rotation.signsFrom, retiresAt: rotation.retiresAt, immediately },
      });
      ctx.dataChanged();
      // The code lets the console word the warning in its language; the CLI prints the message.
      const warnings = immediately ? [{ code: 'immediate_rotation' as const, message: IMMEDIATE_ROTATION_WARNING }] : [];
      return { ...rotation, warnings, ...keysView(ctx) };
    },
  ),

  adminOperation(
    'signingKeys.setSchedule',
    z.strictObject({
      /** Rotate every this many days; null: only when asked. */
      everyDays: z
        .number()
        .int('must be a whole number of days')
        .min(ROTATION_SCHEDULE_DAYS.min, `must be at least ${ROTATION_SCHEDULE_DAYS.min} days`)
        .max(ROTATION_SCHEDULE_DAYS.max, `must be at most ${ROTATION_SCHEDULE_DAYS.max} days`)
        .nullable(),
    }),
    (ctx, input) => {
      const before = { rotateEveryDays: readRotationSchedule(ctx.db) };
      writeRotationSchedule(ctx.db, input.everyDays);
      const changes = fieldChanges(before, { rotateEveryDays: input.everyDays }, ['rotateEveryDays']);
      if (changes.length > 0) auditAdminChange(ctx, { event: 'admin.signing_keys.schedule', details: { changes } });
      return keysView(ctx);
    },
  ),
];
