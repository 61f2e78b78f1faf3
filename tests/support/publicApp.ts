import * as oidc from 'openid-client';

/** A public app (no secret) of the test server, as openid-client sees it over plain http. */
export function discoverPublicApp(issuer: string, clientId: string): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
}

/** The app's authorization request with PKCE (S256), and the verifier its token request needs. */
export async function authorizationWithPkce(app: oidc.Configuration, redirectUri: string, scope: string): Promise<{ url: URL; verifier: string }> {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(app, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { url, verifier };
}
