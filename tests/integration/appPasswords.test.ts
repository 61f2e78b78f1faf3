// App passwords: created in the account portal after a fresh passkey sign-in for one protected app the
// person may use, shown once, listed without their secret, named uniquely, revocable by the person and by
// an admin; and the check the forward-auth endpoint relies on (owner's username or email, never someone
// else's, never when disabled, never at another app).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteAppPasswordUse, verifyAppPassword } from '../../server/auth/appPasswords.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { enrol, signInWithPasskey, type Person } from '../support/flows.ts';
import { Browser } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let now = Date.now();
const clock = () => now;
let server: TestServer;
let frank: Person;
let grace: Person;

const API = () => `${server.issuer}/api/account/app-passwords`;
const db = () => server.gatehouse.internals.db;

interface Created {
  appPassword: { id: string; name: string; appId: string; appName: string; createdAt: number; lastUsedAt: number | null; lastUsedIp: string | null };
  password: string;
  username: string;
}

const create = (person: Person, body: unknown) => person.browser.json<Created & { error?: string; field?: string; message?: string }>(API(), body);
const list = async (person: Person) => (await person.browser.json<{ appPasswords: Created['appPassword'][] }>(API())).body.appPasswords;
const userId = (username: string) => (db().prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;

beforeAll(async () => {
  server = await startTestServer({ clock });
  server.provision({
    groups: [{ name: 'media' }, { name: 'admins' }],
    users: [
      { username: 'frank', email: 'Frank@Home.example', groups: ['media'] },
      { username: 'grace', email: 'grace@home.example' },
    ],
  });
  // Sonarr is for frank's group, the router for nobody here, Files for everyone.
  await server.gatehouse.runAdmin('protectedApps.create', { id: 'sonarr', name: 'Sonarr', hosts: ['sonarr.home.example'], allowedGroups: ['media'] });
  await server.gatehouse.runAdmin('protectedApps.create', { id: 'router', name: 'Router', hosts: ['router.home.example'], allowedGroups: ['admins'] });
  await server.gatehouse.runAdmin('protectedApps.create', { id: 'files', name: 'Files', hosts: ['files.home.example', 'files.home.example:8443'] });
  frank = await enrol(server, 'frank');
  grace = await enrol(server, 'grace');
});

afterAll(async () => {
  await server?.close();
});

describe('in the account portal', () => {
  it('creating one needs a passkey sign-in of the last minutes', async () => {
    // Adding the first passkey through the enrolment link counts as a passkey check, for ten minutes.
    now += 11 * 60 * 1000;
    expect(await create(frank, { name: 'Phone', appId: 'sonarr' })).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    await signInWithPasskey(server.issuer, frank);
    const created = await create(frank, { name: '  Phone  ', appId: 'sonarr' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'frank',
      appPassword: { name: 'Phone', appId: 'sonarr', appName: 'Sonarr', createdAt: now, lastUsedAt: null, lastUsedIp: null },
    });
    expect(created.body.password).toMatch(/^ghp_[A-Za-z0-9_-]{43}$/);
    now += 11 * 60 * 1000;
    expect(await create(frank, { name: 'Later', appId: 'sonarr' })).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    expect((await new Browser().json(API(), { name: 'Nobody', appId: 'files' })).status).toBe(401);
  });

  it('shows the password once: the list and the database hold no secret', async () => {
    await signInWithPasskey(server.issuer, frank);
    const { body } = await create(frank, { name: 'Sonarr app', appId: 'sonarr' });
    const listed = await list(frank);
    expect(listed.map((p) => p.name)).toEqual(['Sonarr app', 'Phone']);
    expect(Object.keys(listed[0]!).sort()).toEqual(['appId', 'appName', 'createdAt', 'id', 'lastUsedAt', 'lastUsedIp', 'name']);
    const stored = JSON.stringify(db().prepare('SELECT * FROM app_passwords').all());
    expect(stored).not.toContain(body.password);
    expect(stored).not.toContain(body.password.slice(4));
    const audit = listAuditEvents(db(), { event: 'app_password.created' });
    expect(audit[0]).toMatchObject({ userId: userId('frank'), details: { name: 'Sonarr app', app: 'sonarr' } });
    expect(JSON.stringify(audit)).not.toContain(body.password);
  });

  it('refuses names that are empty, too long, not text or already the person’s, with the field', async () => {
    await signInWithPasskey(server.issuer, frank);
    for (const name of ['', '   ', 'x'.repeat(61), 42, undefined]) {
      expect(await create(frank, { name, appId: 'sonarr' })).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'name' } });
    }
    expect(await create(frank, { name: ' Phone', appId: 'sonarr' })).toMatchObject({ status: 409, body: { error: 'name_taken', field: 'name' } });
    // Names are per person.
    await signInWithPasskey(server.issuer, grace);
    expect((await create(grace, { name: 'Phone', appId: 'files' })).status).toBe(201);
  });

  it('is for one protected app the person may use: required, known, theirs by its groups, with the field', async () => {
    await signInWithPasskey(server.issuer, frank);
    for (const appId of [undefined, '', '  ', 7]) {
      expect(await create(frank, { name: 'No app', appId })).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'appId' } });
    }
    expect(await create(frank, { name: 'No app', appId: 'nope' })).toMatchObject({ status: 404, body: { error: 'not_found', field: 'appId' } });
    const forbidden = await create(frank, { name: 'Router', appId: 'router' });
    expect(forbidden).toMatchObject({ status: 403, body: { error: 'forward_auth_forbidden', field: 'appId' } });
    expect(forbidden.body.message).toContain('Router is for members of admins');
    expect((await list(frank)).map((p) => p.name)).not.toContain('Router');
    // An app open to everyone signed in is anyone's.
    const files = await create(frank, { name: 'Files sync', appId: 'files' });
    expect(files).toMatchObject({ status: 201, body: { appPassword: { appId: 'files', appName: 'Files' } } });
    expect(verifyAppPassword(db(), 'frank', files.body.password, 'files')).toBeDefined();
    await frank.browser.json(`${API()}/${files.body.appPassword.id}`, undefined, 'DELETE');
  });

  it('lists the protected apps the person may make one for', async () => {
    const apps = async (person: Person) => (await person.browser.json<{ apps: unknown[] }>(`${server.issuer}/api/account/protected-apps`)).body.apps;
    expect(await apps(frank)).toEqual([
      { id: 'files', name: 'Files', hosts: ['files.home.example', 'files.home.example:8443'] },
      { id: 'sonarr', name: 'Sonarr', hosts: ['sonarr.home.example'] },
    ]);
    expect(await apps(grace)).toEqual([{ id: 'files', name: 'Files', hosts: ['files.home.example', 'files.home.example:8443'] }]);
    const anonymous = await new Browser().json(`${server.issuer}/api/account/protected-apps`);
    expect(anonymous.status).toBe(401);
  });

  it('a person has at most 50', async () => {
    await signInWithPasskey(server.issuer, grace);
    for (let i = (await list(grace)).length; i < 50; i++) expect((await create(grace, { name: `Script ${i}`, appId: 'files' })).status).toBe(201);
    expect(await create(grace, { name: 'One more', appId: 'files' })).toMatchObject({ status: 409, body: { error: 'too_many' } });
    for (const p of await list(grace)) if (p.name.startsWith('Script')) await grace.browser.json(`${API()}/${p.id}`, undefined, 'DELETE');
  });

  it('revoking one ends it; nobody revokes another person’s', async () => {
    await signInWithPasskey(server.issuer, frank);
    const { body } = await create(frank, { name: 'Old script', appId: 'sonarr' });
    expect(verifyAppPassword(db(), 'frank', body.password, 'sonarr')).toBeDefined();
    const other = await grace.browser.json(`${API()}/${body.appPassword.id}`, undefined, 'DELETE');
    expect(other).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect((await frank.browser.json(`${API()}/${body.appPassword.id}`, undefined, 'DELETE')).status).toBe(204);
    expect((await frank.browser.json(`${API()}/${body.appPassword.id}`, undefined, 'DELETE')).status).toBe(404);
    expect((await list(frank)).map((p) => p.name)).not.toContain('Old script');
    expect(verifyAppPassword(db(), 'frank', body.password, 'sonarr')).toBeUndefined();
    expect(listAuditEvents(db(), { event: 'app_password.revoked' })[0]).toMatchObject({ userId: userId('frank'), details: { name: 'Old script' } });
  });
});

