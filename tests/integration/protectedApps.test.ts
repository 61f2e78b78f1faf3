// Protected apps (forward-auth) in the admin API over HTTP: made, listed, edited and deleted by an admin
// or an API key, every setting checked with its code and field, an address owned by one app, every change audited.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_IDENTITY_HEADERS } from '../../server/model/protectedApps.ts';
import { Browser } from '../support/browser.ts';
import { redeemLinkAndRegister, signInWithPasskey, type Person } from '../support/flows.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;
let owner: Person;
let ownerId: string;

type Answer = { status: number; body: Record<string, any> };

function call(operation: string, input: unknown = {}): Promise<Answer> {
  return owner.browser.json<Record<string, any>>(`${server.issuer}/api/admin/${operation}`, input);
}

async function withKey(key: string, operation: string, input: unknown = {}): Promise<Answer> {
  const response = await fetch(`${server.issuer}/api/admin/${operation}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function auditEvents(event: string): Promise<Array<{ event: string; details: Record<string, any> }>> {
  return (await call('audit.list', { event })).body.events;
}

beforeAll(async () => {
  server = await startTestServer();
  owner = { username: 'owner', browser: new Browser(), authenticator: new SoftwareAuthenticator() };
  await redeemLinkAndRegister(server.issuer, server.gatehouse.issueSetupLink().url, owner, { username: 'owner' });
  await signInWithPasskey(server.issuer, owner);
  ownerId = (await call('users.list', { query: 'owner' })).body.users[0].id;
  for (const name of ['family', 'media']) expect((await call('groups.create', { name })).status).toBe(200);
});

afterAll(async () => {
  await server?.close();
});

describe('protected apps in the admin API', () => {
  it('creates an app with its settings normalized, its id made from the name and unique', async () => {
    const created = await call('protectedApps.create', {
      name: 'Sonarr (4K)',
      hosts: ['Sonarr.Home.Example', 'nas:08989'],
      pathPrefixes: ['/'],
      allowedGroups: ['family'],
      bypassPaths: ['/api/health/'],
    });
    expect(created).toMatchObject({ status: 200 });
    expect(created.body).toEqual({
      id: 'sonarr-4k',
      name: 'Sonarr (4K)',
      hosts: ['sonarr.home.example', 'nas:8989'],
      pathPrefixes: [],
      allowedGroups: ['family'],
      bypassPaths: ['/api/health'],
      identityHeaders: DEFAULT_IDENTITY_HEADERS,
      sessionTtl: null,
      source: 'console',
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
    });
    const again = await call('protectedApps.create', { name: 'Sonarr (4K)', hosts: ['sonarr2.home.example'], pathPrefixes: ['/sonarr/'] });
    expect(again.body).toMatchObject({ id: 'sonarr-4k-2', pathPrefixes: ['/sonarr'], allowedGroups: [] });
    const named = await call('protectedApps.create', { id: 'tv', name: 'TV', hosts: ['tv.localhost'] });
    expect(named.body).toMatchObject({ id: 'tv' });
    expect(await call('protectedApps.create', { id: 'tv', name: 'TV again', hosts: ['tv2.localhost'] })).toMatchObject({
      status: 409,
      body: { error: 'name_taken', field: 'id' },
    });

    const list = (await call('protectedApps.list')).body as unknown as Array<{ id: string }>;
    expect(list.map((app) => app.id)).toEqual(expect.arrayContaining(['sonarr-4k', 'sonarr-4k-2', 'tv']));
    expect((await call('protectedApps.get', { id: 'sonarr-4k' })).body).toEqual(created.body);
    expect(await call('protectedApps.get', { id: 'nope' })).toMatchObject({ status: 404, body: { error: 'not_found', field: 'id' } });

    const [audited] = await auditEvents('admin.protected_apps.create');
    expect(audited).toMatchObject({ event: 'admin.protected_apps.create', details: { app: 'tv', name: 'TV', hosts: ['tv.localhost'], by: { user: ownerId } } });
  });

  it('updates only what is sent, merging identity headers, and audits each change with before and after', async () => {
    const app = (await call('protectedApps.create', { id: 'grafana', name: 'Grafana', hosts: ['grafana.home.example'] })).body;
    const updated = await call('protectedApps.update', {
      id: 'grafana',
      allowedGroups: ['family', 'media'],
      identityHeaders: { email: null, groups: 'X-Grafana-Groups' },
      sessionTtl: 3600,
    });
    expect(updated).toMatchObject({ status: 200 });
    expect(updated.body).toMatchObject({
      id: 'grafana',
      name: 'Grafana',
      hosts: ['grafana.home.example'],
      allowedGroups: ['family', 'media'],
      identityHeaders: { user: 'Remote-User', email: null, name: 'Remote-Name', groups: 'X-Grafana-Groups' },
      sessionTtl: 3600,
      createdAt: app.createdAt,
    });
    expect((await call('protectedApps.update', { id: 'grafana', sessionTtl: null })).body).toMatchObject({
      sessionTtl: null,
      allowedGroups: ['family', 'media'],
    });

    const [later, first] = await auditEvents('admin.protected_apps.update');
    expect(first!.details).toEqual({
      app: 'grafana',
      by: { user: ownerId },
      changes: [
        { field: 'allowedGroups', from: [], to: ['family', 'media'] },
        { field: 'identityHeaders', from: DEFAULT_IDENTITY_HEADERS, to: { ...DEFAULT_IDENTITY_HEADERS, email: null, groups: 'X-Grafana-Groups' } },
        { field: 'sessionTtl', from: null, to: 3600 },
      ],
    });
    expect(later!.details.changes).toEqual([{ field: 'sessionTtl', from: 3600, to: null }]);
    expect(await call('protectedApps.update', { id: 'nope', name: 'Nope' })).toMatchObject({ status: 404, body: { error: 'not_found', field: 'id' } });
  });

  it('deletes an app, audited, after which it is gone', async () => {
    await call('protectedApps.create', { id: 'doomed', name: 'Doomed', hosts: ['doomed.home.example'] });
    expect(await call('protectedApps.delete', { id: 'doomed' })).toMatchObject({ status: 200, body: { deleted: true } });
    expect(await call('protectedApps.get', { id: 'doomed' })).toMatchObject({ status: 404 });
    expect(await call('protectedApps.delete', { id: 'doomed' })).toMatchObject({ status: 404, body: { error: 'not_found', field: 'id' } });
    const [deleted] = await auditEvents('admin.protected_apps.delete');
    expect(deleted!.details).toEqual({ app: 'doomed', name: 'Doomed', by: { user: ownerId } });
    // Its address is free again.
    expect((await call('protectedApps.create', { id: 'reborn', name: 'Reborn', hosts: ['doomed.home.example'] })).status).toBe(200);
  });

  it('keeps the only allowed group of an app from being deleted, which would open the app to everyone', async () => {
    const only = (await call('groups.create', { name: 'wiki-readers' })).body;
    await call('protectedApps.create', { id: 'wiki', name: 'Wiki', hosts: ['wiki.home.example'], allowedGroups: ['wiki-readers'] });
    expect(await call('groups.delete', { id: only.id })).toMatchObject({ status: 409, body: { error: 'group_in_use', field: 'id' } });
    expect((await call('protectedApps.get', { id: 'wiki' })).body.allowedGroups).toEqual(['wiki-readers']);
    // With another allowed group left, the app stays restricted: the group may go.
    await call('protectedApps.update', { id: 'wiki', allowedGroups: ['wiki-readers', 'family'] });
    expect((await call('groups.delete', { id: only.id })).status).toBe(200);
    expect((await call('protectedApps.get', { id: 'wiki' })).body.allowedGroups).toEqual(['family']);
  });

  it('works with an API key, which the audit event names', async () => {
    const { key, apiKey } = (await call('apiKeys.create', { name: 'Proxy automation' })).body;
    const created = await withKey(key, 'protectedApps.create', { name: 'Prowlarr', hosts: ['prowlarr.home.example'] });
    expect(created).toMatchObject({ status: 200, body: { id: 'prowlarr' } });
    expect((await withKey(key, 'protectedApps.list')).body).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'prowlarr' })]));
    const [audited] = await auditEvents('admin.protected_apps.create');
    expect(audited!.details).toMatchObject({ app: 'prowlarr', by: { apiKey: apiKey.id } });
  });

  it('refuses every invalid setting with its code, field and a sentence saying what to write, changing nothing', async () => {
    const base = { name: 'Bazarr', hosts: ['bazarr.home.example'] };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ hosts: base.hosts }, 'name', /name: is required/],
      [{ ...base, name: '  ' }, 'name', /must not be empty/],
      [{ ...base, name: 'x'.repeat(81) }, 'name', /at most 80 characters/],
      [{ ...base, id: 'Bazarr_1' }, 'id', /lower-case letters, digits and -/],
      [{ ...base, id: '-bazarr' }, 'id', /not starting with -/],
      [{ name: 'Bazarr' }, 'hosts', /hosts: is required/],
      [{ ...base, hosts: [] }, 'hosts', /list at least one host, like sonarr\.home\.example/],
      [{ ...base, hosts: Array.from({ length: 21 }, (_, i) => `h${i}.home.example`) }, 'hosts', /at most 20 hosts/],
      [{ ...base, hosts: ['https://bazarr.home.example'] }, 'hosts.0', /has a scheme; write the host name only, like sonarr\.home\.example/],
      [{ ...base, hosts: ['bazarr.home.example/app'] }, 'hosts.0', /has a path; write the host name only.*pathPrefixes/],
      [{ ...base, hosts: ['*.home.example'] }, 'hosts.0', /has a wildcard; list each host by its name/],
      [{ ...base, hosts: ['admin@bazarr.home.example'] }, 'hosts.0', /has a user name/],
      [{ ...base, hosts: ['[::1]:8080'] }, 'hosts.0', /IPv6 address/],
      [{ ...base, hosts: ['bazarr.home.example:70000'] }, 'hosts.0', /a port is 1 to 65535/],
      [{ ...base, hosts: ['bazarr.home.example:'] }, 'hosts.0', /not a host name or name:port/],
      [{ ...base, hosts: ['bazarr.home.example.'] }, 'hosts.0', /ends with a dot/],
      [{ ...base, hosts: ['bad_name.home.example'] }, 'hosts.0', /is not a host name \(letters, digits and - between dots\)/],
      [{ ...base, hosts: ['-x.home.example'] }, 'hosts.0', /is not a host name/],
      [{ ...base, hosts: ['bücher.home.example'] }, 'hosts.0', /xn-- \(punycode\) form/],
      [{ ...base, hosts: ['bazarr.home.example', 'BAZARR.home.example'] }, 'hosts.1', /lists "bazarr\.home\.example" twice/],
      [{ ...base, pathPrefixes: ['bazarr'] }, 'pathPrefixes.0', /must start with \/, like \/sonarr/],
      [{ ...base, pathPrefixes: ['/bazarr?tab=1'] }, 'pathPrefixes.0', /\?query or #fragment; write the path only/],
      [{ ...base, pathPrefixes: ['/bazarr#top'] }, 'pathPrefixes.0', /\?query or #fragment/],
      [{ ...base, pathPrefixes: ['/bazarr/../admin'] }, 'pathPrefixes.0', /a \. or \.\. segment/],
      [{ ...base, pathPrefixes: ['/bazarr//x'] }, 'pathPrefixes.0', /empty segment/],
      [{ ...base, pathPrefixes: ['/my bazarr'] }, 'pathPrefixes.0', /characters a path here cannot hold/],
      [{ ...base, pathPrefixes: ['/bazarr/*'] }, 'pathPrefixes.0', /leave out the \*/],
      [{ ...base, pathPrefixes: ['/bazarr', '/bazarr/'] }, 'pathPrefixes.1', /lists "\/bazarr" twice/],
      [{ ...base, pathPrefixes: ['/x', '/'] }, 'pathPrefixes.1', /"\/" is the whole host/],
      [{ ...base, bypassPaths: ['/'] }, 'bypassPaths.0', /would let every request through unchecked/],
      [{ ...base, bypassPaths: ['api/health'] }, 'bypassPaths.0', /must start with \/, like \/api\/health/],
      [
        { ...base, pathPrefixes: ['/bazarr'], bypassPaths: ['/api'] },
        'bypassPaths.0',
        /outside this app's path prefixes \(\/bazarr\); write the full path, like \/bazarr\/api\/health/,
      ],
      [{ ...base, allowedGroups: ['family', 'nope'] }, 'allowedGroups.1', /There is no group "nope"/],
      [{ ...base, allowedGroups: ['family', 'family'] }, 'allowedGroups.1', /twice/],
      [
        { ...base, identityHeaders: { user: 'Authorization' } },
        'identityHeaders.user',
        /a header the proxy, the browser or the app relies on; choose a name of its own, like Remote-User/,
      ],
      ...['Host', 'cookie', 'Content-Length', 'X-Forwarded-User', 'Connection', 'Set-Cookie'].map((name): [Record<string, unknown>, string, RegExp] => [
        { ...base, identityHeaders: { name } },
        'identityHeaders.name',
        /relies on/,
      ]),
      [{ ...base, identityHeaders: { user: 'Remote_User' } }, 'identityHeaders.user', /letters, digits and -/],
      [{ ...base, identityHeaders: { user: '' } }, 'identityHeaders.user', /null leaves the header out/],
      [{ ...base, identityHeaders: { email: 'remote-user' } }, 'identityHeaders.email', /"remote-user" is already the user header/],
      [{ ...base, identityHeaders: { phone: 'Remote-Phone' } }, 'identityHeaders.phone', /leave it out/],
      [{ ...base, sessionTtl: 299 }, 'sessionTtl', /at least 300 seconds/],
      [{ ...base, sessionTtl: 400 * 86400 + 1 }, 'sessionTtl', /at most 34560000 seconds \(400 days/],
      [{ ...base, sessionTtl: 3600.5 }, 'sessionTtl', /whole number/],
      [{ ...base, sessionTtl: '3600' }, 'sessionTtl', /must be a number/],
    ];
    const before = (await call('protectedApps.list')).body;
    for (const [input, field, message] of cases) {
      const answer = await call('protectedApps.create', input);
      expect({ status: answer.status, error: answer.body.error, field: answer.body.field }, JSON.stringify(answer.body)).toEqual({
        status: 400,
        error: 'invalid_input',
        field,
      });
      expect(answer.body.message, field).toMatch(message);
    }
    expect((await call('protectedApps.list')).body).toEqual(before);
  });

  it('gives an address (host and path prefix) to one app only: host_taken names the app that has it', async () => {
    expect((await call('protectedApps.create', { id: 'radarr', name: 'Radarr', hosts: ['radarr.home.example'] })).status).toBe(200);
    const taken = await call('protectedApps.create', { name: 'Radarr copy', hosts: ['other.home.example', 'RADARR.home.example'] });
    expect(taken).toEqual({
      status: 409,
      body: expect.objectContaining({
        error: 'host_taken',
        field: 'hosts',
        message:
          'The address radarr.home.example is already protected by "Radarr" (radarr); an address belongs to one app. Remove it there first, or give each app its own path prefix.',
      }),
    });

    // One host shared by apps on distinct paths; the whole host beside them is a different address.
    const apps = { id: 'grafana-dash', name: 'Dashboards', hosts: ['apps.home.example'], pathPrefixes: ['/grafana'] };
    expect((await call('protectedApps.create', apps)).status).toBe(200);
    expect((await call('protectedApps.create', { id: 'prom', name: 'Prometheus', hosts: ['apps.home.example'], pathPrefixes: ['/prometheus'] })).status).toBe(
      200,
    );
    expect((await call('protectedApps.create', { id: 'apps-home', name: 'Home page', hosts: ['apps.home.example'] })).status).toBe(200);
    expect(await call('protectedApps.create', { name: 'Grafana 2', hosts: ['apps.home.example'], pathPrefixes: ['/grafana/'] })).toMatchObject({
      status: 409,
      body: {
        error: 'host_taken',
        field: 'hosts',
        message: expect.stringMatching(/^The address apps\.home\.example\/grafana is already protected by "Dashboards"/),
      },
    });
    expect(await call('protectedApps.update', { id: 'prom', pathPrefixes: ['/grafana'] })).toMatchObject({ status: 409, body: { error: 'host_taken' } });
    expect(await call('protectedApps.update', { id: 'apps-home', pathPrefixes: ['/'] })).toMatchObject({ status: 200 });
    expect(await call('protectedApps.update', { id: 'radarr', hosts: ['apps.home.example'] })).toMatchObject({
      status: 409,
      body: { error: 'host_taken', message: expect.stringMatching(/"Home page"/) },
    });
    // An app keeps its own addresses when edited.
    expect(await call('protectedApps.update', { id: 'radarr', name: 'Radarr HD', hosts: ['radarr.home.example'] })).toMatchObject({ status: 200 });
    expect((await call('protectedApps.get', { id: 'prom' })).body.pathPrefixes).toEqual(['/prometheus']);
  });

  it('marks a provisioned app edited in the console, so a changed file reports a conflict instead of undoing the edit', async () => {
    const document = (name: string) => ({ protectedApps: [{ id: 'jellyfin', name, hosts: ['jellyfin.home.example'], allowedGroups: ['media'] }] });
    server.provision(document('Jellyfin'));
    expect((await call('protectedApps.get', { id: 'jellyfin' })).body).toMatchObject({ source: 'provision', allowedGroups: ['media'] });
    expect((await call('protectedApps.update', { id: 'jellyfin', allowedGroups: ['family', 'media'] })).status).toBe(200);
    const file = path.join(server.dataDir, 'protected-apps-drift.yaml');
    writeFileSync(file, stringify(document('Jellyfin Media')));
    expect(server.gatehouse.applyProvisioning(file)).toMatchObject({
      protectedApps: 0,
      conflicts: [expect.stringMatching(/^protectedApps\[0\] "jellyfin": changed in the file and in the console/)],
    });
    expect((await call('protectedApps.get', { id: 'jellyfin' })).body).toMatchObject({
      name: 'Jellyfin',
      allowedGroups: ['family', 'media'],
      source: 'provision',
    });
  });
});
