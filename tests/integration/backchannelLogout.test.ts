// OpenID Connect Back-Channel Logout 1.0: apps with a back-channel URI get a logout token, signed by
// Gatehouse, whenever a person's session ends there. Each receiver here is a small real web server
// that checks the token with jose against the issuer's JWKS, as Immich and Nextcloud do.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import i18next from 'i18next';
import fetchRequest from 'oidc-provider/lib/helpers/fetch_request.js';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeAuditEvent } from '../../renderer/src/admin/audit/auditSentence.ts';
import type { AuditEntry } from '../../server/admin/auditOperations.ts';
import germanConsole from '../../server/model/locales/de/console.json' with { type: 'json' };
import { listAuditEvents, type StoredAuditEvent } from '../../server/db/audit.ts';
import { findUserByUsername } from '../../server/db/users.ts';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, type Person, signInWithPasskey } from '../support/flows.ts';
import { runCli } from '../support/cliProcess.ts';
import { freePort, startTestServer, TEST_ENCRYPTION_KEY, type TestServer } from '../support/testServer.ts';

const REDIRECT = 'http://localhost:8080/cb';
const SECRET = 'backchannel-secret-0123456789abcdefgh';
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
const LOOSE = { burst: 1000, refillSeconds: 1 };
const FAST_RETRIES = { timeoutMs: 5_000, retryDelaysMs: [10, 20, 40] };

/** How a receiver answers its n-th request (1-based): a status, or never. */
type Answer = (attempt: number) => number | 'never';

interface Receiver {
  url: string;
  origin: string;
  /** Every logout token posted, in order, including those answered with an error. */
  tokens: string[];
  /** Requests received and not answered yet. */
  open: Set<IncomingMessage>;
  /** Resolves once `count` requests arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

async function startReceiver(answer: Answer = () => 200): Promise<Receiver> {
  const tokens: string[] = [];
  const open = new Set<IncomingMessage>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      tokens.push(new URLSearchParams(body).get('logout_token') ?? '');
      for (const waiter of waiters.filter((w) => tokens.length >= w.count)) waiter.resolve();
      const status = answer(tokens.length);
      if (status === 'never') {
        open.add(req);
        req.socket.on('close', () => open.delete(req));
        return;
      }
      res.writeHead(status, { 'cache-control': 'no-store' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/backchannel-logout`,
    origin,
    tokens,
    open,
    received: (count) => (tokens.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let server: TestServer;
const receivers: Record<string, Receiver> = {};
const apps: Record<string, oidc.Configuration> = {};

async function rp(testServer: TestServer, clientId: string): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(testServer.issuer), clientId, SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
}

/** Signs a person in to an app through Gatehouse; returns the ID token's claims. */
async function signIn(testServer: TestServer, person: Person, app: oidc.Configuration): Promise<oidc.IDToken> {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(app, {
    redirect_uri: REDIRECT,
    scope: 'openid profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 'st',
  });
  const outcome = await authorize(testServer.issuer, person, url.href);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome)}`);
  const tokens = await oidc.authorizationCodeGrant(app, new URL(outcome.url), { pkceCodeVerifier: verifier, expectedState: 'st', idTokenExpected: true });
  return tokens.claims()!;
}

/** RP-initiated logout as a browser does it: the app sends the person to /session/end, who confirms. */
async function signOutAtGatehouse(testServer: TestServer, person: Person, app: oidc.Configuration): Promise<Response> {
  const url = oidc.buildEndSessionUrl(app, { post_logout_redirect_uri: 'http://localhost:8080/bye' });
  url.searchParams.set('client_id', app.clientMetadata().client_id);
  const page = await person.browser.request(url);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!xsrf) throw new Error('no logout form');
  return person.browser.request(`${testServer.issuer}/session/end/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
  });
}

/** What a receiver checks: Gatehouse's signature and the claims the spec requires, and no nonce. */
async function verifyLogoutToken(testServer: TestServer, token: string, clientId: string): Promise<JWTPayload> {
  const jwks = createRemoteJWKSet(new URL(`${testServer.issuer}/jwks`));
  const { payload } = await jwtVerify(token, jwks, { issuer: testServer.issuer, audience: clientId, typ: 'logout+jwt', maxTokenAge: '2m' });
  expect(payload.events).toEqual({ [LOGOUT_EVENT]: {} });
  expect(payload).not.toHaveProperty('nonce');
  expect(payload).toMatchObject({ iat: expect.any(Number), jti: expect.any(String), sub: expect.any(String), sid: expect.any(String) });
  return payload;
}

