// The forward-auth sign-in flow against a real Gatehouse: /forward-auth/start on the issuer (return URL
// only to a protected app, the state bound in), the single-use code carried to the app's own host, the
// app session's cookie set there, and every way of signing out of Gatehouse ending the app sessions.
// App hosts are `*.localhost` names on Gatehouse's own port: a proxy routes /.gatehouse/* on every
// protected host straight to Gatehouse, so the callback is Gatehouse's either way.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../server/db/audit.ts';
import { hashId } from '../../server/db/browserSessions.ts';
import { findForwardAuthSession } from '../../server/db/forwardAuthSessions.ts';
import { Browser } from '../support/browser.ts';
import { enrol, type Person, signInWithPasskey } from '../support/flows.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const LOOSE = { burst: 1000, refillSeconds: 1 };
let now = Date.now();
const clock = () => now;
let server: TestServer;
let port: number;
let alice: Person;
let bob: Person;

const db = () => server.gatehouse.internals.db;
const userId = (username: string) => (db().prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
const appUrl = (app: string, rest = '/') => `http://${app}.localhost:${port}${rest}`;
const newState = () => randomBytes(32).toString('base64url');
const startUrl = (rd: string, state: string, extra: Record<string, string> = {}) =>
  `${server.issuer}/forward-auth/start?${new URLSearchParams({ rd, state, ...extra })}`;
const codeCount = () => (db().prepare('SELECT count(*) AS n FROM forward_auth_codes').get() as { n: number }).n;

/** What the check's redirect does: a state cookie on the app's host, then Gatehouse's start URL. */
async function start(person: Person, app: string, rd: string, state = newState()) {
  // As the check names it: `__Host-` prefixed for an app served over https.
  person.browser.setCookie(appUrl(app), `${rd.startsWith('https:') ? '__Host-' : ''}gatehouse_fa_state_${app}`, state);
  return { state, response: await person.browser.request(startUrl(rd, state)) };
}

/** Start then callback: the app session's cookie value. */
async function signInToApp(person: Person, app: string, rd = appUrl(app, '/')) {
  const { response } = await start(person, app, rd);
  expect(response.status).toBe(303);
  const callback = await person.browser.request(response.headers.get('location')!);
  expect(callback.status).toBe(303);
  return person.browser.cookie(`gatehouse_fa_${app}`)!;
}

function setCookie(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((header) => header.startsWith(`${name}=`));
}

beforeAll(async () => {
  server = await startTestServer({ clock, options: { trustProxy: ['127.0.0.1', '::1'] }, rateLimits: { passkey: LOOSE, oneTimeLink: LOOSE } });
  port = Number(new URL(server.issuer).port);
  server.provision({
    groups: [{ name: 'media' }, { name: 'admins-of-media' }, { name: 'family' }],
    users: [
      { username: 'alice', displayName: 'Alice Liddell', groups: ['media'] },
      { username: 'bob', groups: ['family'] },
    ],
    protectedApps: [
      { id: 'sonarr', name: 'Sonarr', hosts: ['sonarr.localhost'], allowedGroups: ['media', 'admins-of-media'] },
      { id: 'radarr', name: 'Radarr', hosts: ['radarr.localhost'], sessionTtl: 3600 },
    ],
  });
  alice = await enrol(server, 'alice');
  bob = await enrol(server, 'bob');
});

afterAll(async () => {
  await server?.close();
});

describe('GET /forward-auth/start', () => {
  it('refuses a return URL that is not a protected app with a 400 page, never a redirect', async () => {
    await signInWithPasskey(server.issuer, alice);
    const state = newState();
    for (const rd of [
      'https://evil.example/',
      'javascript:alert(1)',
      '//sonarr.localhost/',
      '/series',
      'https://sonarr.localhost@evil.example/',
      'https://user:secret@sonarr.localhost/',
      'https://evil.example\\@sonarr.localhost/',
      'https://sonarr.localhost.evil.example/',
      'https://evil.example/?https://sonarr.localhost/',
      'ftp://sonarr.localhost/',
      'data:text/html,<script>alert(1)</script>',
      '',
    ]) {
      const response = await alice.browser.request(startUrl(rd, state));
      expect([rd, response.status, response.headers.get('location')]).toEqual([rd, 400, null]);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).not.toContain('<script>alert');
    }
    const none = await alice.browser.request(`${server.issuer}/forward-auth/start?state=${state}`);
    expect([none.status, none.headers.get('location')]).toEqual([400, null]);
    const unknown = await alice.browser.request(startUrl('https://evil.example/x', state));
    expect(await unknown.text()).toContain('<code>evil.example</code>');
    expect(codeCount()).toBe(0);
  });

  it('refuses a missing or malformed state with a 400 page that links back to the app', async () => {
    const rd = appUrl('sonarr', '/series');
    for (const state of ['', 'short', `${'a'.repeat(40)}!`, 'a'.repeat(65)]) {
      const response = await alice.browser.request(startUrl(rd, state));
      expect([state, response.status, response.headers.get('location')]).toEqual([state, 400, null]);
      expect(await response.text()).toContain(`href="${rd}"`);
    }
    const missing = await alice.browser.request(`${server.issuer}/forward-auth/start?${new URLSearchParams({ rd })}`);
    expect(missing.status).toBe(400);
    expect(codeCount()).toBe(0);
  });

  it('shows the sign-in page to someone not signed in, or signed in only with a one-time link', async () => {
    const rd = appUrl('sonarr', '/series');
    const stranger = new Browser();
    const page = await stranger.request(startUrl(rd, newState()));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // A sign-in link's session: a link proves only that its holder was sent it.
    const linkOnly = new Browser();
    const token = new URL(server.gatehouse.issueLoginLink('bob').url).pathname.split('/').pop();
    expect((await linkOnly.json(`${server.issuer}/api/links/redeem`, { token })).status).toBe(200);
    const linked = await linkOnly.request(startUrl(rd, newState()));
    expect([linked.status, linked.headers.get('location')]).toEqual([200, null]);
    // "Sign in as someone else" shows the page whoever is signed in.
    await signInWithPasskey(server.issuer, alice);
    const again = await alice.browser.request(startUrl(rd, newState(), { prompt: 'login' }));
    expect([again.status, again.headers.get('location')]).toEqual([200, null]);
    expect(codeCount()).toBe(0);
  });

  it('sends someone signed in with a passkey to the app host’s callback with a code', async () => {
    await signInWithPasskey(server.issuer, alice);
    const { response } = await start(alice, 'sonarr', appUrl('sonarr', '/series?sort=name'));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(`http://sonarr.localhost:${port}`);
    expect(location.pathname).toBe('/.gatehouse/callback');
    expect([...location.searchParams.keys()]).toEqual(['code']);
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a person outside the allowed groups with a 403 page saying who may use the app', async () => {
    await signInWithPasskey(server.issuer, bob);
    const before = codeCount();
    const { state, response } = await start(bob, 'sonarr', appUrl('sonarr', '/'));
    expect([response.status, response.headers.get('location')]).toEqual([403, null]);
    const html = await response.text();
    expect(html).toContain('You are signed in as <strong>bob</strong>');
    expect(html).toContain('Sonarr is for members of <strong>admins-of-media</strong> or <strong>media</strong>');
    expect(html).toContain(`href="${startUrl(appUrl('sonarr', '/'), state, { prompt: 'login' }).replaceAll('&', '&amp;')}"`);
    expect(codeCount()).toBe(before);
    expect(listAuditEvents(db(), { event: 'forward_auth.refused' })[0]).toMatchObject({ userId: userId('bob'), details: { app: 'sonarr' } });
  });

  it('answers the sign-in page’s question: which app, under which name', async () => {
    const answer = await new Browser().json(`${server.issuer}/api/forward-auth/app?${new URLSearchParams({ rd: appUrl('radarr', '/movies') })}`);
    expect(answer).toEqual({ status: 200, body: { name: 'Radarr', instanceName: expect.any(String) } });
    const unknown = await new Browser().json(`${server.issuer}/api/forward-auth/app?${new URLSearchParams({ rd: 'https://evil.example/' })}`);
    expect(unknown).toMatchObject({ status: 400, body: { error: 'forward_auth_unknown_app', field: 'rd' } });
  });
});

