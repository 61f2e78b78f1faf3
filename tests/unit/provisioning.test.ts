// Provisioning files: a bad file names the key at fault and applies nothing; a good one applies
// idempotently.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { getClient, listClients } from '../../server/db/clients.ts';
import { openDatabase, type Db } from '../../server/db/database.ts';
import { findAccountRecord } from '../../server/db/accountRecords.ts';
import { listGroups } from '../../server/db/groups.ts';
import { findUserByUsername, insertUser, listUsers, markUserEditedInConsole, updateUser, type UserFields } from '../../server/db/users.ts';
import { applyProvisioningFile } from '../../server/provision/applyProvisioning.ts';

let dir: string;
let db: Db;
const clock = () => 1_700_000_000_000;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-provision-'));
  db = openDatabase(path.join(dir, 'data'));
  writeFileSync(path.join(dir, 'zot.secret'), 'zot-secret-0123456789abcdefghijkl\n');
});

function apply(document: unknown, env: NodeJS.ProcessEnv = {}, raw?: string) {
  const file = path.join(dir, 'provision.yaml');
  writeFileSync(file, raw ?? stringify(document));
  return applyProvisioningFile(db, clock, () => {}, file, { env });
}

const VALID = () => ({
  groups: [{ name: 'family', displayName: 'Family', claims: { quota: 50 } }, { name: 'admins' }],
  users: [
    { username: 'alice', email: 'alice@home.example', groups: ['family', 'admins'], admin: true, claims: { immich_role: 'admin' } },
    { username: 'bob', groups: ['family'] },
  ],
  clients: [
    {
      id: 'zot',
      name: 'Zot',
      redirectUris: ['https://zot.home.example/zot/auth/callback/oidc'],
      secretFile: path.join(dir, 'zot.secret'),
      allowedGroups: ['admins'],
    },
    { id: 'headscale', name: 'Headscale', redirectUris: ['https://hs.home.example/oidc/callback'], secretEnv: 'HS_SECRET', requirePkce: true },
    { id: 'kubectl', name: 'kubelogin', public: true, redirectUris: ['http://localhost:8000', 'http://localhost:18000'], native: true },
  ],
});
const ENV = { HS_SECRET: 'hs-secret-0123456789abcdefghijklmn' };
const PERSON: UserFields = {
  username: '',
  email: null,
  emailVerified: false,
  givenName: null,
  familyName: null,
  displayName: null,
  picture: null,
  isAdmin: false,
  disabled: false,
  source: 'console',
};

