// Provider sessions started before Gatehouse signed its cookies (by the release before) carry a
// `_session` cookie without a signature, which the provider now ignores. Such a cookie is signed on
// its way in when the session it names is older than cookie signing, so upgrading signs nobody out;
// the provider's answer then sets the signed cookie. Newer sessions get no such help.
import type { Context, Next } from 'koa';
import { cookieSigner } from '../auth/cookieSigner.ts';
import type { CookieKeys } from '../db/cookieKeys.ts';
import type { AppContext } from './appContext.ts';

const SESSION_COOKIE = '_session';

export function signLegacySessionCookie(app: AppContext, cookieKeys: CookieKeys) {
  const signer = cookieSigner(cookieKeys.keys);
  return async (ctx: Context, next: Next) => {
    const id = ctx.cookies.get(SESSION_COOKIE);
    if (id && ctx.cookies.get(`${SESSION_COOKIE}.sig`) === undefined) {
      const session = await app.provider().Session.find(id);
      // In whole seconds, as the session's iat is: one begun in the second signing began is not helped.
      if (session?.iat !== undefined && session.iat < Math.floor(cookieKeys.signingSince / 1000)) {
        ctx.req.headers.cookie = `${ctx.req.headers.cookie}; ${SESSION_COOKIE}.sig=${signer.sign(`${SESSION_COOKIE}=${id}`)}`;
      }
    }
    await next();
  };
}