describe('GET <app host>/.gatehouse/callback', () => {
  it('sets the app’s host-only session cookie and returns exactly to the stored URL', async () => {
    await signInWithPasskey(server.issuer, alice);
    const rd = appUrl('sonarr', '/series/show%20one?sort=name&x=%2F');
    const signedInBefore = listAuditEvents(db(), { event: 'forward_auth.signed_in' }).length;
    const { response } = await start(alice, 'sonarr', rd);
    const callback = await alice.browser.request(`${response.headers.get('location')!}&next=https://evil.example/`);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe(rd);
    const cookie = setCookie(callback, 'gatehouse_fa_sonarr')!;
    const value = alice.browser.cookie('gatehouse_fa_sonarr')!;
    const session = findForwardAuthSession(db(), value);
    expect(session).toEqual({ appId: 'sonarr', userId: userId('alice'), expiresAt: expect.any(Number) });
    // As long as the Gatehouse sign-in (the app sets no session length of its own).
    const browserSession = db()
      .prepare('SELECT b.expires_at FROM browser_sessions b JOIN forward_auth_sessions f ON f.browser_session_hash = b.id_hash WHERE f.id_hash = ?')
      .get(hashId(value)) as { expires_at: number } | undefined;
    expect(session!.expiresAt).toBe(browserSession?.expires_at);
    expect(cookie).toBe(`gatehouse_fa_sonarr=${value}; Path=/; Expires=${new Date(session!.expiresAt).toUTCString()}; HttpOnly; SameSite=Lax`);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(setCookie(callback, 'gatehouse_fa_state_sonarr')).toMatch(/^gatehouse_fa_state_sonarr=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0;/);
    expect(alice.browser.cookie('gatehouse_fa_state_sonarr')).toBeUndefined();
    expect(listAuditEvents(db(), { event: 'forward_auth.signed_in' })).toHaveLength(signedInBefore + 1);
    expect(listAuditEvents(db(), { event: 'forward_auth.signed_in' })[0]).toMatchObject({ userId: userId('alice'), details: { app: 'sonarr' } });
  });

  it('uses a code once', async () => {
    await signInWithPasskey(server.issuer, alice);
    const { response } = await start(alice, 'radarr', appUrl('radarr', '/'));
    const callbackUrl = response.headers.get('location')!;
    expect((await alice.browser.request(callbackUrl)).status).toBe(303);
    alice.browser.setCookie(appUrl('radarr'), 'gatehouse_fa_state_radarr', newState());
    const again = await alice.browser.request(callbackUrl);
    expect([again.status, again.headers.get('location'), setCookie(again, 'gatehouse_fa_radarr')]).toEqual([400, null, undefined]);
    const html = await again.text();
    expect(html).toContain('expired or was already used');
    expect(html).not.toContain('Try again');
  });

  it('refuses an expired code', async () => {
    await signInWithPasskey(server.issuer, alice);
    const { response } = await start(alice, 'radarr', appUrl('radarr', '/'));
    now += 61 * 1000;
    const late = await alice.browser.request(response.headers.get('location')!);
    expect([late.status, late.headers.get('location'), setCookie(late, 'gatehouse_fa_radarr')]).toEqual([400, null, undefined]);
  });

  it('refuses a code in a browser whose state cookie does not match, and burns the code', async () => {
    await signInWithPasskey(server.issuer, alice);
    const rd = appUrl('radarr', '/movies');
    const { state, response } = await start(alice, 'radarr', rd);
    const callbackUrl = response.headers.get('location')!;
    // Another browser (an attacker handing over their code, or a victim's link) has no or another state.
    const other = new Browser();
    const missing = await other.request(callbackUrl);
    expect([missing.status, missing.headers.get('location'), setCookie(missing, 'gatehouse_fa_radarr')]).toEqual([400, null, undefined]);
    expect(await missing.text()).toContain(`href="${rd}"`);
    const { response: second } = await start(alice, 'radarr', rd, state);
    other.setCookie(appUrl('radarr'), 'gatehouse_fa_state_radarr', newState());
    const wrong = await other.request(second.headers.get('location')!);
    expect([wrong.status, setCookie(wrong, 'gatehouse_fa_radarr')]).toEqual([400, undefined]);
    // The code is gone even for the browser that had the right state.
    expect((await alice.browser.request(second.headers.get('location')!)).status).toBe(400);
  });

  it('sets the cookie of the code’s app only: a code of one app is no session at another', async () => {
    await signInWithPasskey(server.issuer, alice);
    const { response } = await start(alice, 'sonarr', appUrl('sonarr', '/'));
    const code = new URL(response.headers.get('location')!).searchParams.get('code')!;
    // At Radarr's host the browser holds Radarr's state, not Sonarr's: refused.
    alice.browser.setCookie(appUrl('radarr'), 'gatehouse_fa_state_radarr', newState());
    alice.browser.deleteCookie('gatehouse_fa_radarr');
    const atRadarr = await alice.browser.request(appUrl('radarr', `/.gatehouse/callback?code=${code}`));
    expect([atRadarr.status, setCookie(atRadarr, 'gatehouse_fa_radarr'), setCookie(atRadarr, 'gatehouse_fa_sonarr')]).toEqual([400, undefined, undefined]);
    // With Sonarr's state cookie carried over too, the cookie set is Sonarr's, which Radarr never reads, and
    // the way back is Sonarr's URL.
    const { response: again, state } = await start(alice, 'sonarr', appUrl('sonarr', '/'));
    alice.browser.setCookie(appUrl('radarr'), 'gatehouse_fa_state_sonarr', state);
    const carried = await alice.browser.request(appUrl('radarr', `/.gatehouse/callback${new URL(again.headers.get('location')!).search}`));
    expect(carried.status).toBe(303);
    expect(carried.headers.get('location')).toBe(appUrl('sonarr', '/'));
    expect(setCookie(carried, 'gatehouse_fa_radarr')).toBeUndefined();
    expect(setCookie(carried, 'gatehouse_fa_sonarr')).toBeDefined();
  });

  it('marks the cookies Secure for an https app and ends the app session after its own length', async () => {
    await signInWithPasskey(server.issuer, alice);
    const rd = 'https://radarr.localhost/movies';
    const { response } = await start(alice, 'radarr', rd);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe('https://radarr.localhost');
    // No TLS in this test: the request reaches Gatehouse over http, as it would behind a TLS-terminating proxy.
    const callback = await alice.browser.request(appUrl('radarr', `${location.pathname}${location.search}`));
    expect(callback.headers.get('location')).toBe(rd);
    // `__Host-` names: a sibling subdomain cannot plant either cookie for this host.
    expect(setCookie(callback, 'gatehouse_fa_radarr')).toBeUndefined();
    const cookie = setCookie(callback, '__Host-gatehouse_fa_radarr')!;
    expect(cookie).toMatch(/; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax; Secure$/);
    expect(setCookie(callback, '__Host-gatehouse_fa_state_radarr')).toMatch(/; Secure$/);
    const session = findForwardAuthSession(db(), /^__Host-gatehouse_fa_radarr=([^;]+)/.exec(cookie)![1]!);
    expect(session!.expiresAt).toBe(now + 3600 * 1000);
  });

  it('refuses a code whose Gatehouse sign-in ended before it came back, or whose person was disabled', async () => {
    await signInWithPasskey(server.issuer, alice);
    const { response } = await start(alice, 'radarr', appUrl('radarr', '/'));
    expect((await alice.browser.request(`${server.issuer}/api/session`, { method: 'DELETE' })).status).toBe(204);
    const callback = await alice.browser.request(response.headers.get('location')!);
    expect([callback.status, setCookie(callback, 'gatehouse_fa_radarr')]).toEqual([400, undefined]);

    await signInWithPasskey(server.issuer, alice);
    const { response: second } = await start(alice, 'radarr', appUrl('radarr', '/'));
    db().prepare('UPDATE users SET disabled = 1 WHERE username = ?').run('alice');
    try {
      const refused = await alice.browser.request(second.headers.get('location')!);
      expect([refused.status, setCookie(refused, 'gatehouse_fa_radarr')]).toEqual([400, undefined]);
    } finally {
      db().prepare('UPDATE users SET disabled = 0 WHERE username = ?').run('alice');
    }
  });
});

