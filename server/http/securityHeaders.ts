// Headers on every response: a strict CSP, no framing, no sniffing, no referrer (sign-in and link URLs
// carry one-time values), HSTS on https issuers. Server-rendered pages widen the CSP with a style nonce.
import type { ServerResponse } from 'node:http';
import type { Context, Next } from 'koa';

const BASE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
];

export function contentSecurityPolicy(styleNonce?: string): string {
  return [...BASE_POLICY, styleNonce ? `style-src 'self' 'nonce-${styleNonce}'` : "style-src 'self'"].join('; ');
}

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

/** Lets one response's inline style element through the CSP. */
export function allowStyleNonce(res: ServerResponse, nonce: string): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
}
