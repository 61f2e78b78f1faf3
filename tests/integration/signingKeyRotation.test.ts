// Signing-key rotation is invisible to an app that caches the JWKS. The app is openid-client with its
// ID token signatures checked against its own JWKS cache (it refetches a set older than five minutes, or
// one over a minute old that lacks a token's key), and every JWKS request it makes is counted. One
// timeline serves Gatehouse's clock, oidc-provider's token times and openid-client's cache ages: only
// Date is faked, and each phase (publish, switch, retire) is reached by setting it.
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeAuditEvent } from '../../renderer/src/admin/audit/auditSentence.ts';
import type { AuditEntry } from '../../server/admin/auditOperations.ts';
import { authorize, enrol, type Person } from '../support/flows.ts';
import { runCli } from '../support/cliProcess.ts';
import { startTestServer, TEST_ENCRYPTION_KEY, type TestServer } from '../support/testServer.ts';

const REDIRECT = 'http://localhost:8080/cb';
const SECRET = 'app-secret-0123456789abcdefghijklmnop';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WHOAMI = 'https://whoami.home.example';

interface KeyView {
  kid: string;
  alg: string;
  state: string;
  signsFrom: number;
  retiresAt: number | null;
}
interface KeysView {
  keys: KeyView[];
  publishLeadMs: number;
  retireAfterMs: number;
  schedule: { everyDays: number | null; nextRotationAt: number | null };
}

let server: TestServer;
let alice: Person;
let app: oidc.Configuration;
let jwksRequests = 0;

const keys = async () => (await server.gatehouse.runAdmin('signingKeys.list', {})) as KeysView;
const published = async () => ((await (await fetch(`${server.issuer}/jwks`)).json()) as JSONWebKeySet).keys.map((key) => key.kid);
const setTime = (at: number) => vi.setSystemTime(at);

/** A sign-in to the app as a browser makes it; openid-client checks the ID token's signature. */
async function signIn(): Promise<{ idToken: string; kid: string }> {
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(app, {
    redirect_uri: REDIRECT,
    scope: 'openid',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const outcome = await authorize(server.issuer, alice, url.href);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome).slice(0, 300)}`);
  const tokens = await oidc.authorizationCodeGrant(app, new URL(outcome.url), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  return { idToken: tokens.id_token!, kid: decodeProtectedHeader(tokens.id_token!).kid! };
}

/** Whether an ID token verifies against the JWKS Gatehouse publishes now, at the time now. */
async function verifiesNow(idToken: string): Promise<boolean> {
  const set = createLocalJWKSet((await (await fetch(`${server.issuer}/jwks`)).json()) as JSONWebKeySet);
  return jwtVerify(idToken, set, { issuer: server.issuer, audience: 'app' }).then(
    () => true,
    () => false,
  );
}

/** A browser following an app's sign-out link, which sends the person's ID token back as id_token_hint. */
async function signOutWith(idToken: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${server.issuer}/session/end?id_token_hint=${idToken}`, { headers: { accept: 'text/html' } });
  return { status: response.status, body: await response.text() };
}

async function auditEvents(event: string): Promise<AuditEntry[]> {
  return ((await server.gatehouse.runAdmin('audit.list', { event })) as { events: AuditEntry[] }).events;
}

/**
 * Date stands still at `start` (and wherever a test sets it); a Gatehouse with alice and the app, and the
 * app's openid-client configuration, which checks ID token signatures and counts its JWKS requests.
 */
async function startAppAndServer(start: number): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'], now: start });
  jwksRequests = 0;
  server = await startTestServer({ clock: () => Date.now(), options: { trustProxy: ['127.0.0.1', '::1'] } });
  server.provision({
    users: [{ username: 'alice' }],
    clients: [{ id: 'app', name: 'App', redirectUris: [REDIRECT], secretFile: server.secretFile('app', SECRET), skipConsent: true }],
  });
  alice = await enrol(server, 'alice');
  app = await oidc.discovery(new URL(server.issuer), 'app', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
  const jwksUri = app.serverMetadata().jwks_uri;
  app[oidc.customFetch] = (url, options) => {
    if (url === jwksUri) jwksRequests++;
    return fetch(url, options);
  };
  oidc.enableNonRepudiationChecks(app);
}