describe('with the check in front', () => {
  /** The check, asked as a proxy asks it about a page load of `url`. */
  const ask = (url: string, cookie?: string) => {
    const { host, pathname, search } = new URL(url);
    return fetch(`${server.issuer}/forward-auth/check`, {
      redirect: 'manual',
      headers: {
        'x-forwarded-method': 'GET',
        'x-forwarded-proto': 'http',
        'x-forwarded-host': host,
        'x-forwarded-uri': `${pathname}${search}`,
        accept: 'text/html',
        'sec-fetch-mode': 'navigate',
        ...(cookie ? { cookie } : {}),
      },
    });
  };
  const cookieValue = (response: Response, name: string) => new RegExp(`^${name}=([^;]+)`).exec(setCookie(response, name) ?? '')?.[1];

  it('walks from the check’s redirect through the sign-in to an allowed check; the cookie is no session at another app', async () => {
    await signInWithPasskey(server.issuer, alice);
    const original = appUrl('sonarr', '/series?sort=name');
    const redirect = await ask(original);
    expect(redirect.status).toBe(302);
    alice.browser.setCookie(appUrl('sonarr'), 'gatehouse_fa_state_sonarr', cookieValue(redirect, 'gatehouse_fa_state_sonarr')!);
    const started = await alice.browser.request(redirect.headers.get('location')!);
    expect(started.status).toBe(303);
    const back = await alice.browser.request(started.headers.get('location')!);
    expect(back.headers.get('location')).toBe(original);
    const value = cookieValue(back, 'gatehouse_fa_sonarr')!;
    const allowed = await ask(original, `gatehouse_fa_sonarr=${value}`);
    expect([allowed.status, allowed.headers.get('remote-user'), allowed.headers.get('remote-name')]).toEqual([200, 'alice', 'Alice Liddell']);
    expect((await ask(appUrl('radarr', '/'), `gatehouse_fa_radarr=${value}`)).status).toBe(302);
    // Signing out of Gatehouse ends it at the very next check.
    await alice.browser.request(`${server.issuer}/api/session`, { method: 'DELETE' });
    expect((await ask(original, `gatehouse_fa_sonarr=${value}`)).status).toBe(302);
  });
});

