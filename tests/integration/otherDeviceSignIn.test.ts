// Signing in with another device, over HTTP against a real server: a browser that cannot use a passkey
// starts a request at an app's sign-in or the account's, a second browser approves it with a passkey
// (or its own fresh session) or denies it, and the first one, held waiting, is woken and finishes once.
// Expiry with a moved clock, wrong secrets, the guessing limit, and a stop that ends every held wait.
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtherDeviceRequest, OtherDeviceWait } from '../../renderer/src/api/types.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, type Person, signInWithPasskey } from '../support/flows.ts';
import { authorizationWithPkce, discoverPublicApp } from '../support/publicApp.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { purgeExpired } from '../../server/instance/maintenance.ts';
import { RATE_LIMITS, RateLimiter } from '../../server/auth/rateLimits.ts';
import { createLogger } from '../../server/logger.ts';

const REDIRECT = 'http://localhost:8080/cb';
const LOOSE = { burst: 1000, refillSeconds: 1 };
const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const FIVE_MINUTES = 5 * 60 * 1000;

interface Problem {
  error: string;
  message: string;
}

let offset = 0;
const clock = () => Date.now() + offset;
let server: TestServer;
let frank: Person;
let photos: oidc.Configuration;
let frankId: string;

/** A browser at the photos app's sign-in page: the interaction's URL, the base of its endpoints. */
async function atAppSignIn(browser: Browser): Promise<{ interaction: string; verifier: string }> {
  const { url, verifier } = await authorizationWithPkce(photos, REDIRECT, 'openid profile');
  const { url: at, response } = await browser.follow(url.href, server.issuer);
  await response?.text();
  expect(new URL(at).pathname).toMatch(/^\/interaction\/[^/]+$/);
  return { interaction: at, verifier };
}

/** Starts a request from a browser that cannot use a passkey, with a phone's user agent. */
async function startRequest(browser: Browser, base: string): Promise<OtherDeviceRequest> {
  const response = await browser.request(`${base}/other-device`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': ANDROID_CHROME },
    body: '{}',
  });
  expect(response.status).toBe(201);
  return (await response.json()) as OtherDeviceRequest;
}

const wait = (browser: Browser, base: string, started: Pick<OtherDeviceRequest, 'id' | 'waitSecret'>) =>
  browser.json<OtherDeviceWait & Problem>(`${base}/other-device/${started.id}/wait`, { waitSecret: started.waitSecret });
const finish = <T>(browser: Browser, base: string, started: Pick<OtherDeviceRequest, 'id' | 'waitSecret'>) =>
  browser.json<T & Problem>(`${base}/other-device/${started.id}/finish`, { waitSecret: started.waitSecret });
const lookup = (browser: Browser, code: string) => browser.json<Record<string, unknown> & Problem>(`${server.issuer}/api/other-device/lookup`, { code });

/** Approves on the approving device with a passkey assertion, as the /approve page does. */
async function approveWithPasskey(browser: Browser, authenticator: SoftwareAuthenticator, code: string) {
  const options = await browser.json<{ ceremonyId: string; options: { challenge: string } }>(`${server.issuer}/api/other-device/approve/options`, { code });
  expect(options.status).toBe(200);
  return browser.json<Problem & { approved: boolean }>(`${server.issuer}/api/other-device/approve`, {
    code,
    ceremonyId: options.body.ceremonyId,
    response: authenticator.getAssertion(options.body.options, server.issuer),
  });
}

/** Waits until the server holds `count` waits (a condition, not a time). */
async function untilHeld(target: TestServer, count: number): Promise<void> {
  while (target.gatehouse.internals.heldOtherDeviceWaits() !== count) await new Promise((resolve) => setTimeout(resolve, 10));
}

const events = (event: string) => listAuditEvents(server.gatehouse.internals.db, { event });

beforeAll(async () => {
  server = await startTestServer({ clock, rateLimits: { passkey: LOOSE, oneTimeLink: LOOSE, otherDeviceRequest: LOOSE, otherDeviceCode: LOOSE } });
  server.provision({
    users: [{ username: 'frank', displayName: 'Frank Lee' }, { username: 'gina' }],
    clients: [{ id: 'photos', name: 'Photos', public: true, redirectUris: [REDIRECT] }],
  });
  frank = await enrol(server, 'frank');
  frankId = ((await server.gatehouse.runAdmin('users.list', {})) as { users: { id: string; username: string }[] }).users.find(
    (u) => u.username === 'frank',
  )!.id;
  photos = await discoverPublicApp(server.issuer, 'photos');
});

