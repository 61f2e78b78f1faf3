// The Content-Security-Policy of every response; a server-rendered page widens it with a style nonce
// for its one inline style element.
import type { ServerResponse } from 'node:http';

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

/** Lets one response's inline style element through the CSP. */
export function allowStyleNonce(res: ServerResponse, nonce: string): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
}
