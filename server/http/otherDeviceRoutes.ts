// Signing in with another device, over HTTP. The waiting browser starts a request, waits for it and
// finishes it, at an app's sign-in (/interaction/:uid/other-device…) or the account's
// (/api/session/other-device…). The approving browser looks the code up, then approves (with a passkey,
// or its own fresh session) or denies, at /api/other-device/…; it is not signed in by approving.
import Router from '@koa/router';
import type { Context } from 'koa';
import { publicUser } from './accountRoutes.ts';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { currentSession, isFresh } from './sessionCookie.ts';
import { loginInteractionOf, signInToAccount, signInToInteraction } from './signInCompletion.ts';
import { browserParts } from '../auth/browserNames.ts';
import {
  approverOf,
  awaitDecision,
  decideRequest,
  finishRequest,
  onRequestersNetwork,
  pendingRequest,
  requestByCode,
  startOtherDeviceRequest,
  waitingBrowsersRequest,
  waitStatus,
} from '../auth/otherDeviceSignIn.ts';
import { finishPasskeySignIn, startPasskeySignIn } from '../auth/passkeys.ts';
import { addressKey } from '../auth/rateLimits.ts';
import { RecentKeys } from '../auth/recentKeys.ts';
import { getClient } from '../db/clients.ts';
import type { OtherDeviceRequest } from '../db/otherDeviceRequests.ts';
import { nameOf, type User } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import { displayUserCode } from '../model/userCodes.ts';
import { qrCodeSvg } from '../pages/qrCode.ts';

/** The page where a code is approved. */
const APPROVE_PATH = '/approve';
/** How long one wait is held; the page waits again after it (under the 30 s timeouts common at proxies). */
const WAIT_MS = 25_000;
/** Someone guessing codes is one audit event per address a minute (the rate limit keeps the guesses few anyway). */
const WRONG_CODE_AUDIT_MS = 60 * 1000;

