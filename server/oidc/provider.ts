// oidc-provider, configured for Gatehouse: passkey sign-in through our own interaction pages, clients
// and state in SQLite, fat ID tokens, exact redirect URIs, rotating refresh tokens.
import type { IncomingMessage } from 'node:http';
import Provider, { type Configuration, errors, type JWK, type KoaContextWithOIDC, type TokenEndpointGrantContext, interactionPolicy } from 'oidc-provider';
import type { Logger } from 'pino';
import { cookieSigner } from '../auth/cookieSigner.ts';
import { acceptedExtraSecrets, clientSecretMatches } from '../auth/clientSecrets.ts';
import type { Clock, Db } from '../db/database.ts';
import { findAccountRecord } from '../db/accountRecords.ts';
import { getClient } from '../db/clients.ts';
import { admitsGroups } from '../model/allowedGroups.ts';
import { ERROR_STATUS } from '../model/errorCodes.ts';
import { GatehouseError } from '../model/errors.ts';
import type { AuditLog } from '../db/audit.ts';
import { sqliteAdapterFactory } from '../db/oidcState.ts';
import { accountFinder } from './claims.ts';
import { providerClaims } from './shapeClaims.ts';
import type { CustomScope } from '../model/customScopes.ts';
import { clientAdapter, DEVICE_CODE_GRANT } from './clientMetadata.ts';
import { type GrantHandler, REFRESH_REPLAY_MODEL, withRefreshGrace } from './refreshGrace.ts';
import { ignoreSignInResource, machineResourceIndicators, withMachineScopes } from './machineTokens.ts';
import { jwtIntrospection } from './jwtIntrospection.ts';
import { parDiscovery, pushedAuthorizationRequests } from './pushedAuthorization.ts';
import { DEVICE_CODE_TTL, deviceCodeEntry, deviceFlowFeature } from './deviceFlow.ts';
import { type DevicePolls, withPollInterval } from './devicePolling.ts';
import type { RateLimiter } from '../auth/rateLimits.ts';
import { SIGNING_ALGORITHMS } from '../model/signingAlgorithms.ts';
import type { InstanceSettings } from '../db/settings.ts';
import type { Sealer } from '../db/sealed.ts';
import { escapeHtml, type PageBrand, renderPage, requestLook } from '../pages/pages.ts';
import { type PageText, pageTranslator } from '../pages/translations.ts';
import { notFoundPage } from '../pages/notFoundPage.ts';
import type { BackchannelLogout } from './backchannelLogout.ts';

/** Lifetimes in seconds that the owner does not set (access, refresh and session ones are settings). */
export const FIXED_LIFETIMES = {
  AuthorizationCode: 60,
  IdToken: 60 * 60,
  Interaction: 60 * 60,
  ClientCredentials: 10 * 60,
  DeviceCode: DEVICE_CODE_TTL,
} as const;

type GrantParameterNames = string | readonly string[] | ReadonlySet<string>;

/** The absolute limit of a refresh chain (it ends with its grant), at least this long. */
const MIN_GRANT_LIFETIME = 90 * 24 * 60 * 60;

export interface ProviderDeps {
  issuer: string;
  db: Db;
  clock: Clock;
  sealer: Sealer;
  jwks: JWK[];
  /** Signs the provider's cookies, newest first. */
  cookieKeys: string[];
  customClaimNames: string[];
  /** Instance-wide scopes apps may request, each releasing its claims. */
  customScopes: CustomScope[];
  /** Every name a client's claim policy releases a claim under (renamed, mapped, static). */
  clientClaimNames: string[];
  lifetimes: Pick<InstanceSettings, 'accessTokenTtl' | 'refreshTokenTtl' | 'sessionTtl'>;
  logger: Logger;
  audit: AuditLog;
  /** Client address of a request, honouring the trust-proxy setting. */
  clientIp: (req: IncomingMessage) => string;
  /** Whether the browser showing an error page belongs to a signed-in admin, who can fix it on the spot. */
  viewerIsAdmin: (ctx: KoaContextWithOIDC) => boolean;
  /** The instance's name and logo, above every page the provider renders. */
  brand: () => PageBrand;
  /** Buckets per client address, shared with Gatehouse's own sign-in routes. */
  rateLimiter: RateLimiter;
  /** When each waiting device last polled (it outlives a rebuilt provider). */
  devicePolls: DevicePolls;
  /** Delivers logout tokens to apps beside the request (it outlives a rebuilt provider). */
  backchannelLogout: BackchannelLogout;
}

