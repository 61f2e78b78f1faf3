// The OIDC flows an app goes through, driven by openid-client (an OpenID-certified relying party)
// against a real Gatehouse, with passkey sign-in from a software authenticator.
import { get as httpGet } from 'node:http';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../server/db/audit.ts';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, pageDetails, type Person } from '../support/flows.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const APP_REDIRECT = 'http://localhost:8080/cb';
const APP_SECRET = 'app-secret-0123456789abcdefghijklmnop';

let server: TestServer;
let alice: Person;
let app: oidc.Configuration;

async function rp(clientId: string, secret?: string, auth?: oidc.ClientAuth): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(server.issuer), clientId, secret, auth ?? (secret ? oidc.ClientSecretBasic(secret) : oidc.None()), {
    execute: [oidc.allowInsecureRequests],
  });
}

/** Runs the code flow for a person and returns the token response. */
async function signIn(person: Person, config: oidc.Configuration, params: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const nonce = params.nonce;
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: APP_REDIRECT,
    scope: 'openid profile email groups',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 'st',
    ...params,
  });
  const outcome = await authorize(server.issuer, person, url.href);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome)}`);
  return oidc.authorizationCodeGrant(config, new URL(outcome.url), {
    pkceCodeVerifier: verifier,
    expectedState: 'st',
    ...(nonce ? { expectedNonce: nonce } : {}),
    idTokenExpected: true,
  });
}

/** What an app's page does when it submits a form to Gatehouse: a top-level navigation from another site. */
function postForm(person: Person, url: string, fields: Record<string, string>): Promise<Response> {
  return person.browser.request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://localhost:8080',
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
    },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Alice authorizes the app; returns the callback URL carrying the code, before any exchange. */
async function callbackWithCode(): Promise<{ callback: URL; verifier: string }> {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(app, {
    redirect_uri: APP_REDIRECT,
    scope: 'openid',
    state: 's',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const outcome = await authorize(server.issuer, alice, url.href);
  if (outcome.kind !== 'redirect') throw new Error(`no redirect: ${JSON.stringify(outcome).slice(0, 300)}`);
  return { callback: new URL(outcome.url), verifier };
}

beforeAll(async () => {
  server = await startTestServer();
  server.provision({
    groups: [{ name: 'family', claims: { immich_quota: 200 } }, { name: 'admins' }],
    users: [
      { username: 'alice', email: 'alice@home.example', givenName: 'Alice', familyName: 'Liddell', groups: ['family'], claims: { immich_role: 'admin' } },
      { username: 'bob', email: 'bob@home.example', emailVerified: false },
    ],
    clients: [
      {
        id: 'app',
        name: 'Photo app',
        redirectUris: [APP_REDIRECT],
        postLogoutRedirectUris: ['http://localhost:8080/bye'],
        secretFile: server.secretFile('app', APP_SECRET),
      },
      { id: 'spa', name: 'Single-page app', public: true, redirectUris: [APP_REDIRECT] },
      { id: 'es256', name: 'Modern app', redirectUris: [APP_REDIRECT], secretFile: server.secretFile('es256', APP_SECRET), idTokenAlg: 'ES256' },
      { id: 'strict', name: 'PKCE required', redirectUris: [APP_REDIRECT], secretFile: server.secretFile('strict', APP_SECRET), requirePkce: true },
      {
        id: 'admin-only',
        name: 'Admin tool',
        redirectUris: [APP_REDIRECT],
        secretFile: server.secretFile('admin-only', APP_SECRET),
        allowedGroups: ['admins'],
      },
    ],
  });
  alice = await enrol(server, 'alice');
  app = await rp('app', APP_SECRET);
});

afterAll(async () => {
  await server?.close();
});

describe('discovery', () => {
  it('publishes every required field and only what Gatehouse honours', async () => {
    const metadata = app.serverMetadata();
    expect(metadata.issuer).toBe(server.issuer);
    for (const field of [
      'authorization_endpoint',
      'token_endpoint',
      'jwks_uri',
      'userinfo_endpoint',
      'end_session_endpoint',
      'introspection_endpoint',
      'revocation_endpoint',
    ]) {
      expect(metadata[field], field).toMatch(new RegExp(`^${server.issuer}/`));
    }
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.subject_types_supported).toEqual(['public']);
    expect(metadata.id_token_signing_alg_values_supported).toEqual(['RS256', 'ES256']);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.scopes_supported).toEqual(['openid', 'offline_access', 'profile', 'email', 'groups']);
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic', 'client_secret_post', 'none']);
    expect(metadata.claims_supported).toEqual(expect.arrayContaining(['sub', 'email', 'email_verified', 'groups', 'immich_quota', 'immich_role']));
  });

  it('serves keys with kid, alg and use, RSA first', async () => {
    const jwks = (await (await fetch(`${server.issuer}/jwks`)).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys.map((k) => [k.kty, k.alg, k.use])).toEqual([
      ['RSA', 'RS256', 'sig'],
      ['EC', 'ES256', 'sig'],
    ]);
    for (const key of jwks.keys) {
      expect(key.kid).toBeTruthy();
      expect(key.d).toBeUndefined();
    }
  });

  it('builds endpoint URLs from the issuer whatever Host the request used', async () => {
    // fetch() drops a Host header it is given: node:http sends it as written.
    const { hostname, port } = new URL(server.issuer);
    const body = await new Promise<string>((resolve, reject) => {
      httpGet(
        { hostname, port, path: '/.well-known/openid-configuration', headers: { host: 'gatehouse-internal:9999', 'x-forwarded-host': 'evil.example' } },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve(text));
        },
      ).on('error', reject);
    });
    const metadata = JSON.parse(body) as Record<string, string>;
    expect(metadata.token_endpoint).toBe(`${server.issuer}/token`);
  });
});

describe('authorization code with PKCE', () => {
  it('signs in with a passkey and puts the claims in the ID token and userinfo', async () => {
    const tokens = await signIn(alice, app, { nonce: 'n-123' });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: server.issuer,
      aud: 'app',
      nonce: 'n-123',
      preferred_username: 'alice',
      name: 'Alice Liddell',
      given_name: 'Alice',
      family_name: 'Liddell',
      email: 'alice@home.example',
      email_verified: true,
      groups: ['family'],
      immich_quota: 200,
      immich_role: 'admin',
    });
    expect(claims.amr).toEqual(['hwk', 'user']);
    expect(tokens.expires_in).toBeGreaterThan(0);
    const userinfo = await oidc.fetchUserInfo(app, tokens.access_token, claims.sub);
    expect(userinfo).toMatchObject({ sub: claims.sub, email: 'alice@home.example', email_verified: true, groups: ['family'], preferred_username: 'alice' });
    const audit = listAuditEvents(server.gatehouse.internals.db, { userId: claims.sub });
    expect(audit.map((e) => e.event)).toEqual(
      expect.arrayContaining(['client.authorized', 'sign_in.succeeded', 'passkey.added', 'one_time_link.used', 'one_time_link.issued']),
    );
    expect(audit.find((e) => e.event === 'client.authorized')).toMatchObject({ clientId: 'app', ip: '127.0.0.1' });
    expect(JSON.stringify(audit)).not.toContain(tokens.access_token);
  });

  it('starts from a form POST to the authorization endpoint (OpenID Connect Core 3.1.2.1)', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const posted = await postForm(alice, app.serverMetadata().authorization_endpoint!, {
      client_id: 'app',
      response_type: 'code',
      redirect_uri: APP_REDIRECT,
      scope: 'openid email',
      state: 'posted',
      nonce: 'n-posted',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    expect(posted.status).toBe(303);
    const outcome = await authorize(server.issuer, alice, new URL(posted.headers.get('location')!, server.issuer).href);
    if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome).slice(0, 300)}`);
    const tokens = await oidc.authorizationCodeGrant(app, new URL(outcome.url), {
      pkceCodeVerifier: verifier,
      expectedState: 'posted',
      expectedNonce: 'n-posted',
      idTokenExpected: true,
    });
    expect(tokens.claims()).toMatchObject({ aud: 'app', nonce: 'n-posted', email: 'alice@home.example' });
  });

  it('answers a POST to the authorization endpoint that is no form, or too large, with a page that says why', async () => {
    const endpoint = app.serverMetadata().authorization_endpoint!;
    const json = await alice.browser.request(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"client_id":"app"}' });
    expect(json.status).toBe(415);
    expect(await json.text()).toMatch(/a format other than a form[\s\S]*Error code: unsupported_media_type/);
    const huge = await postForm(alice, endpoint, { client_id: 'app', claims: 'x'.repeat(10_000) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('Error code: body_too_large');
  });

  it('adds no nonce when none was sent, and ignores unknown scopes', async () => {
    const tokens = await signIn(alice, app, { scope: 'openid email user:email read_user' });
    expect(tokens.claims()!.nonce).toBeUndefined();
    expect(tokens.claims()!.email).toBe('alice@home.example');
  });

  it('answers userinfo over POST as well as GET', async () => {
    const tokens = await signIn(alice, app);
    const response = await fetch(`${server.issuer}/me`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ preferred_username: 'alice', groups: ['family'] });
  });

  it('accepts client_secret_post as well as client_secret_basic', async () => {
    const postApp = await rp('app', APP_SECRET, oidc.ClientSecretPost(APP_SECRET));
    const tokens = await signIn(alice, postApp);
    expect(tokens.access_token).toBeTruthy();
  });

  it('refuses a wrong client secret', async () => {
    const wrong = await rp('app', 'not-the-secret-0123456789abcdef');
    await expect(signIn(alice, wrong)).rejects.toMatchObject({
      status: 401,
      cause: [expect.objectContaining({ parameters: expect.objectContaining({ error: 'invalid_client' }) })],
    });
  });

  it('refuses a second use of the same code', async () => {
    const { callback, verifier } = await callbackWithCode();
    const first = await oidc.authorizationCodeGrant(app, callback, { pkceCodeVerifier: verifier, expectedState: 's' });
    await expect(oidc.authorizationCodeGrant(app, callback, { pkceCodeVerifier: verifier, expectedState: 's' })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // The tokens issued from the replayed code are revoked too.
    const introspected = await oidc.tokenIntrospection(app, first.access_token);
    expect(introspected.active).toBe(false);
  });

  it('refuses PKCE plain and a public client without PKCE', async () => {
    const spa = await rp('spa');
    const plain = oidc.buildAuthorizationUrl(spa, {
      redirect_uri: APP_REDIRECT,
      scope: 'openid',
      code_challenge: 'a'.repeat(43),
      code_challenge_method: 'plain',
    });
    const refusedPlain = await authorize(server.issuer, alice, plain.href);
    expect(refusedPlain.kind).toBe('redirect');
    expect(new URL((refusedPlain as { url: string }).url).searchParams.get('error')).toBe('invalid_request');
    const none = oidc.buildAuthorizationUrl(spa, { redirect_uri: APP_REDIRECT, scope: 'openid' });
    const refusedNone = await authorize(server.issuer, alice, none.href);
    expect(new URL((refusedNone as { url: string }).url).searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('redeems a code only with the right verifier', async () => {
    const { callback } = await callbackWithCode();
    await expect(oidc.authorizationCodeGrant(app, callback, { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: 's' })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });
});

describe('per-client settings', () => {
  it('signs ID tokens with ES256 for a client that asks for it', async () => {
    const es256 = await rp('es256', APP_SECRET);
    const tokens = await signIn(alice, es256);
    expect(JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'ES256' });
    const refreshed = await oidc.refreshTokenGrant(es256, tokens.refresh_token!);
    expect(refreshed.claims()!.email).toBe('alice@home.example');
  });

  it('requires PKCE from a confidential client only when switched on', async () => {
    const withoutPkce = (config: oidc.Configuration) => oidc.buildAuthorizationUrl(config, { redirect_uri: APP_REDIRECT, scope: 'openid', state: 's' }).href;
    const strict = await authorize(server.issuer, alice, withoutPkce(await rp('strict', APP_SECRET)));
    expect(new URL((strict as { url: string }).url).searchParams.get('error_description')).toMatch(/PKCE/);
    const relaxed = await authorize(server.issuer, alice, withoutPkce(app));
    const tokens = await oidc.authorizationCodeGrant(app, new URL((relaxed as { url: string }).url), { expectedState: 's' });
    expect(tokens.access_token).toBeTruthy();
  });
});

describe('refresh tokens', () => {
  it('rotate, keep the same claims, and a reused token revokes the grant', async () => {
    const tokens = await signIn(alice, app);
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await oidc.refreshTokenGrant(app, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()).toMatchObject({ groups: ['family'], email_verified: true, email: 'alice@home.example', immich_role: 'admin' });
    // Once its successor was used, the old token is no lost answer's retry (refreshGrace.test.ts) but reuse.
    const newest = await oidc.refreshTokenGrant(app, refreshed.refresh_token!);
    await expect(oidc.refreshTokenGrant(app, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The reuse revoked the whole grant: the newest refresh token is dead too.
    await expect(oidc.refreshTokenGrant(app, newest.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('introspection and revocation', () => {
  it('introspects an active access token for its confidential client', async () => {
    const tokens = await signIn(alice, app);
    const result = await oidc.tokenIntrospection(app, tokens.access_token);
    expect(result).toMatchObject({ active: true, client_id: 'app', sub: tokens.claims()!.sub });
  });

  it('revokes a refresh token so it can no longer be used', async () => {
    const tokens = await signIn(alice, app);
    await oidc.tokenRevocation(app, tokens.refresh_token!);
    await expect(oidc.refreshTokenGrant(app, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('answers a revocation with an empty 200 that carries no content type a SPA library would refuse', async () => {
    const tokens = await signIn(alice, app);
    const revoking = await rp('app', APP_SECRET);
    const answers: Response[] = [];
    revoking[oidc.customFetch] = async (...args) => {
      const answer = await fetch(...args);
      answers.push(answer.clone());
      return answer;
    };
    await oidc.tokenRevocation(revoking, tokens.access_token);
    expect(answers).toHaveLength(1);
    // oidc-client-ts refuses any content type but JSON, even on an empty body; none at all is fine.
    expect({ status: answers[0]!.status, type: answers[0]!.headers.get('content-type'), body: await answers[0]!.text() }).toEqual({
      status: 200,
      type: null,
      body: '',
    });
  });

  it('tells a public client nothing about tokens, even active ones', async () => {
    const tokens = await signIn(alice, app);
    const spa = await rp('spa');
    expect(await oidc.tokenIntrospection(spa, tokens.access_token)).toEqual({ active: false });
    expect((await oidc.tokenIntrospection(app, tokens.access_token)).active).toBe(true);
  });
});

describe('logout', () => {
  it('accepts client_id without id_token_hint and returns to a registered post-logout URI', async () => {
    await signIn(alice, app);
    const url = oidc.buildEndSessionUrl(app, { post_logout_redirect_uri: 'http://localhost:8080/bye', state: 'bye' });
    url.searchParams.set('client_id', 'app');
    const page = await alice.browser.request(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(xsrf).toBeTruthy();
    const confirmed = await alice.browser.request(`${server.issuer}/session/end/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('http://localhost:8080/bye?state=bye');
  });

  it('takes a form POST with id_token_hint and returns to the post-logout URI', async () => {
    const tokens = await signIn(alice, app);
    const posted = await postForm(alice, app.serverMetadata().end_session_endpoint!, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'http://localhost:8080/bye',
      state: 'posted-bye',
    });
    expect(posted.status).toBe(303);
    const { response: page } = await alice.browser.follow(new URL(posted.headers.get('location')!, server.issuer).href, server.issuer);
    expect(page!.status).toBe(200);
    const html = await page!.text();
    expect(html).toContain('Photo app');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    const confirmed = await alice.browser.request(`${server.issuer}/session/end/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('http://localhost:8080/bye?state=posted-bye');
  });

  it('refuses an unregistered post-logout URI', async () => {
    const url = oidc.buildEndSessionUrl(app, { post_logout_redirect_uri: 'https://evil.example/' });
    url.searchParams.set('client_id', 'app');
    const page = await alice.browser.request(url);
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
  });
});

describe('group restriction', () => {
  it('shows people outside the allowed groups a page instead of redirecting', async () => {
    const adminOnly = await rp('admin-only', APP_SECRET);
    const url = oidc.buildAuthorizationUrl(adminOnly, { redirect_uri: APP_REDIRECT, scope: 'openid', state: 's' });
    const outcome = await authorize(server.issuer, alice, url.href);
    expect(pageDetails<{ client: { allowedGroups: string[] } }>(outcome, 'access').client.allowedGroups).toEqual(['admins']);
  });

  it('does not tell someone who has not signed in which groups may use the app', async () => {
    const adminOnly = await rp('admin-only', APP_SECRET);
    const stranger = new Browser();
    const { url: page } = await stranger.follow(
      oidc.buildAuthorizationUrl(adminOnly, { redirect_uri: APP_REDIRECT, scope: 'openid', state: 's' }).href,
      server.issuer,
    );
    const details = await stranger.json(`${page}/details`);
    expect(details.body).toMatchObject({ prompt: 'login', client: { id: 'admin-only', allowedGroups: [] } });
    expect(JSON.stringify(details.body)).not.toContain('admins');
  });
});
