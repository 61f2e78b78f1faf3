// How a verified sign-in ends, whatever proved it (a passkey here, another device's approval, an
// emailed code): at an app's sign-in page it finishes the OIDC interaction; at the account or console
// sign-in it starts (or refreshes) the Gatehouse browser session.
import type { Context } from 'koa';
import type { InteractionResults } from 'oidc-provider';
import type { AppContext } from './appContext.ts';
import { currentSession, markSessionFresh, startBrowserSession } from './sessionCookie.ts';
import { noteSignIn } from '../auth/signInAlerts.ts';
import type { AuthMethod } from '../db/browserSessions.ts';
import { setUserLanguage, type User } from '../db/users.ts';
import { requestLook } from '../pages/pages.ts';
import { GatehouseError } from '../model/errors.ts';

/** The provider's interaction for this request, or a sentence saying the page expired. */
export async function interactionOf(app: AppContext, ctx: Context) {
  try {
    return await app.provider().interactionDetails(ctx.req, ctx.res);
  } catch {
    throw new GatehouseError('interaction_expired', 'This sign-in page has expired. Go back to the app and start signing in again.');
  }
}

/** The interaction, when signing in is its current step. */
export async function loginInteractionOf(app: AppContext, ctx: Context) {
  const interaction = await interactionOf(app, ctx);
  if (interaction.prompt.name !== 'login') throw new GatehouseError('wrong_step', 'Sign-in is not the current step of this request. Reload the page.');
  return interaction;
}

/** Ends the interaction with a result; the page follows redirectTo back into the provider. */
export async function finishInteraction(app: AppContext, ctx: Context, result: InteractionResults): Promise<void> {
  const redirectTo = await app.provider().interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { redirectTo };
}

/**
 * Signs the person in to the app whose interaction this is, and to Gatehouse in this browser.
 * amr follows RFC 8176: 'hwk'/'swk' and 'user' for a passkey here, 'mca' for another device's approval,
 * 'otp' for an emailed code.
 */
export async function signInToInteraction(app: AppContext, ctx: Context, user: User, method: AuthMethod, amr: string[]): Promise<void> {
  startBrowserSession(app, ctx, user.id, method);
  noteSignIn(app, rememberLanguage(app, ctx, user), method, requestOrigin(app, ctx));
  await finishInteraction(app, ctx, { login: { accountId: user.id, amr, remember: true, ts: Math.floor(app.clock() / 1000) } });
}

/** Signs the person in to their account in this browser; a passkey check inside their own session only refreshes it. */
export function signInToAccount(app: AppContext, ctx: Context, user: User, method: AuthMethod): void {
  const existing = currentSession(app, ctx);
  if (existing?.user.id === user.id && method === 'passkey') markSessionFresh(app, ctx);
  else startBrowserSession(app, ctx, user.id, method);
  noteSignIn(app, rememberLanguage(app, ctx, user), method, requestOrigin(app, ctx));
}

/** The language the person signs in with is the one their emails use from now on (the alert about this sign-in too). */
function rememberLanguage(app: AppContext, ctx: Context, user: User): User {
  const { language } = requestLook(ctx.headers);
  if (user.language !== language) setUserLanguage(app.db, user.id, language);
  return { ...user, language };
}

/** Where the request came from, for the alerts that tell the person about it. */
export const requestOrigin = (app: AppContext, ctx: Context) => ({ ip: app.clientIp(ctx.req), userAgent: ctx.get('user-agent') || undefined });
