// The device authorization grant (RFC 8628) for TVs and command lines. oidc-provider runs the grant;
// this gives it Gatehouse's pages, the device's real address, short-lived codes, a code pre-filled
// from verification_uri_complete without the provider's self-submitting (scripted) form, a rate
// limit on entering codes, and a poll interval (devicePolling.ts).
import type { IncomingMessage } from 'node:http';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { RateLimiter } from '../auth/rateLimits.ts';
import { getClient } from '../db/clients.ts';
import type { Db } from '../db/database.ts';
import { ERROR_STATUS } from '../model/errorCodes.ts';
import { GatehouseError } from '../model/errors.ts';
import { USER_CODE_MASK } from '../model/userCodes.ts';
import {
  codeEntryPage,
  confirmPage,
  DEVICE_PAGE_STYLE,
  type DevicePage,
  type DeviceProblem,
  deniedPage,
  rateLimitedPage,
  signedInPage,
} from '../pages/devicePages.ts';
import { errorSentence } from '../pages/errorSentences.ts';
import { type PageBrand, renderPage, requestLook } from '../pages/pages.ts';
import { qrCodeSvg } from '../pages/qrCode.ts';
import type { DevicePolls } from './devicePolling.ts';

type DeviceFlow = NonNullable<NonNullable<Configuration['features']>['deviceFlow']>;

/** The provider's verification route (its default), where a person enters a device's code. */
export const VERIFICATION_PATH = '/device';
/** The provider's device authorization endpoint, where a device asks for its codes. */
const DEVICE_AUTHORIZATION_PATH = '/device/auth';
/** Seconds a device's code stays valid: long enough to find a phone, short enough to guess nothing. */
export const DEVICE_CODE_TTL = 10 * 60;
/** Stored with the code: a device's user agent is its own to choose, so it is cut to a readable length. */
const MAX_USER_AGENT = 200;

/** verification_uri_complete of a code, as the provider builds it (the issuer's /device?user_code=…). */
export function verificationUriComplete(issuer: string, userCode: string): string {
  const url = new URL(VERIFICATION_PATH, issuer);
  url.searchParams.set('user_code', userCode);
  return url.href;
}

export interface DeviceFlowDeps {
  issuer: string;
  db: Db;
  brand: () => PageBrand;
  /** Client address of a request, honouring the trust-proxy setting (the provider's ctx.ip would trust any X-Forwarded-For). */
  clientIp: (req: IncomingMessage) => string;
  rateLimiter: RateLimiter;
  /** When each waiting device last polled, and how often it may. */
  devicePolls: DevicePolls;
}

/** A code taken from verification_uri_complete, kept for the entry page while the provider renders it. */
const prefilled = new WeakMap<IncomingMessage, string>();

/** Why the provider re-showed the entry page, as the page says it; never its error id. */
function problemOf(error: Error | undefined): DeviceProblem | undefined {
  switch (error?.name) {
    case undefined:
      return undefined;
    case 'NotFoundError':
    case 'ExpiredError':
      return 'wrongCode';
    case 'AlreadyUsedError':
      return 'usedCode';
    case 'NoCodeError':
      return 'noCode';
    default:
      return 'interrupted';
  }
}