describe('applying a provisioning file', () => {
  it('creates groups, users and clients, and applying again changes nothing', () => {
    expect(apply(VALID(), ENV)).toEqual({ groups: 2, users: 2, clients: 3, scopes: 0, protectedApps: 0, unchanged: 0, conflicts: [] });
    const alice = findUserByUsername(db, 'alice')!;
    expect(alice).toMatchObject({ email: 'alice@home.example', emailVerified: true, isAdmin: true, source: 'provision' });
    expect(findAccountRecord(db, alice.id)).toMatchObject({ groups: ['admins', 'family'], claims: { quota: 50, immich_role: 'admin' } });
    expect(getClient(db, 'zot')).toMatchObject({ allowedGroups: ['admins'], requirePkce: false, native: false, secretHash: expect.stringMatching(/^sha256:/) });
    expect(getClient(db, 'kubectl')).toMatchObject({ secretHash: null, native: true });
    const before = JSON.stringify([listUsers(db), listGroups(db), listClients(db)]);
    apply(VALID(), ENV);
    expect(JSON.stringify([listUsers(db), listGroups(db), listClients(db)])).toBe(before);
  });

  it('gives a key an entry leaves out its default when applied again, except claimPolicy and launchUrl, which stay', () => {
    const full = VALID();
    Object.assign(full.clients[0]!, {
      requirePar: true,
      backchannelLogoutUri: 'https://zot.home.example/logout',
      launchUrl: 'https://zot.home.example',
      claimPolicy: { staticClaims: { org: 'home' } },
    });
    apply(full, ENV);
    expect(getClient(db, 'zot')).toMatchObject({ requirePar: true, backchannelLogoutUri: 'https://zot.home.example/logout' });
    apply(VALID(), ENV);
    expect(getClient(db, 'zot')).toMatchObject({
      requirePar: false,
      backchannelLogoutUri: null,
      launchUrl: 'https://zot.home.example',
      claimPolicy: { staticClaims: { org: 'home' } },
    });
  });

  it('keeps a user id stable and updates fields in place', () => {
    apply(VALID(), ENV);
    const id = findUserByUsername(db, 'bob')!.id;
    const changed = VALID();
    changed.users[1] = { username: 'bob', groups: [], email: 'bob@home.example' } as never;
    apply(changed, ENV);
    expect(findUserByUsername(db, 'bob')).toMatchObject({ id, email: 'bob@home.example' });
    expect(findAccountRecord(db, id)!.groups).toEqual([]);
  });

  it.each([
    [
      'an unknown key',
      (d: ReturnType<typeof VALID>) => {
        (d.users[0] as Record<string, unknown>).role = 'x';
      },
      /users\[0\]: Unrecognized key: "role"/,
    ],
    [
      'a bad username',
      (d: ReturnType<typeof VALID>) => {
        d.users[1]!.username = 'bob smith';
      },
      /users\[1\]\.username: may use letters/,
    ],
    [
      'a wildcard redirect',
      (d: ReturnType<typeof VALID>) => {
        d.clients[0]!.redirectUris = ['https://*.home.example/cb'];
      },
      /clients\[0\]\.redirectUris\[0\]: .*wildcard/,
    ],
    [
      'a fragment in a redirect',
      (d: ReturnType<typeof VALID>) => {
        d.clients[0]!.redirectUris = ['https://zot.home.example/cb#x'];
      },
      /clients\[0\]\.redirectUris\[0\]: .*fragment/,
    ],
    [
      'a missing secret',
      (d: ReturnType<typeof VALID>) => {
        delete (d.clients[0] as Record<string, unknown>).secretFile;
      },
      /clients\[0\]\.secretFile: a confidential client needs exactly one of secretFile or secretEnv/,
    ],
    [
      'an unset secret variable',
      (d: ReturnType<typeof VALID>) => {
        d.clients[1]!.secretEnv = 'NOPE';
      },
      /clients\[1\]\.secretEnv: environment variable NOPE is not set/,
    ],
    [
      'an unknown group',
      (d: ReturnType<typeof VALID>) => {
        d.users[1]!.groups = ['staff'];
      },
      /users\[1\]\.groups\[0\]: group "staff" is neither in the file nor in Gatehouse/,
    ],
    [
      'a duplicate client',
      (d: ReturnType<typeof VALID>) => {
        d.clients.push({ ...d.clients[2]! });
      },
      /clients\[3\]: "kubectl" appears more than once/,
    ],
    [
      'a reserved claim',
      (d: ReturnType<typeof VALID>) => {
        (d.users[0] as Record<string, unknown>).claims = { email: 'x' };
      },
      /users\[0\]\.claims\.email: is a standard claim/,
    ],
    [
      'a claim nested too deep',
      (d: ReturnType<typeof VALID>) => {
        (d.groups[0] as Record<string, unknown>).claims = { quota: [[[[[[50]]]]]] };
      },
      /groups\[0\]\.claims\.quota: must nest lists and objects at most 5 levels deep/,
    ],
    [
      'an oversized claim',
      (d: ReturnType<typeof VALID>) => {
        (d.users[0] as Record<string, unknown>).claims = { immich_role: 'x'.repeat(5000) };
      },
      /users\[0\]\.claims\.immich_role: must be at most 4 KiB as JSON/,
    ],
    [
      'an http LAN redirect on a native app',
      (d: ReturnType<typeof VALID>) => {
        d.clients[2]!.redirectUris = ['http://kube.home.example/cb'];
      },
      /may use http only on localhost/,
    ],
    [
      'a client with no redirect URI that signs no one in another way',
      (d: ReturnType<typeof VALID>) => {
        d.clients[0]!.redirectUris = [];
      },
      /clients\[0\]\.redirectUris: List at least one redirect URI/,
    ],
    [
      'a relative audience',
      (d: ReturnType<typeof VALID>) => {
        d.clients.push({ id: 'ci', name: 'CI', clientCredentials: true, secretEnv: 'HS_SECRET', audiences: ['/registry'] } as never);
      },
      /clients\[3\]\.audiences\[0\]: must be an absolute http\(s\) URI/,
    ],
    [
      'a machine scope with a space',
      (d: ReturnType<typeof VALID>) => {
        d.clients.push({ id: 'ci', name: 'CI', clientCredentials: true, secretEnv: 'HS_SECRET', machineScopes: ['registry push'] } as never);
      },
      /clients\[3\]\.machineScopes\[0\]: may use letters, digits and : \. _ - \//,
    ],
    [
      'the openid scope for a machine',
      (d: ReturnType<typeof VALID>) => {
        d.clients.push({ id: 'ci', name: 'CI', clientCredentials: true, secretEnv: 'HS_SECRET', machineScopes: ['openid'] } as never);
      },
      /clients\[3\]\.machineScopes\[0\]: "openid" is for signing a person in/,
    ],
    [
      'a machine scope listed twice',
      (d: ReturnType<typeof VALID>) => {
        d.clients.push({ id: 'ci', name: 'CI', clientCredentials: true, secretEnv: 'HS_SECRET', machineScopes: ['registry:push', 'registry:push'] } as never);
      },
      /clients\[3\]\.machineScopes\[1\]: lists "registry:push" twice/,
    ],
    [
      'an audience listed twice',
      (d: ReturnType<typeof VALID>) => {
        d.clients.push({
          id: 'ci',
          name: 'CI',
          clientCredentials: true,
          secretEnv: 'HS_SECRET',
          audiences: ['https://zot.home.example', 'https://zot.home.example'],
        } as never);
      },
      /clients\[3\]\.audiences\[1\]: lists "https:\/\/zot\.home\.example" twice/,
    ],
    [
      'pushed authorization requests required of a client that signs no one in through the browser',
      (d: ReturnType<typeof VALID>) => {
        d.clients.push({ id: 'ci', name: 'CI', clientCredentials: true, secretEnv: 'HS_SECRET', requirePar: true } as never);
      },
      /clients\[3\]\.requirePar: Requiring pushed authorization requests is for apps that sign people in through the browser/,
    ],
    [
      'a public machine client',
      (d: ReturnType<typeof VALID>) => {
        d.clients.push({ id: 'ci', name: 'CI', clientCredentials: true, public: true } as never);
      },
      /clients\[3\]\.clientCredentials: A machine client must be confidential/,
    ],
    [
      'audiences without machine access',
      (d: ReturnType<typeof VALID>) => {
        (d.clients[0] as Record<string, unknown>).audiences = ['https://zot.home.example'];
      },
      /clients\[0\]\.audiences: Audiences are for machine tokens/,
    ],
  ])('refuses %s, naming the key, and applies nothing', (_label, mutate, message) => {
    const document = VALID();
    mutate(document);
    expect(() => apply(document, ENV)).toThrow(message);
    expect(listUsers(db)).toEqual([]);
    expect(listClients(db)).toEqual([]);
    expect(listGroups(db)).toEqual([]);
  });

  it('reports every mistake of a file in one run, each with its key, and applies nothing', () => {
    insertUser(db, clock, { ...PERSON, username: 'carol', email: 'carol@home.example' });
    const document = VALID();
    (document.users[0] as Record<string, unknown>).email = 'not-an-email';
    document.users[1]!.groups = ['staff'];
    (document.users[1] as Record<string, unknown>).email = 'carol@home.example';
    // A mistake of type stops zod's checks of the rest of that entry and of the file: not these.
    document.users.push({ username: 'Alice', admin: 'yes' } as never);
    document.clients[0]!.redirectUris = ['https://*.home.example/cb'];
    delete (document.clients[0] as Record<string, unknown>).secretFile;
    delete (document.clients[1] as Record<string, unknown>).name;
    document.clients[1]!.secretEnv = 'NOPE';
    document.clients[2]!.allowedGroups = ['robots'];
    let message = '';
    try {
      apply(document, ENV);
    } catch (error) {
      message = (error as Error).message;
    }
    const problems = message.split('\n').map((line) => line.replace(/^.*provision\.yaml: /, ''));
    const expected = [
      /^users\[0\]\.email: must be an email address/,
      /^users\[1\]\.groups\[0\]: group "staff" is neither in the file nor in Gatehouse/,
      /^users\[1\]\.email: carol@home\.example is already the email of "carol" in Gatehouse/,
      /^users\[2\]\.admin: /,
      /^users\[2\]: "Alice" appears more than once/,
      /^clients\[0\]\.redirectUris\[0\]: .*wildcard/,
      /^clients\[0\]\.secretFile: a confidential client needs exactly one of secretFile or secretEnv/,
      /^clients\[1\]\.name: /,
      /^clients\[1\]\.secretEnv: environment variable NOPE is not set/,
      /^clients\[2\]\.allowedGroups\[0\]: group "robots" is neither in the file nor in Gatehouse/,
    ];
    expect(problems).toEqual(expect.arrayContaining(expected.map((pattern) => expect.stringMatching(pattern))));
    expect(problems).toHaveLength(expected.length);
    expect(listUsers(db).map((user) => user.username)).toEqual(['carol']);
    expect(listClients(db)).toEqual([]);
    expect(listGroups(db)).toEqual([]);
  });

  it('refuses the same email twice in a file', () => {
    const document = VALID();
    (document.users[1] as Record<string, unknown>).email = 'Alice@home.example';
    expect(() => apply(document, ENV)).toThrow(/users\[1\]\.email: "Alice@home\.example" appears more than once/);
    expect(listUsers(db)).toEqual([]);
  });

  it('refuses claims nested without end with a sentence, not a crash', () => {
    const file = (depth: number) => `{"users":[{"username":"alice","claims":{"deep":${'['.repeat(depth)}1${']'.repeat(depth)}}}]}`;
    expect(() => apply(undefined, ENV, file(300))).toThrow(/users\[0\]\.claims\.deep: must nest lists and objects at most 5 levels deep/);
    // Deeper still, the YAML reader itself gives up; the owner is told why in Gatehouse's words.
    expect(() => apply(undefined, ENV, file(10_000))).toThrow(
      /provision\.yaml nests lists or objects too deeply to read \(a custom claim may nest at most 5 levels\)$/,
    );
    expect(listUsers(db)).toEqual([]);
  });

  it('refuses a short secret and a file that is not YAML', () => {
    expect(() => apply(VALID(), { HS_SECRET: 'short' })).toThrow(/the secret for "headscale" is 5 characters; use at least 24/);
    expect(() => apply(undefined, ENV, 'users: [unclosed')).toThrow(/is not valid YAML or JSON/);
    expect(listUsers(db)).toEqual([]);
  });

  it('keeps console edits when the file has not changed, and reports a clash when both changed', () => {
    apply(VALID(), ENV);
    const bob = findUserByUsername(db, 'bob')!;
    // The console renames bob's display name.
    updateUser(db, clock, bob.id, { ...bob, displayName: 'Bobby' });
    markUserEditedInConsole(db, clock, bob.id);
    expect(apply(VALID(), ENV)).toMatchObject({ users: 0, unchanged: 7, conflicts: [] });
    expect(findUserByUsername(db, 'bob')!.displayName).toBe('Bobby');

    const changed = VALID();
    changed.users[1] = { username: 'bob', groups: ['family'], email: 'bob@home.example' } as never;
    const summary = apply(changed, ENV);
    expect(summary.conflicts).toEqual([expect.stringMatching(/^users\[1\] "bob": changed in the file and in the console since the last apply/)]);
    expect(findUserByUsername(db, 'bob')).toMatchObject({ displayName: 'Bobby', email: null });

    const forced = applyProvisioningFile(db, clock, () => {}, path.join(dir, 'provision.yaml'), { env: ENV, force: true });
    expect(forced).toMatchObject({ users: 1, conflicts: [] });
    expect(findUserByUsername(db, 'bob')).toMatchObject({ displayName: null, email: 'bob@home.example' });
    // After the file won, a later file change applies without a clash.
    changed.users[1] = { username: 'bob', groups: ['family'], email: 'robert@home.example' } as never;
    expect(apply(changed, ENV)).toMatchObject({ users: 1, conflicts: [] });
  });

  it('treats a rotated client secret as a change', () => {
    apply(VALID(), ENV);
    const before = getClient(db, 'headscale')!.secretHash;
    expect(apply(VALID(), { HS_SECRET: 'a-new-secret-0123456789abcdefghijk' })).toMatchObject({ clients: 1 });
    expect(getClient(db, 'headscale')!.secretHash).not.toBe(before);
  });

  it('names an unreadable file', () => {
    expect(() => applyProvisioningFile(db, clock, () => {}, path.join(dir, 'absent.yaml'))).toThrow(/cannot read provisioning file .*absent.yaml: ENOENT/);
  });
});
