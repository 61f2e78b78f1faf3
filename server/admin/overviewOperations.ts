// The console's first page: is it running, where, how much is in it, and what needs attention.
import { z } from 'zod';
import { countRecords } from '../db/recordCounts.ts';
import { adminOperation } from './adminOperation.ts';

export const overviewOperations = [
  adminOperation('overview.get', z.strictObject({}), (ctx) => {
    const runtime = ctx.runtime();
    return {
      ...runtime,
      issuer: ctx.issuer,
      discoveryUrl: `${ctx.issuer}/.well-known/openid-configuration`,
      counts: countRecords(ctx.db),
    };
  }),
];