export function deviceFlowFeature(deps: DeviceFlowDeps): DeviceFlow {
  const language = (ctx: KoaContextWithOIDC) => requestLook(ctx.headers).language;
  const page = (ctx: KoaContextWithOIDC, { title, body }: DevicePage) => {
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = renderPage(ctx.res, deps.brand(), requestLook(ctx.headers), { title, body, style: DEVICE_PAGE_STYLE });
  };
  return {
    enabled: true,
    // USER_CODE_ALPHABET's letters, shown as USER_CODE_MASK: the same codes as another device's approval.
    charset: 'base-20',
    mask: USER_CODE_MASK,
    deviceInfo: (ctx) => ({ ip: deps.clientIp(ctx.req), ua: ctx.get('user-agent').slice(0, MAX_USER_AGENT) }),
    userCodeInputSource: async (ctx, _form, _out, error) => {
      // Denied on the confirmation page, or cancelled or refused during sign-in: the device is told access_denied.
      if (error?.name === 'AbortedError') return page(ctx, deniedPage(language(ctx)));
      const session = ctx.oidc.session as (typeof ctx.oidc.session & { exp?: number; touched?: boolean }) | undefined;
      // Re-shown after an error in a session never saved (the browser sent no session cookie, or an
      // expired one): the provider would try to update it and fail with a bare 500 instead. Leave it be.
      const unsaved = error !== undefined && session !== undefined && typeof session.exp !== 'number';
      if (unsaved) session.touched = false;
      // A resume link (/device/<id>) with no sign-in behind it: notFoundPage.ts answers a bodiless 404.
      if (ctx.oidc.route === 'device_resume' && !ctx.oidc.entities.Interaction) {
        ctx.status = 404;
        return;
      }
      const typed = ctx.oidc.params?.user_code;
      const userCode = (error as { userCode?: string } | undefined)?.userCode ?? prefilled.get(ctx.req) ?? (typeof typed === 'string' ? typed : '');
      if (unsaved) {
        // Its form's token can never match: the code is entered again through a plain GET, which starts a session.
        ctx.status = 400;
        return page(ctx, codeEntryPage(language(ctx), { action: VERIFICATION_PATH, userCode, problem: 'expiredForm' }));
      }
      // The provider keeps the form's anti-forgery token in the session state, as its own form does.
      const xsrf = (ctx.oidc.session?.state as { secret?: string } | undefined)?.secret ?? '';
      page(ctx, codeEntryPage(language(ctx), { action: VERIFICATION_PATH, xsrf, userCode, problem: problemOf(error) }));
    },
    userCodeConfirmSource: async (ctx, form, client, deviceInfo, userCode) => {
      const info = deviceInfo as { ip?: string; ua?: string };
      const link = verificationUriComplete(deps.issuer, userCode);
      page(
        ctx,
        confirmPage(language(ctx), {
          form,
          appName: client.clientName ?? client.clientId,
          userCode,
          userAgent: info.ua,
          address: info.ip,
          link,
          qrCodeSvg: await qrCodeSvg(link),
        }),
      );
    },
    successSource: async (ctx) => page(ctx, signedInPage(language(ctx), ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId)),
  };
}

/**
 * Runs around the provider's device routes. At /device every code entered costs from the address's
 * bucket, and a code in the link (verification_uri_complete) is taken out of the query, so the provider
 * shows the entry page (pre-filled from it) instead of a form that submits itself with an inline script.
 * At /device/auth a client without the grant gets RFC 6749's unauthorized_client, not invalid_request.
 */
export function deviceCodeEntry(deps: DeviceFlowDeps) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    if (ctx.path === DEVICE_AUTHORIZATION_PATH) {
      await next();
      const answer = ctx.body as { error?: string; device_code?: string; interval?: number } | undefined;
      if (ctx.status === 200 && answer?.device_code) answer.interval = deps.devicePolls.interval;
      const clientId = ctx.oidc?.params?.client_id;
      const stored = typeof clientId === 'string' ? getClient(deps.db, clientId) : undefined;
      if (ctx.status === 400 && answer?.error === 'invalid_request' && stored !== undefined && !stored.deviceFlow)
        ctx.body = { error: 'unauthorized_client', error_description: 'This client may not use device sign-in: switch it on for the client in Gatehouse.' };
      return;
    }
    if (ctx.path.startsWith(`${VERIFICATION_PATH}/`)) {
      await next();
      await denyOutsideAllowedGroups(ctx);
      return;
    }
    if (ctx.path !== VERIFICATION_PATH) return next();
    if (ctx.method === 'POST') {
      try {
        deps.rateLimiter.take('deviceCode', deps.clientIp(ctx.req));
      } catch (error) {
        if (!(error instanceof GatehouseError)) throw error;
        ctx.status = ERROR_STATUS[error.code];
        ctx.type = 'html';
        ctx.set('Cache-Control', 'no-store');
        const look = requestLook(ctx.headers);
        const { title, body } = rateLimitedPage(look.language, errorSentence(look.language, error), VERIFICATION_PATH);
        ctx.body = renderPage(ctx.res, deps.brand(), look, { title, tone: 'error', body });
        return;
      }
    } else if (ctx.method === 'GET' && typeof ctx.query.user_code === 'string') {
      prefilled.set(ctx.req, ctx.query.user_code);
      const { user_code: _code, ...rest } = ctx.query;
      ctx.query = rest;
    }
    await next();
    await denyOutsideAllowedGroups(ctx);
  };
}

/**
 * A person outside a group-restricted client's groups gets the access page (the `access` prompt in
 * provider.ts), which they cannot get past: end the device's request with access_denied at once, so the
 * device stops waiting instead of polling until its code expires.
 */
async function denyOutsideAllowedGroups(ctx: KoaContextWithOIDC): Promise<void> {
  const interaction = ctx.oidc?.entities.Interaction;
  const code = ctx.oidc?.entities.DeviceCode;
  if (interaction?.prompt.name !== 'access' || !code || code.error) return;
  Object.assign(code, { error: 'access_denied', errorDescription: 'The person who approved is not in a group allowed to use this client.' });
  await code.save();
}