/** The logout token posted after `from` tokens, verified. */
async function nextToken(testServer: TestServer, receiver: Receiver, clientId: string, from: number): Promise<JWTPayload> {
  await receiver.received(from + 1);
  return verifyLogoutToken(testServer, receiver.tokens[from]!, clientId);
}

function deliveryEvents(testServer: TestServer, clientId: string): StoredAuditEvent[] {
  return listAuditEvents(testServer.gatehouse.internals.db, { event: 'client', clientId }).filter((e) => e.event.startsWith('client.backchannel_logout'));
}

/** Waits until the queue has nothing left to deliver (every delivery audited). */
async function deliveriesDone(testServer: TestServer): Promise<void> {
  await vi.waitFor(() => expect(testServer.gatehouse.internals.pendingLogoutDeliveries()).toBe(0), { timeout: 10_000, interval: 10 });
}

const client = (testServer: TestServer, id: string, backchannelLogoutUri: string) => ({
  id,
  name: id,
  redirectUris: [REDIRECT],
  postLogoutRedirectUris: ['http://localhost:8080/bye'],
  secretFile: testServer.secretFile(id, SECRET),
  backchannelLogoutUri,
});

beforeAll(async () => {
  server = await startTestServer({ rateLimits: { passkey: LOOSE, oneTimeLink: LOOSE }, backchannelLogout: FAST_RETRIES });
  receivers.notes = await startReceiver();
  receivers.photos = await startReceiver();
  // Fails twice, then takes the token.
  receivers.flaky = await startReceiver((attempt) => (attempt <= 2 ? 500 : 200));
  receivers.broken = await startReceiver(() => 500);
  const closedPort = await freePort();
  server.provision({
    users: ['alice', 'bob', 'carol', 'dan', 'erin', 'pat'].map((username) => ({ username })),
    clients: [
      client(server, 'notes', receivers.notes.url),
      client(server, 'photos', receivers.photos.url),
      client(server, 'flaky', receivers.flaky.url),
      client(server, 'broken', receivers.broken.url),
      client(server, 'closed', `http://127.0.0.1:${closedPort}/logout`),
      { id: 'plain', name: 'plain', redirectUris: [REDIRECT], secretFile: server.secretFile('plain', SECRET) },
    ],
  });
  for (const id of ['notes', 'photos', 'flaky', 'broken', 'closed', 'plain']) apps[id] = await rp(server, id);
});

afterAll(async () => {
  await server?.close();
  await Promise.all(Object.values(receivers).map((receiver) => receiver.close()));
});

describe('discovery and registration', () => {
  it('announces back-channel logout with sessions, and registers the apps that have a URI as needing a sid', async () => {
    const metadata = apps.notes!.serverMetadata();
    expect(metadata).toMatchObject({ backchannel_logout_supported: true, backchannel_logout_session_supported: true });
    const client = await server.gatehouse.internals.provider().Client.find('notes');
    expect(client).toMatchObject({ backchannelLogoutUri: receivers.notes!.url, backchannelLogoutSessionRequired: true });
    expect((await server.gatehouse.internals.provider().Client.find('plain'))?.backchannelLogoutUri).toBeUndefined();
  });
});

