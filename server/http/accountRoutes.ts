// The signed-in person's own API: their session, one-time links, and their passkeys.
import Router from '@koa/router';
import { z } from 'zod';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { endBrowserSession, isFresh, markSessionFresh, mayAddPasskey, requireSession } from './sessionCookie.ts';
import { requestOrigin, signInToAccount } from './signInCompletion.ts';
import { finishPasskeyRegistration, finishPasskeySignIn, startPasskeyRegistration, startPasskeySignIn } from '../auth/passkeys.ts';
import { inspectLink, redeemLink } from '../auth/oneTimeLinks.ts';
import { notePasskeyAdded } from '../auth/signInAlerts.ts';
import { emailSignInCodesOn } from '../auth/emailCodes.ts';
import { deletePasskey, listPasskeys, renamePasskey } from '../db/passkeys.ts';
import { nameOf, type User } from '../db/users.ts';
import type { Db } from '../db/database.ts';
import { pictureUrlOf } from '../admin/profilePictures.ts';
import { GatehouseError } from '../model/errors.ts';

const passkeyNameSchema = z.string().trim().min(1, 'Give the passkey a name.').max(60, 'Keep the name under 60 characters.');

/** A person as the account's sign-ins answer with them. */
export const publicUser = (db: Db, user: User) => ({
  id: user.id,
  username: user.username,
  displayName: nameOf(user),
  givenName: user.givenName,
  familyName: user.familyName,
  email: user.email,
  isAdmin: user.isAdmin,
  pictureUrl: pictureUrlOf(db, user.id),
});

