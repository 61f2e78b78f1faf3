// Recovery codes: the signed-in person makes a set (shown once) and sees how many are left; a code signs
// them in to their account, where they add a passkey in place of the one they lost.
import Router from '@koa/router';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { currentSession, isFresh, requireSession } from './sessionCookie.ts';
import { signInToAccount } from './signInCompletion.ts';
import { publicUser } from './accountRoutes.ts';
import { createRecoveryCodes, DisabledAccountError, redeemRecoveryCode } from '../auth/recoveryCodes.ts';
import { recoveryCodeStatus } from '../db/recoveryCodes.ts';
import { GatehouseError } from '../model/errors.ts';

const PATH = '/api/account/recovery-codes';

export function recoveryCodeRoutes(app: AppContext): Router {
  const router = new Router();
  router.use([PATH, '/api/session/recovery-code'], async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });

  router.get(PATH, (ctx) => {
    const { user } = requireSession(app, ctx);
    ctx.body = recoveryCodeStatus(app.db, user.id);
  });

  router.post(PATH, (ctx) => {
    const { user, session } = requireSession(app, ctx);
    // Like adding a passkey: a stolen session (or a recovery code) alone must not mint codes that outlive it.
    if (!isFresh(app, session))
      throw new GatehouseError('reauthentication_required', 'Confirm it is you with one of your passkeys before creating recovery codes.');
    const { codes, replaced, createdAt } = createRecoveryCodes(app.db, app.clock, app.sealer, user.id);
    app.audit({ event: 'recovery_codes.created', userId: user.id, ip: app.clientIp(ctx.req), details: { replaced } });
    ctx.status = 201;
    ctx.body = { codes, replaced, createdAt };
  });

  router.post('/api/session/recovery-code', async (ctx) => {
    const ip = app.clientIp(ctx.req);
    // Every try counts, right or wrong: 80 random bits are not guessed, and a flood is still slowed.
    app.rateLimiter.take('recoveryCode', ip);
    const { code } = await readJson(ctx);
    if (typeof code !== 'string') throw new GatehouseError('invalid_input', 'Enter one of your recovery codes.', { field: 'code' });
    const current = currentSession(app, ctx);
    const signedInWithPasskey = current?.session.authMethod === 'passkey' ? current.user.id : undefined;
    try {
      const { user, remaining, spent } = redeemRecoveryCode(app.db, app.clock, app.sealer, code, ip, signedInWithPasskey);
      // Already signed in here with a passkey: the code stays unused and the session keeps what it may do.
      if (spent) {
        signInToAccount(app, ctx, user, 'recovery_code');
        app.audit({ event: 'recovery_code.used', userId: user.id, ip, details: { remaining } });
        app.audit({ event: 'sign_in.succeeded', userId: user.id, ip, details: { method: 'recovery_code', to: 'account' } });
      }
      ctx.body = { user: publicUser(app.db, user), remaining };
    } catch (error) {
      if (error instanceof GatehouseError) {
        const userId = error instanceof DisabledAccountError ? error.userId : undefined;
        app.audit({ event: 'sign_in.failed', userId, ip, details: { method: 'recovery_code', reason: error.code, to: 'account' } });
      }
      throw error;
    }
  });

  return router;
}
