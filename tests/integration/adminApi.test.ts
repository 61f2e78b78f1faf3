// The admin API over HTTP: who may call it, field-level refusals that change nothing, and the
// operations an owner uses to set up people, groups and apps.
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, pageDetails, redeemLinkAndRegister, signInWithPasskey, type Person } from '../support/flows.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;
let owner: Person;

type Answer = { status: number; body: Record<string, any> };

function call(person: Pick<Person, 'browser'>, operation: string, input: unknown = {}): Promise<Answer> {
  return person.browser.json<Record<string, any>>(`${server.issuer}/api/admin/${operation}`, input);
}

async function withKey(key: string, operation: string, input: unknown = {}): Promise<Answer> {
  const response = await fetch(`${server.issuer}/api/admin/${operation}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

beforeAll(async () => {
  server = await startTestServer();
  owner = { username: 'owner', browser: new Browser(), authenticator: new SoftwareAuthenticator() };
  await redeemLinkAndRegister(server.issuer, server.gatehouse.issueSetupLink().url, owner, { username: 'owner', email: 'owner@home.example' });
  await signInWithPasskey(server.issuer, owner);
});

afterAll(async () => {
  await server?.close();
});

describe('who may call the admin API', () => {
  it('refuses anonymous callers, non-admins and other sites', async () => {
    expect(await call({ browser: new Browser() }, 'users.list')).toMatchObject({ status: 401, body: { error: 'not_signed_in' } });
    server.provision({ users: [{ username: 'mallory' }] });
    const mallory = await enrol(server, 'mallory');
    expect(await call(mallory, 'users.list')).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const crossSite = await owner.browser.request(`${server.issuer}/api/admin/users.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    expect(await call(owner, 'users.list')).toMatchObject({ status: 200 });
  });

  it('accepts an API key until it is revoked; a key cannot make keys', async () => {
    const created = await call(owner, 'apiKeys.create', { name: 'Backup script', expiresInDays: 30 });
    expect(created.status).toBe(200);
    const { key, apiKey } = created.body;
    expect(key).toMatch(/^gh_[A-Za-z0-9_-]{43}$/);
    expect(await withKey(key, 'overview.get')).toMatchObject({ status: 200, body: { counts: { users: 2 } } });
    expect(await withKey(key, 'apiKeys.create', { name: 'x' })).toMatchObject({ status: 403 });
    const list = await call(owner, 'apiKeys.list');
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: apiKey.id, name: 'Backup script', lastUsedAt: expect.any(Number) })]));
    expect((await call(owner, 'apiKeys.revoke', { id: apiKey.id })).status).toBe(200);
    expect(await withKey(key, 'overview.get')).toMatchObject({ status: 401, body: { error: 'invalid_api_key' } });
    expect(await withKey('gh_wrong', 'overview.get')).toMatchObject({ status: 401 });
  });

  it('names an unknown operation', async () => {
    expect(await call(owner, 'users.explode')).toMatchObject({ status: 404, body: { error: 'unknown_operation' } });
  });
});

