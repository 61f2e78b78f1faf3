// The console's first page: is it running, where, how much is in it, and what needs attention.
import { z } from 'zod';
import { dismissedNotices, dismissNotice } from '../db/dismissedNotices.ts';
import { countRecords } from '../db/recordCounts.ts';
import { GatehouseError } from '../model/errors.ts';
import { type AdminContext, adminOperation } from './adminOperation.ts';

/** What the overview shows: every problem and warning, and the notices the owner has not dismissed. */
function shownWarnings(ctx: AdminContext) {
  const dismissed = dismissedNotices(ctx.db);
  return ctx.runtime().warnings.filter((warning) => warning.severity !== 'notice' || !dismissed.has(warning.id));
}

export const overviewOperations = [
  adminOperation('overview.get', z.strictObject({}), (ctx) => {
    const runtime = ctx.runtime();
    return {
      ...runtime,
      warnings: shownWarnings(ctx),
      issuer: ctx.issuer,
      discoveryUrl: `${ctx.issuer}/.well-known/openid-configuration`,
      counts: countRecords(ctx.db),
    };
  }),

  adminOperation('overview.dismissNotice', z.strictObject({ id: z.string().min(1).max(1000) }), (ctx, { id }) => {
    const warning = ctx.runtime().warnings.find((shown) => shown.id === id);
    // Problems and warnings stay until they are fixed: only a notice is the owner's to put away.
    if (warning?.severity !== 'notice') {
      throw new GatehouseError(
        'invalid_input',
        warning
          ? 'This is not a notice: it goes away once what it says is fixed.'
          : 'There is no such notice (it may be gone after a restart); reload the overview.',
        { field: 'id' },
      );
    }
    dismissNotice(ctx.db, id);
    return { warnings: shownWarnings(ctx) };
  }),
];
