// A sign-in belongs to the browser that started it: someone who learns its page's URL (and so the
// interaction id in it) cannot set the cookie by hand to read whose sign-in it is or to answer it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, type Person } from '../support/flows.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const APP_REDIRECT = 'http://localhost:8080/cb';

let server: TestServer;
let alice: Person;

const authorizationUrl = () =>
  `${server.issuer}/auth?${new URLSearchParams({ client_id: 'app', response_type: 'code', scope: 'openid profile', redirect_uri: APP_REDIRECT, prompt: 'consent' })}`;

/** A browser that copies the interaction id from a URL it saw into a cookie of its own. */
function forger(interactionUrl: string): Browser {
  const uid = new URL(interactionUrl).pathname.split('/').pop()!;
  const browser = new Browser();
  browser.setCookie(server.issuer, '_interaction', uid, `/interaction/${uid}`);
  return browser;
}

beforeAll(async () => {
  server = await startTestServer();
  server.provision({
    users: [{ username: 'alice', email: 'alice@home.example' }],
    clients: [{ id: 'app', name: 'Photo app', redirectUris: [APP_REDIRECT], secretFile: server.secretFile('app', 'app-secret-0123456789abcdefghijklmnop') }],
  });
  alice = await enrol(server, 'alice');
  // Signed in to the provider once, so her next sign-in stops at the consent step.
  expect((await authorize(server.issuer, alice, authorizationUrl())).kind).toBe('redirect');
});

afterAll(async () => {
  await server?.close();
});

describe('an interaction is bound to its browser', () => {
  it('shows nothing to a browser that set the interaction cookie by hand', async () => {
    const victim = new Browser();
    const { url } = await victim.follow(authorizationUrl(), server.issuer);
    expect((await victim.json(`${url}/details`)).status).toBe(200);
    const forged = await forger(url).json<{ error: string }>(`${url}/details`);
    expect(forged.status).toBe(410);
    expect(forged.body.error).toBe('interaction_expired');
  });

  it('refuses a consent answered from another browser, and the owner can still answer it', async () => {
    const { url } = await alice.browser.follow(authorizationUrl(), server.issuer);
    const details = await alice.browser.json<{ prompt: string; user: { username: string } }>(`${url}/details`);
    expect(details.body).toMatchObject({ prompt: 'consent', user: { username: 'alice' } });
    const attacker = forger(url);
    expect((await attacker.json(`${url}/details`)).status).toBe(410);
    expect((await attacker.json(`${url}/consent`, { approve: true })).status).toBe(410);
    const answered = await alice.browser.json<{ redirectTo: string }>(`${url}/consent`, { approve: true });
    expect(answered.status).toBe(200);
    expect(answered.body.redirectTo).toContain(`/auth/`);
  });
});
