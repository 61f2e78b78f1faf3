// One-time links: a setup link that creates the first admin, and sign-in links for existing users.
// Single use, expiring, stored hashed; opening one signs the person in so they can add a passkey.
import { z } from 'zod';
import { emailSchema, personNameSchema, usernameSchema } from '../model/fields.ts';
import type { AuditLog } from '../db/audit.ts';
import type { Clock, Db } from '../db/database.ts';
import { issueOneTimeToken, type OneTimeToken, peekOneTimeToken, useOneTimeToken } from '../db/oneTimeTokens.ts';
import { countAdmins, findUserByUsername, getUser, insertUser, type User } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';

export const SETUP_LINK_TTL_MS = 60 * 60 * 1000;
export const DEFAULT_LOGIN_LINK_TTL_MS = 60 * 60 * 1000;
export const MAX_LOGIN_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface IssuedLink {
  url: string;
  expiresAt: number;
}

const linkUrl = (issuer: string, token: string) => `${issuer}/link/${token}`;

export function issueSetupLink(db: Db, clock: Clock, audit: AuditLog, issuer: string): IssuedLink {
  if (countAdmins(db) > 0) {
    throw new GatehouseError('setup_done', 'Gatehouse already has an admin. Use `gatehouse login-link <username>` to sign an existing user in.');
  }
  const { token, expiresAt } = issueOneTimeToken(db, clock, 'setup', null, SETUP_LINK_TTL_MS);
  audit({ event: 'one_time_link.issued', details: { kind: 'setup', expiresAt } });
  return { url: linkUrl(issuer, token), expiresAt };
}

export function issueLoginLink(db: Db, clock: Clock, audit: AuditLog, issuer: string, username: string, ttlMs = DEFAULT_LOGIN_LINK_TTL_MS): IssuedLink {
  const user = findUserByUsername(db, username);
  if (!user)
    throw new GatehouseError('unknown_user', `There is no user named "${username}". Check the spelling, or create the user first.`, { field: 'username' });
  if (user.disabled)
    throw new GatehouseError('account_disabled', `User "${user.username}" is disabled; enable the account before issuing a sign-in link.`, {
      field: 'username',
    });
  if (!(ttlMs >= 60_000 && ttlMs <= MAX_LOGIN_LINK_TTL_MS)) {
    throw new GatehouseError('invalid_lifetime', 'A sign-in link must live between 1 minute and 7 days.', { field: 'ttl' });
  }
  const { token, expiresAt } = issueOneTimeToken(db, clock, 'login', user.id, ttlMs);
  audit({ event: 'one_time_link.issued', userId: user.id, details: { kind: 'login', expiresAt } });
  return { url: linkUrl(issuer, token), expiresAt };
}

/** What a link is for, without using it; undefined when unknown, used or expired. */
export function inspectLink(db: Db, clock: Clock, token: string): (OneTimeToken & { user?: User }) | undefined {
  const found = peekOneTimeToken(db, clock, token);
  if (!found) return undefined;
  if (found.kind === 'setup' && countAdmins(db) > 0) return undefined;
  const user = found.userId ? getUser(db, found.userId) : undefined;
  if (found.kind === 'login' && (!user || user.disabled)) return undefined;
  return { ...found, ...(user ? { user } : {}) };
}

export const setupProfileSchema = z.object(
  {
    username: usernameSchema,
    displayName: personNameSchema.optional(),
    email: emailSchema.optional(),
  },
  { error: 'Tell us who the first admin is: a username at least.' },
);

/** Uses a link: returns the user to sign in, creating the first admin for a setup link. */
export function redeemLink(db: Db, clock: Clock, audit: AuditLog, token: string, profile: unknown, ip: string | null): User {
  const link = inspectLink(db, clock, token);
  if (!link) throw new GatehouseError('link_invalid', 'This link is invalid, expired or already used. Ask for a new one.');
  const redeem = db.transaction((): User => {
    if (link.kind === 'setup') {
      const fields = setupProfileSchema.parse(profile ?? {});
      // Inside the transaction: exactly one admin comes out of concurrent setups.
      if (countAdmins(db) > 0) throw new GatehouseError('setup_done', 'Gatehouse already has an admin.');
      if (findUserByUsername(db, fields.username))
        throw new GatehouseError('username_taken', `The username "${fields.username}" is taken.`, { field: 'username' });
      if (!useOneTimeToken(db, clock, token)) throw new GatehouseError('link_invalid', 'This link was just used. Ask for a new one.');
      const admin = insertUser(db, clock, {
        username: fields.username,
        email: fields.email ?? null,
        // The owner typed their own address; apps such as Headscale refuse unverified emails.
        emailVerified: fields.email !== undefined,
        givenName: null,
        familyName: null,
        displayName: fields.displayName ?? null,
        picture: null,
        isAdmin: true,
        disabled: false,
        source: 'console',
      });
      audit({ event: 'admin.created', userId: admin.id, ip, details: { via: 'setup_link' } });
      return admin;
    }
    if (!useOneTimeToken(db, clock, token)) throw new GatehouseError('link_invalid', 'This link was just used. Ask for a new one.');
    return link.user!;
  });
  const user = redeem.immediate();
  audit({ event: 'one_time_link.used', userId: user.id, ip, details: { kind: link.kind } });
  return user;
}