describe('users', () => {
  it('refuses invalid input field by field, changing nothing', async () => {
    const before = (await call(owner, 'users.list')).body.total;
    for (const [input, field] of [
      [{ username: 'bad name' }, 'username'],
      [{ username: 'carol', email: 'not-an-email' }, 'email'],
      [{ username: 'carol', groups: ['nope'] }, 'groups.0'],
      [{ username: 'carol', claims: { email: 'x' } }, 'claims.email'],
      [{ username: 'carol', colour: 'blue' }, 'colour'],
      [{ username: 'owner' }, 'username'],
    ] as const) {
      const answer = await call(owner, 'users.create', input);
      expect([answer.status >= 400, answer.body.field], JSON.stringify(answer.body)).toEqual([true, field]);
      expect(answer.body.message).toBeTruthy();
    }
    expect((await call(owner, 'users.list')).body.total).toBe(before);
  });

  it('refuses an email another person has, on create and on edit, naming whose it is', async () => {
    const first = await call(owner, 'users.create', { username: 'quentin', email: 'quentin@home.example' });
    expect(first.status).toBe(200);
    const taken = await call(owner, 'users.create', { username: 'quincy', email: 'Quentin@Home.example' });
    expect(taken).toMatchObject({ status: 409, body: { error: 'email_taken', field: 'email', message: expect.stringMatching(/already quentin's/) } });
    const other = await call(owner, 'users.create', { username: 'quincy' });
    const edited = await call(owner, 'users.update', { id: other.body.id, email: 'quentin@home.example' });
    expect(edited).toMatchObject({ status: 409, body: { error: 'email_taken', field: 'email' } });
    expect((await call(owner, 'users.get', { id: other.body.id })).body.email).toBeNull();
    expect((await call(owner, 'users.update', { id: first.body.id, email: 'quentin@home.example', displayName: 'Q' })).status).toBe(200);
  });

  it('creates, finds, edits and deletes people', async () => {
    await call(owner, 'groups.create', { name: 'family' });
    const created = await call(owner, 'users.create', {
      username: 'carol',
      email: 'carol@home.example',
      givenName: 'Carol',
      groups: ['family'],
      claims: { immich_quota: 10 },
    });
    expect(created.body).toMatchObject({ username: 'carol', emailVerified: true, groups: ['family'], claims: { immich_quota: 10 }, passkeys: 0 });
    for (let i = 0; i < 30; i++) await call(owner, 'users.create', { username: `bulk${String(i).padStart(2, '0')}` });
    const page2 = await call(owner, 'users.list', { query: 'bulk', page: 2, pageSize: 25 });
    expect(page2.body).toMatchObject({ total: 30, page: 2 });
    expect(page2.body.users.map((u: { username: string }) => u.username)).toEqual(['bulk25', 'bulk26', 'bulk27', 'bulk28', 'bulk29']);
    expect((await call(owner, 'users.list', { query: 'CAROL@' })).body.users).toHaveLength(1);

    const updated = await call(owner, 'users.update', { id: created.body.id, email: 'c@home.example', displayName: 'Caro' });
    expect(updated.body).toMatchObject({ email: 'c@home.example', emailVerified: true, displayName: 'Caro' });
    const link = await call(owner, 'users.issueLoginLink', { id: created.body.id, ttlMinutes: 30 });
    expect(link.body.url).toMatch(/\/link\//);
    expect(link.body.qrCodeSvg).toMatch(/^<svg/);
    expect((await call(owner, 'users.delete', { id: created.body.id })).status).toBe(200);
    expect(await call(owner, 'users.get', { id: created.body.id })).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });

  it('answers the display name as entered, and beside it the name apps see', async () => {
    const frank = (await call(owner, 'users.create', { username: 'frank', givenName: 'Frank', familyName: 'Castle' })).body;
    expect(frank).toMatchObject({ displayName: null, name: 'Frank Castle' });
    // The same text as the fallback is still what the admin entered, and the form shows it.
    expect((await call(owner, 'users.update', { id: frank.id, displayName: 'Frank Castle' })).body).toMatchObject({
      displayName: 'Frank Castle',
      name: 'Frank Castle',
    });
    expect((await call(owner, 'users.update', { id: frank.id, displayName: 'Frankie' })).body).toMatchObject({ displayName: 'Frankie', name: 'Frankie' });
    expect((await call(owner, 'users.get', { id: frank.id })).body).toMatchObject({ displayName: 'Frankie', name: 'Frankie' });
    expect((await call(owner, 'users.update', { id: frank.id, displayName: null })).body).toMatchObject({ displayName: null, name: 'Frank Castle' });
    expect((await call(owner, 'users.list', { query: 'frank' })).body.users).toEqual([expect.objectContaining({ displayName: null, name: 'Frank Castle' })]);
  });

  it('never leaves Gatehouse without an enabled admin, and nobody locks themself out', async () => {
    const me = (await call(owner, 'users.list', { query: 'owner' })).body.users[0];
    expect(await call(owner, 'users.update', { id: me.id, isAdmin: false })).toMatchObject({ status: 409, body: { error: 'self_lockout', field: 'isAdmin' } });
    expect(await call(owner, 'users.setDisabled', { id: me.id, disabled: true })).toMatchObject({ status: 409 });
    expect(await call(owner, 'users.delete', { id: me.id })).toMatchObject({ status: 409 });
  });

  it('disabling someone refuses their next sign-in and ends their sessions', async () => {
    server.provision({ clients: [{ id: 'app', name: 'App', public: true, redirectUris: ['http://localhost:8080/cb'], skipConsent: true }] });
    const dave = (await call(owner, 'users.create', { username: 'dave' })).body;
    const person = await enrol(server, 'dave');
    expect((await call(owner, 'users.setDisabled', { id: dave.id, disabled: true })).body).toMatchObject({ disabled: true });
    expect((await person.browser.json(`${server.issuer}/api/session`)).status).toBe(401);
    const url = `${server.issuer}/auth?${new URLSearchParams({ client_id: 'app', redirect_uri: 'http://localhost:8080/cb', response_type: 'code', scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })}`;
    expect(pageDetails<{ error: string }>(await authorize(server.issuer, person, url), 'login').error).toBe('account_disabled');
  });
});

describe('groups', () => {
  it('manages members, claims and apps, and will not silently open a restricted app', async () => {
    server.provision({ users: [{ username: 'erin' }], clients: [{ id: 'vault', name: 'Vault', public: true, redirectUris: ['http://localhost:8080/cb'] }] });
    const erin = (await call(owner, 'users.list', { query: 'erin' })).body.users[0];
    const group = await call(owner, 'groups.create', { name: 'vault-users', memberIds: [erin.id], claims: { role: 'reader' }, allowedClients: ['vault'] });
    expect(group.body).toMatchObject({ name: 'vault-users', members: [{ username: 'erin' }], claims: { role: 'reader' }, allowedClients: ['vault'] });
    expect((await call(owner, 'clients.get', { id: 'vault' })).body.allowedGroups).toEqual(['vault-users']);
    expect(await call(owner, 'groups.delete', { id: group.body.id })).toMatchObject({ status: 409, body: { error: 'group_in_use' } });
    expect(await call(owner, 'groups.create', { name: 'vault-users' })).toMatchObject({ status: 409, body: { field: 'name' } });
    expect(await call(owner, 'groups.update', { id: group.body.id, memberIds: ['nobody'] })).toMatchObject({ status: 400, body: { field: 'memberIds.0' } });
    const renamed = await call(owner, 'groups.update', { id: group.body.id, name: 'vaulters', allowedClients: [] });
    expect(renamed.body).toMatchObject({ name: 'vaulters', allowedClients: [] });
    expect((await call(owner, 'groups.delete', { id: group.body.id })).status).toBe(200);
  });
});

describe('clients', () => {
  it('writes the groups chosen for a client into the snippet of an app with its own allow-list', async () => {
    const created = await call(owner, 'clients.create', {
      template: 'headscale',
      inputs: { appUrl: 'https://headscale.home.example' },
      allowedGroups: ['family'],
    });
    expect(created.status).toBe(200);
    expect(created.body.snippets[0].text).toContain('  allowed_groups: ["family"]\n');
    expect(created.body.snippets[0].text).not.toContain('server_url');
    expect((await call(owner, 'clients.delete', { id: 'headscale' })).status).toBe(200);
  });

  it("makes the group a template maps an app's role from when there is none yet, and says so", async () => {
    expect((await call(owner, 'groups.list')).body).not.toContainEqual(expect.objectContaining({ name: 'grafana-admins' }));
    const created = await call(owner, 'clients.create', {
      template: 'grafana',
      inputs: { appUrl: 'https://grafana.home.example', adminGroup: 'grafana-admins' },
    });
    expect(created.status).toBe(200);
    expect(created.body.notes[0]).toBe(
      'Gatehouse made the group "grafana-admins" for this app\'s roles; it has no members yet. Add the people it is for on the group\'s page under Groups.',
    );
    expect(created.body.client.claimPolicy.groupMappings[0].rules).toEqual([{ group: 'grafana-admins', value: 'Admin' }]);
    expect(server.gatehouse.internals.db.prepare('SELECT COUNT(*) AS n FROM groups WHERE name = ?').get('grafana-admins')).toEqual({ n: 1 });
    // A second app mapping the same group makes nothing new.
    const again = await call(owner, 'clients.create', {
      template: 'grafana',
      id: 'grafana2',
      inputs: { appUrl: 'https://g2.home.example', adminGroup: 'grafana-admins' },
    });
    expect(again.body.notes.join(' ')).not.toContain('made the group');
    for (const id of ['grafana', 'grafana2']) expect((await call(owner, 'clients.delete', { id })).status).toBe(200);
  });

  it('creates a client from a template, and an app signs in with what the console showed', async () => {
    const created = await call(owner, 'clients.create', { template: 'zot', inputs: { appUrl: 'https://zot.home.example' }, skipConsent: true });
    expect(created.status).toBe(200);
    const { client, secret, snippets } = created.body;
    expect(client).toMatchObject({ id: 'zot', public: false, redirectUris: ['https://zot.home.example/zot/auth/callback/oidc'] });
    // Two files, two copy blocks: the issuer goes into config.json, the secret into the credentials file.
    expect(snippets.map((block: { name: string }) => block.name)).toEqual(['config.json: merge into its "http" section', '/etc/zot/oidc-credentials.json']);
    expect(snippets[0].text).toContain(server.issuer);
    expect(JSON.parse(snippets[1].text)).toEqual({ clientid: 'zot', clientsecret: secret });
    expect(JSON.stringify((await call(owner, 'clients.get', { id: 'zot' })).body)).not.toContain(secret);

    const config = await oidc.discovery(new URL(server.issuer), client.id, secret, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: client.redirectUris[0], scope: 'openid profile email groups', state: 's' });
    const outcome = await authorize(server.issuer, owner, url.href);
    const tokens = await oidc.authorizationCodeGrant(config, new URL((outcome as { url: string }).url), { expectedState: 's' });
    expect(tokens.claims()).toMatchObject({ preferred_username: 'owner', email_verified: true });

    const regenerated = await call(owner, 'clients.regenerateSecret', { id: 'zot' });
    expect(regenerated.body.secret).not.toBe(secret);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a taken id, a bad redirect URI and an http LAN URI on a native app', async () => {
    expect(await call(owner, 'clients.create', { id: 'zot', name: 'Again', redirectUris: ['https://x.example/cb'] })).toMatchObject({
      status: 409,
      body: { field: 'id' },
    });
    expect(await call(owner, 'clients.create', { id: 'x', name: 'X', redirectUris: ['https://x.example/cb#frag'] })).toMatchObject({
      status: 400,
      body: { field: 'redirectUris.0' },
    });
    expect(await call(owner, 'clients.create', { id: 'y', name: 'Y', public: true, redirectUris: ['app.y:/cb', 'http://y.lan/cb'] })).toMatchObject({
      status: 400,
      body: { field: 'redirectUris.1' },
    });
    expect((await call(owner, 'clients.list')).body.map((c: { id: string }) => c.id)).not.toContain('x');
  });

  it('adds a redirect URI an app was refused with, and deletes clients', async () => {
    const added = await call(owner, 'clients.addRedirectUri', { id: 'zot', uri: 'https://zot.home.example:8443/zot/auth/callback/oidc' });
    expect(added.body.redirectUris).toHaveLength(2);
    expect((await call(owner, 'clients.delete', { id: 'zot' })).status).toBe(200);
    expect((await call(owner, 'clients.get', { id: 'zot' })).status).toBe(404);
  });
});

describe('overview and audit', () => {
  it('counts things, warns about ignored proxy headers, and lists what admins did', async () => {
    await fetch(`${server.issuer}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.5', 'x-forwarded-proto': 'https' } });
    const overview = await call(owner, 'overview.get');
    expect(overview.body).toMatchObject({ state: 'running', issuer: server.issuer, discoveryUrl: `${server.issuer}/.well-known/openid-configuration` });
    expect(overview.body.warnings).toContainEqual({
      id: 'forwarding_ignored',
      severity: 'warning',
      message: expect.stringMatching(/X-Forwarded-\* headers, but trust proxy is off/),
      values: { trustProxy: 'off' },
    });
    const audit = await call(owner, 'audit.list', { event: 'admin.clients' });
    expect(audit.body.events.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(['admin.clients.create', 'admin.clients.delete', 'admin.clients.regenerateSecret']),
    );
    expect(audit.body.events[0]).toMatchObject({ details: { by: { user: expect.any(String) } }, ip: '127.0.0.1' });
  });

  it('filters by a username the server looks up, whatever the number of users', async () => {
    server.provision({ users: Array.from({ length: 120 }, (_, i) => ({ username: `crowd${String(i).padStart(3, '0')}` })) });
    const last = (await call(owner, 'users.list', { query: 'crowd119' })).body.users[0];
    await call(owner, 'users.signOutEverywhere', { id: last.id });
    const found = await call(owner, 'audit.list', { username: 'CROWD119' });
    expect(found.body.total).toBeGreaterThan(0);
    expect(found.body.events).toEqual(found.body.events.map(() => expect.objectContaining({ userId: last.id, username: 'crowd119' })));
    expect(await call(owner, 'audit.list', { username: 'crowd999' })).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'username' } });
  });

  it('names the people, apps and API keys behind the ids it keeps', async () => {
    const me = (await call(owner, 'users.list', { query: 'owner' })).body.users[0];
    const created = (await call(owner, 'apiKeys.create', { name: 'Nightly backup' })).body;
    expect((await withKey(created.key, 'clients.create', { id: 'photos', name: 'Photos', redirectUris: ['https://photos.home.example/cb'] })).status).toBe(200);
    expect((await call(owner, 'apiKeys.revoke', { id: created.apiKey.id })).status).toBe(200);

    const byKey = (await call(owner, 'audit.list', { event: 'admin.clients.create', clientId: 'photos' })).body.events[0];
    expect(byKey).toMatchObject({ clientId: 'photos', clientName: 'Photos', details: { by: { apiKey: created.apiKey.id } }, actorName: 'Nightly backup' });
    const revoked = (await call(owner, 'audit.list', { event: 'admin.apiKeys.revoke' })).body.events[0];
    expect(revoked).toMatchObject({ details: { key: created.apiKey.id, by: { user: me.id } }, apiKeyName: 'Nightly backup', actorName: 'owner' });

    // Once the app is gone, its id stays and its name is no longer claimed.
    expect((await call(owner, 'clients.delete', { id: 'photos' })).status).toBe(200);
    const gone = (await call(owner, 'audit.list', { event: 'admin.clients.create', clientId: 'photos' })).body.events[0];
    expect(gone).toMatchObject({ clientId: 'photos', clientName: null, actorName: 'Nightly backup' });
  });
});
