// The page for a path nobody answered, in place of Koa's bare "Not Found": it is the last thing a
// mistyped or outdated link (an app's old sign-in URL, a bookmark) shows a person.
import type { Context, Next } from 'koa';
import { escapeHtml, type PageBrand, renderPage } from './pages.ts';

export function notFoundPage(brand: () => PageBrand) {
  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.status !== 404 || ctx.body != null) return;
    ctx.status = 404;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = renderPage(ctx.res, brand(), {
      title: 'Page not found',
      tone: 'error',
      body: `<h1>There is no page here</h1><p>Gatehouse has no page at <code>${escapeHtml(ctx.path)}</code>.</p>
        <p>If a link or an app sent you here, its address may be mistyped or out of date. <a href="/">Go to the start page</a>
        to reach your account and your apps.</p>`,
    });
  };
}
