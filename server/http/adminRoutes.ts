// The admin API over HTTP: POST /api/admin/<operation> with a JSON body. A caller is an admin signed
// in with a passkey here (cookie; JSON bodies and the Origin check keep other sites out) or an API key.
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Actor } from '../admin/adminOperation.ts';
import { runAdminOperation } from '../admin/adminApi.ts';
import { MAX_PICTURE_BODY_BYTES } from '../admin/profilePictures.ts';
import { useApiKey } from '../db/apiKeys.ts';
import { GatehouseError } from '../model/errors.ts';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { isFresh, requireSession } from './sessionCookie.ts';

/** Operations that need the admin to have proved it is them in the last minutes, not just a session. */
const FRESH_SIGN_IN_REQUIRED = new Set(['apiKeys.create']);

/** Room for a logo (settings.update), read only once the caller is known to be an admin. */
const MAX_ADMIN_BODY_BYTES = 128 * 1024;
/** Operations that take more: a profile picture as uploaded (the server shrinks it). */
const LARGER_BODIES = new Map([['users.setPicture', MAX_PICTURE_BODY_BYTES]]);

function callerOf(app: AppContext, ctx: Context, operation: string): Actor {
  const ip = app.clientIp(ctx.req);
  const authorization = ctx.get('authorization');
  if (authorization) {
    const [scheme, key] = authorization.split(' ');
    const keyId = scheme?.toLowerCase() === 'bearer' && key ? useApiKey(app.db, app.clock, key) : undefined;
    if (!keyId)
      throw new GatehouseError('invalid_api_key', 'This API key is not valid: it may be mistyped, expired or revoked. Create a new one in the admin console.');
    return { kind: 'api_key', keyId, ip };
  }
  const { user, session } = requireSession(app, ctx);
  if (!user.isAdmin) throw new GatehouseError('forbidden', 'Only admins can do this. Ask an admin of this Gatehouse.');
  // The console changes everyone's access: a link, a code (recovery or emailed) or another device's
  // approval gets a person to their account, never to the console; only a passkey here does.
  if (session.authMethod !== 'passkey') {
    throw new GatehouseError(
      'reauthentication_required',
      'Confirm it is you with your passkey to use the console. Lost it? Sign in with a recovery code on your account page and add a new one.',
    );
  }
  if (FRESH_SIGN_IN_REQUIRED.has(operation) && !isFresh(app, session)) {
    throw new GatehouseError('reauthentication_required', 'Confirm it is you with your passkey first.');
  }
  return { kind: 'admin', userId: user.id, ip };
}

export function adminRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api/admin' });
  router.post('/:operation', async (ctx) => {
    const actor = callerOf(app, ctx, ctx.params.operation);
    const input = await readJson(ctx, LARGER_BODIES.get(ctx.params.operation) ?? MAX_ADMIN_BODY_BYTES);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = (await runAdminOperation(app.admin(actor), ctx.params.operation, input)) ?? {};
  });
  return router;
}