describe('checking a password', () => {
  let password: string;
  beforeAll(async () => {
    await signInWithPasskey(server.issuer, frank);
    password = (await create(frank, { name: 'Check', appId: 'sonarr' })).body.password;
  });

  it('accepts the owner’s username or email, in any case', () => {
    for (const login of ['frank', 'FRANK', 'frank@home.example', 'FRANK@HOME.EXAMPLE']) {
      expect(verifyAppPassword(db(), login, password, 'sonarr')).toMatchObject({ user: { username: 'frank' }, appPasswordId: expect.any(String) });
    }
  });

  it('refuses it at another app, even one the owner may use', () => {
    expect(verifyAppPassword(db(), 'frank', password, 'files')).toBeUndefined();
    expect(verifyAppPassword(db(), 'frank', password, 'router')).toBeUndefined();
    expect(verifyAppPassword(db(), 'frank', password, 'nope')).toBeUndefined();
  });

  it('refuses another person’s login, an unknown one, a wrong password and a disabled owner', async () => {
    expect(verifyAppPassword(db(), 'grace', password, 'sonarr')).toBeUndefined();
    expect(verifyAppPassword(db(), 'grace@home.example', password, 'sonarr')).toBeUndefined();
    expect(verifyAppPassword(db(), 'nobody', password, 'sonarr')).toBeUndefined();
    // One character off (a random password may already end in the one put in).
    const wrong = `${password.slice(0, -1)}${password.endsWith('A') ? 'B' : 'A'}`;
    expect(verifyAppPassword(db(), 'frank', wrong, 'sonarr')).toBeUndefined();
    expect(verifyAppPassword(db(), 'frank', '', 'sonarr')).toBeUndefined();
    await server.gatehouse.runAdmin('users.setDisabled', { id: userId('frank'), disabled: true });
    expect(verifyAppPassword(db(), 'frank', password, 'sonarr')).toBeUndefined();
    await server.gatehouse.runAdmin('users.setDisabled', { id: userId('frank'), disabled: false });
    expect(verifyAppPassword(db(), 'frank', password, 'sonarr')).toBeDefined();
  });

  it('writes its last use at most once a minute, and the list shows it', async () => {
    const { appPasswordId } = verifyAppPassword(db(), 'frank', password, 'sonarr')!;
    // Disabling frank above ended his sessions.
    await signInWithPasskey(server.issuer, frank);
    const lastUse = async () => (await list(frank)).find((p) => p.id === appPasswordId)!;
    const first = now;
    noteAppPasswordUse(db(), clock, appPasswordId, '192.0.2.1');
    now += 30_000;
    noteAppPasswordUse(db(), clock, appPasswordId, '192.0.2.2');
    expect(await lastUse()).toMatchObject({ lastUsedAt: first, lastUsedIp: '192.0.2.1' });
    now += 30_000;
    noteAppPasswordUse(db(), clock, appPasswordId, '192.0.2.3');
    expect(await lastUse()).toMatchObject({ lastUsedAt: now, lastUsedIp: '192.0.2.3' });
  });
});

