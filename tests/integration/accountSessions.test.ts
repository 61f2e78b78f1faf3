// A person's own profile and sessions on the account page, and the admin's view of them: the names they
// may change (and the username only when the owner allows it), where they are signed in, and ending one
// browser's session (Gatehouse, the provider's session in that browser, and what apps it granted).
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSessionView } from '../../server/admin/personSessionOperations.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, type Person, redeemLinkAndRegister, signInWithPasskey } from '../support/flows.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const REDIRECT = 'http://localhost:8080/cb';
const SECRET = 'sessions-secret-0123456789abcdefghij';
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_ON_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

let server: TestServer;
let photos: oidc.Configuration;

/** A person the console made (the provisioning file's people change their names there), enrolled in a browser of this user agent. */
async function person(username: string, userAgent = FIREFOX_ON_WINDOWS, fields: Record<string, unknown> = {}): Promise<Person> {
  await server.gatehouse.runAdmin('users.create', { username, ...fields });
  const enrolled = { username, browser: new Browser({ userAgent }), authenticator: new SoftwareAuthenticator() };
  await redeemLinkAndRegister(server.issuer, server.gatehouse.issueLoginLink(username).url, enrolled);
  return enrolled;
}

/** Another browser of the same person, signed in there with their passkey. */
async function secondBrowser(of: Person, userAgent: string): Promise<Person> {
  const other = { username: of.username, browser: new Browser({ userAgent }), authenticator: of.authenticator };
  await signInWithPasskey(server.issuer, other);
  return other;
}

const sessionsOf = async (p: Person) => (await p.browser.json<{ sessions: BrowserSessionView[] }>(`${server.issuer}/api/account/sessions`)).body.sessions;
const patchProfile = (p: Person, body: unknown) => p.browser.json<Record<string, unknown>>(`${server.issuer}/api/account/profile`, body, 'PATCH');

