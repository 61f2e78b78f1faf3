// The page for a path nobody answered, in place of Koa's bare "Not Found": it is the last thing a
// mistyped or outdated link (an app's old sign-in URL, a bookmark) shows a person.
import type { Context, Next } from 'koa';
import { type PageBrand, renderPage, requestLook } from './pages.ts';
import { pageTranslator } from './translations.ts';

export function notFoundPage(brand: () => PageBrand) {
  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.status !== 404 || ctx.body != null) return;
    const look = requestLook(ctx.headers);
    const t = pageTranslator(look.language);
    ctx.status = 404;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = renderPage(ctx.res, brand(), look, {
      title: t('pages:notFound.title'),
      tone: 'error',
      body: `<h1>${t('pages:notFound.heading')}</h1><p>${t('pages:notFound.noPage', { path: ctx.path })}</p>
        <p>${t('pages:notFound.hint')}</p>`,
    });
  };
}
