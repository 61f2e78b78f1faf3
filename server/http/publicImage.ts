// Answers for the public image addresses (/logos/<urlToken>, /pictures/<urlToken>): no session needed, as
// apps show them in their own pages. The token changes with the image, so an answer never goes stale;
// the CSP lets an SVG draw its inline styles and nothing else (no scripts, no loads).
import type { Context } from 'koa';

export interface PublicImage {
  contentType: string;
  image: Buffer;
}

/** A token as Gatehouse makes them: 22 or more base64url characters (a shorter or odd one is never looked up). */
export const URL_TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

export function sendPublicImage(ctx: Context, { contentType, image }: PublicImage): void {
  ctx.set({
    'Content-Type': contentType,
    'Cache-Control': 'public, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Content-Disposition': 'inline',
    // Apps show it in their own pages, on their own origins.
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  ctx.body = image;
}
