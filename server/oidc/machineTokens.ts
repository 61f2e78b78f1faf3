// Tokens for machine clients (the client credentials grant): a robot or script asks for its own token,
// with no person. A client with audiences gets a JWT access token (RFC 9068) for one of them, which a
// resource server verifies offline against the JWKS; without audiences the token is opaque, for
// introspection at Gatehouse. Either way it carries only scopes the owner listed for the client.
import type Koa from 'koa';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { AuditLog } from '../db/audit.ts';
import { getClient } from '../db/clients.ts';
import type { Db } from '../db/database.ts';
import type { GrantHandler } from './refreshGrace.ts';

type ResourceIndicators = NonNullable<NonNullable<Configuration['features']>['resourceIndicators']>;

const isClientCredentials = (ctx: KoaContextWithOIDC) => ctx.oidc.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials';

const listed = (values: string[]) => values.map((value) => `"${value}"`).join(', ');

/**
 * Resource indicators (RFC 8707) limited to the client credentials grant: a client's audiences are its
 * resource servers. Without audiences, a client credentials token is for Gatehouse itself (the issuer as
 * its resource), so it still carries its scopes; the provider drops every scope but OpenID's from a token
 * without a resource. Browser sign-ins get no resource by default and keep their opaque tokens.
 */
export function machineResourceIndicators(db: Db): ResourceIndicators {
  return {
    enabled: true,
    defaultResource: async (ctx, client, oneOf) => {
      if (oneOf) return oneOf;
      if (!isClientCredentials(ctx)) return undefined;
      return getClient(db, client.clientId)?.audiences[0] ?? ctx.oidc.provider.issuer;
    },
    useGrantedResource: async () => false,
    getResourceServerInfo: async (ctx, resource, client) => {
      // A person's tokens are for Gatehouse's userinfo only, as before resource indicators were on
      // (a sign-in's resource never gets here: ignoreSignInResource; a pushed request's or a token request's does).
      if (!isClientCredentials(ctx)) {
        throw new errors.InvalidTarget(
          `Gatehouse makes tokens for other services only for machine clients (the client credentials grant): leave out resource "${resource}".`,
        );
      }
      const stored = getClient(db, client.clientId);
      const audiences = stored?.audiences ?? [];
      const scope = (stored?.machineScopes ?? []).join(' ');
      if (audiences.includes(resource)) {
        return { scope, audience: resource, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      }
      if (audiences.length === 0 && resource === ctx.oidc.provider.issuer) {
        return { scope, accessTokenFormat: 'opaque' };
      }
      throw new errors.InvalidTarget(
        audiences.length === 0
          ? `This client has no audiences, so its tokens are for Gatehouse only: leave out resource "${resource}", or add it to the client's audiences in Gatehouse.`
          : `"${resource}" is not one of this client's audiences (${listed(audiences)}): ask for one of them, or add it to the client's audiences in Gatehouse.`,
      );
    },
  };
}

/**
 * Some apps put a `resource` in a person's sign-in (traefik-oidc-auth can); it meant nothing before
 * resource indicators were on, and it still means nothing: the sign-in goes on as if it were absent, so
 * the app's access token stays one for userinfo. (A POST to /auth arrives here as a GET: frontChannelPosts.ts.)
 */
export const ignoreSignInResource: Koa.Middleware = async (ctx, next) => {
  if (ctx.method === 'GET' && ctx.path === '/auth' && 'resource' in ctx.query) {
    const { resource: _ignored, ...rest } = ctx.query;
    ctx.query = rest;
  }
  await next();
};

/**
 * Wraps the client credentials grant: a scope the client may not have is refused (the provider would
 * silently drop it), no scope means all the client's machine scopes, and each issued token is audited.
 */
export function withMachineScopes(handler: GrantHandler, db: Db, audit: AuditLog, clientIp: (ctx: KoaContextWithOIDC) => string): GrantHandler {
  return async (ctx) => {
    const allowed = getClient(db, ctx.oidc.client.clientId)?.machineScopes ?? [];
    const requested = typeof ctx.oidc.params.scope === 'string' ? ctx.oidc.params.scope.split(' ').filter(Boolean) : [];
    const refused = requested.filter((scope) => !allowed.includes(scope));
    if (refused.length > 0) {
      throw new errors.InvalidScope(
        allowed.length === 0
          ? `This client has no machine scopes: ask for none, or add ${listed(refused)} to the client's machine scopes in Gatehouse.`
          : `This client may ask only for ${listed(allowed)}: remove ${listed(refused)} from the request, or add it to the client's machine scopes in Gatehouse.`,
        refused.join(' '),
      );
    }
    if (requested.length === 0 && allowed.length > 0) ctx.oidc.params.scope = allowed.join(' ');
    await handler(ctx);
    const token = ctx.oidc.entities.ClientCredentials;
    if (!token) return;
    // Never the token itself: who got one, for what and for whom.
    audit({
      event: 'client_credentials.issued',
      clientId: ctx.oidc.client.clientId,
      ip: clientIp(ctx),
      details: { scope: token.scope ?? null, audience: token.resourceServer?.audience ?? null, format: token.resourceServer?.accessTokenFormat ?? 'opaque' },
    });
  };
}