describe('who is told', () => {
  it('signing out at Gatehouse (RP-initiated) tells every app of the session, with its sid', async () => {
    const alice = await enrol(server, 'alice');
    const notesId = await signIn(server, alice, apps.notes!);
    const photosId = await signIn(server, alice, apps.photos!);
    // An app without a back-channel URI is in the session too; it is not told.
    await signIn(server, alice, apps.plain!);
    expect(notesId.sid).toEqual(expect.any(String));
    const [notes, photos] = [receivers.notes!.tokens.length, receivers.photos!.tokens.length];

    const answer = await signOutAtGatehouse(server, alice, apps.notes!);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('http://localhost:8080/bye');

    expect(await nextToken(server, receivers.notes!, 'notes', notes)).toMatchObject({ sub: notesId.sub, sid: notesId.sid });
    expect(await nextToken(server, receivers.photos!, 'photos', photos)).toMatchObject({ sub: photosId.sub, sid: photosId.sid });
    await deliveriesDone(server);
    expect(deliveryEvents(server, 'notes')[0]).toMatchObject({
      event: 'client.backchannel_logout_sent',
      userId: notesId.sub,
      details: { receiver: receivers.notes!.origin, attempts: 1 },
    });
  });

  it("signing out of Gatehouse's own account page tells the apps of that browser's session", async () => {
    const bob = await enrol(server, 'bob');
    const id = await signIn(server, bob, apps.notes!);
    const before = receivers.notes!.tokens.length;
    expect((await bob.browser.json(`${server.issuer}/api/session`, undefined, 'DELETE')).status).toBe(204);
    expect(await nextToken(server, receivers.notes!, 'notes', before)).toMatchObject({ sub: id.sub, sid: id.sid });
  });

  it('taking back access to one app (My apps) tells that app only', async () => {
    const carol = await enrol(server, 'carol');
    await signInWithPasskey(server.issuer, carol);
    const notesId = await signIn(server, carol, apps.notes!);
    await signIn(server, carol, apps.photos!);
    await deliveriesDone(server);
    const [notes, photos] = [receivers.notes!.tokens.length, receivers.photos!.tokens.length];

    expect((await carol.browser.json(`${server.issuer}/api/account/apps/notes`, undefined, 'DELETE')).status).toBe(204);
    expect(await nextToken(server, receivers.notes!, 'notes', notes)).toMatchObject({ sub: notesId.sub, sid: notesId.sid });
    await deliveriesDone(server);
    expect(receivers.photos!.tokens.length).toBe(photos);
  });

  it('an app whose access was taken back is not told again about that session when the person signs out', async () => {
    server.provision({ users: [{ username: 'kim' }] });
    const kim = await enrol(server, 'kim');
    await signInWithPasskey(server.issuer, kim);
    const notesId = await signIn(server, kim, apps.notes!);
    const photosId = await signIn(server, kim, apps.photos!);
    await deliveriesDone(server);
    const [notes, photos] = [receivers.notes!.tokens.length, receivers.photos!.tokens.length];

    expect((await kim.browser.json(`${server.issuer}/api/account/apps/notes`, undefined, 'DELETE')).status).toBe(204);
    expect(await nextToken(server, receivers.notes!, 'notes', notes)).toMatchObject({ sub: notesId.sub, sid: notesId.sid });
    await deliveriesDone(server);

    expect((await kim.browser.json(`${server.issuer}/api/session`, undefined, 'DELETE')).status).toBe(204);
    expect(await nextToken(server, receivers.photos!, 'photos', photos)).toMatchObject({ sub: photosId.sub, sid: photosId.sid });
    await deliveriesDone(server);
    // One logout token for notes' sid in all: the one when access was taken back.
    expect(receivers.notes!.tokens).toHaveLength(notes + 1);
  });

  it("signing another browser out from the account page's sessions tells the apps of that browser only", async () => {
    server.provision({ users: [{ username: 'mira' }] });
    const mira = await enrol(server, 'mira');
    const phone = { username: 'mira', browser: new Browser(), authenticator: mira.authenticator };
    await signInWithPasskey(server.issuer, phone);
    const phoneNotes = await signIn(server, phone, apps.notes!);
    await signIn(server, mira, apps.photos!);
    await deliveriesDone(server);
    const [notes, photos] = [receivers.notes!.tokens.length, receivers.photos!.tokens.length];

    const { body } = await mira.browser.json<{ sessions: Array<{ id: string; current: boolean }> }>(`${server.issuer}/api/account/sessions`);
    const other = body.sessions.find((session) => !session.current)!;
    expect((await mira.browser.json(`${server.issuer}/api/account/sessions/${other.id}`, undefined, 'DELETE')).status).toBe(204);
    expect(await nextToken(server, receivers.notes!, 'notes', notes)).toMatchObject({ sub: phoneNotes.sub, sid: phoneNotes.sid });
    await deliveriesDone(server);
    expect(receivers.photos!.tokens.length).toBe(photos);
  });

  it('signing out everywhere (My apps, then the admin console) tells every app of every session', async () => {
    const dan = await enrol(server, 'dan');
    await signInWithPasskey(server.issuer, dan);
    const photosId = await signIn(server, dan, apps.photos!);
    let before = receivers.photos!.tokens.length;
    expect((await dan.browser.json(`${server.issuer}/api/account/sign-out-everywhere`, {})).status).toBe(204);
    expect(await nextToken(server, receivers.photos!, 'photos', before)).toMatchObject({ sub: photosId.sub, sid: photosId.sid });

    const again = await signIn(server, dan, apps.photos!);
    expect(again.sid).not.toBe(photosId.sid);
    before = receivers.photos!.tokens.length;
    await server.gatehouse.runAdmin('users.signOutEverywhere', { id: again.sub });
    expect(await nextToken(server, receivers.photos!, 'photos', before)).toMatchObject({ sub: again.sub, sid: again.sid });
  });

  it('disabling a person (admin API, then the provisioning file) tells the apps they were signed in to', async () => {
    const erin = await enrol(server, 'erin');
    const id = await signIn(server, erin, apps.notes!);
    let before = receivers.notes!.tokens.length;
    await server.gatehouse.runAdmin('users.setDisabled', { id: id.sub, disabled: true });
    expect(await nextToken(server, receivers.notes!, 'notes', before)).toMatchObject({ sub: id.sub, sid: id.sid });

    const pat = await enrol(server, 'pat');
    const patId = await signIn(server, pat, apps.notes!);
    before = receivers.notes!.tokens.length;
    server.provision({ users: [{ username: 'pat', disabled: true }] });
    expect(await nextToken(server, receivers.notes!, 'notes', before)).toMatchObject({ sub: patId.sub, sid: patId.sid });
  });

  it('disabling a person with `gatehouse apply` while the server runs tells the apps before the command ends', async () => {
    server.provision({ users: [{ username: 'quinn' }] });
    const quinn = await enrol(server, 'quinn');
    const id = await signIn(server, quinn, apps.notes!);
    const before = receivers.notes!.tokens.length;
    const file = path.join(server.dataDir, 'disable-quinn.yaml');
    writeFileSync(file, 'users:\n  - username: quinn\n    disabled: true\n');
    const applied = await runCli(['apply', file, '--data-dir', server.dataDir, '--issuer', server.issuer], { GATEHOUSE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY });
    expect(applied).toMatchObject({ code: 0, stdout: expect.stringContaining('sent 1 back-channel logout notice to apps') });
    // Delivered by the command itself, before it exited.
    expect(receivers.notes!.tokens.length).toBe(before + 1);
    expect(await verifyLogoutToken(server, receivers.notes!.tokens[before]!, 'notes')).toMatchObject({ sub: id.sub, sid: id.sid });
  });

  it('tells no app when disabling or deleting a person fails and is rolled back, and tells it once that succeeds', async () => {
    server.provision({ users: [{ username: 'lou' }] });
    const lou = await enrol(server, 'lou');
    await signInWithPasskey(server.issuer, lou);
    const id = await signIn(server, lou, apps.notes!);
    await deliveriesDone(server);
    const before = receivers.notes!.tokens.length;
    const db = server.gatehouse.internals.db;
    // A write that fails after the sessions were ended, inside the same transaction (as a full disk would).
    db.exec("CREATE TEMP TRIGGER fail_sign_out BEFORE DELETE ON browser_sessions BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    try {
      await expect(server.gatehouse.runAdmin('users.setDisabled', { id: id.sub, disabled: true })).rejects.toThrow('simulated failure');
      await expect(server.gatehouse.runAdmin('users.delete', { id: id.sub })).rejects.toThrow('simulated failure');
      await deliveriesDone(server);
      expect(receivers.notes!.tokens).toHaveLength(before);
    } finally {
      db.exec('DROP TRIGGER fail_sign_out');
    }
    // Nothing was ended: the session is still there to end, and its app is told now.
    await server.gatehouse.runAdmin('users.setDisabled', { id: id.sub, disabled: true });
    expect(await nextToken(server, receivers.notes!, 'notes', before)).toMatchObject({ sub: id.sub, sid: id.sid });
  });

  it('deleting a person tells the apps they were signed in to', async () => {
    server.provision({ users: [{ username: 'gina' }] });
    const gina = await enrol(server, 'gina');
    const id = await signIn(server, gina, apps.photos!);
    const before = receivers.photos!.tokens.length;
    await server.gatehouse.runAdmin('users.delete', { id: findUserByUsername(server.gatehouse.internals.db, 'gina')!.id });
    expect(await nextToken(server, receivers.photos!, 'photos', before)).toMatchObject({ sub: id.sub, sid: id.sid });
  });
});

