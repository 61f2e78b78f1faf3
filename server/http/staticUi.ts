// Serves the built React UI: hashed assets, and index.html for every page the UI routes itself.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';
import { type PageBrand, renderPage, requestLook } from '../pages/pages.ts';
import { pageTranslator } from '../pages/translations.ts';

const PAGE_PATHS = [
  /^\/$/,
  /^\/account\/?$/,
  /^\/link\/[A-Za-z0-9_-]+$/,
  /^\/approve$/,
  /^\/interaction\/[A-Za-z0-9_-]+$/,
  /^\/signed-out$/,
  /^\/forward-auth\/start$/,
  /^\/admin(\/[A-Za-z0-9._~%-]+)*\/?$/,
];

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function staticUi(uiDir: string, brand: () => PageBrand) {
  const assetsDir = path.join(uiDir, 'assets');
  const indexFile = path.join(uiDir, 'index.html');
  let cached: { mtimeMs: number; html: string } | undefined;
  // Re-read when the build changed it: a rebuild replaces the hashed asset names it points to.
  const index = () => {
    if (!existsSync(indexFile)) return undefined;
    const { mtimeMs } = statSync(indexFile);
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, html: readFileSync(indexFile, 'utf8') };
    return cached.html;
  };

  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path.startsWith('/assets/')) {
      const file = path.resolve(assetsDir, `.${ctx.path.slice('/assets'.length)}`);
      if (!file.startsWith(assetsDir + path.sep) || !existsSync(file) || !statSync(file).isFile()) return next();
      ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
      ctx.body = createReadStream(file);
      return;
    }
    if (!PAGE_PATHS.some((pattern) => pattern.test(ctx.path))) return next();
    const html = index();
    ctx.set('Cache-Control', 'no-store');
    if (!html) {
      ctx.status = 503;
      ctx.type = 'html';
      const look = requestLook(ctx.headers);
      const t = pageTranslator(look.language);
      ctx.body = renderPage(ctx.res, brand(), look, {
        title: t('pages:uiMissing.title'),
        tone: 'error',
        body: `<h1>${t('pages:uiMissing.heading')}</h1><p>${t('pages:uiMissing.body')}</p>`,
      });
      return;
    }
    ctx.type = 'html';
    ctx.body = withPreferences(html, ctx);
  };
}

/**
 * The page starts in the request's language and the remembered theme, so its first paint already
 * matches (the UI reads both from <html>). Both values come from fixed lists, never from the request's text.
 */
function withPreferences(html: string, ctx: Context): string {
  const { language, theme } = requestLook(ctx.headers);
  ctx.vary('Accept-Language');
  const attributes = `lang="${language}" data-language="${language}"${theme === 'system' ? '' : ` data-theme="${theme}"`}`;
  return html.replace('<html lang="en">', `<html ${attributes}>`);
}
