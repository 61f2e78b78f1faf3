// The console's first page: is it running, where, how much is in it, and what needs attention.
import { z } from 'zod';
import { prepared } from '../db/statements.ts';
import { adminOperation } from './adminOperation.ts';

export const overviewOperations = [
  adminOperation('overview.get', z.strictObject({}), (ctx) => {
    const count = (table: 'users' | 'groups' | 'clients' | 'passkeys') => prepared<[], { n: number }>(ctx.db, `SELECT count(*) AS n FROM ${table}`).get()!.n;
    const runtime = ctx.runtime();
    return {
      ...runtime,
      issuer: ctx.issuer,
      discoveryUrl: `${ctx.issuer}/.well-known/openid-configuration`,
      counts: { users: count('users'), groups: count('groups'), clients: count('clients'), passkeys: count('passkeys') },
    };
  }),
];