afterAll(async () => {
  await server?.close();
});

describe('starting a request', () => {
  it('answers a short code, a link and QR code to approve it, and a secret of its own; stores neither in clear', async () => {
    const started = await startRequest(new Browser(), `${server.issuer}/api/session`);
    expect(started.code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(started.approveUrl).toBe(`${server.issuer}/approve?code=${started.code.replace('-', '')}`);
    expect(started.qrSvg).toMatch(/^<svg/);
    expect(started.waitSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started.approveUrl).not.toContain(started.waitSecret);
    expect(started.expiresAt).toBeGreaterThan(clock() + FIVE_MINUTES - 5000);
    expect(started.expiresAt).toBeLessThanOrEqual(clock() + FIVE_MINUTES);
    const row = server.gatehouse.internals.db.prepare('SELECT * FROM other_device_requests WHERE id = ?').get(started.id) as Record<string, unknown>;
    const stored = JSON.stringify(row, (_key, value) => (Buffer.isBuffer(value) ? value.toString('hex') : value));
    expect(stored).not.toContain(started.code.replace('-', ''));
    expect(stored).not.toContain(started.waitSecret);
    expect(row).toMatchObject({ status: 'pending', interaction_uid: null, client_id: null, requester_ip: '127.0.0.1', requester_user_agent: ANDROID_CHROME });
    expect(events('other_device.requested')[0]).toMatchObject({ ip: '127.0.0.1', details: { requestId: started.id } });
  });

  it('refuses a POST without a JSON body, to start a request or to ask for a passkey challenge', async () => {
    for (const path of ['/api/session/other-device', '/api/other-device/approve/options']) {
      const response = await new Browser().request(`${server.issuer}${path}`, { method: 'POST' });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' });
    }
  });

  it('serves the approve page from the web UI', async () => {
    const response = await fetch(`${server.issuer}/approve?code=BCDFGHJK`);
    // 503 with a sentence when the web pages are not built; either way Gatehouse answers it, not the provider.
    expect([200, 503]).toContain(response.status);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('at an app sign-in', () => {
  it('approved with a passkey on another device, the waiting browser signs in to the app, once', async () => {
    const tv = new Browser();
    const { interaction, verifier } = await atAppSignIn(tv);
    const started = await startRequest(tv, interaction);
    expect(server.gatehouse.internals.db.prepare('SELECT client_id FROM other_device_requests WHERE id = ?').get(started.id)).toEqual({ client_id: 'photos' });

    // The phone, not signed in, sees what asks and approves with Frank's passkey.
    const phone = new Browser();
    const seen = await lookup(phone, started.code.toLowerCase().replace('-', ' '));
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      app: { name: 'Photos' },
      browser: 'Chrome',
      system: 'Android',
      ip: '127.0.0.1',
      sameNetwork: true,
      requestedAt: expect.any(Number),
      expiresAt: started.expiresAt,
      signedInAs: null,
    });
    const approved = await approveWithPasskey(phone, frank.authenticator, started.code);
    expect(approved).toEqual({ status: 200, body: { approved: true } });
    // Approving signs the phone in to nothing.
    expect((await phone.json(`${server.issuer}/api/session`)).status).toBe(401);

    // The waiting page can say whom it signs in as.
    expect((await wait(tv, interaction, started)).body).toEqual({
      status: 'approved',
      expiresAt: started.expiresAt,
      approvedBy: { username: 'frank', displayName: 'Frank Lee' },
    });
    const finished = await finish<{ redirectTo: string }>(tv, interaction, started);
    expect(finished.status).toBe(200);
    const again = await finish(tv, interaction, started);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'other_device_not_approved', message: expect.stringContaining('used to sign in already') });

    // The app gets tokens for Frank, signed in by another device's approval (amr "mca").
    const outcome = await authorize(server.issuer, { browser: tv, authenticator: new SoftwareAuthenticator() }, finished.body.redirectTo);
    expect(outcome.kind).toBe('redirect');
    const tokens = await oidc.authorizationCodeGrant(photos, new URL((outcome as { url: string }).url), { pkceCodeVerifier: verifier });
    expect(tokens.claims()).toMatchObject({ sub: frankId, amr: ['mca'] });
    // The waiting browser is signed in to Gatehouse too, but not freshly: the approval was not a passkey check here.
    expect((await tv.json(`${server.issuer}/api/session`)).body).toMatchObject({ authMethod: 'other_device', fresh: false });

    expect(events('other_device.approved')[0]).toMatchObject({ userId: frankId, clientId: 'photos', ip: '127.0.0.1' });
    expect(events('other_device.approved')[0]!.details).toEqual({ requestId: started.id, requesterIp: '127.0.0.1' });
    expect(events('sign_in.succeeded')[0]).toMatchObject({ userId: frankId, clientId: 'photos', details: { method: 'other_device', requestId: started.id } });
    // No code or secret in the audit log.
    const log = JSON.stringify(listAuditEvents(server.gatehouse.internals.db, { limit: 1000 }));
    expect(log).not.toContain(started.code.replace('-', ''));
    expect(log).not.toContain(started.code);
    expect(log).not.toContain(started.waitSecret);
  });

  it('finishes only at the sign-in that asked, never at another one of the same browser', async () => {
    const tv = new Browser();
    const first = await atAppSignIn(tv);
    const second = await atAppSignIn(tv);
    const started = await startRequest(tv, first.interaction);
    expect((await approveWithPasskey(new Browser(), frank.authenticator, started.code)).status).toBe(200);
    const elsewhere = await finish(tv, second.interaction, started);
    expect(elsewhere).toMatchObject({ status: 404, body: { error: 'other_device_request_unknown' } });
    // Nor at the account's sign-in.
    expect((await finish(tv, `${server.issuer}/api/session`, started)).body).toMatchObject({ error: 'other_device_request_unknown' });
    expect((await finish<{ redirectTo: string }>(tv, first.interaction, started)).status).toBe(200);
  });
});

describe('at the account sign-in', () => {
  it('approved from a browser with a fresh passkey sign-in, the waiting browser is signed in to the account', async () => {
    const laptop = new Browser();
    const base = `${server.issuer}/api/session`;
    const started = await startRequest(laptop, base);
    const phone = { browser: new Browser(), authenticator: frank.authenticator };
    await signInWithPasskey(server.issuer, phone);
    expect((await lookup(phone.browser, started.code)).body).toMatchObject({
      app: null,
      signedInAs: { username: 'frank', displayName: 'Frank Lee', fresh: true },
    });
    expect(await phone.browser.json(`${server.issuer}/api/other-device/approve`, { code: started.code })).toEqual({ status: 200, body: { approved: true } });
    expect((await wait(laptop, base, started)).body.status).toBe('approved');
    const finished = await finish<{ user: { username: string } }>(laptop, base, started);
    expect(finished).toMatchObject({ status: 200, body: { user: { id: frankId, username: 'frank', displayName: 'Frank Lee' } } });
    expect((await laptop.json(`${server.issuer}/api/session`)).body).toMatchObject({ authMethod: 'other_device', fresh: false, user: { username: 'frank' } });
    expect(events('sign_in.succeeded')[0]).toMatchObject({ userId: frankId, clientId: null, details: { method: 'other_device', to: 'account' } });
  });

  it('is no fresh passkey check: the signed-in browser may not add a passkey or approve with its session alone', async () => {
    const laptop = new Browser();
    const base = `${server.issuer}/api/session`;
    const started = await startRequest(laptop, base);
    expect((await approveWithPasskey(new Browser(), frank.authenticator, started.code)).status).toBe(200);
    expect((await finish(laptop, base, started)).status).toBe(200);

    const addPasskey = await laptop.json<Problem>(`${server.issuer}/api/account/passkeys/options`, {});
    expect(addPasskey).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    const next = await startRequest(new Browser(), base);
    expect((await lookup(laptop, next.code)).body).toMatchObject({ signedInAs: { username: 'frank', fresh: false } });
    const sessionOnly = await laptop.json<Problem>(`${server.issuer}/api/other-device/approve`, { code: next.code });
    expect(sessionOnly).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    // Frank's passkey still approves from there.
    expect((await approveWithPasskey(laptop, frank.authenticator, next.code)).status).toBe(200);
  });

  it('approves and finishes exactly once under parallel requests', async () => {
    const laptop = new Browser();
    const base = `${server.issuer}/api/session`;
    const started = await startRequest(laptop, base);
    const phone = { browser: new Browser(), authenticator: frank.authenticator };
    await signInWithPasskey(server.issuer, phone);
    const approvals = await Promise.all(
      Array.from({ length: 10 }, () => phone.browser.json(`${server.issuer}/api/other-device/approve`, { code: started.code })),
    );
    expect(approvals.map((answer) => answer.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const finishes = await Promise.all(Array.from({ length: 10 }, () => finish(laptop, base, started)));
    expect(finishes.map((answer) => answer.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const recorded = listAuditEvents(server.gatehouse.internals.db, { limit: 1000 }).filter((e) => e.details.requestId === started.id);
    expect(recorded.map((e) => e.event).sort()).toEqual(['other_device.approved', 'other_device.requested', 'sign_in.succeeded']);
  });

  it('refuses an approval without a passkey from a browser not signed in, and a used code', async () => {
    const started = await startRequest(new Browser(), `${server.issuer}/api/session`);
    const stranger = new Browser();
    expect((await stranger.json(`${server.issuer}/api/other-device/approve`, { code: started.code })).body).toMatchObject({ error: 'not_signed_in' });
    expect((await approveWithPasskey(stranger, frank.authenticator, started.code)).status).toBe(200);
    for (const path of ['lookup', 'approve', 'deny']) {
      const used = await stranger.json<Problem>(`${server.issuer}/api/other-device/${path}`, { code: started.code });
      expect(used.status).toBe(409);
      expect(used.body).toMatchObject({ error: 'other_device_code_used', message: expect.stringContaining('approved or denied already') });
    }
  });

  it('refuses an approval by a disabled person, and finishing for one disabled after approving', async () => {
    const gina = await enrol(server, 'gina');
    const ginaId = ((await server.gatehouse.runAdmin('users.list', {})) as { users: { id: string; username: string }[] }).users.find(
      (u) => u.username === 'gina',
    )!.id;
    const laptop = new Browser();
    const base = `${server.issuer}/api/session`;
    const approvedFirst = await startRequest(laptop, base);
    expect((await approveWithPasskey(new Browser(), gina.authenticator, approvedFirst.code)).status).toBe(200);
    await server.gatehouse.runAdmin('users.setDisabled', { id: ginaId, disabled: true });
    const refused = await startRequest(laptop, base);
    expect(await approveWithPasskey(new Browser(), gina.authenticator, refused.code)).toMatchObject({ status: 403, body: { error: 'account_disabled' } });
    expect((await lookup(new Browser(), refused.code)).status).toBe(200);
    expect(await finish(laptop, base, approvedFirst)).toMatchObject({ status: 403, body: { error: 'account_disabled' } });
    expect((await laptop.json(`${server.issuer}/api/session`)).status).toBe(401);
    await server.gatehouse.runAdmin('users.setDisabled', { id: ginaId, disabled: false });
  });
});

describe('denying', () => {
  it('needs no sign-in, tells the waiting browser, and its finish says so in a sentence', async () => {
    const tv = new Browser();
    const { interaction } = await atAppSignIn(tv);
    const started = await startRequest(tv, interaction);
    const phone = new Browser();
    expect(await phone.json(`${server.issuer}/api/other-device/deny`, { code: started.code })).toEqual({ status: 200, body: { denied: true } });
    expect((await wait(tv, interaction, started)).body).toEqual({ status: 'denied', expiresAt: started.expiresAt });
    const finished = await finish(tv, interaction, started);
    expect(finished).toMatchObject({
      status: 409,
      body: { error: 'other_device_not_approved', message: expect.stringContaining('denied on the other device') },
    });
    expect((await approveWithPasskey(phone, frank.authenticator, started.code)).body).toMatchObject({ error: 'other_device_code_used' });
    expect(events('other_device.denied')[0]).toMatchObject({ userId: null, clientId: 'photos', ip: '127.0.0.1' });
    expect(events('other_device.denied')[0]!.details).toEqual({ requestId: started.id, requesterIp: '127.0.0.1' });
  });

  it('a finish before anyone decided says to approve first', async () => {
    const laptop = new Browser();
    const started = await startRequest(laptop, `${server.issuer}/api/session`);
    expect((await finish(laptop, `${server.issuer}/api/session`, started)).body).toMatchObject({
      error: 'other_device_not_approved',
      message: expect.stringContaining('Nobody has approved this sign-in yet'),
    });
  });
});

describe("the waiting browser's secret", () => {
  it('a wrong secret or id, or another sign-in, finds nothing', async () => {
    const laptop = new Browser();
    const base = `${server.issuer}/api/session`;
    const started = await startRequest(laptop, base);
    for (const wrong of [
      { id: started.id, waitSecret: 'x'.repeat(43) },
      { id: started.id, waitSecret: undefined as unknown as string },
      { id: 'not-a-request', waitSecret: started.waitSecret },
    ]) {
      for (const answer of [await wait(laptop, base, wrong), await finish(laptop, base, wrong)]) {
        expect(answer.status).toBe(404);
        expect(answer.body).toMatchObject({ error: 'other_device_request_unknown', message: expect.stringContaining('Get a new code') });
      }
    }
    // The code alone signs no one in: whoever read it can approve, never finish.
    const { interaction } = await atAppSignIn(laptop);
    expect((await wait(laptop, interaction, started)).status).toBe(404);
  });
});

describe('a held wait', () => {
  it('is woken by the approval, and a request holds at most two', async () => {
    const laptop = new Browser();
    const base = `${server.issuer}/api/session`;
    const started = await startRequest(laptop, base);
    const first = wait(laptop, base, started);
    const second = wait(new Browser(), base, started);
    await untilHeld(server, 2);
    // A third answers at once with the state as it is.
    expect((await wait(laptop, base, started)).body).toEqual({ status: 'pending', expiresAt: started.expiresAt });
    expect((await approveWithPasskey(new Browser(), frank.authenticator, started.code)).status).toBe(200);
    // Woken by the approval itself, before it answered.
    expect(server.gatehouse.internals.heldOtherDeviceWaits()).toBe(0);
    expect((await first).body.status).toBe('approved');
    expect((await second).body.status).toBe('approved');
  });

  it('a client address holds at most four, whatever their requests', async () => {
    const laptop = new Browser();
    const base = `${server.issuer}/api/session`;
    const one = await startRequest(laptop, base);
    const two = await startRequest(laptop, base);
    const three = await startRequest(laptop, base);
    const held = [wait(laptop, base, one), wait(laptop, base, one), wait(laptop, base, two), wait(laptop, base, two)];
    await untilHeld(server, 4);
    expect((await wait(laptop, base, three)).body).toEqual({ status: 'pending', expiresAt: three.expiresAt });
    for (const started of [one, two]) await new Browser().json(`${server.issuer}/api/other-device/deny`, { code: started.code });
    expect((await Promise.all(held)).map((answer) => answer.body.status)).toEqual(['denied', 'denied', 'denied', 'denied']);
  });

  it('is woken by a denial', async () => {
    const laptop = new Browser();
    const base = `${server.issuer}/api/session`;
    const started = await startRequest(laptop, base);
    const held = wait(laptop, base, started);
    await untilHeld(server, 1);
    await new Browser().json(`${server.issuer}/api/other-device/deny`, { code: started.code });
    expect(server.gatehouse.internals.heldOtherDeviceWaits()).toBe(0);
    expect((await held).body.status).toBe('denied');
  });

  it('ends when the browser goes away', async () => {
    const laptop = new Browser();
    const base = `${server.issuer}/api/session`;
    const started = await startRequest(laptop, base);
    const gone = new AbortController();
    const held = laptop
      .request(`${base}/other-device/${started.id}/wait`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ waitSecret: started.waitSecret }),
        signal: gone.signal,
      })
      .catch((error: Error) => error.name);
    await untilHeld(server, 1);
    gone.abort();
    expect(await held).toBe('AbortError');
    await untilHeld(server, 0);
  });
});

describe('expiry', () => {
  it('a code nobody approved expires after five minutes: the wait says so, once audited, and the code is refused', async () => {
    const tv = new Browser();
    const { interaction } = await atAppSignIn(tv);
    const started = await startRequest(tv, interaction);
    offset += FIVE_MINUTES + 1000;
    expect((await wait(tv, interaction, started)).body).toEqual({ status: 'expired', expiresAt: started.expiresAt });
    expect((await wait(tv, interaction, started)).body.status).toBe('expired');
    const expired = events('other_device.expired').filter((e) => e.details.requestId === started.id);
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ clientId: 'photos', ip: '127.0.0.1', details: { was: 'pending', requesterIp: '127.0.0.1' } });
    for (const path of ['lookup', 'approve', 'deny']) {
      const refused = await new Browser().json<Problem>(`${server.issuer}/api/other-device/${path}`, { code: started.code });
      expect(refused.status).toBe(404);
      expect(refused.body).toEqual({
        error: 'other_device_code_invalid',
        message: 'That code is not right or has expired. Check the code on the other device, or get a new one there, and try again.',
      });
    }
    expect((await finish(tv, interaction, started)).body).toMatchObject({ message: expect.stringContaining('expired before anyone approved it') });
  });

  it('a session that signed in more than ten minutes ago must use a passkey to approve', async () => {
    const phone = { browser: new Browser(), authenticator: frank.authenticator };
    await signInWithPasskey(server.issuer, phone);
    offset += 11 * 60 * 1000;
    const started = await startRequest(new Browser(), `${server.issuer}/api/session`);
    expect((await lookup(phone.browser, started.code)).body).toMatchObject({ signedInAs: { username: 'frank', fresh: false } });
    const stale = await phone.browser.json(`${server.issuer}/api/other-device/approve`, { code: started.code });
    expect(stale).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    expect((await approveWithPasskey(phone.browser, frank.authenticator, started.code)).status).toBe(200);
  });

  it('an approval not picked up is good for a minute past the expiry, then expires too', async () => {
    const laptop = new Browser();
    const base = `${server.issuer}/api/session`;
    const late = await startRequest(laptop, base);
    const never = await startRequest(laptop, base);
    offset += FIVE_MINUTES - 2000;
    await approveWithPasskey(new Browser(), frank.authenticator, late.code);
    await approveWithPasskey(new Browser(), frank.authenticator, never.code);
    offset += 30_000;
    expect((await finish(laptop, base, late)).status).toBe(200);
    offset += 60_000;
    expect((await wait(laptop, base, never)).body.status).toBe('expired');
    expect((await finish(laptop, base, never)).body).toMatchObject({ error: 'other_device_not_approved' });
  });

  it('requests are purged a day after they expire', async () => {
    const started = await startRequest(new Browser(), `${server.issuer}/api/session`);
    const db = server.gatehouse.internals.db;
    const count = () => (db.prepare('SELECT count(*) AS n FROM other_device_requests WHERE id = ?').get(started.id) as { n: number }).n;
    const deps = { db, logger: createLogger('silent'), rateLimiter: new RateLimiter(clock), outsideChange: () => {} };
    purgeExpired({ ...deps, clock: () => started.expiresAt + 23 * 60 * 60 * 1000 });
    expect(count()).toBe(1);
    purgeExpired({ ...deps, clock: () => started.expiresAt + 25 * 60 * 60 * 1000 });
    expect(count()).toBe(0);
  });
});

