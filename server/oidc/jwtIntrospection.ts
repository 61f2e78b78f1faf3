// Introspection of JWT access tokens (a machine client's tokens for an audience). oidc-provider keeps no
// record of a JWT access token and refuses to introspect one (unsupported_token_type), after it has
// authenticated the client. That refusal is answered here instead: the token is active when Gatehouse
// signed it, it has not expired, it belongs to the asking client, and the client may still have a token
// for that audience (an owner who removed the audience or machine access sees it inactive at once).
import { createPublicKey } from 'node:crypto';
import { createLocalJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { JWK, KoaContextWithOIDC } from 'oidc-provider';
import { getClient } from '../db/clients.ts';
import type { Clock, Db } from '../db/database.ts';

type KeySet = ReturnType<typeof createLocalJWKSet>;

/** The claims of an RS256 `at+jwt` this instance signed and that is in force now, or undefined for anything else. */
async function verifiedClaims(token: string, keys: KeySet, issuer: string, now: number): Promise<JWTPayload | undefined> {
  try {
    // jose also refuses a `crit` header it does not understand and a token whose `nbf` lies ahead.
    const { payload } = await jwtVerify(token, keys, { algorithms: ['RS256'], typ: 'at+jwt', issuer, currentDate: new Date(now) });
    return payload;
  } catch {
    return undefined;
  }
}

/** The public halves of the instance's RSA signing keys, as a local JWKS. */
function publicKeySet(jwks: JWK[]): KeySet {
  const keys = jwks
    .filter((jwk) => jwk.alg === 'RS256')
    .map((jwk) => ({ ...createPublicKey({ key: { ...jwk }, format: 'jwk' }).export({ format: 'jwk' }), kid: jwk.kid, alg: jwk.alg }));
  return createLocalJWKSet({ keys });
}

export function jwtIntrospection(deps: { db: Db; clock: Clock; jwks: JWK[]; issuer: string }) {
  const keys = publicKeySet(deps.jwks);
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> => {
    await next();
    const client = ctx.oidc?.client;
    const token = ctx.oidc?.params?.token;
    if (ctx.oidc?.route !== 'introspection' || (ctx.body as { error?: string } | undefined)?.error !== 'unsupported_token_type') return;
    if (!client || typeof token !== 'string') return;
    const claims = await verifiedClaims(token, keys, deps.issuer, deps.clock());
    const stored = getClient(deps.db, client.clientId);
    const active =
      claims !== undefined &&
      // jose checked the expiry only if there is one: a token without is not ours.
      typeof claims.exp === 'number' &&
      // Like opaque tokens: only a confidential client, and only about its own tokens.
      client.clientAuthMethod !== 'none' &&
      claims.client_id === client.clientId &&
      stored?.clientCredentials === true &&
      typeof claims.aud === 'string' &&
      stored.audiences.includes(claims.aud);
    ctx.status = 200;
    ctx.body = active
      ? {
          active: true,
          client_id: claims.client_id,
          sub: claims.sub,
          aud: claims.aud,
          scope: claims.scope,
          exp: claims.exp,
          iat: claims.iat,
          iss: claims.iss,
          jti: claims.jti,
          token_type: 'Bearer',
        }
      : { active: false };
  };
}