describe('receivers that are down', () => {
  it('retries with backoff, records what failed after the last try, and the client page shows it', async () => {
    server.provision({ users: [{ username: 'hal' }] });
    const hal = await enrol(server, 'hal');
    const flakyId = await signIn(server, hal, apps.flaky!);
    await signIn(server, hal, apps.broken!);
    await signIn(server, hal, apps.closed!);

    expect((await signOutAtGatehouse(server, hal, apps.flaky!)).status).toBe(303);
    await deliveriesDone(server);

    // Two 500s, then a 200: each try a freshly signed token (its own jti) for the same session.
    expect(receivers.flaky!.tokens).toHaveLength(3);
    for (const token of receivers.flaky!.tokens) {
      expect(await verifyLogoutToken(server, token, 'flaky')).toMatchObject({ sub: flakyId.sub, sid: flakyId.sid });
    }
    expect(deliveryEvents(server, 'flaky')).toMatchObject([{ event: 'client.backchannel_logout_sent', details: { attempts: 3 } }]);

    // One try and three retries, then the audit log says why.
    expect(receivers.broken!.tokens).toHaveLength(4);
    expect(deliveryEvents(server, 'broken')).toMatchObject([
      {
        event: 'client.backchannel_logout_failed',
        userId: flakyId.sub,
        details: {
          receiver: receivers.broken!.origin,
          attempts: 4,
          reason: 'the app answered 500 Internal Server Error',
          // The same as a code, which the console words in its language.
          failure: { code: 'answered', status: 500, statusText: 'Internal Server Error' },
        },
      },
    ]);
    expect(deliveryEvents(server, 'closed')).toMatchObject([
      {
        event: 'client.backchannel_logout_failed',
        details: { attempts: 4, reason: 'could not reach the app (ECONNREFUSED)', failure: { code: 'unreachable', cause: 'ECONNREFUSED' } },
      },
    ]);

    // The audit log says it in words, as the console shows it.
    const { events } = (await server.gatehouse.runAdmin('audit.list', { event: 'client.backchannel_logout_failed', clientId: 'broken' })) as {
      events: AuditEntry[];
    };
    expect(describeAuditEvent(events[0]!)).toMatchObject({
      sentence: 'broken could not be told that a session of hal ended: the app answered 500 Internal Server Error',
    });
    const german = i18next.createInstance();
    await german.init({
      lng: 'de',
      resources: { de: { console: germanConsole } },
      ns: ['console'],
      defaultNS: 'console',
      interpolation: { escapeValue: false },
    });
    expect(describeAuditEvent(events[0]!, german.getFixedT('de', 'console')).sentence).toMatch(/: die App antwortete mit 500 Internal Server Error$/);

    const page = (await server.gatehouse.runAdmin('clients.get', { id: 'broken' })) as { backchannelLogoutDeliveries: unknown };
    expect(page.backchannelLogoutDeliveries).toEqual({
      lastSentAt: null,
      failures: [
        {
          at: expect.any(Number),
          userId: flakyId.sub,
          username: 'hal',
          receiver: receivers.broken!.origin,
          reason: 'the app answered 500 Internal Server Error',
          failure: { code: 'answered', status: 500, statusText: 'Internal Server Error' },
          attempts: 4,
        },
      ],
    });
    expect(((await server.gatehouse.runAdmin('clients.get', { id: 'flaky' })) as { backchannelLogoutDeliveries: unknown }).backchannelLogoutDeliveries).toEqual(
      {
        lastSentAt: expect.any(Number),
        failures: [],
      },
    );
  });

  it('never keeps the person waiting: the sign-out is answered while the app has not answered, and a stop abandons the delivery', async () => {
    const hanging = await startReceiver(() => 'never');
    const own = await startTestServer({ backchannelLogout: { timeoutMs: 60_000, retryDelaysMs: [60_000] } });
    try {
      own.provision({ users: [{ username: 'ivy' }], clients: [client(own, 'stuck', hanging.url)] });
      const ivy = await enrol(own, 'ivy');
      const stuck = await rp(own, 'stuck');
      await signIn(own, ivy, stuck);

      const answer = await signOutAtGatehouse(own, ivy, stuck);
      expect(answer.status).toBe(303);
      await hanging.received(1);
      // The person has their answer; the app holds its request open and Gatehouse is still waiting for it.
      expect(hanging.open.size).toBe(1);
      expect(own.gatehouse.internals.pendingLogoutDeliveries()).toBe(1);
      expect(deliveryEvents(own, 'stuck')).toEqual([]);

      await own.gatehouse.stop();
      // Nothing left on a timer or a socket: the request was aborted and the delivery recorded as not done.
      expect(own.gatehouse.internals.pendingLogoutDeliveries()).toBe(0);
      await vi.waitFor(() => expect(hanging.open.size).toBe(0));
      expect(deliveryEvents(own, 'stuck')).toMatchObject([
        { event: 'client.backchannel_logout_failed', details: { attempts: 1, reason: 'Gatehouse stopped before the delivery was done' } },
      ]);
    } finally {
      await own.close();
      await hanging.close();
    }
  });
});

