// The account portal's server side: the apps a person may open, taking back an app's access, and
// signing out everywhere; and the redirect-URI fix offered to admins.
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, redeemLinkAndRegister, type Person } from '../support/flows.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const REDIRECT = 'http://localhost:8080/cb';
const SECRET = 'portal-secret-0123456789abcdefghijk';
let server: TestServer;
let frank: Person;
let photos: oidc.Configuration;

async function tokensFor(person: Person) {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(photos, {
    redirect_uri: REDIRECT,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const outcome = await authorize(server.issuer, person, url.href);
  return oidc.authorizationCodeGrant(photos, new URL((outcome as { url: string }).url), { pkceCodeVerifier: verifier });
}

beforeAll(async () => {
  server = await startTestServer();
  server.provision({
    groups: [{ name: 'family' }, { name: 'admins' }],
    users: [{ username: 'frank', groups: ['family'] }],
    clients: [
      { id: 'photos', name: 'Photos', redirectUris: [REDIRECT], secretFile: server.secretFile('photos', SECRET), launchUrl: 'https://photos.home.example' },
      { id: 'wiki', name: 'Wiki', public: true, redirectUris: [REDIRECT], launchUrl: 'https://wiki.home.example', allowedGroups: ['family'] },
      { id: 'router', name: 'Router admin', public: true, redirectUris: [REDIRECT], launchUrl: 'https://router.home.example', allowedGroups: ['admins'] },
      { id: 'hidden', name: 'No launch URL', public: true, redirectUris: [REDIRECT] },
    ],
  });
  frank = await enrol(server, 'frank');
  photos = await oidc.discovery(new URL(server.issuer), 'photos', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
});

afterAll(async () => {
  await server?.close();
});

describe('my apps', () => {
  it('lists the apps a person may open, and which they gave access to', async () => {
    await tokensFor(frank);
    const { body } = await frank.browser.json<{ apps: Array<{ id: string; authorized: boolean; lastUsedAt: number | null }> }>(
      `${server.issuer}/api/account/apps`,
    );
    expect(body.apps.map((a) => a.id)).toEqual(['photos', 'wiki']);
    expect(body.apps.find((a) => a.id === 'photos')).toMatchObject({ authorized: true, lastUsedAt: expect.any(Number) });
    expect(body.apps.find((a) => a.id === 'wiki')).toMatchObject({ authorized: false, lastUsedAt: null });
  });

  it('revoking an app ends its tokens and asks for consent again', async () => {
    const tokens = await tokensFor(frank);
    expect((await frank.browser.json(`${server.issuer}/api/account/apps/photos`, undefined, 'DELETE')).status).toBe(204);
    await expect(oidc.refreshTokenGrant(photos, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const url = oidc.buildAuthorizationUrl(photos, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    expect(await authorize(server.issuer, frank, url.href, { consent: false })).toMatchObject({ kind: 'page', prompt: 'consent' });
  });

  it('signing out everywhere ends every session, access token and refresh token of the person', async () => {
    const tokens = await tokensFor(frank);
    const otherDevice = { browser: new Browser(), authenticator: frank.authenticator };
    const options = await otherDevice.browser.json<{ ceremonyId: string; options: { challenge: string } }>(`${server.issuer}/api/session/passkey/options`, {});
    await otherDevice.browser.json(`${server.issuer}/api/session/passkey/verify`, {
      ceremonyId: options.body.ceremonyId,
      response: frank.authenticator.getAssertion(options.body.options, server.issuer),
    });
    expect((await otherDevice.browser.json(`${server.issuer}/api/session`)).status).toBe(200);

    expect((await frank.browser.json(`${server.issuer}/api/account/sign-out-everywhere`, {})).status).toBe(204);
    expect((await otherDevice.browser.json(`${server.issuer}/api/session`)).status).toBe(401);
    expect((await frank.browser.json(`${server.issuer}/api/session`)).status).toBe(401);
    await expect(oidc.refreshTokenGrant(photos, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // What the account page says it ends: the app's access token too (an app's own session is the app's).
    await expect(oidc.fetchUserInfo(photos, tokens.access_token, oidc.skipSubjectCheck)).rejects.toMatchObject({
      status: 401,
      cause: [{ parameters: { error: 'invalid_token' } }],
    });
  });
});

describe('fixing a refused redirect URI', () => {
  it('offers an admin a link to add the URI, and nobody else', async () => {
    const bad = `${server.issuer}/auth?client_id=photos&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://photos.home.example/oauth/cb')}`;
    const stranger = await (await new Browser().request(bad)).text();
    expect(stranger).not.toContain('fix-redirect-uri');
    const owner = { username: 'owner', browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    await redeemLinkAndRegister(server.issuer, server.gatehouse.issueSetupLink().url, owner, { username: 'owner' });
    const admin = await (await owner.browser.request(bad)).text();
    expect(admin).toContain(`href="/admin/clients/photos?addRedirectUri=${encodeURIComponent('https://photos.home.example/oauth/cb')}"`);
  });
});
