// Protected apps in the provisioning file: created and updated from the file, tracked for console edits
// like clients, checked in full (with every address owned by one app) before anything is applied.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openDatabase, type Db } from '../../server/db/database.ts';
import { upsertGroup } from '../../server/db/groups.ts';
import { getProtectedApp, listProtectedApps, markProtectedAppEditedInConsole, upsertProtectedApp } from '../../server/db/protectedApps.ts';
import { DEFAULT_IDENTITY_HEADERS } from '../../server/model/protectedApps.ts';
import { applyProvisioningFile } from '../../server/provision/applyProvisioning.ts';

let dir: string;
let db: Db;
let now = 1_700_000_000_000;
const clock = () => now;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-provision-apps-'));
  db = openDatabase(path.join(dir, 'data'));
});

function apply(document: unknown, force = false) {
  const file = path.join(dir, 'provision.yaml');
  writeFileSync(file, stringify(document));
  return applyProvisioningFile(db, clock, () => {}, file, { env: {}, force });
}

const SONARR = () => ({
  id: 'sonarr',
  name: 'Sonarr',
  hosts: ['Sonarr.Home.Example', 'nas:8989'],
  pathPrefixes: ['/'],
  allowedGroups: ['family'],
  bypassPaths: ['/api/health/'],
  identityHeaders: { groups: 'X-Groups', email: null },
  sessionTtl: 86_400,
});
const FILE = (): { groups: { name: string }[]; protectedApps: Record<string, unknown>[] } => ({
  groups: [{ name: 'family' }],
  protectedApps: [SONARR(), { id: 'radarr', name: 'Radarr', hosts: ['apps.home.example'], pathPrefixes: ['/radarr'] }],
});

