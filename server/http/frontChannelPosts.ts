// Form POSTs to the authorization and end-session endpoints, which OpenID Connect lets an app send
// instead of a GET (Core 3.1.2.1, RP-Initiated Logout 2). oidc-provider takes them only with a SameSite=None
// session cookie, which browsers drop on a plain-http issuer; and a POST from the app's site would not carry
// our SameSite=Lax one, so the person would have to sign in again. Instead a POST is answered with a redirect
// to the same request as a GET: the browser follows it as a top-level navigation, which carries the cookie.
import type { Context, Next } from 'koa';
import { GatehouseError } from '../model/errors.ts';
import { readBody } from './json.ts';
import { errorSentence } from '../pages/errorSentences.ts';
import { escapeHtml, type PageBrand, renderPage, requestLook } from '../pages/pages.ts';
import { pageTranslator } from '../pages/translations.ts';

const ENDPOINTS: Record<string, 'signIn' | 'signOut'> = { '/auth': 'signIn', '/session/end': 'signOut' };
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
      const look = requestLook(ctx.headers);
      const t = pageTranslator(look.language);
      ctx.body = renderPage(ctx.res, brand(), look, {
        title: step === 'signIn' ? t('pages:signInProblem') : t('pages:signOutProblem'),
        tone: 'error',
        body: `<h1>${step === 'signIn' ? t('pages:signInStopped') : t('pages:signOutStopped')}</h1><p>${escapeHtml(errorSentence(look.language, error))}</p>
          <p>${t('pages:frontChannelTryAgain')}</p>
          <p class="muted">${t('pages:errorCode', { code: error.code })}</p>`,
      });
    }
  };
}