describe("the provider's outgoing requests", () => {
  it('reach a private address only at a registered back-channel URI; any other URL keeps the SSRF protection', async () => {
    const provider = server.gatehouse.internals.provider();
    const unregistered = await startReceiver();
    try {
      // A loopback URL no client registered (as a future jwks_uri or request_uri could be): refused.
      await expect(fetchRequest(provider, unregistered.url, { method: 'POST', body: 'logout_token=x' })).rejects.toMatchObject({
        cause: { message: 'hostname resolves to a special-use IP address' },
      });
      expect(unregistered.tokens).toEqual([]);
      // The same address at a registered URI goes through.
      const before = receivers.notes!.tokens.length;
      expect((await fetchRequest(provider, receivers.notes!.url, { method: 'POST', body: 'logout_token=x' })).status).toBe(200);
      expect(receivers.notes!.tokens.slice(before)).toEqual(['x']);
    } finally {
      await unregistered.close();
    }
  });
});

describe('registering a back-channel URI', () => {
  const bad = [
    ['ftp://notes.home.example/logout', /http\(s\)/],
    ['https://notes.home.example/logout#here', /fragment/],
    ['notes.home.example/logout', /absolute/],
    ['https://user:pw@notes.home.example/logout', /credentials/],
  ] as const;

  it('refuses a bad URI in the admin API with a field error, and changes nothing', async () => {
    const { key } = (await server.gatehouse.runAdmin('apiKeys.create', { name: 'Back-channel test' })) as { key: string };
    const call = async (operation: string, input: unknown) => {
      const response = await fetch(`${server.issuer}/api/admin/${operation}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return { status: response.status, body: await response.json() };
    };
    for (const [uri, message] of bad) {
      expect(await call('clients.update', { id: 'notes', backchannelLogoutUri: uri })).toEqual({
        status: 400,
        body: expect.objectContaining({ error: 'invalid_input', field: 'backchannelLogoutUri', message: expect.stringMatching(message) }),
      });
      expect(await call('clients.create', { id: 'new-app', redirectUris: [REDIRECT], backchannelLogoutUri: uri })).toMatchObject({
        status: 400,
        body: { error: 'invalid_input', field: 'backchannelLogoutUri' },
      });
    }
    expect(await server.gatehouse.runAdmin('clients.get', { id: 'notes' })).toMatchObject({ backchannelLogoutUri: receivers.notes!.url });
    await expect(server.gatehouse.runAdmin('clients.get', { id: 'new-app' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sets and clears the URI in the admin API, and the provider follows', async () => {
    const created = (await server.gatehouse.runAdmin('clients.create', {
      id: 'wiki',
      redirectUris: [REDIRECT],
      backchannelLogoutUri: 'https://wiki.home.example/backchannel',
    })) as { client: { backchannelLogoutUri: string | null } };
    expect(created.client.backchannelLogoutUri).toBe('https://wiki.home.example/backchannel');
    expect((await server.gatehouse.internals.provider().Client.find('wiki'))?.backchannelLogoutUri).toBe('https://wiki.home.example/backchannel');
    await server.gatehouse.runAdmin('clients.update', { id: 'wiki', backchannelLogoutUri: null });
    expect((await server.gatehouse.internals.provider().Client.find('wiki'))?.backchannelLogoutUri).toBeUndefined();
  });

  it('refuses a bad URI in the provisioning file with its path, and changes nothing', async () => {
    for (const [uri, message] of bad) {
      expect(() => server.provision({ clients: [{ ...client(server, 'notes', uri), name: 'Renamed' }] })).toThrow(message);
      expect(() => server.provision({ clients: [{ ...client(server, 'notes', uri), name: 'Renamed' }] })).toThrow(/clients\[0\]\.backchannelLogoutUri: /);
    }
    expect(await server.gatehouse.runAdmin('clients.get', { id: 'notes' })).toMatchObject({ name: 'notes', backchannelLogoutUri: receivers.notes!.url });
  });
});
