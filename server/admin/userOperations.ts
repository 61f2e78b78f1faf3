// Admin operations on people: list, view, create, edit, disable, delete, passkeys, sign-in links.
import { z } from 'zod';
import { issueLoginLink, MAX_LOGIN_LINK_TTL_MS } from '../auth/oneTimeLinks.ts';
import { findAccountRecord } from '../db/accountRecords.ts';
import { setUserGroups } from '../db/groups.ts';
import { deletePasskey, listPasskeys } from '../db/passkeys.ts';
import {
  countAdmins,
  nameOf,
  deleteUser,
  findUserByEmail,
  findUserByUsername,
  getUser,
  insertUser,
  markUserEditedInConsole,
  replaceUserClaims,
  searchUsers,
  updateUser,
  type User,
} from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import { endAllSessionsOf } from '../db/personSessions.ts';
import type { LogoutNotice } from '../oidc/backchannelLogout.ts';
import { type AdminContext, adminOperation, auditAdminChange } from './adminOperation.ts';
import { fieldChanges } from './auditChanges.ts';
import { groupIdsByName } from './groupNames.ts';
import { customClaimsSchema, emailSchema, groupNameSchema, personNameSchema, pictureUrlSchema, usernameSchema } from '../model/fields.ts';
import { qrCodeSvg } from '../pages/qrCode.ts';
import { type PictureView, pictureView } from './profilePictures.ts';

const idSchema = z.string().min(1, 'is required');

export interface UserSummary {
  id: string;
  username: string;
  /** The name apps see: the display name, else given and family name, else the username. */
  name: string;
  /** The display name as entered, or null when none was (then apps see the fallback in `name`). */
  displayName: string | null;
  email: string | null;
  emailVerified: boolean;
  isAdmin: boolean;
  disabled: boolean;
  groups: string[];
  passkeys: number;
  source: User['source'];
  createdAt: number;
}

export interface UserDetails extends UserSummary, PictureView {
  givenName: string | null;
  familyName: string | null;
  picture: string | null;
  claims: Record<string, unknown>;
  passkeyList: Array<{ id: string; name: string; createdAt: number; lastUsedAt: number | null; synced: boolean }>;
}

function summary(ctx: AdminContext, user: User): UserSummary {
  return {
    id: user.id,
    username: user.username,
    name: nameOf(user),
    displayName: user.displayName,
    email: user.email,
    emailVerified: user.emailVerified,
    isAdmin: user.isAdmin,
    disabled: user.disabled,
    groups: findAccountRecord(ctx.db, user.id)!.groups,
    passkeys: listPasskeys(ctx.db, user.id).length,
    source: user.source,
    createdAt: user.createdAt,
  };
}

function details(ctx: AdminContext, id: string): UserDetails {
  const record = findAccountRecord(ctx.db, id);
  if (!record) throw new GatehouseError('not_found', 'That user does not exist (they may have been deleted).', { field: 'id' });
  const { user } = record;
  return {
    ...summary(ctx, user),
    givenName: user.givenName,
    familyName: user.familyName,
    picture: user.picture,
    ...pictureView(ctx.db, id),
    claims: Object.fromEntries(Object.entries(record.claims)),
    passkeyList: listPasskeys(ctx.db, id).map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt, synced: p.backedUp })),
  };
}

/** Two people cannot share an email (apps match accounts by it): say whose it is, rather than fail in SQL. */
function refuseTakenEmail(ctx: AdminContext, email: string | null | undefined, ownId: string | null): void {
  const owner = email ? findUserByEmail(ctx.db, email) : undefined;
  if (owner && owner.id !== ownId) {
    throw new GatehouseError('email_taken', `The email ${email} is already ${owner.username}'s; each person needs an email of their own.`, { field: 'email' });
  }
}

const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

const userFieldsSchema = z.strictObject({
  email: optional(emailSchema),
  emailVerified: z.boolean().optional(),
  givenName: optional(personNameSchema),
  familyName: optional(personNameSchema),
  displayName: optional(personNameSchema),
  picture: optional(pictureUrlSchema),
  isAdmin: z.boolean().optional(),
  groups: z.array(groupNameSchema).optional(),
  claims: customClaimsSchema.optional(),
});

export function requireUser(ctx: AdminContext, id: string): User {
  const user = getUser(ctx.db, id);
  if (!user) throw new GatehouseError('not_found', 'That user does not exist (they may have been deleted).', { field: 'id' });
  return user;
}

