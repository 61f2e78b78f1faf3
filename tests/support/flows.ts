// What a person does in the browser, driven headlessly: enrol through a one-time link, and sign in to
// an app through Gatehouse's interaction pages with a passkey.
import { Browser } from './browser.ts';
import { SoftwareAuthenticator } from './softwareAuthenticator.ts';
import type { TestServer } from './testServer.ts';

export interface Person {
  username: string;
  browser: Browser;
  authenticator: SoftwareAuthenticator;
}

/** Redeems a one-time link and registers a passkey, as the link page does. */
export async function redeemLinkAndRegister(
  issuer: string,
  linkUrl: string,
  person: Omit<Person, 'username'>,
  profile?: Record<string, string>,
): Promise<void> {
  const token = new URL(linkUrl).pathname.split('/').pop()!;
  const redeemed = await person.browser.json(`${issuer}/api/links/redeem`, { token, ...(profile ? { profile } : {}) });
  if (redeemed.status !== 200) throw new Error(`redeem failed: ${JSON.stringify(redeemed.body)}`);
  await registerPasskey(issuer, person);
}

export async function registerPasskey(issuer: string, person: Omit<Person, 'username'>, name?: string): Promise<void> {
  const options = await person.browser.json<{ ceremonyId: string; options: { challenge: string; rp: { id?: string }; user: { id: string } } }>(
    `${issuer}/api/account/passkeys/options`,
    {},
  );
  if (options.status !== 200) throw new Error(`registration options failed: ${JSON.stringify(options.body)}`);
  const response = person.authenticator.createCredential(options.body.options, issuer);
  const created = await person.browser.json(`${issuer}/api/account/passkeys`, { ceremonyId: options.body.ceremonyId, response, ...(name ? { name } : {}) });
  if (created.status !== 201) throw new Error(`registration failed: ${JSON.stringify(created.body)}`);
}

/** Signs in on the account page with a passkey, as a person does before steps that need a fresh sign-in. */
export async function signInWithPasskey(issuer: string, person: Omit<Person, 'username'>): Promise<void> {
  const options = await person.browser.json<{ ceremonyId: string; options: { challenge: string; rpId?: string } }>(`${issuer}/api/session/passkey/options`, {});
  const verified = await person.browser.json(`${issuer}/api/session/passkey/verify`, {
    ceremonyId: options.body.ceremonyId,
    response: person.authenticator.getAssertion(options.body.options, issuer),
  });
  if (verified.status !== 200) throw new Error(`passkey sign-in failed: ${JSON.stringify(verified.body)}`);
}

/** A provisioned user gets a login link from the CLI path and enrols a passkey with it. */
export async function enrol(server: TestServer, username: string): Promise<Person> {
  const person = { username, browser: new Browser(), authenticator: new SoftwareAuthenticator() };
  await redeemLinkAndRegister(server.issuer, server.gatehouse.issueLoginLink(username).url, person);
  return person;
}

export type InteractionOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'page'; prompt: string; details: Record<string, unknown> }
  | { kind: 'error'; status: number; html: string };

/**
 * Follows an authorization URL through sign-in and consent. Stops at the app's redirect (returned),
 * at an error page, or at a step it was told not to take (`consent: false`, the access page).
 */
export async function authorize(
  issuer: string,
  person: Omit<Person, 'username'>,
  authorizationUrl: string,
  choices: { consent?: boolean } = {},
): Promise<InteractionOutcome> {
  let next = authorizationUrl;
  for (let step = 0; step < 6; step++) {
    const { url, response } = await person.browser.follow(next, issuer);
    if (!response) return { kind: 'redirect', url };
    const path = new URL(url).pathname;
    if (!path.startsWith('/interaction/')) return { kind: 'error', status: response.status, html: await response.text() };
    await response.text();
    const details = await person.browser.json<{ prompt: string }>(`${url}/details`);
    const { prompt } = details.body;
    if (prompt === 'login') {
      const options = await person.browser.json<{ ceremonyId: string; options: { challenge: string; rpId?: string } }>(`${url}/passkey/options`, {});
      if (options.status !== 200) return { kind: 'page', prompt, details: options.body as Record<string, unknown> };
      const verified = await person.browser.json<{ redirectTo: string }>(`${url}/passkey/verify`, {
        ceremonyId: options.body.ceremonyId,
        response: person.authenticator.getAssertion(options.body.options, issuer),
      });
      if (verified.status !== 200) return { kind: 'page', prompt, details: verified.body as Record<string, unknown> };
      next = verified.body.redirectTo;
    } else if (prompt === 'consent' && choices.consent !== false) {
      const answered = await person.browser.json<{ redirectTo: string }>(`${url}/consent`, { approve: true });
      next = answered.body.redirectTo;
    } else {
      return { kind: 'page', prompt, details: details.body as Record<string, unknown> };
    }
  }
  throw new Error('authorization did not finish');
}

/** The details of the page an authorization stopped at, failing when it went elsewhere. */
export function pageDetails<T>(outcome: InteractionOutcome, prompt: string): T {
  if (outcome.kind !== 'page' || outcome.prompt !== prompt) throw new Error(`expected the ${prompt} page, got ${JSON.stringify(outcome).slice(0, 300)}`);
  return outcome.details as T;
}
