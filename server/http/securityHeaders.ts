// Headers on every response: a strict CSP with a per-request style nonce, no framing, no sniffing,
// no referrer (sign-in and link URLs carry one-time values), HSTS on https issuers.
import { randomBytes } from 'node:crypto';
import type { Context, Next } from 'koa';
import { setRequestNonce } from './pages.ts';

export function securityHeaders(issuer: string) {
  const https = issuer.startsWith('https:');
  return async (ctx: Context, next: Next) => {
    const nonce = randomBytes(16).toString('base64');
    setRequestNonce(ctx.req, nonce);
    ctx.set({
      'Content-Security-Policy': [
        "default-src 'self'",
        "script-src 'self'",
        `style-src 'self' 'nonce-${nonce}'`,
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
      ...(https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
    });
    await next();
  };
}