/** Guards against locking everyone out: the last admin stays an enabled admin, and nobody demotes themself. */
function protectAdmins(ctx: AdminContext, user: User, next: { isAdmin: boolean; disabled: boolean } | 'delete'): void {
  const stillAdmin = next !== 'delete' && next.isAdmin && !next.disabled;
  if (!user.isAdmin || user.disabled || stillAdmin) return;
  if (ctx.actor.kind === 'admin' && ctx.actor.userId === user.id) {
    throw new GatehouseError('self_lockout', 'You cannot remove your own admin rights, disable or delete yourself. Ask another admin.', {
      field: next === 'delete' ? 'id' : 'isAdmin',
    });
  }
  if (countAdmins(ctx.db) <= 1) {
    throw new GatehouseError('last_admin', `${user.username} is the only admin. Make someone else an admin first.`, {
      field: next === 'delete' ? 'id' : 'isAdmin',
    });
  }
}

/**
 * Ends all of a person's sessions. Returns the logout notices owed to apps: the caller sends them once its
 * transaction committed, so that apps are never told of a sign-out that was rolled back.
 */
function signOutEverywhere(ctx: AdminContext, userId: string): LogoutNotice[] {
  const notices = ctx.backchannelLogout.noticesFor(userId);
  endAllSessionsOf(ctx.db, userId);
  return notices;
}

/** Redeeming a link signs its holder in as the person: a machine caller must never become one. */
export function refuseApiKeysForLinks(ctx: AdminContext): void {
  if (ctx.actor.kind === 'api_key') {
    throw new GatehouseError(
      'forbidden',
      'API keys cannot create sign-in links: a link signs whoever opens it in as that person. Create the link in the admin console, or with `gatehouse login-link` on the server.',
    );
  }
}

/** Also how the console's emailed links are made (userMailOperations.ts), so both refuse the same callers and people. */
export const issueLoginLinkOperation = adminOperation(
  'users.issueLoginLink',
  z.strictObject({
    id: idSchema,
    ttlMinutes: z
      .number()
      .int()
      .min(1, 'must be at least 1 minute')
      .max(MAX_LOGIN_LINK_TTL_MS / 60_000, 'must be at most 7 days (10080 minutes)')
      .default(60),
  }),
  async (ctx, { id, ttlMinutes }) => {
    refuseApiKeysForLinks(ctx);
    const user = requireUser(ctx, id);
    // The input is fine; the account is not ready for a link (it would not work while disabled).
    if (user.disabled)
      throw new GatehouseError(
        'account_disabled',
        `${user.username} is disabled, so a sign-in link would not work. Enable the account first, then create the link.`,
      );
    const link = issueLoginLink(ctx.db, ctx.clock, ctx.audit, ctx.issuer, user.username, ttlMinutes * 60_000);
    return { ...link, qrCodeSvg: await qrCodeSvg(link.url) };
  },
);