describe('a rotation seen by an app that caches the JWKS', () => {
  const start = Date.now();
  let rsa: KeyView;
  let es: KeyView;
  let rotation: { kids: string[]; signsFrom: number; retiresAt: number };
  let signedBeforeSwitch: string;
  let robot: oidc.Configuration;
  let machineTokenBeforeSwitch: string;
  const machineToken = async () => (await oidc.clientCredentialsGrant(robot, { scope: 'deploy', resource: WHOAMI })).access_token;
  /** The forward-auth check's answer to a script sending the token, as a reverse proxy asks it. */
  const forwardAuth = async (token: string) =>
    (
      await fetch(`${server.issuer}/forward-auth/check`, {
        headers: {
          'x-forwarded-method': 'GET',
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'whoami.home.example',
          'x-forwarded-uri': '/',
          authorization: `Bearer ${token}`,
        },
      })
    ).status;

  beforeAll(async () => {
    await startAppAndServer(start);
    [rsa, es] = (await keys()).keys as [KeyView, KeyView];
    await server.gatehouse.runAdmin('protectedApps.create', { id: 'whoami', name: 'Whoami', hosts: ['whoami.home.example'] });
    const created = (await server.gatehouse.runAdmin('clients.create', {
      template: 'robot',
      id: 'ci',
      name: 'CI robot',
      machineScopes: ['deploy'],
      audiences: [WHOAMI],
    })) as { secret: string };
    robot = await oidc.discovery(new URL(server.issuer), 'ci', created.secret, oidc.ClientSecretBasic(created.secret), {
      execute: [oidc.allowInsecureRequests],
    });
  });

  afterAll(async () => {
    await server?.close();
    vi.useRealTimers();
  });

  it('signs with one key per algorithm at first, and the app fetches the JWKS once', async () => {
    expect((await keys()).keys.map((key) => [key.alg, key.state])).toEqual([
      ['RS256', 'current'],
      ['ES256', 'current'],
    ]);
    expect((await signIn()).kid).toBe(rsa.kid);
    expect((await signIn()).kid).toBe(rsa.kid);
    expect(jwksRequests).toBe(1);
  });

  it('publishes the new keys at once and signs with the old ones through the lead', async () => {
    rotation = (await server.gatehouse.runAdmin('signingKeys.rotate', {})) as typeof rotation;
    const view = await keys();
    expect(rotation.signsFrom).toBe(start + view.publishLeadMs);
    expect(view.publishLeadMs).toBe(DAY);
    // The longest-lived thing a key signs is a session's ID token, sent back at sign-out: 14 days by default.
    expect(view.retireAfterMs).toBe(14 * DAY);
    expect(rotation.retiresAt).toBe(rotation.signsFrom + 14 * DAY);
    expect(view.keys.map((key) => [key.alg, key.state])).toEqual([
      ['RS256', 'current'],
      ['ES256', 'current'],
      ['RS256', 'upcoming'],
      ['ES256', 'upcoming'],
    ]);
    expect(await published()).toEqual([rsa.kid, es.kid, ...rotation.kids]);

    // The app's cache is from before the rotation: it still verifies, without a fetch.
    expect((await signIn()).kid).toBe(rsa.kid);
    expect(jwksRequests).toBe(1);
    // An hour into the lead the app's cache is stale: it refetches, and now holds the new keys too.
    setTime(start + 60 * MINUTE);
    expect((await signIn()).kid).toBe(rsa.kid);
    expect(jwksRequests).toBe(2);
    setTime(rotation.signsFrom - 2 * MINUTE);
    signedBeforeSwitch = (await signIn()).idToken;
    expect(decodeProtectedHeader(signedBeforeSwitch).kid).toBe(rsa.kid);
    expect(jwksRequests).toBe(3);
    machineTokenBeforeSwitch = await machineToken();
    expect(decodeProtectedHeader(machineTokenBeforeSwitch).kid).toBe(rsa.kid);
  });

  it('refuses another rotation while this one is under way', async () => {
    await expect(server.gatehouse.runAdmin('signingKeys.rotate', {})).rejects.toMatchObject({
      code: 'signing_key_rotation_under_way',
      message: expect.stringContaining('A rotation is under way'),
    });
  });

  it('switches at the new keys’ time: the app knows the key from its cache, with no refetch and no failure', async () => {
    setTime(rotation.signsFrom + MINUTE);
    const after = await signIn();
    expect(after.kid).toBe(rotation.kids[0]);
    expect(jwksRequests).toBe(3);
    expect((await keys()).keys.map((key) => [key.alg, key.state])).toEqual([
      ['RS256', 'retiring'],
      ['ES256', 'retiring'],
      ['RS256', 'current'],
      ['ES256', 'current'],
    ]);
    // The provider signs with the first key of an algorithm: the current ones lead the JWKS.
    expect((await published()).slice(0, 2)).toEqual(rotation.kids);
  });

  it('keeps accepting a machine token the old key signed, at introspection and at the forward-auth check', async () => {
    expect(await oidc.tokenIntrospection(robot, machineTokenBeforeSwitch)).toMatchObject({ active: true, client_id: 'ci' });
    expect(await forwardAuth(machineTokenBeforeSwitch)).toBe(200);
    const fresh = await machineToken();
    expect(decodeProtectedHeader(fresh).kid).toBe(rotation.kids[0]);
    expect(await oidc.tokenIntrospection(robot, fresh)).toMatchObject({ active: true });
    expect(await forwardAuth(fresh)).toBe(200);
  });

  it('keeps verifying an ID token the old key signed until it expires', async () => {
    expect(await verifiesNow(signedBeforeSwitch)).toBe(true);
    setTime(rotation.signsFrom + 57 * MINUTE);
    expect(await verifiesNow(signedBeforeSwitch)).toBe(true);
    setTime(rotation.signsFrom + 59 * MINUTE);
    expect(await verifiesNow(signedBeforeSwitch)).toBe(false);
  });

  it('keeps the old keys published until they retire, then drops them; sign-ins go on', async () => {
    setTime(rotation.retiresAt - MINUTE);
    expect(await published()).toContain(rsa.kid);
    // An app may send an ID token back at sign-out however long ago it was issued: until the key retires, it is accepted.
    expect(await signOutWith(signedBeforeSwitch)).toMatchObject({ status: 200, body: expect.not.stringContaining('could not') });
    setTime(rotation.retiresAt + MINUTE);
    expect(await published()).toEqual(rotation.kids);
    // An app sending that ID token back at sign-out gets a page that says why, and a way to sign out anyway.
    const signOut = await signOutWith(signedBeforeSwitch);
    expect(signOut.status).toBe(400);
    expect(signOut.body).toContain('Sign-out could not continue');
    expect(signOut.body).toContain('signed by a key Gatehouse has since retired');
    expect(signOut.body).toContain(`href="${server.issuer}/session/end"`);
    expect((await signIn()).kid).toBe(rotation.kids[0]);
    expect((await keys()).keys.map((key) => key.state)).toEqual(['retired', 'retired', 'current', 'current']);
  });

  it('deletes a retired key and its private half at the maintenance step, with an audit entry', async () => {
    await server.restart();
    expect((await keys()).keys.map((key) => key.kid)).toEqual(rotation.kids);
    const retired = await auditEvents('signing_key.retired');
    expect(retired.map((entry) => entry.details.kid).sort()).toEqual([rsa.kid, es.kid].sort());
    expect(describeAuditEvent(retired[0]!).sentence).toMatch(/signing key \w{8} retired: it is no longer published, and its private half is deleted/);
    expect(describeAuditEvent((await auditEvents('signing_keys.rotated'))[0]!).sentence).toMatch(
      /^The owner at the desktop rotated the signing keys: the new keys sign from/,
    );
    expect((await signIn()).kid).toBe(rotation.kids[0]);
  });

  it('rotates on the owner’s schedule', async () => {
    await expect(server.gatehouse.runAdmin('signingKeys.setSchedule', { everyDays: 20 })).rejects.toThrow(/must be at least 30 days/);
    const set = (await server.gatehouse.runAdmin('signingKeys.setSchedule', { everyDays: 30 })) as KeysView;
    expect(set.schedule).toMatchObject({ everyDays: 30, nextRotationAt: rotation.signsFrom + 30 * DAY });
    setTime(rotation.signsFrom + 30 * DAY - MINUTE);
    await server.restart();
    expect((await keys()).keys.every((key) => key.state === 'current')).toBe(true);
    setTime(rotation.signsFrom + 30 * DAY + MINUTE);
    await server.restart();
    const view = await keys();
    expect(view.keys.map((key) => key.state)).toEqual(['current', 'current', 'upcoming', 'upcoming']);
    const scheduled = (await auditEvents('signing_keys.rotated')).find((entry) => entry.details.by === 'schedule')!;
    expect(describeAuditEvent(scheduled).sentence).toMatch(/^The rotation schedule rotated the signing keys/);
    expect((await signIn()).kid).toBe(rotation.kids[0]);
  });
});

