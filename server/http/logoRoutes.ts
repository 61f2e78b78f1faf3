// Apps' logos at GET /logos/<urlToken>, for the dashboard, the consent page, the console and apps themselves.
import Router from '@koa/router';
import { logoByUrlToken } from '../db/clientLogos.ts';
import type { AppContext } from './appContext.ts';
import { sendPublicImage, URL_TOKEN } from './publicImage.ts';

export function logoRoutes(app: AppContext): Router {
  const router = new Router();
  router.get('/logos/:urlToken', (ctx) => {
    const logo = URL_TOKEN.test(ctx.params.urlToken) ? logoByUrlToken(app.db, ctx.params.urlToken) : undefined;
    // An old token (the logo changed or was removed) is simply not found.
    if (!logo) return;
    sendPublicImage(ctx, logo);
  });
  return router;
}