describe('guessing codes', () => {
  it('every look-up takes from the per-address bucket, right or wrong', async () => {
    let guardedNow = Date.now();
    const guarded = await startTestServer({ clock: () => guardedNow, options: { trustProxy: ['127.0.0.1', '::1'] } });
    const { burst, refillSeconds } = RATE_LIMITS.otherDeviceCode;
    /** A code entered at /approve from a browser at `address` (behind the trusted proxy). */
    const enter = async (path: string, address: string, code: string) => {
      const response = await new Browser().request(`${guarded.issuer}/api/other-device/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ code }),
      });
      return { status: response.status, body: (await response.json()) as Problem };
    };
    try {
      const started = await startRequest(new Browser(), `${guarded.issuer}/api/session`);
      const guesser = '192.0.2.66';
      for (let attempt = 0; attempt < burst; attempt++) {
        expect((await enter('lookup', guesser, attempt % 2 ? 'BBBB-BBBB' : 'not a code')).body.error).toBe('other_device_code_invalid');
      }
      // Audited once a minute per address, with the address, never the code.
      const failed = () => listAuditEvents(guarded.gatehouse.internals.db, { event: 'other_device.code_failed' });
      expect(failed()).toMatchObject([{ ip: guesser, userId: null, clientId: null, details: {} }]);
      // Even the right code is refused now.
      const limited = await enter('lookup', guesser, started.code);
      expect(limited).toEqual({
        status: 429,
        body: { error: 'rate_limited', message: `Too many attempts from your address. Wait ${refillSeconds} seconds and try again.` },
      });
      // Approving and denying look codes up too.
      expect((await enter('deny', guesser, started.code)).status).toBe(429);
      expect((await enter('approve', guesser, started.code)).status).toBe(429);
      // Another address is not held back, and the bucket refills one look-up at a time.
      expect((await enter('lookup', '192.0.2.67', started.code)).status).toBe(200);
      guardedNow += refillSeconds * 1000;
      expect((await enter('lookup', guesser, started.code)).status).toBe(200);
      expect((await enter('lookup', guesser, started.code)).status).toBe(429);
      expect(failed()).toHaveLength(1);
      guardedNow += 60_000;
      expect((await enter('approve', guesser, 'BBBB-BBBC')).status).toBe(404);
      expect(failed().map((event) => event.ip)).toEqual([guesser, guesser]);
      expect(JSON.stringify(failed())).not.toContain('BBBB');
    } finally {
      await guarded.close();
    }
  });

  it('says whether the approving device is on the network the request came from', async () => {
    const proxied = await startTestServer({ options: { trustProxy: ['127.0.0.1', '::1'] } });
    const from = (address: string) => ({ 'content-type': 'application/json', 'x-forwarded-for': address });
    const sameNetwork = async (requester: string, approver: string) => {
      const asked = await new Browser().request(`${proxied.issuer}/api/session/other-device`, { method: 'POST', headers: from(requester), body: '{}' });
      const { code } = (await asked.json()) as OtherDeviceRequest;
      const seen = await new Browser().request(`${proxied.issuer}/api/other-device/lookup`, {
        method: 'POST',
        headers: from(approver),
        body: JSON.stringify({ code }),
      });
      return ((await seen.json()) as { sameNetwork: boolean }).sameNetwork;
    };
    try {
      expect(await sameNetwork('192.0.2.10', '192.0.2.200')).toBe(true);
      expect(await sameNetwork('192.0.2.10', '::ffff:192.0.2.11')).toBe(true);
      expect(await sameNetwork('192.0.2.10', '192.0.3.10')).toBe(false);
      expect(await sameNetwork('2001:db8:1:2::10', '2001:db8:1:2:abcd::1')).toBe(true);
      expect(await sameNetwork('2001:db8:1:2::10', '2001:db8:1:3::10')).toBe(false);
      expect(await sameNetwork('2001:db8:1:2::10', '192.0.2.10')).toBe(false);
    } finally {
      await proxied.close();
    }
  });

  it('starting requests is limited per address too', async () => {
    const guarded = await startTestServer();
    try {
      for (let attempt = 0; attempt < RATE_LIMITS.otherDeviceRequest.burst; attempt++) await startRequest(new Browser(), `${guarded.issuer}/api/session`);
      expect((await new Browser().json(`${guarded.issuer}/api/session/other-device`, {})).body).toMatchObject({ error: 'rate_limited' });
    } finally {
      await guarded.close();
    }
  });
});

describe('stopping the instance', () => {
  it('answers every held wait at once, and the request waits on after the restart', async () => {
    const laptop = new Browser();
    const base = `${server.issuer}/api/session`;
    const started = await startRequest(laptop, base);
    const held = wait(laptop, base, started);
    await untilHeld(server, 1);
    const restarted = server.restart();
    expect((await held).body).toEqual({ status: 'pending', expiresAt: started.expiresAt });
    await restarted;
    const again = wait(laptop, base, started);
    await untilHeld(server, 1);
    expect((await approveWithPasskey(new Browser(), frank.authenticator, started.code)).status).toBe(200);
    expect((await again).body.status).toBe('approved');
  });
});