async function signInToPhotos(p: Person) {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(photos, {
    redirect_uri: REDIRECT,
    scope: 'openid profile offline_access',
    prompt: 'consent',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const outcome = await authorize(server.issuer, p, url.href);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome).slice(0, 300)}`);
  return oidc.authorizationCodeGrant(photos, new URL(outcome.url), { pkceCodeVerifier: verifier });
}

beforeAll(async () => {
  // Every test enrols people of its own, from one address.
  server = await startTestServer({ rateLimits: { oneTimeLink: { burst: 100, refillSeconds: 1 }, passkey: { burst: 100, refillSeconds: 1 } } });
  server.provision({
    clients: [{ id: 'photos', name: 'Photos', redirectUris: [REDIRECT], secretFile: server.secretFile('photos', SECRET) }],
  });
  photos = await oidc.discovery(new URL(server.issuer), 'photos', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
});

afterAll(async () => {
  await server?.close();
});

describe('own profile', () => {
  it('changes the display, given and family name, audited; an emptied name is cleared', async () => {
    const gina = await person('gina');
    const saved = await patchProfile(gina, { displayName: ' Gina G. ', givenName: 'Gina', familyName: 'Gold' });
    expect(saved).toMatchObject({
      status: 200,
      body: { username: 'gina', displayName: 'Gina G.', givenName: 'Gina', familyName: 'Gold', usernameChangeAllowed: false },
    });
    const session = await gina.browser.json<{ user: Record<string, unknown> }>(`${server.issuer}/api/session`);
    expect(session.body.user).toMatchObject({ displayName: 'Gina G.', givenName: 'Gina', familyName: 'Gold' });

    expect((await patchProfile(gina, { displayName: null })).body).toMatchObject({ displayName: null, givenName: 'Gina' });
    expect((await gina.browser.json<{ user: { displayName: string } }>(`${server.issuer}/api/session`)).body.user.displayName).toBe('Gina Gold');
    // Newest first.
    const [latest] = listAuditEvents(server.gatehouse.internals.db, { event: 'profile.changed' });
    expect(latest).toMatchObject({ details: { changes: [{ field: 'displayName', from: 'Gina G.', to: null }] } });
  });

  it('refuses what the console refuses, field by field, and changes nothing', async () => {
    const hugo = await person('hugo', FIREFOX_ON_WINDOWS, { givenName: 'Hugo' });
    const refusals: Array<[unknown, string]> = [
      [{ givenName: '' }, 'givenName'],
      [{ familyName: 'x'.repeat(101) }, 'familyName'],
      [{ displayName: 'Hugo\nBcc: all' }, 'displayName'],
      [{ displayName: 42 }, 'displayName'],
      [{ isAdmin: true }, 'isAdmin'],
    ];
    for (const [body, field] of refusals) {
      const refused = await patchProfile(hugo, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body).toMatchObject({ error: 'invalid_input', field, message: expect.stringMatching(new RegExp(`^${field}: `)) });
    }
    expect((await hugo.browser.json<Record<string, unknown>>(`${server.issuer}/api/account/profile`)).body).toMatchObject({
      givenName: 'Hugo',
      displayName: null,
    });
    expect((await new Browser().json(`${server.issuer}/api/account/profile`, { givenName: 'X' }, 'PATCH')).status).toBe(401);
  });

  it('changes the username only when the owner allows it, and never to one taken, whatever its case', async () => {
    const iris = await person('iris');
    await person('jack');
    expect(await patchProfile(iris, { username: 'iris2' })).toMatchObject({ status: 403, body: { error: 'username_change_off', field: 'username' } });
    // Sending the username unchanged is no change.
    expect((await patchProfile(iris, { username: 'iris', givenName: 'Iris' })).status).toBe(200);

    await server.gatehouse.runAdmin('settings.update', { allowUsernameChange: true });
    try {
      expect((await iris.browser.json<{ usernameChangeAllowed: boolean }>(`${server.issuer}/api/account/profile`)).body.usernameChangeAllowed).toBe(true);
      expect(await patchProfile(iris, { username: 'JACK' })).toMatchObject({ status: 409, body: { error: 'username_taken', field: 'username' } });
      expect(await patchProfile(iris, { username: 'bad name' })).toMatchObject({ status: 400, body: { field: 'username' } });
      expect(await patchProfile(iris, { username: 'iris.w' })).toMatchObject({ status: 200, body: { username: 'iris.w' } });
      expect(await patchProfile(iris, { username: 'Iris.W' })).toMatchObject({ status: 200, body: { username: 'Iris.W' } });
    } finally {
      await server.gatehouse.runAdmin('settings.update', { allowUsernameChange: false });
    }
  });

  it('changes the username only right after a passkey check, as the email address: not from a session a link started', async () => {
    await person('vera');
    const linked = new Browser();
    const token = new URL(server.gatehouse.issueLoginLink('vera').url).pathname.split('/').pop()!;
    expect((await linked.json(`${server.issuer}/api/links/redeem`, { token })).status).toBe(200);
    await server.gatehouse.runAdmin('settings.update', { allowUsernameChange: true });
    try {
      // Who the person is to apps (preferred_username, forward-auth's user header) needs their passkey, as apps do.
      const refused = await linked.json(`${server.issuer}/api/account/profile`, { username: 'vera.b' }, 'PATCH');
      expect(refused).toMatchObject({ status: 403, body: { error: 'reauthentication_required', field: 'username' } });
      // Their names they change from any session of theirs.
      expect(await linked.json(`${server.issuer}/api/account/profile`, { username: 'vera', givenName: 'Vera' }, 'PATCH')).toMatchObject({
        status: 200,
        body: { username: 'vera', givenName: 'Vera' },
      });
    } finally {
      await server.gatehouse.runAdmin('settings.update', { allowUsernameChange: false });
    }
  });

  it('refuses a person the provisioning file manages: their name is changed there', async () => {
    server.provision({
      users: [{ username: 'kim' }],
      clients: [{ id: 'photos', name: 'Photos', redirectUris: [REDIRECT], secretFile: server.secretFile('photos', SECRET) }],
    });
    const kim = await enrol(server, 'kim');
    expect(await patchProfile(kim, { givenName: 'Kim' })).toMatchObject({ status: 409, body: { error: 'profile_provisioned' } });
    expect((await kim.browser.json(`${server.issuer}/api/account/profile`)).body).toMatchObject({ managedBy: 'provisioning' });
  });
});

describe('sessions', () => {
  it('lists every browser the person is signed in to, this one marked, with browser and system apart', async () => {
    const lena = await person('lena', FIREFOX_ON_WINDOWS);
    const phone = await secondBrowser(lena, SAFARI_ON_IOS);
    const listed = await sessionsOf(lena);
    expect(listed).toHaveLength(2);
    expect(listed.find((s) => s.current)).toMatchObject({ browser: 'Firefox', system: 'Windows', ip: '127.0.0.1' });
    expect(listed.find((s) => !s.current)).toMatchObject({ browser: 'Safari', system: 'iOS' });
    expect((await sessionsOf(phone)).find((s) => s.current)).toMatchObject({ browser: 'Safari' });
    // Another person's sessions are not in the list, nor can be ended from it.
    const mona = await person('mona');
    expect(await sessionsOf(mona)).toHaveLength(1);
    const lenasPhone = listed.find((s) => !s.current)!;
    expect((await mona.browser.json(`${server.issuer}/api/account/sessions/${lenasPhone.id}`, undefined, 'DELETE')).status).toBe(404);
    expect((await phone.browser.json(`${server.issuer}/api/session`)).status).toBe(200);
  });

  it('ending another browser signs it out of Gatehouse and of the provider, where apps ask for a sign-in again', async () => {
    const nina = await person('nina');
    const laptop = await secondBrowser(nina, SAFARI_ON_IOS);
    await signInToPhotos(laptop);
    const other = (await sessionsOf(nina)).find((s) => !s.current)!;

    expect((await nina.browser.json(`${server.issuer}/api/account/sessions/${other.id}`, undefined, 'DELETE')).status).toBe(204);
    expect((await laptop.browser.json(`${server.issuer}/api/session`)).status).toBe(401);
    expect(await sessionsOf(nina)).toEqual([expect.objectContaining({ current: true })]);
    // The provider's session in that browser ended too: an app's silent sign-in there is refused.
    const silent = oidc.buildAuthorizationUrl(photos, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      prompt: 'none',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const answer = await laptop.browser.follow(silent.href, server.issuer);
    expect(new URL(answer.url).searchParams.get('error')).toBe('login_required');
    expect((await nina.browser.json(`${server.issuer}/api/account/sessions/${other.id}`, undefined, 'DELETE')).status).toBe(404);
    expect(listAuditEvents(server.gatehouse.internals.db, { event: 'session.ended' })[0]).toMatchObject({
      details: { by: 'self', browser: 'Safari', system: 'iOS' },
    });
  });

  it('notes the last use at most once a minute', async () => {
    const olga = await person('olga');
    const [before] = await sessionsOf(olga);
    const [again] = await sessionsOf(olga);
    expect(again!.lastSeenAt).toBe(before!.lastSeenAt);
  });

  it('writes the last use once when a minute has passed, and not again for the requests after it', async () => {
    const pia = await person('pia');
    const db = server.gatehouse.internals.db;
    const row = () =>
      db.prepare('SELECT created_at, last_seen_at FROM browser_sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)').get('pia') as {
        created_at: number;
        last_seen_at: number | null;
      };
    const started = row();
    for (let i = 0; i < 5; i++) await sessionsOf(pia);
    expect(row()).toEqual(started);
    // A minute on (the session's start moved back), the next request notes its use; the many after it do not.
    db.prepare('UPDATE browser_sessions SET created_at = created_at - 61000 WHERE user_id = (SELECT id FROM users WHERE username = ?)').run('pia');
    const [noted] = await sessionsOf(pia);
    const seen = row().last_seen_at;
    expect(seen).toBe(noted!.lastSeenAt);
    expect(seen).toBeGreaterThanOrEqual(started.created_at);
    await Promise.all([1, 2, 3, 4, 5].map(() => sessionsOf(pia)));
    expect(row().last_seen_at).toBe(seen);
  });
});

describe('the admin, for a person', () => {
  it('lists their sessions and authorized apps with scopes, ends a session and revokes an app', async () => {
    const paul = await person('paul');
    const phone = await secondBrowser(paul, SAFARI_ON_IOS);
    const tokens = await signInToPhotos(phone);
    const userId = ((await server.gatehouse.runAdmin('users.list', { query: 'paul' })) as { users: Array<{ id: string }> }).users[0]!.id;
    const view = (await server.gatehouse.runAdmin('users.sessions', { userId })) as {
      sessions: BrowserSessionView[];
      apps: Array<{ clientId: string; scopes: string[]; lastUsedAt: number | null }>;
    };
    expect(view.sessions).toHaveLength(2);
    expect(view.sessions.every((s) => !s.current)).toBe(true);
    expect(view.apps).toEqual([{ clientId: 'photos', name: 'Photos', scopes: ['offline_access', 'openid', 'profile'], lastUsedAt: expect.any(Number) }]);

    const phoneSession = view.sessions.find((s) => s.browser === 'Safari')!;
    await server.gatehouse.runAdmin('users.endSession', { userId, sessionId: phoneSession.id });
    expect((await phone.browser.json(`${server.issuer}/api/session`)).status).toBe(401);
    expect((await paul.browser.json(`${server.issuer}/api/session`)).status).toBe(200);

    await server.gatehouse.runAdmin('users.revokeApp', { userId, clientId: 'photos' });
    await expect(oidc.refreshTokenGrant(photos, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(((await server.gatehouse.runAdmin('users.sessions', { userId })) as { apps: unknown[] }).apps).toEqual([]);
    expect(listAuditEvents(server.gatehouse.internals.db, { event: 'admin.users' }).map((e) => e.event)).toEqual(
      expect.arrayContaining(['admin.users.endSession', 'admin.users.revokeApp']),
    );
    await expect(server.gatehouse.runAdmin('users.endSession', { userId, sessionId: phoneSession.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('ends only a session of the person it names: another person’s session id is not found', async () => {
    const quinn = await person('quinn');
    const rosa = await person('rosa');
    const idOf = async (username: string) =>
      ((await server.gatehouse.runAdmin('users.list', { query: username })) as { users: Array<{ id: string; username: string }> }).users.find(
        (u) => u.username === username,
      )!.id;
    const [quinnId, rosaId] = [await idOf('quinn'), await idOf('rosa')];
    const [rosasSession] = ((await server.gatehouse.runAdmin('users.sessions', { userId: rosaId })) as { sessions: BrowserSessionView[] }).sessions;
    await expect(server.gatehouse.runAdmin('users.endSession', { userId: quinnId, sessionId: rosasSession!.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await rosa.browser.json(`${server.issuer}/api/session`)).status).toBe(200);
    expect((await quinn.browser.json(`${server.issuer}/api/session`)).status).toBe(200);
  });
});
