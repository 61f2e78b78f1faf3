// The account lookup oidc-provider calls: who the person is, and the claims this client gets about them.
import type { Account, AccountClaims, FindAccount, KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '../db/database.ts';
import { findAccountRecord } from '../db/accountRecords.ts';
import { getClient } from '../db/clients.ts';
import { admitsGroups } from '../model/allowedGroups.ts';
import { DEFAULT_CLAIM_POLICY } from '../model/claimPolicy.ts';
import type { CustomScope } from '../model/customScopes.ts';
import { type ClaimUse, shapeClaims } from './shapeClaims.ts';

/**
 * oidc-provider's findAccount. Disabled or deleted users have no account, so their codes and refresh
 * tokens stop working. When a token is being redeemed (third argument present), the client's group
 * restriction is enforced too; during authorization that check is the `access` prompt's job, which can
 * show a page instead of failing. `customScopes` are those the provider was built with.
 */
export function accountFinder(db: Db, issuer: string, customScopes: readonly Pick<CustomScope, 'name' | 'claims'>[]): FindAccount {
  return (ctx: KoaContextWithOIDC, sub: string, token?: unknown): Account | undefined => {
    const record = findAccountRecord(db, sub);
    if (!record || record.user.disabled) return undefined;
    const clientId = ctx.oidc?.client?.clientId;
    const client = clientId === undefined ? undefined : getClient(db, clientId);
    if (token !== undefined && client && !admitsGroups(client, record.groups)) return undefined;
    return {
      accountId: record.user.id,
      claims: (use, scope, requested, rejected) =>
        shapeClaims({
          record,
          issuer,
          policy: client?.claimPolicy ?? DEFAULT_CLAIM_POLICY,
          customScopes,
          scopes: scope.split(' ').filter(Boolean),
          use: use as ClaimUse,
          requested: Object.keys(requested ?? {}),
          rejected,
        }) as AccountClaims,
    };
  };
}
