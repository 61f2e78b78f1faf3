// A person's own email address in the account portal: changing it, or confirming the current one, with a
// code sent to the address itself. Only a confirmed address is marked verified for apps, and only a fresh
// passkey sign-in may ask for a new one (a stolen session alone cannot move the account's mail elsewhere).
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { currentSessionHash, isFresh, requireSession } from './sessionCookie.ts';
import { browserBindingHash, mailEmailChanged, mailEmailConfirmation, redeemEmailCode, takeForAddress } from '../auth/emailCodes.ts';
import { liveEmailCodeOf, voidEmailCodes } from '../db/emailCodes.ts';
import { findUserByEmail, getUser, updateUser, type User } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import { mailFailureForPeople } from '../mail/failureForPeople.ts';
import { emailSchema, sameEmailAddress } from '../model/fields.ts';

const changeSchema = z.object({ email: emailSchema });
const confirmSchema = z.object({ code: z.string().max(32, 'must be the eight digits from the email') });

export function emailChangeRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api/account/email' });

  const accountEmail = (user: User) => {
    const pending = liveEmailCodeOf(app.db, app.clock, user.id, 'email_change');
    return {
      email: user.email,
      verified: user.emailVerified,
      mailConfigured: app.mailer.isConfigured(),
      managedBy: user.source === 'provision' ? 'provisioning' : null,
      pending: pending ? { email: pending.email, expiresAt: pending.expiresAt } : null,
    };
  };

  /** The signed-in person, when this page may change their address at all. */
  const changeable = (ctx: Context) => {
    const signedIn = requireSession(app, ctx);
    if (signedIn.user.source === 'provision')
      throw new GatehouseError(
        'email_provisioned',
        "Your email address comes from this Gatehouse's provisioning file, so it is changed there, not here. Ask the owner of this Gatehouse to change it.",
      );
    if (!app.mailer.isConfigured())
      throw new GatehouseError('email_not_configured', "This Gatehouse can't send email, so it can't confirm an address. Ask an admin to change it for you.");
    return signedIn;
  };

  /** What binds a change's code to this browser: its session, so another signed-in browser cannot confirm it. */
  const sessionBinding = (ctx: Context) => ({ browserHash: browserBindingHash(app.sealer, `session:${currentSessionHash(app, ctx)}`), interactionUid: null });

  const noStore = async (ctx: Context, next: () => Promise<unknown>) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  };

  router.get('/', noStore, (ctx) => {
    ctx.body = accountEmail(requireSession(app, ctx).user);
  });

  router.post('/', noStore, async (ctx) => {
    const { user, session } = changeable(ctx);
    if (!isFresh(app, session))
      throw new GatehouseError('reauthentication_required', 'Confirm it is you with your passkey before changing your email address.');
    const ip = app.clientIp(ctx.req);
    app.rateLimiter.take('emailCode', ip);
    const { email } = changeSchema.parse(await readJson(ctx));
    if (sameEmailAddress(email, user.email) && user.emailVerified)
      throw new GatehouseError('invalid_input', 'That is already your address, and it is confirmed.', { field: 'email' });
    // Before the look-up, so asking about addresses one after another is limited like sending to them.
    takeForAddress(app.rateLimiter, email);
    const owner = findUserByEmail(app.db, email);
    if (owner && owner.id !== user.id)
      throw new GatehouseError('email_taken', 'Someone else here already uses that address. Each person needs an address of their own.', { field: 'email' });
    const { outcome, expiresAt } = await mailEmailConfirmation(app, user, email, ip, sessionBinding(ctx));
    // The person sees a sentence for them; the admin's (server, port, its reply) is in the audit log.
    if (!outcome.sent) throw new GatehouseError('email_not_sent', `The code could not be sent to ${email}. ${mailFailureForPeople(outcome.code)}`);
    app.audit({ event: 'email.change_requested', userId: user.id, ip, details: { email, current: sameEmailAddress(email, user.email) } });
    ctx.status = 202;
    ctx.body = { ...accountEmail(user), pending: { email, expiresAt } };
  });

  router.post('/confirm', noStore, async (ctx) => {
    const { user } = changeable(ctx);
    const ip = app.clientIp(ctx.req);
    app.rateLimiter.take('emailCode', ip);
    const { code } = confirmSchema.parse(await readJson(ctx));
    const stored = liveEmailCodeOf(app.db, app.clock, user.id, 'email_change');
    if (!redeemEmailCode(app, stored, { code, bucketKey: `account:${user.id}`, ...sessionBinding(ctx) })) {
      app.audit({ event: 'email.change_failed', userId: user.id, ip, details: { reason: 'email_code_invalid' } });
      throw new GatehouseError('email_code_invalid', 'That code is not right, or it has expired. Check the newest email, or send a new code.', {
        field: 'code',
      });
    }
    const email = stored!.email;
    const changed = app.db.transaction(() => {
      const owner = findUserByEmail(app.db, email);
      if (owner && owner.id !== user.id) return undefined;
      // Read again inside the transaction: an admin may have edited the person since the session was read.
      const current = getUser(app.db, user.id)!;
      // Sign-in codes went to the old address: none of them works after the change.
      voidEmailCodes(app.db, user.id, 'sign_in');
      return updateUser(app.db, app.clock, user.id, { ...current, email, emailVerified: true });
    })();
    if (!changed) {
      app.audit({ event: 'email.change_failed', userId: user.id, ip, details: { reason: 'email_taken' } });
      throw new GatehouseError('email_taken', 'Someone else here started using that address in the meantime. Each person needs an address of their own.', {
        field: 'code',
      });
    }
    const previous = sameEmailAddress(user.email, email) ? null : user.email;
    app.audit({ event: 'email.changed', userId: user.id, ip, details: { email, previous } });
    // The old address hears of it, so a change the person did not make does not go unnoticed.
    if (previous && user.emailVerified)
      mailEmailChanged(app, changed, previous).catch((error: Error) => app.logger.error({ event: 'email.change_notice_failed', message: error.message }));
    ctx.body = accountEmail(changed);
  });

  return router;
}