describe('rotating at once, in an emergency', () => {
  const start = Date.now();

  beforeAll(async () => {
    await startAppAndServer(start);
  });

  afterAll(async () => {
    await server?.close();
    vi.useRealTimers();
  });

  it('signs with the new keys and retires the old ones at once, warning that apps which just fetched the JWKS refuse sign-ins until they refetch', async () => {
    const before = await signIn();
    expect(jwksRequests).toBe(1);
    // A rotation under way does not hold up an emergency: its upcoming keys may have leaked too.
    const underWay = (await server.gatehouse.runAdmin('signingKeys.rotate', {})) as { kids: string[] };
    setTime(start + 10_000);
    const rotation = (await server.gatehouse.runAdmin('signingKeys.rotate', { immediately: true })) as {
      kids: string[];
      warnings: { code: string; message: string }[];
    };
    expect(rotation.warnings).toEqual([
      { code: 'immediate_rotation', message: expect.stringContaining('apps that cached the old key set may refuse sign-ins') },
    ]);
    // What a leaked key signed no longer verifies, and neither it nor the upcoming keys are published.
    expect(await published()).toEqual(rotation.kids);
    expect(await verifiesNow(before.idToken)).toBe(false);
    const states = (await keys()).keys.map((key) => [key.kid, key.state]);
    expect(states).toEqual([
      ...[before.kid, expect.any(String), ...underWay.kids].map((kid) => [kid, 'retired']),
      ...rotation.kids.map((kid) => [kid, 'current']),
    ]);
    expect((await signOutWith(before.idToken)).body).toContain('Sign-out could not continue');
    // openid-client refetches for an unknown key only when its set is over a minute old: this is the warning.
    await expect(signIn()).rejects.toThrow(/no applicable keys found/);
    setTime(start + 2 * MINUTE);
    expect((await signIn()).kid).toBe(rotation.kids[0]);
    expect(jwksRequests).toBe(2);
  });
});

