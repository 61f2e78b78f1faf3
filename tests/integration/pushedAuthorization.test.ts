// Pushed authorization requests (RFC 9126): an app posts its request to /request and sends the browser
// with only a request_uri; a client whose owner switched on "require PAR" is refused any other request.
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize, enrol, type Person } from '../support/flows.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const REDIRECT = 'http://localhost:8080/cb';

let server: TestServer;
let alice: Person;
let app: oidc.Configuration;
let strict: oidc.Configuration;

async function confidential(id: string, extra: Record<string, unknown> = {}): Promise<oidc.Configuration> {
  const { secret } = (await server.gatehouse.runAdmin('clients.create', { id, name: id, redirectUris: [REDIRECT], ...extra })) as { secret: string };
  return oidc.discovery(new URL(server.issuer), id, secret, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
}

async function requestParams() {
  const verifier = oidc.randomPKCECodeVerifier();
  return {
    verifier,
    params: {
      redirect_uri: REDIRECT,
      scope: 'openid profile',
      state: 'st',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    },
  };
}

/** Alice signs in through the URL and the app exchanges the code it gets back. */
async function signIn(config: oidc.Configuration, url: URL, verifier: string) {
  const outcome = await authorize(server.issuer, alice, url.href);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome).slice(0, 300)}`);
  return oidc.authorizationCodeGrant(config, new URL(outcome.url), { pkceCodeVerifier: verifier, expectedState: 'st', idTokenExpected: true });
}

beforeAll(async () => {
  server = await startTestServer();
  server.provision({ users: [{ username: 'alice', email: 'alice@home.example' }] });
  alice = await enrol(server, 'alice');
  app = await confidential('app');
  strict = await confidential('strict', { requirePar: true });
});

afterAll(async () => {
  await server?.close();
});

describe('discovery', () => {
  it('lists the PAR endpoint and says it is not required of every app', async () => {
    const metadata = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata.pushed_authorization_request_endpoint).toBe(`${server.issuer}/request`);
    expect(metadata.require_pushed_authorization_requests).toBe(false);
  });
});

describe('a pushed authorization request', () => {
  it('signs a person in to an app that does not require it', async () => {
    const { verifier, params } = await requestParams();
    const url = await oidc.buildAuthorizationUrlWithPAR(app, params);
    expect([...url.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
    const tokens = await signIn(app, url, verifier);
    expect(tokens.claims()?.aud).toBe('app');
  });

  it('signs a person in to an app that requires it', async () => {
    const { verifier, params } = await requestParams();
    const tokens = await signIn(strict, await oidc.buildAuthorizationUrlWithPAR(strict, params), verifier);
    expect(tokens.claims()?.aud).toBe('strict');
    expect(tokens.access_token).toBeTruthy();
  });

  it('is refused for a redirect URI the client does not have', async () => {
    const { params } = await requestParams();
    const error = await oidc
      .buildAuthorizationUrlWithPAR(app, { ...params, redirect_uri: 'http://localhost:8080/elsewhere' })
      .catch((caught: unknown) => caught);
    expect((error as oidc.ResponseBodyError).cause).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringContaining('redirect_uri did not match'),
    });
  });
});

describe('an app that requires PAR', () => {
  it('is refused a plain authorization request, and the app is told why', async () => {
    const { params } = await requestParams();
    const outcome = await authorize(server.issuer, alice, oidc.buildAuthorizationUrl(strict, params).href);
    if (outcome.kind !== 'redirect') throw new Error(`expected the app's redirect, got ${JSON.stringify(outcome).slice(0, 300)}`);
    const callback = new URL(outcome.url);
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('error_description')).toMatch(/Pushed Authorization Request must be used/);
  });

  it('takes plain requests again once the owner switches the requirement off', async () => {
    await server.gatehouse.runAdmin('clients.update', { id: 'strict', requirePar: false });
    const { verifier, params } = await requestParams();
    const tokens = await signIn(strict, oidc.buildAuthorizationUrl(strict, params), verifier);
    expect(tokens.claims()?.aud).toBe('strict');
  });
});
