// "My apps" on the account page: the apps a person may open, the ones they gave access to (with a
// way to take it back), and signing out everywhere.
import Router from '@koa/router';
import type { AppContext } from './appContext.ts';
import { requireSession } from './sessionCookie.ts';
import { findAccountRecord } from '../db/accountRecords.ts';
import { getClient, listClients } from '../db/clients.ts';
import { admitsGroups } from '../model/allowedGroups.ts';
import { lastAuthorizations } from '../db/audit.ts';
import { GatehouseError } from '../model/errors.ts';
import { clientIdsGrantedBy, revokeClientGrantsOf } from '../db/oidcState.ts';
import { endAllSessionsOf } from '../db/personSessions.ts';

export function myAppsRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api/account' });

  router.get('/apps', (ctx) => {
    const { user } = requireSession(app, ctx);
    const groups = findAccountRecord(app.db, user.id)!.groups;
    const granted = new Set(clientIdsGrantedBy(app.db, user.id));
    const lastUsed = lastAuthorizations(app.db, user.id);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      apps: listClients(app.db)
        .filter((client) => admitsGroups(client, groups) && (client.launchUrl !== null || granted.has(client.id)))
        .map((client) => ({
          id: client.id,
          name: client.name,
          launchUrl: client.launchUrl,
          authorized: granted.has(client.id),
          lastUsedAt: lastUsed.get(client.id) ?? null,
        })),
    };
  });

  router.delete('/apps/:clientId', (ctx) => {
    const { user } = requireSession(app, ctx);
    const client = getClient(app.db, ctx.params.clientId);
    if (!client) throw new GatehouseError('not_found', 'That app does not exist (it may have been removed).');
    app.backchannelLogout.endSessions(user.id, client.id, () => revokeClientGrantsOf(app.db, app.sealer, user.id, client.id));
    app.audit({ event: 'client.access_revoked', userId: user.id, clientId: client.id, ip: app.clientIp(ctx.req) });
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
