// The claims Gatehouse releases about a person, by scope, and the account lookup oidc-provider calls.
import type { Account, AccountClaims, FindAccount, KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '../db/database.ts';
import { type AccountRecord, findAccountRecord } from '../db/accountRecords.ts';
import { clientAllows, getClient } from '../db/clients.ts';
import { nameOf } from '../db/users.ts';
import { STANDARD_SCOPE_CLAIMS } from '../model/claimNames.ts';

/** Scope -> claims, with the instance's custom claim names released under `profile`. */
export function scopeClaims(customClaimNames: string[]): Record<string, string[]> {
  return {
    openid: [...STANDARD_SCOPE_CLAIMS.openid],
    profile: [...STANDARD_SCOPE_CLAIMS.profile, ...customClaimNames],
    email: [...STANDARD_SCOPE_CLAIMS.email],
    groups: [...STANDARD_SCOPE_CLAIMS.groups],
  };
}

export function accountClaims({ user, groups, claims: custom }: AccountRecord): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    ...custom,
    sub: user.id,
    name: nameOf(user),
    preferred_username: user.username,
    updated_at: Math.floor(user.updatedAt / 1000),
    groups,
  };
  if (user.givenName) claims.given_name = user.givenName;
  if (user.familyName) claims.family_name = user.familyName;
  if (user.picture) claims.picture = user.picture;
  if (user.email) {
    claims.email = user.email;
    claims.email_verified = user.emailVerified;
  }
  return claims;
}

/**
 * oidc-provider's findAccount. Disabled or deleted users have no account, so their codes and refresh
 * tokens stop working. When a token is being redeemed (third argument present), the client's group
 * restriction is enforced too; during authorization that check is the `access` prompt's job, which can
 * show a page instead of failing.
 */
export function accountFinder(db: Db): FindAccount {
  return (ctx: KoaContextWithOIDC, sub: string, token?: unknown): Account | undefined => {
    const record = findAccountRecord(db, sub);
    if (!record || record.user.disabled) return undefined;
    const client = token !== undefined && ctx.oidc?.client ? getClient(db, ctx.oidc.client.clientId) : undefined;
    if (client && !clientAllows(client, record.groups)) return undefined;
    return { accountId: record.user.id, claims: () => accountClaims(record) as AccountClaims };
  };
}
