// The one HTTP application: security headers, Gatehouse's own routes, the web UI, then oidc-provider.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Koa from 'koa';
import type Provider from 'oidc-provider';
import { ERROR_STATUS } from '../model/errorCodes.ts';
import type { ErrorAnswer } from '../model/errors.ts';
import type { AppContext } from './appContext.ts';
import { accountRoutes } from './accountRoutes.ts';
import { adminRoutes } from './adminRoutes.ts';
import { appPasswordRoutes } from './appPasswordRoutes.ts';
import { logHttpError } from './clientErrors.ts';
import { forwardAuthRoutes } from './forwardAuthRoutes.ts';
import { frontChannelPosts } from './frontChannelPosts.ts';
import { myAppsRoutes } from './myAppsRoutes.ts';
import { profileRoutes } from './profileRoutes.ts';
import { sessionRoutes } from './sessionRoutes.ts';
import { dashboardRoutes } from './dashboardRoutes.ts';
import { logoRoutes } from './logoRoutes.ts';
import { pictureRoutes } from './pictureRoutes.ts';
import { endBrowserSessionOnProviderSignOut } from './providerSignOut.ts';
import { linkProviderSessions } from './providerSessionLink.ts';
import { interactionRoutes } from './interactionRoutes.ts';
import { otherDeviceRoutes } from './otherDeviceRoutes.ts';
import { alertRoutes } from './alertRoutes.ts';
import { recoveryCodeRoutes } from './recoveryCodeRoutes.ts';
import { emailCodeRoutes } from './emailCodeRoutes.ts';
import { emailChangeRoutes } from './emailChangeRoutes.ts';
import { jsonErrors, sameOriginWrites } from './json.ts';
import { languageRoutes } from './languageRoutes.ts';
import { errorSentence } from '../pages/errorSentences.ts';
import { requestLook } from '../pages/pages.ts';
import { signLegacySessionCookie } from './legacySessionCookie.ts';
import { securityHeaders } from './securityHeaders.ts';
import { staticUi } from './staticUi.ts';
import { webfingerRoutes } from './webfingerRoutes.ts';

/** Gatehouse's JSON endpoints; everything else is a page or belongs to the provider. */
const JSON_API = /^\/(api\/|interaction\/[^/]+\/.)/;
/** Paths Gatehouse answers itself; the rest go straight to the provider (token requests skip our routing). */
const GATEHOUSE_PATHS =
  /^\/(api\/|logos\/|pictures\/|forward-auth\/|\.gatehouse\/|interaction\/|assets\/|account\/?$|approve$|link\/|signed-out$|healthz$|admin(\/|$)|\.well-known\/webfinger$|$)/;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
// Koa composes an application's middleware on every callback() call: compose once per provider.
const providerHandlers = new WeakMap<Provider, Handler>();
function providerHandler(app: AppContext, provider: Provider, onError: ReturnType<typeof logHttpError>): Handler {
  let handler = providerHandlers.get(provider);
  if (!handler) {
    // The provider is a Koa app too (its typings list only its own events); with a listener of its
    // own, Koa prints no stacks to stderr.
    (provider as Koa).on('error', onError);
    endBrowserSessionOnProviderSignOut(app, provider);
    linkProviderSessions(app, provider);
    providerHandlers.set(provider, (handler = provider.callback() as Handler));
  }
  return handler;
}

export function createHttpApp(app: AppContext): Koa {
  const koa = new Koa();
  const onError = logHttpError(app.logger);
  koa.on('error', onError);
  // Requests are presented as if made to the issuer, so every URL the provider builds (discovery,
  // endpoints) and every cookie's Secure flag follow the issuer, whatever Host a container or proxy used.
  koa.proxy = true;
  const issuer = new URL(app.issuer);
  const toProvider = (ctx: Koa.Context) => {
    ctx.respond = false;
    return providerHandler(app, app.provider(), onError)(ctx.req, ctx.res);
  };
  koa.use(async (ctx, next) => {
    app.noteIgnoredForwarding(ctx.req);
    ctx.req.headers['x-forwarded-host'] = issuer.host;
    ctx.req.headers['x-forwarded-proto'] = issuer.protocol.slice(0, -1);
    await next();
  });
  koa.use(securityHeaders(app.issuer));
  koa.use(signLegacySessionCookie(app, app.cookieKeys));
  koa.use(frontChannelPosts(app.settings));
  koa.use((ctx, next) => (GATEHOUSE_PATHS.test(ctx.path) ? next() : toProvider(ctx)));
  koa.use(async (ctx, next) => {
    if (ctx.path !== '/healthz') return next();
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });

  const errors = jsonErrors(app.logger);
  const sameOrigin = sameOriginWrites(app.issuer);
  koa.use((ctx, next) => (JSON_API.test(ctx.path) ? errors(ctx, () => sameOrigin(ctx, next)) : next()));
  for (const router of [
    interactionRoutes(app),
    otherDeviceRoutes(app),
    accountRoutes(app),
    languageRoutes(app),
    appPasswordRoutes(app),
    alertRoutes(app),
    recoveryCodeRoutes(app),
    emailCodeRoutes(app),
    emailChangeRoutes(app),
    myAppsRoutes(app),
    profileRoutes(app),
    sessionRoutes(app),
    dashboardRoutes(app),
    logoRoutes(app),
    pictureRoutes(app),
    adminRoutes(app),
    webfingerRoutes(app),
    forwardAuthRoutes(app),
  ]) {
    koa.use(router.routes()).use(router.allowedMethods());
  }
  koa.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/api/')) return next();
    ctx.status = ERROR_STATUS.not_found;
    const message = errorSentence(requestLook(ctx.headers).language, { code: 'not_found', message: `There is no API endpoint ${ctx.method} ${ctx.path}.` });
    ctx.body = { error: 'not_found', message } satisfies Omit<ErrorAnswer, 'status'>;
  });
  koa.use(staticUi(app.uiDir, app.settings));
  koa.use(toProvider);
  return koa;
}