describe('protected apps in the provisioning file', () => {
  it('creates them with their settings normalized, and applying again changes nothing', () => {
    expect(apply(FILE())).toMatchObject({ groups: 1, protectedApps: 2, unchanged: 0, conflicts: [] });
    expect(getProtectedApp(db, 'sonarr')).toEqual({
      id: 'sonarr',
      name: 'Sonarr',
      hosts: ['sonarr.home.example', 'nas:8989'],
      pathPrefixes: [],
      allowedGroups: ['family'],
      bypassPaths: ['/api/health'],
      identityHeaders: { ...DEFAULT_IDENTITY_HEADERS, groups: 'X-Groups', email: null },
      sessionTtl: 86_400,
      source: 'provision',
      createdAt: now,
      updatedAt: now,
    });
    expect(getProtectedApp(db, 'radarr')).toMatchObject({
      pathPrefixes: ['/radarr'],
      allowedGroups: [],
      identityHeaders: DEFAULT_IDENTITY_HEADERS,
      sessionTtl: null,
    });
    const before = JSON.stringify(listProtectedApps(db));
    now += 1000;
    expect(apply(FILE())).toMatchObject({ protectedApps: 0, unchanged: 3 });
    expect(JSON.stringify(listProtectedApps(db))).toBe(before);
  });

  it('updates an app the file changed, a key left out going back to its default', () => {
    apply(FILE());
    const changed = FILE();
    const { identityHeaders: _headers, sessionTtl: _ttl, ...rest } = SONARR();
    changed.protectedApps[0] = { ...rest, name: 'Sonarr TV', allowedGroups: [] } as never;
    now += 1000;
    expect(apply(changed)).toMatchObject({ protectedApps: 1, unchanged: 2 });
    expect(getProtectedApp(db, 'sonarr')).toMatchObject({
      name: 'Sonarr TV',
      allowedGroups: [],
      identityHeaders: DEFAULT_IDENTITY_HEADERS,
      sessionTtl: null,
      updatedAt: now,
    });
  });

  it('keeps a console edit when the file changed too, reporting the conflict; --force lets the file win', () => {
    apply(FILE());
    const app = getProtectedApp(db, 'sonarr')!;
    const { allowedGroups: _groups, createdAt: _created, updatedAt: _updated, ...fields } = app;
    upsertProtectedApp(db, clock, { ...fields, name: 'Sonarr (console)' }, []);
    markProtectedAppEditedInConsole(db, clock, 'sonarr');
    // The file unchanged: the console's edit stays, silently.
    expect(apply(FILE())).toMatchObject({ protectedApps: 0, conflicts: [] });
    const changed = FILE();
    changed.protectedApps[0]!.sessionTtl = 3600;
    expect(apply(changed).conflicts).toEqual([
      'protectedApps[0] "sonarr": changed in the file and in the console since the last apply; kept the console\'s version (apply with --force to use the file\'s)',
    ]);
    expect(getProtectedApp(db, 'sonarr')).toMatchObject({ name: 'Sonarr (console)', sessionTtl: 86_400 });
    expect(apply(changed, true)).toMatchObject({ protectedApps: 1, conflicts: [] });
    expect(getProtectedApp(db, 'sonarr')).toMatchObject({ name: 'Sonarr', sessionTtl: 3600, allowedGroups: ['family'] });
  });

  it('leaves an app removed from the file in place, as it does every other entry', () => {
    apply(FILE());
    const file = FILE();
    file.protectedApps.pop();
    expect(apply(file)).toMatchObject({ protectedApps: 0, unchanged: 2 });
    expect(getProtectedApp(db, 'radarr')).toMatchObject({ source: 'provision', pathPrefixes: ['/radarr'] });
  });

  it('refuses a bad entry naming the key at fault, applying nothing', () => {
    const cases: Array<[(file: ReturnType<typeof FILE>) => void, RegExp]> = [
      [(f) => delete (f.protectedApps[0] as Record<string, unknown>).id, /protectedApps\[0\]\.id: /],
      [(f) => (f.protectedApps[0]!.id = 'Sonarr'), /protectedApps\[0\]\.id: may use lower-case letters, digits and -/],
      [
        (f) => (f.protectedApps[0]!.hosts = ['https://sonarr.home.example']),
        /protectedApps\[0\]\.hosts\[0\]: .*write the host name only, like sonarr\.home\.example/,
      ],
      [(f) => (f.protectedApps[0]!.pathPrefixes = ['/a/../b']), /protectedApps\[0\]\.pathPrefixes\[0\]: .*\.\. segment/],
      [(f) => (f.protectedApps[0]!.allowedGroups = ['staff']), /protectedApps\[0\]\.allowedGroups\[0\]: group "staff" is neither in the file nor in Gatehouse/],
      [(f) => (f.protectedApps[1]!.bypassPaths = ['/health'] as never), /protectedApps\[1\]\.bypassPaths\[0\]: "\/health" is outside this app's path prefixes/],
      [
        (f) => (f.protectedApps[0]!.identityHeaders = { groups: 'Authorization' } as never),
        /protectedApps\[0\]\.identityHeaders\.groups: is a header the proxy/,
      ],
      [
        (f) => (f.protectedApps[0]!.identityHeaders = { email: 'remote-user' } as never),
        /protectedApps\[0\]\.identityHeaders\.email: "remote-user" is already the user header/,
      ],
      [(f) => (f.protectedApps[0]!.sessionTtl = 10), /protectedApps\[0\]\.sessionTtl: must be at least 300 seconds/],
      [(f) => f.protectedApps.push({ ...f.protectedApps[1]!, hosts: ['other.home.example'] }), /protectedApps\[2\]: "radarr" appears more than once/],
      [(f) => ((f.protectedApps[0] as Record<string, unknown>).host = 'x'), /protectedApps\[0\]: .*"host"/],
    ];
    for (const [spoil, message] of cases) {
      const file = FILE();
      spoil(file);
      expect(() => apply(file), String(message)).toThrow(message);
      expect(listProtectedApps(db)).toEqual([]);
    }
  });

  it('refuses an address given to two apps, in the file or beside an app of the console, applying nothing', () => {
    const twice = FILE();
    twice.protectedApps.push({ id: 'radarr-copy', name: 'Radarr copy', hosts: ['APPS.home.example'], pathPrefixes: ['/radarr/'] });
    expect(() => apply(twice)).toThrow(
      /provision\.yaml: protectedApps\[1\]\.hosts: The address apps\.home\.example\/radarr is already protected by "Radarr copy" \(radarr-copy\)/,
    );
    expect(listProtectedApps(db)).toEqual([]);

    const family = upsertGroup(db, clock, { name: 'family', displayName: null, source: 'console' });
    upsertProtectedApp(
      db,
      clock,
      {
        id: 'console-sonarr',
        name: 'Sonarr (console)',
        hosts: ['sonarr.home.example'],
        pathPrefixes: [],
        bypassPaths: [],
        identityHeaders: DEFAULT_IDENTITY_HEADERS,
        sessionTtl: null,
        source: 'console',
      },
      [family.id],
    );
    expect(() => apply(FILE())).toThrow(
      /protectedApps\[0\]\.hosts: The address sonarr\.home\.example is already protected by "Sonarr \(console\)" \(console-sonarr\)/,
    );
    expect(listProtectedApps(db).map((app) => app.id)).toEqual(['console-sonarr']);
  });
});
