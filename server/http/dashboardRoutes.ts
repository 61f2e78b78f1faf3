// The dashboard at `/`: the apps a signed-in person may open, with their logos. The same rule as the
// sign-in decides who may use what (admitsGroups): a client with a launch URL, and a protected app, whose
// address is its first host (and path) under the issuer's scheme, as the proxy serves them side by side.
import Router from '@koa/router';
import { findAccountRecord } from '../db/accountRecords.ts';
import { clientLogoUrls } from '../db/clientLogos.ts';
import { listClients } from '../db/clients.ts';
import { listProtectedApps } from '../db/protectedApps.ts';
import { admitsGroups } from '../model/allowedGroups.ts';
import type { ProtectedApp } from '../model/protectedApps.ts';
import type { AppContext } from './appContext.ts';
import { requireSession } from './sessionCookie.ts';

export interface DashboardApp {
  kind: 'client' | 'protected_app';
  id: string;
  name: string;
  launchUrl: string;
  logoUrl: string | null;
}

function protectedAppAddress(issuer: string, app: ProtectedApp): string {
  return `${new URL(issuer).protocol}//${app.hosts[0]}${app.pathPrefixes[0] ?? '/'}`;
}

export function dashboardRoutes(app: AppContext): Router {
  const router = new Router();

  router.get('/api/dashboard', (ctx) => {
    const { user } = requireSession(app, ctx);
    const groups = findAccountRecord(app.db, user.id)!.groups;
    const logoUrls = clientLogoUrls(app.db);
    const clients = listClients(app.db).flatMap((client): DashboardApp[] =>
      client.launchUrl !== null && admitsGroups(client, groups)
        ? [{ kind: 'client', id: client.id, name: client.name, launchUrl: client.launchUrl, logoUrl: logoUrls.get(client.id) ?? null }]
        : [],
    );
    const protectedApps = listProtectedApps(app.db).flatMap((protectedApp): DashboardApp[] =>
      protectedApp.hosts.length > 0 && admitsGroups(protectedApp, groups)
        ? [{ kind: 'protected_app', id: protectedApp.id, name: protectedApp.name, launchUrl: protectedAppAddress(app.issuer, protectedApp), logoUrl: null }]
        : [],
    );
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      apps: [...clients, ...protectedApps].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    };
  });

  return router;
}
