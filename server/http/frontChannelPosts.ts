// Form POSTs to the authorization and end-session endpoints, which OpenID Connect lets an app send
// instead of a GET (Core 3.1.2.1, RP-Initiated Logout 2). oidc-provider takes them only with a SameSite=None
// session cookie, which browsers drop on a plain-http issuer; and a POST from the app's site would not carry
// our SameSite=Lax one, so the person would have to sign in again. Instead a POST is answered with a redirect
// to the same request as a GET: the browser follows it as a top-level navigation, which carries the cookie.
import type { Context, Next } from 'koa';
import { GatehouseError } from '../model/errors.ts';
import { readBody } from './json.ts';
import { escapeHtml, type PageBrand, renderPage } from '../pages/pages.ts';

const ENDPOINTS: Record<string, string> = { '/auth': 'Sign-in', '/session/end': 'Sign-out' };
/** The request moves into the redirect's URL, which Gatehouse and common proxies take up to about 8 KiB. */
const MAX_FORM_BYTES = 6 * 1024;

export function frontChannelPosts(brand: () => PageBrand) {
  return async (ctx: Context, next: Next) => {
    const step = ENDPOINTS[ctx.path];
    if (ctx.method !== 'POST' || !step) return next();
    try {
      if (!ctx.is('application/x-www-form-urlencoded')) {
        throw new GatehouseError('unsupported_media_type', 'The app sent this request in a format other than a form (application/x-www-form-urlencoded).');
      }
      const params = new URLSearchParams((await readBody(ctx, MAX_FORM_BYTES)).toString('utf8'));
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 303;
      ctx.redirect(`${ctx.path}?${params}`);
    } catch (error) {
      if (!(error instanceof GatehouseError)) throw error;
      ctx.status = error.status;
      ctx.type = 'html';
      ctx.body = renderPage(ctx.res, brand(), {
        title: `${step} problem`,
        tone: 'error',
        body: `<h1>${step} could not continue</h1><p>${escapeHtml(error.message)}</p>
          <p>Go back to the app and try again. If it fails again, the app's OpenID Connect settings may need a fix.</p>
          <p class="muted">Error code: ${escapeHtml(error.code)}</p>`,
      });
    }
  };
}
