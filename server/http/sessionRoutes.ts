// Where the signed-in person is signed in to Gatehouse: their browser sessions, this one marked, and
// ending another (which signs that browser out of Gatehouse, its forward-auth apps and the provider).
import Router from '@koa/router';
import { browserSessionsOf, endBrowserSessionOf } from '../admin/personSessionOperations.ts';
import type { AppContext } from './appContext.ts';
import { currentSessionHash, requireSession } from './sessionCookie.ts';

export function sessionRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api/account/sessions' });

  router.get('/', (ctx) => {
    const { user } = requireSession(app, ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { sessions: browserSessionsOf(app, user.id, currentSessionHash(app, ctx)) };
  });

  router.delete('/:id', (ctx) => {
    const { user } = requireSession(app, ctx);
    const ended = endBrowserSessionOf(app, user.id, ctx.params.id);
    app.audit({
      event: 'session.ended',
      userId: user.id,
      ip: app.clientIp(ctx.req),
      details: { by: 'self', browser: ended.browser, system: ended.system, address: ended.ip },
    });
    ctx.status = 204;
  });

  return router;
}
