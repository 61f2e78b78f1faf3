// People over time: the first admin's setup link, sign-in links, passkey management, disabling
// someone, rate limits, the audit trail, and what survives a restart.
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../server/db/audit.ts';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, redeemLinkAndRegister, registerPasskey, signInWithPasskey, type Person } from '../support/flows.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const REDIRECT = 'http://localhost:8080/cb';
const SECRET = 'lifecycle-secret-0123456789abcdefgh';

let now = Date.now();
const clock = () => now;
let server: TestServer;

const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!;

beforeAll(async () => {
  server = await startTestServer({ clock });
});

afterAll(async () => {
  await server?.close();
});

describe('first admin', () => {
  it('a setup link creates exactly one admin, once', async () => {
    expect(server.gatehouse.status().needsSetup).toBe(true);
    const older = server.gatehouse.issueSetupLink();
    const link = server.gatehouse.issueSetupLink();
    const browser = new Browser();
    // Issuing a new setup link retires the previous one.
    expect((await browser.json(`${server.issuer}/api/links/${tokenOf(older.url)}`)).status).toBe(410);
    expect((await browser.json(`${server.issuer}/api/links/${tokenOf(link.url)}`)).body).toMatchObject({ kind: 'setup' });

    const invalid = await browser.json(`${server.issuer}/api/links/redeem`, { token: tokenOf(link.url), profile: { username: '-bad name-' } });
    expect(invalid).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'username' } });

    const attempts = await Promise.all(
      [0, 1, 2].map(() =>
        new Browser().json(`${server.issuer}/api/links/redeem`, {
          token: tokenOf(link.url),
          profile: { username: 'owner', email: 'owner@home.example', displayName: 'The Owner' },
        }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 410, 410]);
    expect(server.gatehouse.status().needsSetup).toBe(false);
    expect(() => server.gatehouse.issueSetupLink()).toThrow(/already has an admin/);
  });

  it('the admin registers a passkey with the session the link opened', async () => {
    const link = server.gatehouse.issueLoginLink('owner');
    const owner = { browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    await redeemLinkAndRegister(server.issuer, link.url, owner);
    const session = await owner.browser.json(`${server.issuer}/api/session`);
    expect(session.body).toMatchObject({ user: { username: 'owner', isAdmin: true, email: 'owner@home.example' }, passkeys: 1 });
  });
});

describe('one-time sign-in links', () => {
  beforeAll(() => {
    server.provision({ users: [{ username: 'frank', email: 'frank@home.example' }, { username: 'grace' }] });
  });

  it('work once and expire', async () => {
    const link = server.gatehouse.issueLoginLink('frank', 5 * 60_000);
    const browser = new Browser();
    expect((await browser.json(`${server.issuer}/api/links/redeem`, { token: tokenOf(link.url) })).status).toBe(200);
    expect((await browser.json(`${server.issuer}/api/links/redeem`, { token: tokenOf(link.url) })).body).toMatchObject({ error: 'link_invalid' });
    const expiring = server.gatehouse.issueLoginLink('frank', 5 * 60_000);
    now += 6 * 60_000;
    expect((await new Browser().json(`${server.issuer}/api/links/redeem`, { token: tokenOf(expiring.url) })).status).toBe(410);
  });

  it('are refused for unknown users and odd lifetimes', () => {
    expect(() => server.gatehouse.issueLoginLink('nobody')).toThrow(/no user named "nobody"/);
    expect(() => server.gatehouse.issueLoginLink('frank', 10)).toThrow(/between 1 minute and 7 days/);
  });
});

