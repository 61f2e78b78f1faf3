// The cookie that carries a Gatehouse browser session. `__Host-` prefixed and Secure on https issuers.
import type { Context } from 'koa';
import type { AppContext } from './appContext.ts';
import { issuerCookieName, issuerCookieOptions } from './issuerCookie.ts';
import {
  type AuthMethod,
  type BrowserSession,
  createBrowserSession,
  deleteBrowserSession,
  findBrowserSession,
  hashId,
  linkProviderSession,
  noteBrowserSessionSeen,
  refreshBrowserSessionAuth,
} from '../db/browserSessions.ts';
import { GatehouseError } from '../model/errors.ts';
import { getUser, type User } from '../db/users.ts';

/** How recent a sign-in must be to add a passkey (a stolen session alone cannot add one later). */
export const FRESH_AUTH_MS = 10 * 60 * 1000;

const cookieName = (app: AppContext) => issuerCookieName(app, 'gatehouse_session');

export function startBrowserSession(app: AppContext, ctx: Context, userId: string, authMethod: AuthMethod): void {
  const previous = ctx.cookies.get(cookieName(app));
  if (previous) deleteBrowserSession(app.db, previous);
  const expiresAt = app.clock() + app.settings().sessionTtl * 1000;
  const id = createBrowserSession(app.db, app.clock, { userId, authMethod, expiresAt, ip: app.clientIp(ctx.req), userAgent: ctx.get('user-agent') });
  ctx.cookies.set(cookieName(app), id, issuerCookieOptions(app, expiresAt));
}

/** Records that the person just proved it is them again (a passkey check inside an existing session). */
export function markSessionFresh(app: AppContext, ctx: Context): void {
  const id = ctx.cookies.get(cookieName(app));
  if (id) refreshBrowserSessionAuth(app.db, app.clock, id, 'passkey');
}

/** The stored hash of this browser's session id, if it sends one (forward-auth binds its codes to the session). */
export function currentSessionHash(app: AppContext, ctx: Context): string | undefined {
  const id = ctx.cookies.get(cookieName(app));
  return id ? hashId(id) : undefined;
}

/** Notes the provider's session (its uid) as this browser's, when the browser has a session of the same person (called with the provider's context). */
export function linkBrowserSessionToProvider(app: AppContext, ctx: Context, accountId: string, providerSessionUid: string): void {
  const id = ctx.cookies.get(cookieName(app), { signed: false });
  if (id) linkProviderSession(app.db, id, accountId, app.sealer.lookupHash(providerSessionUid));
}

/** Also called with the provider's context (its sign-out), whose cookies are signed by default: this one never is. */
export function endBrowserSession(app: AppContext, ctx: Context): void {
  const id = ctx.cookies.get(cookieName(app), { signed: false });
  if (id) deleteBrowserSession(app.db, id);
  ctx.cookies.set(cookieName(app), '', { ...issuerCookieOptions(app, 0), signed: false });
}

export interface SignedIn {
  session: BrowserSession;
  user: User;
}

export function currentSession(app: AppContext, ctx: Context): SignedIn | undefined {
  const id = ctx.cookies.get(cookieName(app));
  const session = id ? findBrowserSession(app.db, app.clock, id) : undefined;
  const user = session && getUser(app.db, session.userId);
  if (!session || !user || user.disabled) return undefined;
  noteBrowserSessionSeen(app.db, app.clock, id!, session);
  return { session, user };
}

export function requireSession(app: AppContext, ctx: Context): SignedIn {
  const signedIn = currentSession(app, ctx);
  if (!signedIn) throw new GatehouseError('not_signed_in', 'You are not signed in. Sign in with your passkey.');
  return signedIn;
}

/**
 * Whether a session may sign in to apps (OIDC clients, protected apps): a passkey here; another device's
 * approval, which took the person's passkey (or a fresh session) there; an emailed code, a sign-in method
 * the owner switched on. A one-time link or a recovery code only gets a person to their account to add a
 * passkey.
 */
export function signsInToApps(method: AuthMethod): boolean {
  return method === 'passkey' || method === 'other_device' || method === 'email_code';
}

/**
 * Whether the person proved it is them with a passkey in this browser in the last minutes. Nothing else
 * counts: a one-time link, a recovery code or an emailed code proves only that its holder got hold of it,
 * and another device's approval may be one someone was tricked into giving, which must not also let the
 * waiting browser add a passkey of its own, make recovery codes, change the email address or approve
 * further requests.
 */
export function isFresh(app: AppContext, session: BrowserSession): boolean {
  return session.authMethod === 'passkey' && app.clock() - session.authenticatedAt < FRESH_AUTH_MS;
}

/** How long a session without a passkey check may add a passkey (a link or code is the only proof there is). */
export const FIRST_PASSKEY_WINDOW_MS = 60 * 60 * 1000;

/**
 * Adding a passkey needs a recent passkey check in this browser (another device's approval is none: see
 * isFresh); or, within the first hour, a one-time link or emailed code for someone who has no passkey yet
 * (it never adds a second one, which would outlive whatever the link came from); or a recovery code, whose
 * whole purpose is replacing lost passkeys.
 */
export function mayAddPasskey(app: AppContext, session: BrowserSession, passkeyCount: number): boolean {
  if (isFresh(app, session)) return true;
  if (app.clock() - session.authenticatedAt >= FIRST_PASSKEY_WINDOW_MS) return false;
  if (session.authMethod === 'recovery_code') return true;
  return (session.authMethod === 'one_time_link' || session.authMethod === 'email_code') && passkeyCount === 0;
}
