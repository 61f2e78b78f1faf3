// Signing in with a code sent by email, at an app's sign-in page (/interaction/:uid/email-code) and at the
// account's (/api/session/email-code). Offered only when the owner switched it on and mail is set up.
// Asking always gets the same answer, sent before anything is looked up, so neither the answer nor its
// timing tells whether an address belongs to anyone.
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { publicUser } from './accountRoutes.ts';
import type { AppContext } from './appContext.ts';
import { issuerCookieName, issuerCookieOptions } from './issuerCookie.ts';
import { readJson } from './json.ts';
import { loginInteractionOf, signInToAccount, signInToInteraction } from './signInCompletion.ts';
import { browserParts } from '../auth/browserNames.ts';
import {
  browserBindingHash,
  EMAIL_CODE_TTL_MS,
  emailSignInCodesOn,
  mailSignInCode,
  newBrowserNonce,
  redeemEmailCode,
  takeForAddress,
} from '../auth/emailCodes.ts';
import { liveSignInCodeFor } from '../db/emailCodes.ts';
import { getUser, type User } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import { emailSchema, sameEmailAddress } from '../model/fields.ts';
import { requestLook } from '../pages/pages.ts';

export const EMAIL_CODE_ASKED = `If that address belongs to someone here, a code is on its way. It works for ${EMAIL_CODE_TTL_MS / 60_000} minutes.`;

const verifySchema = z.object({ email: emailSchema, code: z.string().max(32, 'must be the eight digits from the email') });
const askSchema = verifySchema.pick({ email: true });

/** The cookie that binds a sign-in code to the browser that asked for it. */
const nonceCookie = (app: AppContext) => issuerCookieName(app, 'gatehouse_email_code');

function setNonceCookie(app: AppContext, ctx: Context, nonce: string, expiresAt: number): void {
  ctx.cookies.set(nonceCookie(app), nonce, issuerCookieOptions(app, expiresAt));
}

export function emailCodeRoutes(app: AppContext): Router {
  const router = new Router();

  const requireOn = () => {
    if (!emailSignInCodesOn(app))
      throw new GatehouseError(
        'email_codes_off',
        'Signing in with a code by email is not switched on here. Sign in with your passkey, or ask the owner for a sign-in link.',
      );
  };

  const ask = async (ctx: Context, interactionUid: string | null) => {
    requireOn();
    const ip = app.clientIp(ctx.req);
    app.rateLimiter.take('emailCode', ip);
    const { email } = askSchema.parse(await readJson(ctx));
    takeForAddress(app.rateLimiter, email);
    // Set for every address, known or not, so the answer is the same.
    const nonce = newBrowserNonce();
    setNonceCookie(app, ctx, nonce, app.clock() + EMAIL_CODE_TTL_MS);
    const binding = { browserHash: browserBindingHash(app.sealer, nonce), interactionUid };
    // Written in the language of the page that asked: the person reads it now.
    const requester = { ip, browser: browserParts(ctx.get('user-agent')), language: requestLook(ctx.headers).language };
    // After the answer is on its way: looking the address up and sending take time only for a known one.
    setImmediate(() => {
      mailSignInCode(app, email, requester, binding).catch((error: Error) => app.logger.error({ event: 'email_code.failed', message: error.message }));
    });
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 202;
    ctx.body = { message: EMAIL_CODE_ASKED };
  };

  /** The person whose code this is, or a refusal that says the same for every wrong, used, expired or misplaced code. */
  const verify = async (ctx: Context, interactionUid: string | null, clientId: string | null): Promise<User> => {
    requireOn();
    const ip = app.clientIp(ctx.req);
    app.rateLimiter.take('emailCode', ip);
    const { email, code } = verifySchema.parse(await readJson(ctx));
    const to = clientId ? {} : { to: 'account' };
    const failed = (userId: string | null, reason: string) =>
      app.audit({ event: 'sign_in.failed', userId, clientId, ip, details: { method: 'email_code', reason, ...to } });
    const stored = liveSignInCodeFor(app.db, app.clock, email);
    // A browser without the cookie gets a nonce nobody has, so its try costs the same and fails.
    const browserHash = browserBindingHash(app.sealer, ctx.cookies.get(nonceCookie(app)) ?? newBrowserNonce());
    const redeemed = redeemEmailCode(app, stored, { code, bucketKey: email.toLowerCase(), browserHash, interactionUid });
    const user = redeemed ? getUser(app.db, stored!.userId) : undefined;
    // The address may have changed or lost its confirmation since the code was sent.
    if (!user || !sameEmailAddress(user.email, stored!.email) || !user.emailVerified) {
      failed(stored?.userId ?? null, 'email_code_invalid');
      throw new GatehouseError('email_code_invalid', 'That code is not right, or it has expired or been used. Check the newest email, or ask for a new code.', {
        field: 'code',
      });
    }
    if (user.disabled) {
      failed(user.id, 'account_disabled');
      throw new GatehouseError('account_disabled', 'This account is disabled. Ask the Gatehouse owner to enable it.', { secondStatus: true });
    }
    setNonceCookie(app, ctx, '', 0);
    app.audit({ event: 'email_code.used', userId: user.id, ip, details: { purpose: 'sign_in' } });
    app.audit({ event: 'sign_in.succeeded', userId: user.id, clientId, ip, details: { method: 'email_code', ...to } });
    return user;
  };

  router.post('/interaction/:uid/email-code', async (ctx) => {
    const interaction = await loginInteractionOf(app, ctx);
    await ask(ctx, interaction.uid);
  });

  router.post('/interaction/:uid/email-code/verify', async (ctx) => {
    const interaction = await loginInteractionOf(app, ctx);
    const user = await verify(ctx, interaction.uid, interaction.params.client_id as string);
    await signInToInteraction(app, ctx, user, 'email_code', ['otp']);
  });

  router.post('/api/session/email-code', (ctx) => ask(ctx, null));

  router.post('/api/session/email-code/verify', async (ctx) => {
    const user = await verify(ctx, null, null);
    signInToAccount(app, ctx, user, 'email_code');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { user: publicUser(app.db, user) };
  });

  return router;
}
