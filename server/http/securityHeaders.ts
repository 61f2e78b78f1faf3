// Headers on every response: a strict CSP, no framing, no sniffing, no referrer (sign-in and link URLs
// carry one-time values), HSTS on https issuers.
import type { Context, Next } from 'koa';
import { contentSecurityPolicy } from '../pages/contentSecurityPolicy.ts';

export function securityHeaders(issuer: string) {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(issuer.startsWith('https:') ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
  return async (ctx: Context, next: Next) => {
    ctx.set(headers);
    await next();
  };
}
