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
    document.scopes.push(
      { name: 'email', description: 'Mail', claims: ['sub'] },
      { name: 'storage', description: '', claims: ['quota', 'quota'] },
      { name: 'OpenID', description: 'Who you are', claims: ['events'] },
    );
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
      /^scopes\[3\]\.name: is a standard scope/,
      /^scopes\[3\]\.claims\[0\]: is a standard claim/,
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

  it('refuses a mapped or static value nested or sized past the limits for its key alone', () => {
    // Written out as JSON, which YAML reads. The YAML reader itself refuses values nested a few hundred deep;
    // below that the value reaches the policy's checks, which must name it and not measure it again.
    const deep = `${'['.repeat(100)}1${']'.repeat(100)}`;
    const client = (policy: string) =>
      `{"groups":[{"name":"admins"}],"clients":[{"id":"app","name":"App","public":true,"redirectUris":["https://app.home.example/cb"],"claimPolicy":${policy}}]}`;
    const cases: Array<[string, RegExp]> = [
      [`{"staticClaims":{"deep":${deep}}}`, /^clients\[0\]\.claimPolicy\.staticClaims\.deep: must nest lists and objects at most 5 levels deep/],
      [
        `{"groupMappings":[{"claim":"role","rules":[{"group":"admins","value":${deep}}],"otherwise":${deep}}]}`,
        /^clients\[0\]\.claimPolicy\.groupMappings\[0\]\.(rules\[0\]\.value|otherwise): must nest/,
      ],
      // Too big for a claim, and so for the policy: the claim is what to fix.
      [`{"staticClaims":{"big":"${'x'.repeat(20_000)}"}}`, /^clients\[0\]\.claimPolicy\.staticClaims\.big: /],
    ];
    const file = path.join(dir, 'provision.yaml');
    for (const [policy, pattern] of cases) {
      writeFileSync(file, client(policy));
      const problems = problemsOf(() => applyProvisioningFile(db, clock, () => {}, file, { env: {}, force: false }));
      expect(problems.length, problems.join('\n')).toBeGreaterThan(0);
      for (const problem of problems) expect(problem).toMatch(pattern);
    }
    writeFileSync(file, client(`{"staticClaims":{"deep":${'['.repeat(5000)}1${']'.repeat(5000)}}}`));
    expect(problemsOf(() => applyProvisioningFile(db, clock, () => {}, file, { env: {}, force: false }))).toEqual([
      expect.stringMatching(/nests lists or objects too deeply to read/),
    ]);
    expect(listClients(db)).toEqual([]);
  });

  it('refuses a scope named like one made in the console but for case', () => {
    upsertCustomScope(db, clock, { name: 'storage', description: 'Your storage quota', claims: ['quota'], source: 'console' });
    const document = VALID();
    document.scopes[0]!.name = 'Storage';
    expect(problemsOf(() => apply(document))).toEqual([expect.stringMatching(/^scopes\[0\]\.name: Gatehouse already has the scope "storage"/)]);
    expect(listCustomScopes(db).map((scope) => scope.name)).toEqual(['storage']);
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
