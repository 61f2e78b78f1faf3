// The signed-in person's app passwords: list, create (shown once) for one protected app, revoke; and the
// protected apps they may make one for.
import { admitsGroups } from '../model/allowedGroups.ts';
import Router from '@koa/router';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { isFresh, requireSession } from './sessionCookie.ts';
import { appPasswordView, createNamedAppPassword } from '../auth/appPasswords.ts';
import { findAccountRecord } from '../db/accountRecords.ts';
import { deleteAppPassword, getAppPassword, listAppPasswords } from '../db/appPasswords.ts';
import { listProtectedApps } from '../db/protectedApps.ts';
import { GatehouseError } from '../model/errors.ts';
import type { ProtectedApp } from '../model/protectedApps.ts';

const PATH = '/api/account/app-passwords';

export function appPasswordRoutes(app: AppContext): Router {
  const router = new Router();
  router.use([PATH, '/api/account/protected-apps'], async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });
  /** The forward-auth group rule for this person, as the check applies it. */
  const mayUseFor = (userId: string) => {
    const groups = findAccountRecord(app.db, userId)?.groups ?? [];
    return (protectedApp: ProtectedApp) => admitsGroups(protectedApp, groups);
  };

  router.get('/api/account/protected-apps', (ctx) => {
    const { user } = requireSession(app, ctx);
    ctx.body = {
      apps: listProtectedApps(app.db)
        .filter(mayUseFor(user.id))
        .map(({ id, name, hosts }) => ({ id, name, hosts })),
    };
  });

  router.get(PATH, (ctx) => {
    const { user } = requireSession(app, ctx);
    ctx.body = { appPasswords: listAppPasswords(app.db, user.id).map(appPasswordView) };
  });

  router.post(PATH, async (ctx) => {
    const { user, session } = requireSession(app, ctx);
    // Like adding a passkey: a stolen session alone must not mint a credential that outlives it.
    if (!isFresh(app, session))
      throw new GatehouseError('reauthentication_required', 'Confirm it is you with one of your passkeys before creating an app password.');
    const { password, appPassword } = createNamedAppPassword(app.db, app.clock, user.id, await readJson(ctx), mayUseFor(user.id));
    app.audit({
      event: 'app_password.created',
      userId: user.id,
      ip: app.clientIp(ctx.req),
      details: { name: appPassword.name, app: appPassword.appId },
    });
    ctx.status = 201;
    ctx.body = { appPassword: appPasswordView(appPassword), password, username: user.username };
  });

  router.delete(`${PATH}/:id`, (ctx) => {
    const { user } = requireSession(app, ctx);
    const appPassword = getAppPassword(app.db, user.id, ctx.params.id);
    if (!appPassword || !deleteAppPassword(app.db, user.id, appPassword.id))
      throw new GatehouseError('not_found', 'That app password does not exist (it may have been revoked already).');
    app.audit({ event: 'app_password.revoked', userId: user.id, ip: app.clientIp(ctx.req), details: { name: appPassword.name } });
    ctx.status = 204;
  });

  return router;
}