export function createProvider(deps: ProviderDeps): Provider {
  const { db, clock } = deps;
  const oidcState = sqliteAdapterFactory(db, clock, deps.sealer);
  const clients = clientAdapter(db);

  const policy = interactionPolicy.base();
  const login = policy.get('login')!;
  // oidc-provider keeps a session whose account has since been disabled or deleted: ask for sign-in again.
  login.checks.add(
    new interactionPolicy.Check(
      'account_unavailable',
      'The signed-in account is no longer available',
      (ctx) => Boolean(ctx.oidc.session?.accountId) && !ctx.oidc.account,
    ),
  );
  policy.add(
    new interactionPolicy.Prompt(
      { name: 'access', requestable: false },
      new interactionPolicy.Check('group_restricted', 'The End-User is not allowed to use this client', 'access_denied', (ctx) => {
        const accountId = ctx.oidc.account?.accountId;
        const client = getClient(db, ctx.oidc.client!.clientId);
        const record = accountId === undefined ? undefined : findAccountRecord(db, accountId);
        return client !== undefined && record !== undefined && !admitsGroups(client, record.groups);
      }),
    ),
    1,
  );

  const configuration: Configuration = {
    adapter: (name: string) => (name === 'Client' ? clients : oidcState(name)),
    findAccount: accountFinder(db, deps.issuer, deps.customScopes),
    jwks: { keys: deps.jwks },
    // Signed: an interaction's id is in its page's URL, and without a signature anyone who saw that URL
    // could set the cookie and answer the sign-in as that browser.
    cookies: {
      keys: cookieSigner(deps.cookieKeys),
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    claims: providerClaims(deps.customClaimNames, deps.customScopes, deps.clientClaimNames),
    // Many apps read only the ID token: put the granted scopes' claims in it, not just in userinfo.
    conformIdTokenClaims: false,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'groups', ...deps.customScopes.map((scope) => scope.name)],
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    enabledJWA: {
      idTokenSigningAlgValues: [...SIGNING_ALGORITHMS],
      userinfoSigningAlgValues: [...SIGNING_ALGORITHMS],
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      userinfo: { enabled: true },
      introspection: {
        enabled: true,
        // Only confidential clients, and only about their own tokens.
        allowedPolicy: async (_ctx, client, token) => client.clientAuthMethod !== 'none' && token.clientId === client.clientId,
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          const look = requestLook(ctx.headers);
          const t = pageTranslator(look.language);
          const client = ctx.oidc.client;
          ctx.body = renderPage(ctx.res, deps.brand(), look, {
            title: t('pages:signOut.title'),
            body: `<h1>${t('pages:signOut.heading')}</h1><p>${
              client ? t('pages:signOut.bodyWithApp', { app: client.clientName ?? client.clientId }) : t('pages:signOut.body')
            }</p>
              ${form}<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${t('pages:signOut.signOut')}</button>
              <button type="submit" form="op.logoutForm">${t('pages:signOut.stay')}</button>`,
          });
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          const look = requestLook(ctx.headers);
          const t = pageTranslator(look.language);
          ctx.body = renderPage(ctx.res, deps.brand(), look, {
            title: t('pages:signedOut.title'),
            body: `<h1>${t('pages:signedOut.heading')}</h1><p>${t('pages:signedOut.body')}</p>`,
          });
        },
      },
      clientCredentials: { enabled: true },
      resourceIndicators: machineResourceIndicators(db),
      pushedAuthorizationRequests,
      deviceFlow: deviceFlowFeature(deps),
    },
    // Added to the discovery document where the provider says nothing.
    discovery: { ...parDiscovery },
    pkce: {
      // Public clients always; confidential clients when their owner switched it on (many apps send none).
      required: (_ctx, client) => client.clientAuthMethod === 'none' || getClient(db, client.clientId)?.requirePkce === true,
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Every refresh rotates; presenting a rotated token again revokes the whole grant, except for a
    // retry within seconds of the rotation (refreshGrace.ts).
    rotateRefreshToken: () => true,
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (!ctx.oidc.account || getClient(db, ctx.oidc.client!.clientId)?.skipConsent !== true) return existing;
      // A first-party app the owner marked "skip consent": grant what it asks for without a screen.
      const grant = existing ?? new ctx.oidc.provider.Grant({ accountId: ctx.oidc.account.accountId, clientId: ctx.oidc.client!.clientId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      const requestedClaims = Object.keys(ctx.oidc.claims?.id_token ?? {}).concat(Object.keys(ctx.oidc.claims?.userinfo ?? {}));
      if (requestedClaims.length > 0) grant.addOIDCClaims(requestedClaims);
      await grant.save();
      return grant;
    },
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
      policy,
    },
    ttl: {
      ...Object.fromEntries(Object.entries(FIXED_LIFETIMES).map(([name, seconds]) => [name, () => seconds])),
      Session: () => deps.lifetimes.sessionTtl,
      Grant: () => Math.max(MIN_GRANT_LIFETIME, deps.lifetimes.refreshTokenTtl),
      // A client may have its own lifetimes (set in the console).
      AccessToken: (_ctx, _token, client) => (client && getClient(db, client.clientId)?.accessTokenTtl) || deps.lifetimes.accessTokenTtl,
      RefreshToken: (_ctx, _token, client) => (client && getClient(db, client.clientId)?.refreshTokenTtl) || deps.lifetimes.refreshTokenTtl,
    } as Configuration['ttl'],
    renderError: async (ctx, out, error) => {
      ctx.type = 'html';
      const look = requestLook(ctx.headers);
      const t = pageTranslator(look.language);
      const title = ctx.oidc?.route === 'end_session' ? t('pages:signOutProblem') : t('pages:signInProblem');
      ctx.body = renderPage(ctx.res, deps.brand(), look, { title, tone: 'error', body: errorPageBody(t, ctx, out, error, deps.viewerIsAdmin(ctx)) });
    },
    clockTolerance: 15,
    fetch: deps.backchannelLogout.fetch,
  };

  const replays = oidcState(REFRESH_REPLAY_MODEL);
  // The provider registers its grant handlers while it is constructed: wrap the refresh grant's there.
  class GatehouseProvider extends Provider {
    override registerGrantType<Params extends object>(
      name: string,
      handler: (ctx: TokenEndpointGrantContext<Params>) => void | Promise<void>,
      params?: GrantParameterNames,
      dupes?: GrantParameterNames,
    ): void {
      const wrapped =
        name === 'refresh_token'
          ? (withRefreshGrace(handler as GrantHandler, replays, clock) as typeof handler)
          : name === 'client_credentials'
            ? (withMachineScopes(handler as GrantHandler, db, deps.audit, (ctx) => deps.clientIp(ctx.req)) as typeof handler)
            : name === DEVICE_CODE_GRANT
              ? (withPollInterval(handler as GrantHandler, deps.devicePolls) as typeof handler)
              : handler;
      super.registerGrantType(name, wrapped, params, dupes);
    }
  }
  const provider = new GatehouseProvider(deps.issuer, configuration);
  // Our endpoints are always those of the issuer, whatever Host a request used (see http/app.ts).
  provider.proxy = true;
  deps.backchannelLogout.install(provider);
  provider.Client.prototype.compareClientSecret = async function compareClientSecret(this: { clientId: string; clientSecret?: string }, actual: string) {
    if (typeof this.clientSecret !== 'string') return false;
    const extraSecrets = acceptedExtraSecrets(getClient(db, this.clientId)?.extraSecrets ?? [], clock());
    const limit = { rateLimiter: deps.rateLimiter, address: deps.clientIp(Provider.ctx!.req) };
    try {
      return await clientSecretMatches(actual, [this.clientSecret, ...extraSecrets.map((extra) => extra.hash)], limit);
    } catch (error) {
      if (!(error instanceof GatehouseError)) throw error;
      // The provider answers its own errors as OAuth error responses (JSON at the token endpoint).
      throw Object.assign(new errors.OIDCProviderError(ERROR_STATUS[error.code], error.code), { error_description: error.message });
    }
  };

  provider.on('authorization.success', (ctx: KoaContextWithOIDC) => {
    deps.audit({
      event: 'client.authorized',
      userId: ctx.oidc.session?.accountId ?? null,
      clientId: ctx.oidc.client?.clientId ?? null,
      ip: deps.clientIp(ctx.req),
      details: { scope: ctx.oidc.params?.scope ?? null },
    });
  });
  provider.on('server_error', (_ctx: unknown, error: Error) => deps.logger.error({ event: 'oidc.server_error', err: error.message, stack: error.stack }));
  provider.use(async (ctx, next) => {
    await next();
    // The provider answers a revocation with an empty string, which Koa labels text/plain; SPA libraries
    // (oidc-client-ts) refuse any type but JSON even on an empty body, so the empty answer carries none.
    if (ctx.oidc?.route === 'revocation' && ctx.status === 200 && ctx.body === '') ctx.remove('Content-Type');
  });
  provider.use(ignoreSignInResource);
  provider.use(jwtIntrospection({ db, clock, jwks: deps.jwks, issuer: deps.issuer }));
  provider.use(deviceCodeEntry(deps));
  // Every path neither Gatehouse nor the provider routes ends here: it gets Gatehouse's page.
  provider.use(notFoundPage(deps.brand));
  return provider;
}

