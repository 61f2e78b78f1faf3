// The signed-in person's emailed alerts: whether they can get them, and which they want.
import Router from '@koa/router';
import { z } from 'zod';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { isFresh, requireSession } from './sessionCookie.ts';
import { parseInput } from '../admin/inputMessages.ts';
import { alertAddress } from '../auth/signInAlerts.ts';
import { readAlertPreferences, writeAlertPreferences } from '../db/alertPreferences.ts';
import type { User } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';

const PATH = '/api/account/alerts';

const changesSchema = z.strictObject({ newPasskey: z.boolean().optional(), newDevice: z.boolean().optional() });

export function alertRoutes(app: AppContext): Router {
  const router = new Router();
  router.use(PATH, async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });

  const view = (user: User) => ({
    emailConfigured: app.mailer.isConfigured(),
    hasEmail: alertAddress(user) !== null,
    ...readAlertPreferences(app.db, user.id),
  });

  router.get(PATH, (ctx) => {
    const { user } = requireSession(app, ctx);
    ctx.body = view(user);
  });

  router.put(PATH, async (ctx) => {
    const { user, session } = requireSession(app, ctx);
    const changes = parseInput('the alert settings', changesSchema, await readJson(ctx));
    const current = readAlertPreferences(app.db, user.id);
    const next = { ...current, ...changes };
    // Switching alerts off is what someone in a stolen session would do first: it needs the passkey, as
    // new credentials do. Switching one on needs nothing.
    if (((current.newPasskey && !next.newPasskey) || (current.newDevice && !next.newDevice)) && !isFresh(app, session))
      throw new GatehouseError('reauthentication_required', 'Confirm it is you with your passkey before switching an alert off.');
    writeAlertPreferences(app.db, user.id, next);
    // The log keeps every change, for the same reason.
    app.audit({ event: 'alerts.changed', userId: user.id, ip: app.clientIp(ctx.req), details: next });
    ctx.body = view(user);
  });

  return router;
}
