// Introspection of JWT access tokens (a machine client's tokens for an audience). oidc-provider keeps no
// record of a JWT access token and refuses to introspect one (unsupported_token_type), after it has
// authenticated the client. That refusal is answered here instead: the token is active when Gatehouse
// signed it, it has not expired, it belongs to the asking client, and the client may still have a token
// for that audience (an owner who removed the audience or machine access sees it inactive at once).
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { JWK, KoaContextWithOIDC } from 'oidc-provider';
import { getClient } from '../db/clients.ts';
import type { Clock, Db } from '../db/database.ts';

interface AccessTokenClaims {
  iss?: unknown;
  aud?: unknown;
  exp?: unknown;
  iat?: unknown;
  jti?: unknown;
  sub?: unknown;
  scope?: unknown;
  client_id?: unknown;
}

const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** The claims of an RS256 `at+jwt` signed by one of `keys`, or undefined for anything else. */
function verifiedClaims(token: string, keys: Map<string, KeyObject>): AccessTokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = decode(parts[0]!) as { alg?: unknown; typ?: unknown; kid?: unknown };
    if (header.alg !== 'RS256' || header.typ !== 'at+jwt' || typeof header.kid !== 'string') return undefined;
    const key = keys.get(header.kid);
    if (!key || !verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2]!, 'base64url'))) return undefined;
    const claims = decode(parts[1]!);
    return claims !== null && typeof claims === 'object' ? (claims as AccessTokenClaims) : undefined;
  } catch {
    return undefined;
  }
}

export function jwtIntrospection(deps: { db: Db; clock: Clock; jwks: JWK[]; issuer: string }) {
  const keys = new Map(deps.jwks.filter((jwk) => jwk.kty === 'RSA' && jwk.kid).map((jwk) => [jwk.kid!, createPublicKey({ key: { ...jwk }, format: 'jwk' })]));
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> => {
    await next();
    const client = ctx.oidc?.client;
    const token = ctx.oidc?.params?.token;
    if (ctx.oidc?.route !== 'introspection' || (ctx.body as { error?: string } | undefined)?.error !== 'unsupported_token_type') return;
    if (!client || typeof token !== 'string') return;
    const claims = verifiedClaims(token, keys);
    const stored = getClient(deps.db, client.clientId);
    const active =
      claims !== undefined &&
      claims.iss === deps.issuer &&
      typeof claims.exp === 'number' &&
      claims.exp * 1000 > deps.clock() &&
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
