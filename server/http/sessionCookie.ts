// The cookie that carries a Gatehouse browser session. `__Host-` prefixed and Secure on https issuers.
import type { Context } from 'koa';
import type { AppContext } from './appContext.ts';
import {
  type AuthMethod,
  type BrowserSession,
  createBrowserSession,
  deleteBrowserSession,
  findBrowserSession,
  hashId,
  refreshBrowserSessionAuth,
} from '../db/browserSessions.ts';
import { GatehouseError } from '../model/errors.ts';
import { getUser, type User } from '../db/users.ts';

/** How recent a sign-in must be to add a passkey (a stolen session alone cannot add one later). */
export const FRESH_AUTH_MS = 10 * 60 * 1000;

const cookieName = (app: AppContext) => (app.issuer.startsWith('https:') ? '__Host-gatehouse_session' : 'gatehouse_session');

export function startBrowserSession(app: AppContext, ctx: Context, userId: string, authMethod: AuthMethod): void {
  const previous = ctx.cookies.get(cookieName(app));
  if (previous) deleteBrowserSession(app.db, previous);
  const expiresAt = app.clock() + app.settings().sessionTtl * 1000;
  const id = createBrowserSession(app.db, app.clock, { userId, authMethod, expiresAt, ip: app.clientIp(ctx.req), userAgent: ctx.get('user-agent') });
  ctx.cookies.set(cookieName(app), id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: app.issuer.startsWith('https:'),
    path: '/',
    expires: new Date(expiresAt),
    overwrite: true,
  });
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

/** Also called with the provider's context (its sign-out), whose cookies are signed by default: this one never is. */
export function endBrowserSession(app: AppContext, ctx: Context): void {
  const id = ctx.cookies.get(cookieName(app), { signed: false });
  if (id) deleteBrowserSession(app.db, id);
  ctx.cookies.set(cookieName(app), '', {
    signed: false,
    httpOnly: true,
    sameSite: 'lax',
    secure: app.issuer.startsWith('https:'),
    path: '/',
    expires: new Date(0),
    overwrite: true,
  });
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
  return { session, user };
}

export function requireSession(app: AppContext, ctx: Context): SignedIn {
  const signedIn = currentSession(app, ctx);
  if (!signedIn) throw new GatehouseError('not_signed_in', 'You are not signed in. Sign in with your passkey.');
  return signedIn;
}

/**
 * Whether the person proved it is them with a passkey in the last minutes. A one-time link's session
 * never is: a link proves only that its holder was sent it, or found it.
 */
export function isFresh(app: AppContext, session: BrowserSession): boolean {
  return session.authMethod === 'passkey' && app.clock() - session.authenticatedAt < FRESH_AUTH_MS;
}

/** How long a one-time link's session may add the person's first passkey (there is none to re-check with). */
export const FIRST_PASSKEY_WINDOW_MS = 60 * 60 * 1000;

/**
 * Adding a passkey needs a recent passkey sign-in, or a recent one-time link for someone who has no
 * passkey yet: a link never adds a second one, which would outlive whatever the link came from.
 */
export function mayAddPasskey(app: AppContext, session: BrowserSession, passkeyCount: number): boolean {
  if (isFresh(app, session)) return true;
  return session.authMethod === 'one_time_link' && passkeyCount === 0 && app.clock() - session.authenticatedAt < FIRST_PASSKEY_WINDOW_MS;
}