export function accountRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api' });
  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });

  router.get('/branding', (ctx) => {
    const { instanceName, logo } = app.settings();
    // Offered only when it can work: switched on and a mail server set up.
    ctx.body = { instanceName, logo, emailSignInCodes: emailSignInCodesOn(app) };
  });

  router.get('/session', (ctx) => {
    const { user, session } = requireSession(app, ctx);
    ctx.body = { user: publicUser(app.db, user), authMethod: session.authMethod, fresh: isFresh(app, session), passkeys: listPasskeys(app.db, user.id).length };
  });

  router.delete('/session', async (ctx) => {
    endBrowserSession(app, ctx);
    // Also end the provider's single sign-on session, so apps ask for the passkey again.
    const providerSession = await app.provider().Session.get(ctx);
    if (providerSession.accountId) {
      const notices = app.backchannelLogout.noticesOfSession(providerSession);
      await providerSession.destroy();
      app.backchannelLogout.send(notices);
    }
    ctx.status = 204;
  });

  router.post('/session/passkey/options', async (ctx) => {
    app.rateLimiter.take('passkey', app.clientIp(ctx.req));
    ctx.body = await startPasskeySignIn(app);
  });

  router.post('/session/passkey/verify', async (ctx) => {
    app.rateLimiter.take('passkey', app.clientIp(ctx.req));
    const body = await readJson(ctx);
    const ip = app.clientIp(ctx.req);
    try {
      const { user, passkey } = await finishPasskeySignIn(app, body.ceremonyId, body.response);
      signInToAccount(app, ctx, user, 'passkey');
      app.audit({ event: 'sign_in.succeeded', userId: user.id, ip, details: { method: 'passkey', passkey: passkey.name, to: 'account' } });
      ctx.body = { user: publicUser(app.db, user) };
    } catch (error) {
      if (error instanceof GatehouseError) app.audit({ event: 'sign_in.failed', ip, details: { method: 'passkey', reason: error.code, to: 'account' } });
      throw error;
    }
  });

  router.get('/links/:token', (ctx) => {
    app.rateLimiter.take('oneTimeLink', app.clientIp(ctx.req));
    const link = inspectLink(app.db, app.clock, ctx.params.token);
    if (!link) throw new GatehouseError('link_invalid', 'This link is invalid, expired or already used. Ask for a new one.');
    ctx.body = { kind: link.kind, expiresAt: link.expiresAt, username: link.user?.username ?? null, instanceName: app.instanceName };
  });

  router.post('/links/redeem', async (ctx) => {
    app.rateLimiter.take('oneTimeLink', app.clientIp(ctx.req));
    const body = await readJson(ctx);
    if (typeof body.token !== 'string')
      throw new GatehouseError('link_invalid', 'This link is incomplete. Copy the whole link and try again.', { secondStatus: true });
    const user = redeemLink(app.db, app.clock, app.audit, body.token, body.profile, app.clientIp(ctx.req));
    signInToAccount(app, ctx, user, 'one_time_link');
    ctx.body = { user: publicUser(app.db, user) };
  });

  router.get('/account/passkeys', (ctx) => {
    const { user } = requireSession(app, ctx);
    ctx.body = {
      passkeys: listPasskeys(app.db, user.id).map((p) => ({
        id: p.id,
        name: p.name,
        createdAt: p.createdAt,
        lastUsedAt: p.lastUsedAt,
        synced: p.backedUp,
      })),
    };
  });

  router.post('/account/passkeys/options', async (ctx) => {
    const { user, session } = requireSession(app, ctx);
    if (!mayAddPasskey(app, session, listPasskeys(app.db, user.id).length))
      throw new GatehouseError('reauthentication_required', 'Confirm it is you with one of your passkeys before adding another.');
    ctx.body = await startPasskeyRegistration(app, user);
  });

  router.post('/account/passkeys', async (ctx) => {
    const { user, session } = requireSession(app, ctx);
    if (!mayAddPasskey(app, session, listPasskeys(app.db, user.id).length))
      throw new GatehouseError('reauthentication_required', 'Confirm it is you with one of your passkeys before adding another.');
    const body = await readJson(ctx);
    const name =
      body.name === undefined || body.name === '' ? defaultPasskeyName(listPasskeys(app.db, user.id).map((p) => p.name)) : passkeyNameSchema.parse(body.name);
    const passkey = await finishPasskeyRegistration(app, user, body.ceremonyId, body.response, name);
    app.audit({ event: 'passkey.added', userId: user.id, ip: app.clientIp(ctx.req), details: { name } });
    notePasskeyAdded(app, user, passkey.name, requestOrigin(app, ctx));
    // Registering it proved this person holds a passkey, with user verification: from now on this is a
    // passkey session, so the first-run owner (setup link) and the recovering one (recovery code) go on to the
    // console and their apps without signing in again.
    markSessionFresh(app, ctx);
    ctx.status = 201;
    ctx.body = { passkey: { id: passkey.id, name: passkey.name, createdAt: passkey.createdAt, lastUsedAt: null, synced: passkey.backedUp } };
  });

  router.patch('/account/passkeys/:id', async (ctx) => {
    const { user } = requireSession(app, ctx);
    const body = await readJson(ctx);
    const name = passkeyNameSchema.parse(body.name);
    if (!renamePasskey(app.db, user.id, ctx.params.id, name))
      throw new GatehouseError('not_found', 'That passkey does not exist (it may have been removed already).');
    app.audit({ event: 'passkey.renamed', userId: user.id, ip: app.clientIp(ctx.req), details: { name } });
    ctx.status = 204;
  });

  router.delete('/account/passkeys/:id', (ctx) => {
    const { user } = requireSession(app, ctx);
    const passkey = listPasskeys(app.db, user.id).find((p) => p.id === ctx.params.id);
    if (!passkey || !deletePasskey(app.db, user.id, passkey.id))
      throw new GatehouseError('not_found', 'That passkey does not exist (it may have been removed already).');
    app.audit({ event: 'passkey.removed', userId: user.id, ip: app.clientIp(ctx.req), details: { name: passkey.name } });
    ctx.status = 204;
  });

  return router;
}

/** "Passkey N" with the first N no passkey of this person uses yet. */
function defaultPasskeyName(taken: string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`Passkey ${n}`)) n++;
  return `Passkey ${n}`;
}