describe('passkeys on the account page', () => {
  let grace: Person;
  beforeAll(async () => {
    grace = await enrol(server, 'grace');
  });

  it('lists, renames and deletes', async () => {
    await signInWithPasskey(server.issuer, grace);
    await registerPasskey(server.issuer, grace, 'Laptop');
    const list = await grace.browser.json<{ passkeys: Array<{ id: string; name: string }> }>(`${server.issuer}/api/account/passkeys`);
    expect(list.body.passkeys.map((p) => p.name)).toEqual(['Passkey 1', 'Laptop']);
    const [first, second] = list.body.passkeys;
    expect((await grace.browser.json(`${server.issuer}/api/account/passkeys/${encodeURIComponent(first!.id)}`, { name: 'Phone' }, 'PATCH')).status).toBe(204);
    expect(await grace.browser.json(`${server.issuer}/api/account/passkeys/${encodeURIComponent(second!.id)}`, { name: '' }, 'PATCH')).toMatchObject({
      status: 400,
      body: { error: 'invalid_input' },
    });
    expect((await grace.browser.json(`${server.issuer}/api/account/passkeys/${encodeURIComponent(second!.id)}`, undefined, 'DELETE')).status).toBe(204);
    const after = await grace.browser.json<{ passkeys: Array<{ name: string }> }>(`${server.issuer}/api/account/passkeys`);
    expect(after.body.passkeys.map((p) => p.name)).toEqual(['Phone']);
    const events = listAuditEvents(server.gatehouse.internals.db, { event: 'passkey.removed' });
    expect(events[0]).toMatchObject({ details: { name: 'Laptop' } });
  });

  it('asks for a fresh passkey check before adding one to an old session', async () => {
    now += 11 * 60_000;
    const stale = await grace.browser.json(`${server.issuer}/api/account/passkeys/options`, {});
    expect(stale).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    const options = await grace.browser.json<{ ceremonyId: string; options: { challenge: string } }>(`${server.issuer}/api/session/passkey/options`, {});
    const verified = await grace.browser.json(`${server.issuer}/api/session/passkey/verify`, {
      ceremonyId: options.body.ceremonyId,
      response: grace.authenticator.getAssertion(options.body.options, server.issuer),
    });
    expect(verified.status).toBe(200);
    await registerPasskey(server.issuer, grace, 'Tablet');
  });

  it('lets a one-time link add the first passkey for an hour, then asks for a new link', async () => {
    server.provision({ users: [{ username: 'judy' }] });
    const slow = { browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    const token = tokenOf(server.gatehouse.issueLoginLink('judy').url);
    expect((await slow.browser.json(`${server.issuer}/api/links/redeem`, { token })).status).toBe(200);
    now += 30 * 60_000;
    await registerPasskey(server.issuer, slow);
    now += 11 * 60_000;
    // With a passkey in hand, a stale session must re-check with it before adding another.
    expect((await slow.browser.json(`${server.issuer}/api/account/passkeys/options`, {})).status).toBe(403);
  });

  it('names unnamed passkeys without repeating a name', async () => {
    const list = async () =>
      (await grace.browser.json<{ passkeys: Array<{ id: string; name: string }> }>(`${server.issuer}/api/account/passkeys`)).body.passkeys;
    const options = await grace.browser.json<{ ceremonyId: string; options: { challenge: string } }>(`${server.issuer}/api/session/passkey/options`, {});
    await grace.browser.json(`${server.issuer}/api/session/passkey/verify`, {
      ceremonyId: options.body.ceremonyId,
      response: grace.authenticator.getAssertion(options.body.options, server.issuer),
    });
    await registerPasskey(server.issuer, grace);
    await registerPasskey(server.issuer, grace);
    const names = (await list()).map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('signing out also ends single sign-on to apps', async () => {
    server.provision({ clients: [{ id: 'sso', name: 'SSO app', public: true, redirectUris: [REDIRECT], skipConsent: true }] });
    const url = `${server.issuer}/auth?${new URLSearchParams({ client_id: 'sso', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })}`;
    expect((await authorize(server.issuer, grace, url)).kind).toBe('redirect');
    expect((await authorize(server.issuer, grace, `${url}&prompt=none`)).kind).toBe('redirect');
    expect((await grace.browser.json(`${server.issuer}/api/session`, undefined, 'DELETE')).status).toBe(204);
    const silent = await authorize(server.issuer, grace, `${url}&prompt=none`);
    expect(new URL((silent as { url: string }).url).searchParams.get('error')).toBe('login_required');
  });

  it('refuses API calls without a session and cross-origin writes', async () => {
    expect((await new Browser().json(`${server.issuer}/api/account/passkeys`)).body).toMatchObject({ error: 'not_signed_in' });
    const crossSite = await fetch(`${server.issuer}/api/account/passkeys/options`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: 'cross_origin' });
  });

  it('refuses a passkey whose authenticator skipped user verification', async () => {
    const sloppy = await enrol(server, 'frank');
    sloppy.authenticator.userVerified = false;
    const options = await sloppy.browser.json<{ ceremonyId: string; options: { challenge: string } }>(`${server.issuer}/api/session/passkey/options`, {});
    const result = await sloppy.browser.json(`${server.issuer}/api/session/passkey/verify`, {
      ceremonyId: options.body.ceremonyId,
      response: sloppy.authenticator.getAssertion(options.body.options, server.issuer),
    });
    expect(result).toMatchObject({
      status: 401,
      body: { error: 'passkey_user_unverified', message: expect.stringMatching(/^Your passkey did not confirm it is you/) },
    });
  });
});

describe('a passkey answer that does not verify', () => {
  type Answer = { response: Record<string, string> };
  /** Rewrites the browser's part of an answer (signed over, so the signature breaks too; the library checks these first). */
  const clientData = (change: (data: Record<string, unknown>) => void) => (answer: Answer) => {
    const data = JSON.parse(Buffer.from(answer.response.clientDataJSON!, 'base64url').toString('utf8')) as Record<string, unknown>;
    change(data);
    answer.response.clientDataJSON = Buffer.from(JSON.stringify(data)).toString('base64url');
  };
  const TAMPERED: Array<[string, (answer: Answer) => void, string]> = [
    [
      'garbage client data',
      (answer) => {
        answer.response.clientDataJSON = 'bm90IGpzb24';
      },
      'passkey_failed',
    ],
    [
      'an object for the challenge',
      clientData((data) => {
        data.challenge = { not: 'a string' };
      }),
      'passkey_failed',
    ],
    [
      "another site's origin",
      clientData((data) => {
        data.origin = 'https://evil.example';
      }),
      'passkey_wrong_site',
    ],
    [
      'a changed signature',
      (answer) => {
        const signature = Buffer.from(answer.response.signature!, 'base64url');
        signature[signature.length - 1]! ^= 0x01;
        answer.response.signature = signature.toString('base64url');
      },
      'passkey_signature_invalid',
    ],
  ];
  /** What @simplewebauthn/server says, which must never reach a person. */
  const LIBRARY_WORDING = /Unexpected|\[object Object\]|challenge "|expected|JSON/;
  let kim: Person;
  let interaction: string;

  beforeAll(async () => {
    now += 10 * 60_000; // a full rate-limit bucket
    server.provision({ users: [{ username: 'kim' }], clients: [{ id: 'tamper', name: 'Tamper', public: true, redirectUris: [REDIRECT], skipConsent: true }] });
    kim = await enrol(server, 'kim');
    const url = `${server.issuer}/auth?${new URLSearchParams({ client_id: 'tamper', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })}`;
    interaction = (await kim.browser.follow(url, server.issuer)).url;
    expect(new URL(interaction).pathname).toMatch(/^\/interaction\/[^/]+$/);
  });

  it("is refused in Gatehouse's words when registering a new passkey", async () => {
    await signInWithPasskey(server.issuer, kim);
    const options = await kim.browser.json<{ ceremonyId: string; options: { challenge: string; rp: { id?: string }; user: { id: string } } }>(
      `${server.issuer}/api/account/passkeys/options`,
      {},
    );
    expect(options.status).toBe(200);
    const created = kim.authenticator.createCredential(options.body.options, server.issuer) as unknown as Answer;
    clientData((data) => {
      data.challenge = { not: 'a string' };
    })(created);
    const result = await kim.browser.json<{ error: string; message: string }>(`${server.issuer}/api/account/passkeys`, {
      ceremonyId: options.body.ceremonyId,
      response: created,
    });
    expect({ status: result.status, error: result.body.error }, result.body.message).toEqual({ status: 400, error: 'passkey_failed' });
    expect(result.body.message).not.toMatch(LIBRARY_WORDING);
  });

  it.each([
    ['the account page', '/api/session/passkey'],
    ["an app's sign-in page", 'interaction'],
  ])("is refused in Gatehouse's words on %s, with a code per cause", async (_where, endpoint) => {
    now += 10 * 60_000;
    const base = endpoint === 'interaction' ? `${interaction}/passkey` : `${server.issuer}${endpoint}`;
    for (const [how, tamper, code] of TAMPERED) {
      const options = await kim.browser.json<{ ceremonyId: string; options: { challenge: string } }>(`${base}/options`, {});
      expect(options.status, how).toBe(200);
      const answer = kim.authenticator.getAssertion(options.body.options, server.issuer) as unknown as Answer;
      tamper(answer);
      const result = await kim.browser.json<{ error: string; message: string }>(`${base}/verify`, { ceremonyId: options.body.ceremonyId, response: answer });
      expect({ status: result.status, error: result.body.error }, `${how}: ${result.body.message}`).toEqual({ status: 401, error: code });
      expect(result.body.message, how).not.toMatch(LIBRARY_WORDING);
      expect(result.body.message, how).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('disabling someone', () => {
  let heidi: Person;
  let app: oidc.Configuration;
  beforeAll(async () => {
    server.provision({
      users: [{ username: 'heidi', email: 'heidi@home.example' }],
      clients: [{ id: 'app', name: 'App', redirectUris: [REDIRECT], secretFile: server.secretFile('app', SECRET), skipConsent: true }],
    });
    heidi = await enrol(server, 'heidi');
    app = await oidc.discovery(new URL(server.issuer), 'app', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
  });

  it('stops their refresh tokens, their sessions and their passkey sign-in', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(app, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const outcome = await authorize(server.issuer, heidi, url.href);
    const tokens = await oidc.authorizationCodeGrant(app, new URL((outcome as { url: string }).url), { pkceCodeVerifier: verifier });

    server.provision({ users: [{ username: 'heidi', email: 'heidi@home.example', disabled: true }] });

    await expect(oidc.refreshTokenGrant(app, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await heidi.browser.json(`${server.issuer}/api/session`)).status).toBe(401);
    const again = await authorize(server.issuer, heidi, url.href);
    expect(again).toMatchObject({ kind: 'page', prompt: 'login', details: { error: 'account_disabled' } });
    expect(listAuditEvents(server.gatehouse.internals.db, { event: 'sign_in.failed' })[0]).toMatchObject({ details: { reason: 'account_disabled' } });
  });
});

describe('rate limits', () => {
  it('answer 429 with a sentence once an address makes too many passkey attempts', async () => {
    now += 10 * 60_000; // every bucket full again
    const browser = new Browser();
    const statuses: number[] = [];
    let last: { status: number; body: Record<string, unknown> } | undefined;
    for (let i = 0; i < 25; i++) {
      last = await browser.json(`${server.issuer}/api/session/passkey/options`, {});
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 200).length).toBe(20);
    expect(last).toMatchObject({ status: 429, body: { error: 'rate_limited', message: expect.stringMatching(/Wait \d+ seconds/) } });
  });
});

describe('restart', () => {
  it('keeps keys, users, clients and refresh tokens', async () => {
    now += 10 * 60_000; // past the rate limit the previous test ran into
    server.provision({ users: [{ username: 'ivan', email: 'ivan@home.example' }] });
    const ivan = await enrol(server, 'ivan');
    const app = await oidc.discovery(new URL(server.issuer), 'app', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(app, {
      redirect_uri: REDIRECT,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const outcome = await authorize(server.issuer, ivan, url.href);
    const tokens = await oidc.authorizationCodeGrant(app, new URL((outcome as { url: string }).url), { pkceCodeVerifier: verifier });
    const jwksBefore = await (await fetch(`${server.issuer}/jwks`)).json();

    await server.restart();

    expect(await (await fetch(`${server.issuer}/jwks`)).json()).toEqual(jwksBefore);
    const fresh = await oidc.discovery(new URL(server.issuer), 'app', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
    const refreshed = await oidc.refreshTokenGrant(fresh, tokens.refresh_token!);
    expect(refreshed.claims()).toMatchObject({ sub: tokens.claims()!.sub, email: 'ivan@home.example' });
    const userinfo = await oidc.fetchUserInfo(fresh, tokens.access_token, tokens.claims()!.sub);
    expect(userinfo.email).toBe('ivan@home.example');
    // The passkey and the SSO session still work.
    const again = await authorize(server.issuer, ivan, url.href);
    expect(again.kind).toBe('redirect');
  });
});