describe('signing out', () => {
  it('of Gatehouse on the account page ends the app sessions', async () => {
    await signInWithPasskey(server.issuer, alice);
    const sonarr = await signInToApp(alice, 'sonarr');
    const radarr = await signInToApp(alice, 'radarr');
    expect(findForwardAuthSession(db(), sonarr)).toBeDefined();
    expect((await alice.browser.request(`${server.issuer}/api/session`, { method: 'DELETE' })).status).toBe(204);
    expect(findForwardAuthSession(db(), sonarr)).toBeUndefined();
    expect(findForwardAuthSession(db(), radarr)).toBeUndefined();
  });

  it('everywhere, by an admin, ends the app sessions', async () => {
    await signInWithPasskey(server.issuer, alice);
    const sonarr = await signInToApp(alice, 'sonarr');
    await server.gatehouse.runAdmin('users.signOutEverywhere', { id: userId('alice') });
    expect(findForwardAuthSession(db(), sonarr)).toBeUndefined();
  });

  it('of Gatehouse through the provider’s sign-out (end_session) ends the app sessions; “stay signed in” does not', async () => {
    const endSession = async (logout: boolean) => {
      const form = await (await alice.browser.request(`${server.issuer}/session/end`)).text();
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)![1]!;
      const confirmed = await alice.browser.request(`${server.issuer}/session/end/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, ...(logout ? { logout: 'yes' } : {}) }).toString(),
      });
      expect(confirmed.status).toBe(303);
      return confirmed;
    };
    await signInWithPasskey(server.issuer, alice);
    const sonarr = await signInToApp(alice, 'sonarr');
    await endSession(false);
    expect(findForwardAuthSession(db(), sonarr)).toBeDefined();
    const signedOut = await endSession(true);
    expect(findForwardAuthSession(db(), sonarr)).toBeUndefined();
    expect(signedOut.headers.getSetCookie().some((header) => /^gatehouse_session=;.*expires=Thu, 01 Jan 1970/i.test(header))).toBe(true);
    expect((await alice.browser.json(`${server.issuer}/api/session`)).status).toBe(401);
  });

  it('of one app at /.gatehouse/sign-out ends that app’s session only', async () => {
    await signInWithPasskey(server.issuer, alice);
    const sonarr = await signInToApp(alice, 'sonarr');
    const radarr = await signInToApp(alice, 'radarr');
    const page = await alice.browser.request(appUrl('sonarr', '/.gatehouse/sign-out'));
    expect(page.status).toBe(200);
    expect(setCookie(page, 'gatehouse_fa_sonarr')).toMatch(
      /^gatehouse_fa_sonarr=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax$/,
    );
    const html = await page.text();
    expect(html).toContain('You are signed out of Sonarr');
    expect(html).toContain(`href="${server.issuer}/account"`);
    expect(findForwardAuthSession(db(), sonarr)).toBeUndefined();
    expect(findForwardAuthSession(db(), radarr)).toBeDefined();
    expect((await alice.browser.json(`${server.issuer}/api/session`)).status).toBe(200);
    // Without a cookie it still names the app, by the host the proxy passed on.
    const again = await alice.browser.request(appUrl('sonarr', '/.gatehouse/sign-out'));
    expect(await again.text()).toContain('You are signed out of Sonarr');
  });
});

it('purges expired app sessions and codes', async () => {
  await signInWithPasskey(server.issuer, alice);
  await signInToApp(alice, 'radarr');
  await start(alice, 'radarr', appUrl('radarr', '/'));
  now += 2 * 3600 * 1000;
  const expired = () =>
    db()
      .prepare(
        'SELECT (SELECT count(*) FROM forward_auth_sessions WHERE expires_at < @now) + (SELECT count(*) FROM forward_auth_codes WHERE expires_at < @now) AS n',
      )
      .get({ now }) as { n: number };
  expect(expired().n).toBeGreaterThanOrEqual(2);
  await server.restart(); // maintenance purges at start
  expect(expired().n).toBe(0);
});
