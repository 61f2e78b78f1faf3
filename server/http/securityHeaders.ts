// Headers on every response: a strict CSP, no framing, no sniffing, no referrer (sign-in and link URLs
// carry one-time values), HSTS on https issuers; opener isolation where no sign-in popup passes.
import type { Context, Next } from 'koa';
import { contentSecurityPolicy } from '../pages/contentSecurityPolicy.ts';

/**
 * Gatehouse's own pages outside a sign-in, which keep Cross-Origin-Opener-Policy: the console, the account
 * portal, one-time links, the home and signed-out pages, and the API they call. An app that signs in
 * through a popup opens the authorization endpoint; the popup passes through the provider's pages
 * (/auth, /session/end, its error pages) and the interaction page, then reaches the app's callback,
 * which hands the result to window.opener. The header on any of those pages would sever that opener.
 */
const OPENER_ISOLATED = /^\/((admin|account|api|link)(\/|$)|signed-out$|$)/;

export function securityHeaders(issuer: string) {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(issuer.startsWith('https:') ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
  return async (ctx: Context, next: Next) => {
    ctx.set(headers);
    if (OPENER_ISOLATED.test(ctx.path)) ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    await next();
  };
}
