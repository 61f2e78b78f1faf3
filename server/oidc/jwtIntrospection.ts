// Introspection of JWT access tokens (a machine client's tokens for an audience). oidc-provider keeps no
// record of a JWT access token and refuses to introspect one (unsupported_token_type), after it has
// authenticated the client. That refusal is answered here instead: the token is active when Gatehouse
// signed it, it has not expired, it belongs to the asking client, and the client may still have a token
// for that audience (an owner who removed the audience or machine access sees it inactive at once).
import { createPublicKey } from 'node:crypto';
import { createLocalJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { JWK, KoaContextWithOIDC } from 'oidc-provider';
import { type Client, getClient } from '../db/clients.ts';
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

/** The public halves of the published RSA signing keys, as a local JWKS. */
function publicKeySet(jwks: JWK[]): KeySet {
  const keys = jwks
    .filter((jwk) => jwk.alg === 'RS256')
    .map((jwk) => ({ ...createPublicKey({ key: { ...jwk }, format: 'jwk' }).export({ format: 'jwk' }), kid: jwk.kid, alg: jwk.alg }));
  return createLocalJWKSet({ keys });
}

/** A machine token in force: its claims, its client, and the token's audiences that client may still have tokens for. */
export interface MachineToken {
  claims: JWTPayload & { client_id: string; exp: number };
  client: Client;
  audiences: string[];
}

/**
 * Checks a machine token (a client credentials JWT) as introspection and the forward-auth check both must:
 * signed by this instance, in force, of a client that still exists and still has machine access; the
 * audiences are those of the token the client still lists (an owner who removes one revokes it at once).
 */
export function machineTokenVerifier(deps: {
  db: Db;
  /** The published signing keys now: a token signed by a replaced key verifies until that key retires. */
  jwks: () => JWK[];
  issuer: string;
}): (token: string, now: number) => Promise<MachineToken | undefined> {
  // The published set is the same array until it changes: its public halves are made once per set.
  let keysOf: JWK[] | undefined;
  let keys: KeySet | undefined;
  return async (token, now) => {
    const published = deps.jwks();
    if (published !== keysOf || !keys) {
      keysOf = published;
      keys = publicKeySet(published);
    }
    const claims = await verifiedClaims(token, keys, deps.issuer, now);
    // jose checked the expiry only if there is one: a token without is not ours.
    if (!claims || typeof claims.exp !== 'number' || typeof claims.client_id !== 'string') return undefined;
    const client = getClient(deps.db, claims.client_id);
    if (client?.clientCredentials !== true) return undefined;
    const audiences = (typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? [])).filter((aud) => client.audiences.includes(aud));
    return { claims: claims as MachineToken['claims'], client, audiences };
  };
}

/** `jwks`: the keys the provider was built with (it is rebuilt whenever the published set changes). */
export function jwtIntrospection(deps: { db: Db; clock: Clock; jwks: JWK[]; issuer: string }) {
  const verify = machineTokenVerifier({ ...deps, jwks: () => deps.jwks });
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> => {
    await next();
    const client = ctx.oidc?.client;
    const token = ctx.oidc?.params?.token;
    if (ctx.oidc?.route !== 'introspection' || (ctx.body as { error?: string } | undefined)?.error !== 'unsupported_token_type') return;
    if (!client || typeof token !== 'string') return;
    const verified = await verify(token, deps.clock());
    const claims = verified?.claims;
    const active =
      verified !== undefined &&
      claims !== undefined &&
      // Like opaque tokens: only a confidential client, and only about its own tokens.
      client.clientAuthMethod !== 'none' &&
      claims.client_id === client.clientId &&
      typeof claims.aud === 'string' &&
      verified.audiences.includes(claims.aud);
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
