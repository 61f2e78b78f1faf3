// The forward-auth sign-in: the check sends a browser without an app session to /forward-auth/start on
// Gatehouse, which (once the person is signed in with a passkey) hands a single-use code over to the
// app's own host at /.gatehouse/callback, where the app session's cookie is set. The return URL must be a
// protected app's (matched as the check matches requests), and the callback only ever returns to the URL
// stored with the code: never an open redirect.
import { admitsGroups } from '../model/allowedGroups.ts';
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import type { AppContext } from './appContext.ts';
import { appCookieName, appOfSessionCookie, clearCookie, isHostPrefixed, parseCookieHeader, serializeCookie, stateCookieName } from './forwardAuthCookies.ts';
import { currentSession, currentSessionHash, signsInToApps } from './sessionCookie.ts';
import { findAccountRecord } from '../db/accountRecords.ts';
import { findBrowserSessionByHash, hashId } from '../db/browserSessions.ts';
import {
  consumeForwardAuthCode,
  createForwardAuthCode,
  createForwardAuthSession,
  deleteForwardAuthSession,
  findForwardAuthSession,
} from '../db/forwardAuthSessions.ts';
import { getProtectedApp, listProtectedApps } from '../db/protectedApps.ts';
import { getUser, nameOf } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import { buildAppIndex, matchApp, matchAppUrl, normalizePath } from '../model/forwardAuthRequest.ts';
import type { ProtectedApp } from '../model/protectedApps.ts';
import { appSignedOutPage, type CallbackProblem, callbackFailedPage, forbiddenPage, unknownAppPage } from '../pages/forwardAuthPages.ts';
import { requestLook } from '../pages/pages.ts';

export const START_PATH = '/forward-auth/start';
/** How long the code that carries a sign-in to the app's host lasts. */
const CODE_TTL_MS = 60 * 1000;
const STATE = /^[A-Za-z0-9_-]{32,64}$/;
const MAX_RETURN_URL = 8192;

type ReturnUrl = { ok: true; url: URL; app: ProtectedApp } | { ok: false; problem: 'malformed' | 'unknown'; host: string };

/** The return URL when it is an absolute http(s) URL, without user info, of a protected app. */
function parseReturnUrl(app: AppContext, rd: unknown): ReturnUrl {
  if (typeof rd !== 'string' || rd.length > MAX_RETURN_URL || !URL.canParse(rd)) return { ok: false, problem: 'malformed', host: '' };
  const url = new URL(rd);
  // `https://app.example@evil.example/` is a URL of evil.example: user info never belongs in a return URL.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '')
    return { ok: false, problem: 'malformed', host: '' };
  const matched = matchAppUrl(buildAppIndex(listProtectedApps(app.db)), url);
  return matched ? { ok: true, url, app: matched } : { ok: false, problem: 'unknown', host: url.host };
}

/** Where "Sign in as someone else" goes: the same start, asking for a passkey whoever is signed in. */
export const signInAgainUrl = (issuer: string, rd: string, state: string) => `${issuer}${START_PATH}?${new URLSearchParams({ rd, state, prompt: 'login' })}`;

function page(ctx: Context, status: number, html: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = html;
}