export function otherDeviceRoutes(app: AppContext): Router {
  const router = new Router();
  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });

  /** An app's sign-in: the interaction this browser is at, when signing in is its step. */
  const interactionAt = async (ctx: Context) => {
    const interaction = await loginInteractionOf(app, ctx);
    if (interaction.uid !== ctx.params.uid)
      throw new GatehouseError('interaction_expired', 'This sign-in page does not match your browser session. Start signing in again from the app.');
    return interaction;
  };

  const start = async (ctx: Context, interaction: { uid: string; clientId: string } | null) => {
    await readJson(ctx);
    const ip = app.clientIp(ctx.req);
    app.rateLimiter.take('otherDeviceRequest', ip);
    const started = startOtherDeviceRequest(app, { interaction, ip, userAgent: ctx.get('user-agent') });
    const approveUrl = new URL(APPROVE_PATH, app.issuer);
    approveUrl.searchParams.set('code', started.code);
    ctx.status = 201;
    ctx.body = {
      id: started.id,
      code: displayUserCode(started.code),
      approveUrl: approveUrl.href,
      qrSvg: await qrCodeSvg(approveUrl.href),
      expiresAt: started.expiresAt,
      waitSecret: started.waitSecret,
    };
  };

  /** The waiting browser's own request, which must belong to the sign-in it asks from. */
  const ownRequest = async (ctx: Context, interactionUid: string | null) => {
    const body = await readJson(ctx);
    return waitingBrowsersRequest(app, { id: ctx.params.id, waitSecret: body.waitSecret, interactionUid, ip: app.clientIp(ctx.req) });
  };

  const wait = async (ctx: Context, interactionUid: string | null) => {
    const request = await ownRequest(ctx, interactionUid);
    // The browser went away: stop holding for it. It may have gone while its body was read, before
    // anyone listened (the request itself is destroyed once read: the response says whether it is gone).
    const gone = new AbortController();
    ctx.res.once('close', () => gone.abort());
    if (ctx.res.destroyed || ctx.res.writableEnded) gone.abort();
    const current = await awaitDecision(app, request, { ip: app.clientIp(ctx.req), maxMs: WAIT_MS, signal: gone.signal });
    const approver = approverOf(app, current);
    ctx.body = {
      status: waitStatus(current),
      expiresAt: current.expiresAt,
      ...(approver && { approvedBy: { username: approver.username, displayName: nameOf(approver) } }),
    };
  };

  router.post('/interaction/:uid/other-device', async (ctx) => {
    const interaction = await interactionAt(ctx);
    await start(ctx, { uid: interaction.uid, clientId: interaction.params.client_id as string });
  });
  router.post('/interaction/:uid/other-device/:id/wait', (ctx) => wait(ctx, ctx.params.uid!));
  router.post('/interaction/:uid/other-device/:id/finish', async (ctx) => {
    const interaction = await interactionAt(ctx);
    const request = await ownRequest(ctx, interaction.uid);
    const user = finishRequest(app, request);
    await signInToInteraction(app, ctx, user, 'other_device', ['mca']);
    app.audit({ event: 'sign_in.succeeded', userId: user.id, clientId: request.clientId, ip: app.clientIp(ctx.req), details: signedInDetails(request) });
  });

  router.post('/api/session/other-device', (ctx) => start(ctx, null));
  router.post('/api/session/other-device/:id/wait', (ctx) => wait(ctx, null));
  router.post('/api/session/other-device/:id/finish', async (ctx) => {
    const request = await ownRequest(ctx, null);
    const user = finishRequest(app, request);
    signInToAccount(app, ctx, user, 'other_device');
    app.audit({ event: 'sign_in.succeeded', userId: user.id, ip: app.clientIp(ctx.req), details: { ...signedInDetails(request), to: 'account' } });
    ctx.body = { user: publicUser(app.db, user) };
  });

  const wrongCodes = new RecentKeys();

  /** A code typed on the approving device; every look-up takes from the bucket, so guessing is slow. */
  const codeEntered = async (ctx: Context) => {
    const body = await readJson(ctx);
    const ip = app.clientIp(ctx.req);
    app.rateLimiter.take('otherDeviceCode', ip);
    const found = requestByCode(app, body.code, ip);
    // Never the code itself: it may be one of someone's, mistyped.
    if (!found && wrongCodes.firstIn(addressKey(ip), app.clock(), WRONG_CODE_AUDIT_MS)) app.audit({ event: 'other_device.code_failed', ip });
    return { body, request: pendingRequest(found) };
  };

  router.post('/api/other-device/lookup', async (ctx) => {
    const { request } = await codeEntered(ctx);
    const signedIn = currentSession(app, ctx);
    const client = request.clientId ? getClient(app.db, request.clientId) : undefined;
    ctx.body = {
      app: request.clientId ? { name: client?.name ?? request.clientId } : null,
      // The page words them in its language.
      ...browserParts(request.requesterUserAgent),
      ip: request.requesterIp,
      sameNetwork: onRequestersNetwork(request, app.clientIp(ctx.req)),
      requestedAt: request.createdAt,
      expiresAt: request.expiresAt,
      signedInAs: signedIn ? { username: signedIn.user.username, displayName: nameOf(signedIn.user), fresh: isFresh(app, signedIn.session) } : null,
    };
  });

  // The code is looked up when approving, not here: asking for a passkey challenge tells nothing about codes.
  router.post('/api/other-device/approve/options', async (ctx) => {
    await readJson(ctx);
    app.rateLimiter.take('passkey', app.clientIp(ctx.req));
    ctx.body = await startPasskeySignIn(app);
  });

  router.post('/api/other-device/approve', async (ctx) => {
    const { body, request } = await codeEntered(ctx);
    const ip = app.clientIp(ctx.req);
    decideRequest(app, request, 'approved', { approver: await approver(ctx, body, request), ip });
    ctx.body = { approved: true };
  });

  router.post('/api/other-device/deny', async (ctx) => {
    const { request } = await codeEntered(ctx);
    decideRequest(app, request, 'denied', { approver: currentSession(app, ctx)?.user ?? null, ip: app.clientIp(ctx.req) });
    ctx.body = { denied: true };
  });

  /** Who approves: the passkey's person when an assertion came, else this browser's freshly signed-in person. */
  const approver = async (ctx: Context, body: Record<string, unknown>, request: OtherDeviceRequest): Promise<User> => {
    const ip = app.clientIp(ctx.req);
    if (body.response !== undefined) {
      app.rateLimiter.take('passkey', ip);
      try {
        return (await finishPasskeySignIn(app, body.ceremonyId, body.response)).user;
      } catch (error) {
        if (error instanceof GatehouseError)
          app.audit({ event: 'sign_in.failed', clientId: request.clientId, ip, details: { method: 'passkey', reason: error.code, to: 'approve' } });
        throw error;
      }
    }
    const signedIn = currentSession(app, ctx);
    if (!signedIn) throw new GatehouseError('not_signed_in', 'This browser is not signed in. Approve with your passkey.');
    if (!isFresh(app, signedIn.session))
      throw new GatehouseError('reauthentication_required', 'Confirm it is you with your passkey to approve a sign-in on another device.');
    return signedIn.user;
  };

  return router;
}

const signedInDetails = (request: OtherDeviceRequest) => ({ method: 'other_device', requestId: request.id, approvedFromIp: request.decidedIp });
