// Claim policies and custom scopes in the provisioning file: a bad one names its key and applies nothing;
// a good one applies idempotently, and a console edit is kept as for every other entry.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { getClient, listClients } from '../../server/db/clients.ts';
import { listCustomScopes, markCustomScopeEditedInConsole, upsertCustomScope } from '../../server/db/customScopes.ts';
import { openDatabase, type Db } from '../../server/db/database.ts';
import { listGroups } from '../../server/db/groups.ts';
import { DEFAULT_CLAIM_POLICY } from '../../server/model/claimPolicy.ts';
import { applyProvisioningFile } from '../../server/provision/applyProvisioning.ts';

let dir: string;
let db: Db;
const clock = () => 1_700_000_000_000;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-provision-claims-'));
  db = openDatabase(path.join(dir, 'data'));
});

function apply(document: unknown, force = false) {
  const file = path.join(dir, 'provision.yaml');
  writeFileSync(file, stringify(document));
  return applyProvisioningFile(db, clock, () => {}, file, { env: {}, force });
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return (error as Error).message.split('\n').map((line) => line.replace(/^.*provision\.yaml: /, ''));
  }
  throw new Error('the file was accepted');
}

const VALID = () => ({
  groups: [{ name: 'admins' }, { name: 'family', claims: { quota: 50 } }],
  scopes: [{ name: 'storage', description: 'Your storage quota', claims: ['quota'] }],
  clients: [
    {
      id: 'grafana',
      name: 'Grafana',
      public: true,
      redirectUris: ['https://grafana.home.example/login/generic_oauth'],
      claimPolicy: {
        renames: { groups: 'roles' },
        groupMappings: [{ claim: 'grafana_role', rules: [{ group: 'admins', value: 'Admin' }], otherwise: 'Viewer' }],
        staticClaims: { org: 'home' },
        preferredUsername: 'email_local_part',
      },
    },
  ],
});

describe('claim policies and custom scopes in the provisioning file', () => {
  it('applies them, and applying again changes nothing', () => {
    expect(apply(VALID())).toMatchObject({ clients: 1, scopes: 1, conflicts: [] });
    expect(getClient(db, 'grafana')!.claimPolicy).toEqual({
      ...DEFAULT_CLAIM_POLICY,
      renames: { groups: 'roles' },
      groupMappings: [{ claim: 'grafana_role', rules: [{ group: 'admins', value: 'Admin' }], otherwise: 'Viewer' }],
      staticClaims: { org: 'home' },
      preferredUsername: 'email_local_part',
    });
    expect(listCustomScopes(db)).toEqual([{ name: 'storage', description: 'Your storage quota', claims: ['quota'], source: 'provision' }]);
    expect(apply(VALID())).toMatchObject({ clients: 0, scopes: 0, unchanged: 4 });
  });

  it('names the key of every bad mapping, rename and scope, and applies nothing', () => {
    const document = VALID();
    const policy = document.clients[0]!.claimPolicy as Record<string, unknown>;
    policy.renames = { groups: 'email', sub: 'id' };
    policy.groupMappings = [
      {
        claim: 'grafana_role',
        rules: [
          { group: 'admins', value: 'Admin' },
          { group: 'staff', value: 'Editor' },
        ],
      },
    ];
    policy.staticClaims = { grafana_role: 'x', iss: 'me' };
    policy.preferredUsername = 'nickname';
    document.scopes.push({ name: 'email', description: 'Mail', claims: ['sub'] }, { name: 'storage', description: '', claims: ['quota', 'quota'] });
    const expected = [
      /^clients\[0\]\.claimPolicy\.renames\.groups: is a standard claim Gatehouse sets itself/,
      /^clients\[0\]\.claimPolicy\.renames\.sub: identifies the person or the token and cannot be renamed/,
      /^clients\[0\]\.claimPolicy\.groupMappings\[0\]\.rules\[1\]\.group: group "staff" is neither in the file nor in Gatehouse/,
      /^clients\[0\]\.claimPolicy\.staticClaims\.iss: is a standard claim/,
      /^clients\[0\]\.claimPolicy\.preferredUsername: /,
      /^scopes\[1\]\.name: is a standard scope/,
      /^scopes\[1\]\.claims\[0\]: is a standard claim/,
      /^scopes\[2\]\.description: must not be empty/,
      /^scopes\[2\]\.claims\[1\]: "quota" appears more than once/,
      /^scopes\[2\]: "storage" appears more than once/,
    ];
    const problems = problemsOf(() => apply(document));
    expect(problems).toEqual(expect.arrayContaining(expected.map((pattern) => expect.stringMatching(pattern))));
    expect(problems).toHaveLength(expected.length);
    expect(listClients(db)).toEqual([]);
    expect(listGroups(db)).toEqual([]);
    expect(listCustomScopes(db)).toEqual([]);
  });

  it('refuses two claims under one name', () => {
    const document = VALID();
    (document.clients[0]!.claimPolicy as Record<string, unknown>).staticClaims = { roles: ['x'] };
    expect(problemsOf(() => apply(document))).toEqual([
      expect.stringMatching(/^clients\[0\]\.claimPolicy\.staticClaims\.roles: "roles" is already what groups is renamed to/),
    ]);
    expect(listClients(db)).toEqual([]);
  });

  it('keeps a console edit of a scope, and reports a clash when the file changed it too', () => {
    apply(VALID());
    upsertCustomScope(db, clock, { name: 'storage', description: 'Edited in the console', claims: ['quota'], source: 'provision' });
    markCustomScopeEditedInConsole(db, clock, 'storage');
    expect(apply(VALID())).toMatchObject({ scopes: 0, conflicts: [] });
    const changed = VALID();
    changed.scopes[0]!.description = 'Your quota';
    expect(apply(changed).conflicts).toEqual([expect.stringMatching(/^scopes\[0\] "storage": changed in the file and in the console/)]);
    expect(listCustomScopes(db)[0]!.description).toBe('Edited in the console');
    expect(apply(changed, true)).toMatchObject({ scopes: 1, conflicts: [] });
    expect(listCustomScopes(db)[0]!.description).toBe('Your quota');
  });

  it('keeps a policy shaped in the console when the file says nothing of claims', () => {
    const document = VALID();
    delete (document.clients[0] as Record<string, unknown>).claimPolicy;
    apply(VALID());
    const shaped = getClient(db, 'grafana')!.claimPolicy;
    document.clients[0]!.name = 'Grafana dashboards';
    apply(document);
    expect(getClient(db, 'grafana')).toMatchObject({ name: 'Grafana dashboards', claimPolicy: shaped });
  });
});