export function forwardAuthRoutes(app: AppContext): Router {
  const router = new Router();
  const ip = (ctx: Context) => app.clientIp(ctx.req);

  router.get(START_PATH, async (ctx: Context, next: Next) => {
    const target = parseReturnUrl(app, ctx.query.rd);
    if (!target.ok) {
      const html =
        target.problem === 'unknown'
          ? unknownAppPage(ctx.res, app.settings(), requestLook(ctx.headers), { host: target.host })
          : callbackFailedPage(ctx.res, app.settings(), requestLook(ctx.headers), { problem: 'badReturnUrl' });
      return page(ctx, 400, html);
    }
    const state = ctx.query.state;
    if (typeof state !== 'string' || !STATE.test(state)) {
      return page(ctx, 400, callbackFailedPage(ctx.res, app.settings(), requestLook(ctx.headers), { problem: 'incomplete', tryAgainUrl: target.url.href }));
    }
    const signedIn = currentSession(app, ctx);
    const browserSessionHash = currentSessionHash(app, ctx);
    // A one-time link's or a recovery code's session proves only that its holder got hold of it: not enough for an app.
    if (!signedIn || !signsInToApps(signedIn.session.authMethod) || !browserSessionHash || ctx.query.prompt === 'login') return next();

    const { user } = signedIn;
    const groups = findAccountRecord(app.db, user.id)?.groups ?? [];
    if (!admitsGroups(target.app, groups)) {
      app.audit({ event: 'forward_auth.refused', userId: user.id, ip: ip(ctx), details: { app: target.app.id } });
      return page(
        ctx,
        403,
        forbiddenPage(ctx.res, app.settings(), requestLook(ctx.headers), {
          appName: target.app.name,
          person: { username: user.username, displayName: nameOf(user) },
          allowedGroups: target.app.allowedGroups,
          signInAgainUrl: signInAgainUrl(app.issuer, target.url.href, state),
        }),
      );
    }
    const code = createForwardAuthCode(app.db, {
      appId: target.app.id,
      userId: user.id,
      browserSessionHash,
      returnTo: target.url.href,
      stateHash: hashId(state),
      expiresAt: app.clock() + CODE_TTL_MS,
    });
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 303;
    ctx.redirect(`${target.url.origin}/.gatehouse/callback?${new URLSearchParams({ code })}`);
  });

  router.get('/api/forward-auth/app', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const target = parseReturnUrl(app, ctx.query.rd);
    if (!target.ok) {
      throw new GatehouseError(
        'forward_auth_unknown_app',
        target.problem === 'unknown'
          ? `No protected app answers at ${target.host}. Open the app again at its own address, or ask the owner to add it in the console.`
          : 'The address to return to after signing in is missing or is not a web address. Open the app again at its own address.',
        { secondStatus: true, field: 'rd' },
      );
    }
    ctx.body = { name: target.app.name, instanceName: app.settings().instanceName };
  });

  // On the app's host: the proxy sends /.gatehouse/* straight here, unchecked.
  router.get('/.gatehouse/callback', (ctx) => {
    const value = ctx.query.code;
    const code = typeof value === 'string' && value.length <= 128 ? consumeForwardAuthCode(app.db, app.clock, value) : undefined;
    const fail = (problem: CallbackProblem) =>
      page(ctx, 400, callbackFailedPage(ctx.res, app.settings(), requestLook(ctx.headers), { problem, ...(code ? { tryAgainUrl: code.returnTo } : {}) }));
    if (!code) return fail('linkUsed');
    const secure = new URL(code.returnTo).protocol === 'https:';
    const state = ctx.cookies.get(stateCookieName(code.appId, secure));
    // The code is bound to the browser the check sent to sign in: a code carried to another browser is refused.
    if (!state || hashId(state) !== code.stateHash) {
      app.audit({ event: 'forward_auth.refused', userId: code.userId, ip: ip(ctx), details: { app: code.appId, reason: 'state_mismatch' } });
      return fail('otherBrowser');
    }
    const browserSession = findBrowserSessionByHash(app.db, app.clock, code.browserSessionHash);
    const user = getUser(app.db, code.userId);
    const protectedApp = getProtectedApp(app.db, code.appId);
    if (!browserSession || browserSession.userId !== code.userId || !user || user.disabled || !protectedApp) return fail('signedOut');

    const ttlSeconds = protectedApp.sessionTtl ?? app.settings().sessionTtl;
    const expiresAt = Math.min(app.clock() + ttlSeconds * 1000, browserSession.expiresAt);
    const session = createForwardAuthSession(app.db, app.clock, {
      appId: protectedApp.id,
      userId: user.id,
      browserSessionHash: code.browserSessionHash,
      expiresAt,
    });
    // Once per sign-in: the code that got here cannot come again.
    app.audit({ event: 'forward_auth.signed_in', userId: user.id, ip: ip(ctx), details: { app: protectedApp.id } });
    ctx.append('Set-Cookie', serializeCookie(appCookieName(protectedApp.id, secure), session, { secure, expires: expiresAt }));
    ctx.append('Set-Cookie', clearCookie(stateCookieName(protectedApp.id, secure), secure));
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 303;
    ctx.redirect(code.returnTo);
  });

  router.get('/.gatehouse/sign-out', (ctx) => {
    const names: string[] = [];
    for (const [name, value] of parseCookieHeader(ctx.get('cookie'))) {
      const appId = appOfSessionCookie(name);
      if (appId === undefined) continue;
      const session = findForwardAuthSession(app.db, value);
      if (session?.appId === appId) deleteForwardAuthSession(app.db, value);
      // A `__Host-` name is the app's on https, and only a Secure removal replaces it.
      ctx.append('Set-Cookie', clearCookie(name, isHostPrefixed(name)));
      const signedOutOf = getProtectedApp(app.db, appId);
      if (signedOutOf) names.push(signedOutOf.name);
    }
    // No cookie: name the app by the Host the proxy passed on (X-Forwarded-Host is the issuer's by now).
    if (names.length === 0) {
      const host = ctx.req.headers.host?.toLowerCase() ?? '';
      const byHost = matchApp(buildAppIndex(listProtectedApps(app.db)), host, 'http', normalizePath(ctx.path));
      if (byHost) names.push(byHost.name);
    }
    page(
      ctx,
      200,
      appSignedOutPage(ctx.res, app.settings(), requestLook(ctx.headers), {
        appNames: names,
        gatehouseAccountUrl: `${app.issuer}/account`,
      }),
    );
  });

  return router;
}