// Each command is a Node process of its own, which takes seconds to start on a busy machine.
describe('gatehouse keys', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  const cli = (...args: string[]) => runCli(['keys', ...args, '--data-dir', server.dataDir], { GATEHOUSE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY });

  it('lists the keys with their states and dates', async () => {
    const listed = await cli('list');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toMatch(/^ALG\s+KEY ID\s+STATE\s+MADE\s+SIGNS FROM\s+RETIRES AT\nRS256\s+\w{8}\s+current\s+\S+Z\s+\S+Z\s+-\nES256\s+\w{8}\s+current/);
    expect(listed.stdout).toContain('Keys rotate only when asked');
  });

  it('rotates once when two processes rotate at the same moment, and the running server publishes the new keys within its change poll', async () => {
    const both = await Promise.all([cli('rotate'), cli('rotate')]);
    const rotated = both.find((run) => run.code === 0)!;
    expect(both.map((run) => run.code).sort()).toEqual([0, 1]);
    expect(both.find((run) => run.code === 1)!.stderr).toMatch(/^gatehouse: A rotation is under way/);
    expect(rotated.stdout).toMatch(/New signing keys \w{8}, \w{8} are published now and sign from \S+Z/);
    expect(rotated.stdout).toMatch(/stay published until \S+Z/);
    await expect.poll(async () => (await published()).length, { timeout: 10_000, interval: 250 }).toBe(4);
    expect((await cli('list')).stdout).toMatch(/RS256\s+\w{8}\s+upcoming/);
    const audited = await auditEvents('signing_keys.rotated');
    expect(describeAuditEvent(audited[0]!).sentence).toMatch(/^The owner, on the command line, rotated the signing keys/);
  });

  it('refuses a second rotation while one is under way', async () => {
    expect(await cli('rotate')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^gatehouse: A rotation is under way: the new keys sign from/),
    });
  });

  it('refuses bad usage, and says how', async () => {
    expect(await cli()).toMatchObject({ code: 2, stderr: expect.stringContaining('say what to do: list, rotate or rotate-encryption-key') });
    expect(await cli('spin')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown keys action "spin"') });
    expect(await cli('list', '--now')).toMatchObject({ code: 2, stderr: expect.stringContaining('--now belongs to gatehouse keys rotate') });
    expect(await cli('rotate', '--new-key-file', 'new.key')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--new-key-file belongs to gatehouse keys rotate-encryption-key'),
    });
    const help = await runCli(['keys', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('gatehouse keys rotate [--now]');
    expect(help.stdout).toContain('gatehouse keys rotate-encryption-key --new-key-file FILE');
  });

  it('refuses a data directory that holds no Gatehouse, making nothing there', async () => {
    const empty = await runCli(['keys', 'list', '--data-dir', `${server.dataDir}/nothing-here`], { GATEHOUSE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY });
    expect(empty).toMatchObject({ code: 1, stderr: expect.stringContaining('there is no Gatehouse in') });
  });
});
