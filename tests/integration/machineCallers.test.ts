// An API key never becomes a person: it cannot have a sign-in link made (whose session would be a
// person's), and a one-time link's session never counts as a fresh sign-in for the steps that need one
// (creating an API key, adding a second passkey).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../support/browser.ts';
import { registerPasskey, redeemLinkAndRegister, signInWithPasskey, type Person } from '../support/flows.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;
let owner: Person;
let apiKey: string;

async function withKey(operation: string, input: unknown): Promise<{ status: number; body: Record<string, any> }> {
  const response = await fetch(`${server.issuer}/api/admin/${operation}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const linkCount = () => (server.gatehouse.internals.db.prepare('SELECT COUNT(*) AS n FROM one_time_tokens').get() as { n: number }).n;

beforeAll(async () => {
  server = await startTestServer();
  owner = { username: 'owner', browser: new Browser(), authenticator: new SoftwareAuthenticator() };
  await redeemLinkAndRegister(server.issuer, server.gatehouse.issueSetupLink().url, owner, { username: 'owner' });
  server.provision({ users: [{ username: 'walter' }] });
  apiKey = ((await server.gatehouse.runAdmin('apiKeys.create', { name: 'Robot' })) as { key: string }).key;
});

afterAll(async () => {
  await server?.close();
});

describe('an API key', () => {
  it('cannot have a sign-in link made, for an admin or anyone else', async () => {
    const users = (await withKey('users.list', {})).body.users as Array<{ id: string; username: string }>;
    const before = linkCount();
    for (const user of users) {
      const answer = await withKey('users.issueLoginLink', { id: user.id });
      expect(answer, user.username).toMatchObject({
        status: 403,
        body: { error: 'forbidden', message: expect.stringMatching(/API keys cannot create sign-in links/) },
      });
      expect(JSON.stringify(answer.body)).not.toContain('/link/');
    }
    expect(users.map((u) => u.username).sort()).toEqual(['owner', 'walter']);
    expect(linkCount()).toBe(before);
  });
});

describe("a one-time link's session", () => {
  it('is not a fresh sign-in: an admin who opens one must use their passkey to create an API key', async () => {
    const holder = { browser: new Browser(), authenticator: owner.authenticator };
    const token = new URL(server.gatehouse.issueLoginLink('owner').url).pathname.split('/').pop();
    expect((await holder.browser.json(`${server.issuer}/api/links/redeem`, { token })).status).toBe(200);
    expect(await holder.browser.json(`${server.issuer}/api/session`)).toMatchObject({ status: 200, body: { fresh: false, authMethod: 'one_time_link' } });
    const refused = await holder.browser.json(`${server.issuer}/api/admin/apiKeys.create`, { name: 'From a link' });
    expect(refused).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });

    await signInWithPasskey(server.issuer, holder);
    expect((await holder.browser.json(`${server.issuer}/api/admin/apiKeys.create`, { name: 'After the passkey' })).status).toBe(200);
  });

  it('adds no second passkey to someone who has one, and adds the first', async () => {
    const stranger = { browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    const token = new URL(server.gatehouse.issueLoginLink('owner').url).pathname.split('/').pop();
    expect((await stranger.browser.json(`${server.issuer}/api/links/redeem`, { token })).status).toBe(200);
    await expect(registerPasskey(server.issuer, stranger)).rejects.toThrow(/reauthentication_required/);

    const walter = { browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    await redeemLinkAndRegister(server.issuer, server.gatehouse.issueLoginLink('walter').url, walter);
    expect((await walter.browser.json(`${server.issuer}/api/session`)).body).toMatchObject({ passkeys: 1 });
  });
});
