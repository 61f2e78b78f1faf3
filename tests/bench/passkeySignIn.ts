// A person with a passkey: enrolled once through a sign-in link, then signing in to the bench app
// from a fresh browser (an empty cookie jar) each time, exactly as the interaction pages drive it.
import { createHash, randomBytes } from 'node:crypto';
import { Browser } from '../support/browser.ts';
import { authorize, redeemLinkAndRegister } from '../support/flows.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { BENCH_CLIENT } from './benchClient.ts';
import { type TokenResponse, tokenRequest } from './tokenEndpoint.ts';

export async function enrolPasskey(issuer: string, loginLink: string): Promise<SoftwareAuthenticator> {
  const authenticator = new SoftwareAuthenticator();
  await redeemLinkAndRegister(issuer, loginLink, { browser: new Browser(), authenticator });
  return authenticator;
}

/**
 * Authorization code flow with PKCE S256: /auth -> /interaction/:uid (page, details, passkey options,
 * passkey verify) -> back to /auth -> the app's redirect URI -> code exchanged at /token.
 */
export async function signIn(issuer: string, authenticator: SoftwareAuthenticator, scope: string): Promise<TokenResponse> {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    client_id: BENCH_CLIENT.id,
    redirect_uri: BENCH_CLIENT.redirectUri,
    response_type: 'code',
    scope,
    state: randomBytes(8).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const outcome = await authorize(issuer, { browser: new Browser(), authenticator }, url.href);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome).slice(0, 300)}`);
  const callback = new URL(outcome.url).searchParams;
  const code = callback.get('code');
  if (!code) throw new Error(`no code in the redirect: ${callback.get('error')}: ${callback.get('error_description')}`);
  const tokens = await tokenRequest(issuer, { grant_type: 'authorization_code', code, redirect_uri: BENCH_CLIENT.redirectUri, code_verifier: verifier });
  if (!tokens.id_token) throw new Error('the token response has no id_token');
  return tokens;
}