function errorPageBody(
  t: PageText,
  ctx: KoaContextWithOIDC,
  out: { error?: string; error_description?: string },
  error: Error,
  viewerIsAdmin: boolean,
): string {
  const client = ctx.oidc?.client;
  const received = ctx.oidc?.params?.redirect_uri as string | undefined;
  const errorCode = (code: string) => `<p class="muted">${t('pages:errorCode', { code })}</p>`;
  if (client && received !== undefined && (out.error === 'invalid_redirect_uri' || /redirect_uri/.test(out.error_description ?? ''))) {
    const registered = client.redirectUris ?? [];
    const app = { app: client.clientName ?? client.clientId };
    return `<h1>${t('pages:oidcError.redirectUri.heading')}</h1>
      <p>${t('pages:oidcError.redirectUri.askedFor', { ...app, clientId: client.clientId })}</p>
      <p><code data-testid="received-redirect-uri">${escapeHtml(received)}</code></p>
      <p>${t('pages:oidcError.redirectUri.registered')}</p>
      <ul>${registered.map((uri: string) => `<li><code>${escapeHtml(uri)}</code></li>`).join('') || `<li>${t('pages:oidcError.redirectUri.none')}</li>`}</ul>
      <p>${t('pages:oidcError.redirectUri.fix')}</p>
      ${viewerIsAdmin ? `<p><a data-testid="fix-redirect-uri" href="/admin/clients/${encodeURIComponent(client.clientId)}?addRedirectUri=${encodeURIComponent(received)}">${t('pages:oidcError.redirectUri.addLink', app)}</a> ${t('pages:oidcError.redirectUri.confirmNote')}</p>` : ''}
      ${errorCode('invalid_redirect_uri')}`;
  }
  const code = out.error ?? 'server_error';
  // An app may keep a person's ID token longer than Gatehouse keeps the key that signed it (a retired key),
  // and sends it back at sign-out: say so, and let the person sign out of Gatehouse anyway.
  if (ctx.oidc?.route === 'end_session' && /id_token_hint/.test(out.error_description ?? '')) {
    return `<h1>${t('pages:signOutStopped')}</h1>
      <p>${t('pages:oidcError.idTokenHint.why')}</p>
      <p>${t('pages:oidcError.idTokenHint.anyway')}</p>
      <p><a data-testid="sign-out-anyway" href="${escapeHtml(ctx.oidc.urlFor('end_session'))}">${t('pages:oidcError.idTokenHint.signOutLink')}</a></p>
      ${errorCode(code)}`;
  }
  const requestedClient = ctx.oidc?.params?.client_id;
  // The provider says only "client is invalid": name the id the app sent, and where clients are defined.
  if (code === 'invalid_client' && !client && typeof requestedClient === 'string') {
    return `<h1>${t('pages:oidcError.unknownClient.heading')}</h1>
      <p>${t('pages:oidcError.unknownClient.asked', { clientId: requestedClient })}</p>
      <p>${t('pages:oidcError.unknownClient.fix')}</p>
      ${viewerIsAdmin ? `<p><a data-testid="open-clients" href="/admin/clients">${t('pages:oidcError.unknownClient.openClients')}</a></p>` : ''}
      ${errorCode('invalid_client')}`;
  }
  // The provider's own description is English only (it names the parameter at fault), so it stays as it is.
  const description = code === 'server_error' ? t('pages:serverError') : escapeHtml(out.error_description ?? error.message);
  return `<h1>${t('pages:signInStopped')}</h1><p>${description}</p>
    <p>${t('pages:oidcError.other.startAgain')}</p>
    ${errorCode(code)}`;
}
