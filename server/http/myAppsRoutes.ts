// "My apps" on the account page: the apps a person may open, the ones they gave access to (with a
// way to take it back), and signing out everywhere.
import Router from '@koa/router';
import type { AppContext } from './appContext.ts';
import { requireSession } from './sessionCookie.ts';
import { findAccountRecord } from '../db/accountRecords.ts';
import { listClients } from '../db/clients.ts';
import { clientLogoUrls } from '../db/clientLogos.ts';
import { admitsGroups } from '../model/allowedGroups.ts';
import { lastAuthorizations } from '../db/audit.ts';
import { grantedScopesOf } from '../db/oidcState.ts';
import { revokeAppOf } from '../admin/personSessionOperations.ts';
import { endAllSessionsOf } from '../db/personSessions.ts';

export function myAppsRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api/account' });

  router.get('/apps', (ctx) => {
    const { user } = requireSession(app, ctx);
    const groups = findAccountRecord(app.db, user.id)!.groups;
    const granted = grantedScopesOf(app.db, app.sealer, app.clock(), user.id);
    const lastUsed = lastAuthorizations(app.db, user.id);
    const logoUrls = clientLogoUrls(app.db);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      apps: listClients(app.db)
        .filter((client) => admitsGroups(client, groups) && (client.launchUrl !== null || granted.has(client.id)))
        .map((client) => ({
          id: client.id,
          name: client.name,
          launchUrl: client.launchUrl,
          logoUrl: logoUrls.get(client.id) ?? null,
          authorized: granted.has(client.id),
          scopes: granted.get(client.id) ?? [],
          lastUsedAt: lastUsed.get(client.id) ?? null,
        })),
    };
  });

  router.delete('/apps/:clientId', (ctx) => {
    const { user } = requireSession(app, ctx);
    revokeAppOf(app, user.id, ctx.params.clientId);
    app.audit({ event: 'client.access_revoked', userId: user.id, clientId: ctx.params.clientId, ip: app.clientIp(ctx.req) });
    ctx.status = 204;
  });

  router.post('/sign-out-everywhere', (ctx) => {
    const { user } = requireSession(app, ctx);
    app.backchannelLogout.endSessions(user.id, undefined, () => endAllSessionsOf(app.db, user.id));
    app.audit({ event: 'sessions.ended', userId: user.id, ip: app.clientIp(ctx.req), details: { by: 'self' } });
    ctx.status = 204;
  });

  return router;
}