export const userOperations = [
  adminOperation(
    'users.list',
    z.strictObject({
      query: z.string().trim().max(100).default(''),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(100).default(25),
    }),
    (ctx, input) => {
      const { users, total } = searchUsers(ctx.db, input.query, input.pageSize, (input.page - 1) * input.pageSize);
      return { users: users.map((user) => summary(ctx, user)), total, page: input.page, pageSize: input.pageSize };
    },
  ),

  adminOperation('users.get', z.strictObject({ id: idSchema }), (ctx, { id }) => details(ctx, id)),

  adminOperation('users.create', userFieldsSchema.extend({ username: usernameSchema }), (ctx, input) => {
    if (findUserByUsername(ctx.db, input.username))
      throw new GatehouseError('username_taken', `The username "${input.username}" is taken.`, { field: 'username' });
    refuseTakenEmail(ctx, input.email, null);
    const groups = groupIdsByName(ctx, input.groups ?? [], 'groups');
    const user = ctx.db
      .transaction(() => {
        const created = insertUser(ctx.db, ctx.clock, {
          username: input.username,
          email: input.email ?? null,
          emailVerified: input.email ? (input.emailVerified ?? true) : false,
          givenName: input.givenName ?? null,
          familyName: input.familyName ?? null,
          displayName: input.displayName ?? null,
          picture: input.picture ?? null,
          isAdmin: input.isAdmin ?? false,
          disabled: false,
          source: 'console',
        });
        setUserGroups(ctx.db, created.id, groups);
        replaceUserClaims(ctx.db, created.id, input.claims ?? {});
        return created;
      })
      .immediate();
    auditAdminChange(ctx, { event: 'admin.users.create', userId: user.id, details: { username: user.username } });
    ctx.dataChanged();
    return details(ctx, user.id);
  }),

  adminOperation('users.update', userFieldsSchema.extend({ id: idSchema, username: usernameSchema.optional() }), (ctx, input) => {
    const user = requireUser(ctx, input.id);
    if (input.username && input.username.toLowerCase() !== user.username.toLowerCase() && findUserByUsername(ctx.db, input.username)) {
      throw new GatehouseError('username_taken', `The username "${input.username}" is taken.`, { field: 'username' });
    }
    const isAdmin = input.isAdmin ?? user.isAdmin;
    protectAdmins(ctx, user, { isAdmin, disabled: user.disabled });
    const groups = input.groups && groupIdsByName(ctx, input.groups, 'groups');
    const email = input.email === undefined ? user.email : input.email;
    refuseTakenEmail(ctx, email, user.id);
    const before = details(ctx, user.id);
    ctx.db
      .transaction(() => {
        updateUser(ctx.db, ctx.clock, user.id, {
          username: input.username ?? user.username,
          email,
          // A changed address is unverified unless the admin says otherwise.
          emailVerified: email === null ? false : (input.emailVerified ?? (email === user.email ? user.emailVerified : true)),
          givenName: input.givenName === undefined ? user.givenName : input.givenName,
          familyName: input.familyName === undefined ? user.familyName : input.familyName,
          displayName: input.displayName === undefined ? user.displayName : input.displayName,
          picture: input.picture === undefined ? user.picture : input.picture,
          isAdmin,
          disabled: user.disabled,
          source: user.source,
        });
        if (groups) setUserGroups(ctx.db, user.id, groups);
        if (input.claims) replaceUserClaims(ctx.db, user.id, input.claims);
        markUserEditedInConsole(ctx.db, ctx.clock, user.id);
      })
      .immediate();
    const after = details(ctx, user.id);
    // A new address changes whether it is verified, whether or not the admin said so.
    const changes = fieldChanges(before, after, [...Object.keys(input).filter((k) => k !== 'id'), 'emailVerified']);
    auditAdminChange(ctx, { event: 'admin.users.update', userId: user.id, details: { changes } });
    ctx.dataChanged();
    return after;
  }),

  adminOperation('users.setDisabled', z.strictObject({ id: idSchema, disabled: z.boolean() }), (ctx, { id, disabled }) => {
    const user = requireUser(ctx, id);
    protectAdmins(ctx, user, { isAdmin: user.isAdmin, disabled });
    const notices = ctx.db
      .transaction(() => {
        updateUser(ctx.db, ctx.clock, user.id, { ...user, disabled });
        markUserEditedInConsole(ctx.db, ctx.clock, user.id);
        // Disabled means signed out everywhere now, not when tokens expire.
        return disabled ? signOutEverywhere(ctx, user.id) : [];
      })
      .immediate();
    ctx.backchannelLogout.send(notices);
    auditAdminChange(ctx, { event: disabled ? 'admin.users.disable' : 'admin.users.enable', userId: user.id });
    return details(ctx, user.id);
  }),

  adminOperation('users.delete', z.strictObject({ id: idSchema }), (ctx, { id }) => {
    const user = requireUser(ctx, id);
    protectAdmins(ctx, user, 'delete');
    const notices = ctx.db
      .transaction(() => {
        const owed = signOutEverywhere(ctx, user.id);
        deleteUser(ctx.db, user.id);
        return owed;
      })
      .immediate();
    ctx.backchannelLogout.send(notices);
    auditAdminChange(ctx, { event: 'admin.users.delete', userId: user.id, details: { username: user.username } });
    ctx.dataChanged();
    return { deleted: true };
  }),

  adminOperation('users.signOutEverywhere', z.strictObject({ id: idSchema }), (ctx, { id }) => {
    const user = requireUser(ctx, id);
    ctx.backchannelLogout.send(ctx.db.transaction(() => signOutEverywhere(ctx, user.id)).immediate());
    auditAdminChange(ctx, { event: 'admin.users.signOutEverywhere', userId: user.id });
    return { signedOut: true };
  }),

  adminOperation('users.deletePasskey', z.strictObject({ userId: idSchema, passkeyId: idSchema }), (ctx, { userId, passkeyId }) => {
    const passkey = listPasskeys(ctx.db, requireUser(ctx, userId).id).find((p) => p.id === passkeyId);
    if (!passkey || !deletePasskey(ctx.db, userId, passkeyId))
      throw new GatehouseError('not_found', 'That passkey does not exist (it may have been removed already).', { field: 'passkeyId' });
    auditAdminChange(ctx, { event: 'passkey.removed', userId, details: { name: passkey.name } });
    return details(ctx, userId);
  }),

  issueLoginLinkOperation,
];
