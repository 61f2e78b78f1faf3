// The signed-in person's app passwords: list, create (shown once), revoke.
import Router from '@koa/router';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { isFresh, requireSession } from './sessionCookie.ts';
import { appPasswordView, createNamedAppPassword } from '../auth/appPasswords.ts';
import { deleteAppPassword, getAppPassword, listAppPasswords } from '../db/appPasswords.ts';
import { GatehouseError } from '../model/errors.ts';

export function appPasswordRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api/account/app-passwords' });
  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });

  router.get('/', (ctx) => {
    const { user } = requireSession(app, ctx);
    ctx.body = { appPasswords: listAppPasswords(app.db, user.id).map(appPasswordView) };
  });

  router.post('/', async (ctx) => {
    const { user, session } = requireSession(app, ctx);
    // Like adding a passkey: a stolen session alone must not mint a credential that outlives it.
    if (!isFresh(app, session))
      throw new GatehouseError('reauthentication_required', 'Confirm it is you with one of your passkeys before creating an app password.');
    const { password, appPassword } = createNamedAppPassword(app.db, app.clock, user.id, await readJson(ctx));
    app.audit({ event: 'app_password.created', userId: user.id, ip: app.clientIp(ctx.req), details: { name: appPassword.name } });
    ctx.status = 201;
    ctx.body = { appPassword: appPasswordView(appPassword), password, username: user.username };
  });

  router.delete('/:id', (ctx) => {
    const { user } = requireSession(app, ctx);
    const appPassword = getAppPassword(app.db, user.id, ctx.params.id);
    if (!appPassword || !deleteAppPassword(app.db, user.id, appPassword.id))
      throw new GatehouseError('not_found', 'That app password does not exist (it may have been revoked already).');
    app.audit({ event: 'app_password.revoked', userId: user.id, ip: app.clientIp(ctx.req), details: { name: appPassword.name } });
    ctx.status = 204;
  });

  return router;
}