describe('in the console', () => {
  it('an admin lists a person’s app passwords (no secret) and revokes one, audited', async () => {
    await signInWithPasskey(server.issuer, frank);
    const { body } = await create(frank, { name: 'Revoked by admin', appId: 'sonarr' });
    const listed = (await server.gatehouse.runAdmin('users.appPasswords.list', { userId: userId('frank') })) as { appPasswords: Created['appPassword'][] };
    expect(listed.appPasswords).toEqual(await list(frank));
    expect(listed.appPasswords[0]).toMatchObject({ name: 'Revoked by admin', appId: 'sonarr', appName: 'Sonarr' });
    expect(JSON.stringify(listed)).not.toContain(body.password);

    expect(await server.gatehouse.runAdmin('users.appPasswords.revoke', { userId: userId('frank'), id: body.appPassword.id })).toEqual({ revoked: true });
    expect(verifyAppPassword(db(), 'frank', body.password, 'sonarr')).toBeUndefined();
    expect(listAuditEvents(db(), { event: 'app_password.revoked' })[0]).toMatchObject({
      userId: userId('frank'),
      details: { name: 'Revoked by admin', by: 'desktop' },
    });
  });

  it('refuses an unknown person or password, and another person’s password, with the field', async () => {
    const [frankFirst] = await list(frank);
    await expect(server.gatehouse.runAdmin('users.appPasswords.list', { userId: 'nobody' })).rejects.toMatchObject({ code: 'not_found', field: 'userId' });
    await expect(server.gatehouse.runAdmin('users.appPasswords.revoke', { userId: userId('frank'), id: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
      field: 'id',
    });
    await expect(server.gatehouse.runAdmin('users.appPasswords.revoke', { userId: userId('grace'), id: frankFirst!.id })).rejects.toMatchObject({
      code: 'not_found',
      field: 'id',
    });
    expect((await list(frank)).map((p) => p.id)).toContain(frankFirst!.id);
  });

  it('removing a protected app deletes the passwords for it', async () => {
    await signInWithPasskey(server.issuer, grace);
    await server.gatehouse.runAdmin('protectedApps.create', { id: 'wiki', name: 'Wiki', hosts: ['wiki.home.example'] });
    const { body } = await create(grace, { name: 'Wiki bot', appId: 'wiki' });
    expect(verifyAppPassword(db(), 'grace', body.password, 'wiki')).toBeDefined();
    await server.gatehouse.runAdmin('protectedApps.delete', { id: 'wiki' });
    expect((await list(grace)).map((p) => p.name)).not.toContain('Wiki bot');
    expect(verifyAppPassword(db(), 'grace', body.password, 'wiki')).toBeUndefined();
  });

  it('signing a person out everywhere leaves their app passwords; deleting the person deletes them', async () => {
    await signInWithPasskey(server.issuer, grace);
    const { body } = await create(grace, { name: 'NAS backup', appId: 'files' });
    await server.gatehouse.runAdmin('users.signOutEverywhere', { id: userId('grace') });
    expect(verifyAppPassword(db(), 'grace', body.password, 'files')).toBeDefined();
    const id = userId('grace');
    await server.gatehouse.runAdmin('users.delete', { id });
    expect(db().prepare('SELECT COUNT(*) AS n FROM app_passwords WHERE user_id = ?').get(id)).toEqual({ n: 0 });
    expect(verifyAppPassword(db(), 'grace', body.password, 'files')).toBeUndefined();
  });
});
