// Consent and the prompt parameter: consent is asked once per app and scope set, prompt=consent asks
// again without looping, prompt=none never shows a page, prompt=login asks for the passkey again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, pageDetails, type Person } from '../support/flows.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const REDIRECT = 'http://localhost:8080/cb';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  server.provision({
    users: [{ username: 'carol' }, { username: 'dave' }, { username: 'erin' }, { username: 'frank' }],
    clients: [
      { id: 'asks', name: 'Asks for consent', public: true, redirectUris: [REDIRECT] },
      { id: 'trusted', name: 'First-party app', public: true, redirectUris: [REDIRECT], skipConsent: true },
    ],
  });
});

afterAll(async () => {
  await server?.close();
});

function url(clientId: string, extra: Record<string, string> = {}): string {
  return `${server.issuer}/auth?${new URLSearchParams({
    client_id: clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid profile email',
    state: 'st',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    ...extra,
  })}`;
}

const redirected = (outcome: Awaited<ReturnType<typeof authorize>>) => {
  if (outcome.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(outcome).slice(0, 300)}`);
  return new URL(outcome.url);
};

describe('consent', () => {
  let carol: Person;
  beforeAll(async () => {
    carol = await enrol(server, 'carol');
  });

  it('is asked once, lists the scopes, and is remembered', async () => {
    const first = await authorize(server.issuer, carol, url('asks'), { consent: false });
    const scopes = pageDetails<{ scopes: Array<{ scope: string }> }>(first, 'consent').scopes.map((s) => s.scope);
    expect(scopes).toEqual(['openid', 'profile', 'email']);
    expect(redirected(await authorize(server.issuer, carol, url('asks'))).searchParams.get('code')).toBeTruthy();
    // Same app, same scopes: no second question.
    expect(redirected(await authorize(server.issuer, carol, url('asks'), { consent: false })).searchParams.get('code')).toBeTruthy();
    // A new scope asks again.
    expect(await authorize(server.issuer, carol, url('asks', { scope: 'openid profile email groups' }), { consent: false })).toMatchObject({
      kind: 'page',
      prompt: 'consent',
    });
  });

  it('prompt=consent asks again and answering it finishes the sign-in', async () => {
    expect(await authorize(server.issuer, carol, url('asks', { prompt: 'consent' }), { consent: false })).toMatchObject({ kind: 'page', prompt: 'consent' });
    const done = redirected(await authorize(server.issuer, carol, url('asks', { prompt: 'consent' })));
    expect(done.searchParams.get('code')).toBeTruthy();
    expect(done.searchParams.get('state')).toBe('st');
  });

  it('prompt=consent is honoured for a skip-consent app too, without a loop', async () => {
    expect(redirected(await authorize(server.issuer, carol, url('trusted', { prompt: 'consent' }))).searchParams.get('code')).toBeTruthy();
  });

  it('declining returns access_denied to the app', async () => {
    const dave = await enrol(server, 'dave');
    const page = await authorize(server.issuer, dave, url('asks'), { consent: false });
    expect(page).toMatchObject({ kind: 'page', prompt: 'consent' });
    const uid = new URL((await dave.browser.follow(url('asks'), server.issuer)).url).pathname.split('/').pop();
    const declined = await dave.browser.json<{ redirectTo: string }>(`${server.issuer}/interaction/${uid}/consent`, { approve: false });
    const final = await dave.browser.follow(declined.body.redirectTo, server.issuer);
    expect(new URL(final.url).searchParams.get('error')).toBe('access_denied');
  });

  it('is skipped for an app the owner marked skip-consent', async () => {
    expect(redirected(await authorize(server.issuer, carol, url('trusted'), { consent: false })).searchParams.get('code')).toBeTruthy();
  });
});

describe('prompt parameter', () => {
  it('prompt=none without a session returns login_required, with no page', async () => {
    const stranger = { browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    const result = redirected(await authorize(server.issuer, stranger, url('trusted', { prompt: 'none' })));
    expect(result.searchParams.get('error')).toBe('login_required');
  });

  it('prompt=none with a session and consent returns a code silently', async () => {
    const erin = await enrol(server, 'erin');
    redirected(await authorize(server.issuer, erin, url('trusted')));
    expect(redirected(await authorize(server.issuer, erin, url('trusted', { prompt: 'none' }), { consent: false })).searchParams.get('code')).toBeTruthy();
    const needsConsent = redirected(await authorize(server.issuer, erin, url('asks', { prompt: 'none' }), { consent: false }));
    expect(needsConsent.searchParams.get('error')).toBe('consent_required');
  });

  it('prompt=login asks for the passkey again even with a session', async () => {
    const signedIn = await enrol(server, 'frank');
    redirected(await authorize(server.issuer, signedIn, url('trusted')));
    const counter = signedIn.authenticator.credentials[0]!.counter;
    redirected(await authorize(server.issuer, signedIn, url('trusted', { prompt: 'login' })));
    expect(signedIn.authenticator.credentials[0]!.counter).toBe(counter + 1);
  });
});
