// Every admin operation refuses invalid input with a field-level message and changes nothing. One
// table holds the cases, an entry per operation: a new operation without an entry fails here. Each
// case goes over HTTP twice, as a signed-in admin and with an API key, and the database (and the
// config file settings write to) must be exactly as before.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_OPERATION_NAMES, type AdminOperationName } from '../../server/admin/adminApi.ts';
import { CONFIG_FILE_NAME } from '../../server/config/load.ts';
import { Browser } from '../support/browser.ts';
import { redeemLinkAndRegister, signInWithPasskey, type Person } from '../support/flows.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

type Input = Record<string, unknown>;
type Answer = { status: number; body: Record<string, any> };

/** What the cases refer to: made once, before any case runs. */
interface Seeded {
  carol: string;
  family: string;
  apiKey: string;
}

interface Cases {
  /** An input the schema accepts; sent with one key too many, it must be refused for that key alone. */
  valid: Input;
  /** Invalid inputs and the field each must be refused for. */
  invalid: Array<[Input, string]>;
}

const APP_CB = 'https://app.home.example/cb';

/** A claim value nested `depth` lists deep (or objects, keyed "a"). */
const nested = (depth: number, kind: 'list' | 'object' = 'list'): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = kind === 'list' ? [value] : { a: value };
  return value;
};

/** A claim policy that maps, renames or names claims wrongly, sent with `base`: refused for the field at fault. */
const claimPolicyCases = (base: Input): Array<[Input, string]> =>
  (
    [
      [{ renames: { groups: 'email' } }, 'claimPolicy.renames.groups'],
      [{ renames: { sub: 'user_id' } }, 'claimPolicy.renames.sub'],
      [{ renames: { groups: 'roles' }, staticClaims: { roles: ['x'] } }, 'claimPolicy.staticClaims.roles'],
      [{ renames: { groups: 'roles' }, idTokenClaims: ['groups'] }, 'claimPolicy.idTokenClaims.0'],
      [{ staticClaims: { iss: 'x' } }, 'claimPolicy.staticClaims.iss'],
      // Claims with a meaning in other tokens: `events` would make an ID token pass for a logout token.
      [{ staticClaims: { events: { 'http://schemas.openid.net/event/backchannel-logout': {} } } }, 'claimPolicy.staticClaims.events'],
      [{ groupMappings: [{ claim: 'act', rules: [{ group: 'family', value: { sub: 'admin' } }] }] }, 'claimPolicy.groupMappings.0.claim'],
      [{ renames: { groups: 'authorization_details' } }, 'claimPolicy.renames.groups'],
      [{ preferredUsername: 'nickname' }, 'claimPolicy.preferredUsername'],
      [{ staticClaims: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`c${i}`, 'x'.repeat(4000)])) }, 'claimPolicy'],
      [{ groupMappings: [{ claim: 'role', rules: [] }] }, 'claimPolicy.groupMappings.0.rules'],
      [{ groupMappings: [{ claim: 'role', rules: [{ group: 'family', value: 'x'.repeat(5000) }] }] }, 'claimPolicy.groupMappings.0.rules.0.value'],
      [
        {
          groupMappings: [
            {
              claim: 'role',
              rules: [
                { group: 'family', value: 'Admin' },
                { group: 'nope', value: 'Editor' },
              ],
              otherwise: 'Viewer',
            },
          ],
        },
        'claimPolicy.groupMappings.0.rules.1.group',
      ],
    ] as const
  ).map(([claimPolicy, field]): [Input, string] => [{ ...base, claimPolicy }, field]);

const TABLE: Record<AdminOperationName, (s: Seeded) => Cases> = {
  'overview.get': () => ({ valid: {}, invalid: [[{ verbose: true }, 'verbose']] }),
  'overview.dismissNotice': () => ({ valid: { id: 'encryption_key_created' }, invalid: [[{ id: 7 }, 'id']] }),

  'users.list': () => ({
    valid: { query: 'car', page: 1, pageSize: 25 },
    invalid: [
      [{ pageSize: 1000 }, 'pageSize'],
      [{ page: 0 }, 'page'],
      [{ query: 42 }, 'query'],
    ],
  }),
  'users.get': (s) => ({
    valid: { id: s.carol },
    invalid: [
      [{}, 'id'],
      [{ id: 42 }, 'id'],
    ],
  }),
  'users.create': () => ({
    valid: { username: 'dora' },
    invalid: [
      [{}, 'username'],
      [{ username: 'bad name' }, 'username'],
      [{ username: 'dora', email: 'not-an-email' }, 'email'],
      [{ username: 'dora', picture: 'ftp://pictures/dora.png' }, 'picture'],
      [{ username: 'dora', groups: ['family', 'nope'] }, 'groups.1'],
      [{ username: 'dora', claims: { email: 'x' } }, 'claims.email'],
      [{ username: 'dora', claims: { may_act: { sub: 'x' } } }, 'claims.may_act'],
      [{ username: 'dora', claims: { deep: nested(6) } }, 'claims.deep'],
      [{ username: 'dora', claims: { big: 'x'.repeat(5000) } }, 'claims.big'],
    ],
  }),
  'users.update': (s) => ({
    valid: { id: s.carol, displayName: 'Caro' },
    invalid: [
      [{ id: s.carol, email: 'nope' }, 'email'],
      [{ id: s.carol, displayName: '' }, 'displayName'],
      [{ id: s.carol, isAdmin: 'yes' }, 'isAdmin'],
      [{ id: s.carol, displayName: 'Caro', groups: ['family', 'nope'] }, 'groups.1'],
    ],
  }),
  'users.setDisabled': (s) => ({
    valid: { id: s.carol, disabled: true },
    invalid: [
      [{ id: s.carol, disabled: 'yes' }, 'disabled'],
      [{ id: s.carol }, 'disabled'],
    ],
  }),
  'users.delete': (s) => ({ valid: { id: s.carol }, invalid: [[{ id: '' }, 'id']] }),
  'users.signOutEverywhere': (s) => ({ valid: { id: s.carol }, invalid: [[{}, 'id']] }),
  'users.sessions': (s) => ({ valid: { userId: s.carol }, invalid: [[{}, 'userId']] }),
  'users.endSession': (s) => ({
    valid: { userId: s.carol, sessionId: 'abc' },
    invalid: [
      [{ userId: s.carol }, 'sessionId'],
      [{ sessionId: 'abc' }, 'userId'],
    ],
  }),
  'users.revokeApp': (s) => ({ valid: { userId: s.carol, clientId: 'app' }, invalid: [[{ userId: s.carol, clientId: 7 }, 'clientId']] }),
  'users.deletePasskey': (s) => ({ valid: { userId: s.carol, passkeyId: 'laptop' }, invalid: [[{ userId: s.carol }, 'passkeyId']] }),
  'users.setPicture': (s) => ({
    valid: { id: s.carol, image: 'data:image/png;base64,iVBORw0KGgo=' },
    invalid: [
      [{ id: s.carol }, 'image'],
      [{ id: s.carol, image: 42 }, 'image'],
      [{ image: 'data:image/png;base64,iVBORw0KGgo=' }, 'id'],
    ],
  }),
  'users.removePicture': (s) => ({ valid: { id: s.carol }, invalid: [[{ id: 7 }, 'id']] }),
  'users.appPasswords.list': (s) => ({ valid: { userId: s.carol }, invalid: [[{ userId: 7 }, 'userId']] }),
  'users.appPasswords.revoke': (s) => ({ valid: { userId: s.carol, id: 'phone' }, invalid: [[{ userId: s.carol }, 'id']] }),
  'users.recoveryCodes': (s) => ({ valid: { userId: s.carol }, invalid: [[{ userId: '' }, 'userId']] }),
  'users.revokeRecoveryCodes': (s) => ({ valid: { userId: s.carol }, invalid: [[{ userId: 7 }, 'userId']] }),
  'users.issueLoginLink': (s) => ({
    valid: { id: s.carol, ttlMinutes: 60 },
    invalid: [
      [{ id: s.carol, ttlMinutes: 0 }, 'ttlMinutes'],
      [{ id: s.carol, ttlMinutes: 20_000 }, 'ttlMinutes'],
      [{ id: s.carol, ttlMinutes: 1.5 }, 'ttlMinutes'],
    ],
  }),
  'users.emailLoginLink': (s) => ({
    valid: { id: s.carol, ttlMinutes: 60 },
    invalid: [
      [{ id: s.carol, ttlMinutes: 0 }, 'ttlMinutes'],
      [{ id: '' }, 'id'],
    ],
  }),

  'groups.list': () => ({ valid: {}, invalid: [[{ name: 'family' }, 'name']] }),
  'groups.get': (s) => ({ valid: { id: s.family }, invalid: [[{ id: 7 }, 'id']] }),
  'groups.create': (s) => ({
    valid: { name: 'friends' },
    invalid: [
      [{ name: 'has space' }, 'name'],
      [{ name: 'friends', claims: { sub: 'x' } }, 'claims.sub'],
      [{ name: 'friends', claims: { deep: nested(6, 'object') } }, 'claims.deep'],
      [{ name: 'friends', claims: { roles: Array.from({ length: 500 }, (_, i) => `role-${i}`) } }, 'claims.roles'],
      [{ name: 'friends', memberIds: [s.carol, 'nobody'] }, 'memberIds.1'],
      [{ name: 'friends', allowedClients: ['nope'] }, 'allowedClients.0'],
    ],
  }),
  'groups.update': (s) => ({
    valid: { id: s.family, name: 'fam' },
    invalid: [
      [{ id: s.family, memberIds: [s.carol, 7] }, 'memberIds.1'],
      [{ id: s.family, displayName: '' }, 'displayName'],
      [{ id: s.family, name: 'fam', allowedClients: ['app', 'nope'] }, 'allowedClients.1'],
    ],
  }),
  'groups.delete': (s) => ({ valid: { id: s.family }, invalid: [[{ id: [s.family] }, 'id']] }),

  'clients.list': () => ({ valid: {}, invalid: [[{ all: true }, 'all']] }),
  'clients.get': () => ({ valid: { id: 'app' }, invalid: [[{ id: null }, 'id']] }),
  'clients.templates': () => ({ valid: {}, invalid: [[{ template: 'zot' }, 'template']] }),
  'clients.create': () => ({
    valid: { id: 'new-app', redirectUris: ['https://new.home.example/cb'] },
    invalid: [
      [{ id: 'new app', redirectUris: ['https://new.home.example/cb'] }, 'id'],
      [{ id: 'new-app', redirectUris: ['javascript:alert(1)'] }, 'redirectUris.0'],
      [{ id: 'new-app', redirectUris: [] }, 'redirectUris'],
      [{ id: 'new-app', redirectUris: ['https://new.home.example/cb'], idTokenAlg: 'none' }, 'idTokenAlg'],
      [{ id: 'new-app', redirectUris: ['https://new.home.example/cb'], allowedGroups: ['nope'] }, 'allowedGroups.0'],
      [{ id: 'new-app', native: true, redirectUris: ['http://new.lan/cb'] }, 'redirectUris.0'],
      [{ template: 'nope' }, 'template'],
      [{ id: 'new-app', redirectUris: ['https://new.home.example/cb'], backchannelLogoutUri: 'ftp://new.home.example/logout' }, 'backchannelLogoutUri'],
      [{ id: 'new-app', public: true, clientCredentials: true }, 'clientCredentials'],
      [{ id: 'new-app', clientCredentials: true, machineScopes: ['read write'] }, 'machineScopes.0'],
      [{ id: 'new-app', clientCredentials: true, machineScopes: ['offline_access'] }, 'machineScopes.0'],
      [{ id: 'new-app', clientCredentials: true, audiences: ['/registry'] }, 'audiences.0'],
      [{ id: 'new-app', redirectUris: ['https://new.home.example/cb'], audiences: ['https://registry.home.example'] }, 'audiences'],
      [{ id: 'new-app', clientCredentials: true, machineScopes: ['registry:pull', 'registry:pull'] }, 'machineScopes.1'],
      [{ id: 'new-app', clientCredentials: true, audiences: ['https://registry.home.example', ' https://registry.home.example'] }, 'audiences.1'],
      [{ id: 'new-app', clientCredentials: true, requirePar: true }, 'requirePar'],
      ...claimPolicyCases({ id: 'new-app', redirectUris: ['https://new.home.example/cb'] }),
      [{ template: 'grafana', inputs: { appUrl: 'https://grafana.home.example', adminGroup: 'no pe' } }, 'inputs.adminGroup'],
    ],
  }),
  'clients.update': () => ({
    valid: { id: 'app', name: 'App' },
    invalid: [
      [{ id: 'app', redirectUris: [] }, 'redirectUris'],
      [{ id: 'app', accessTokenTtl: 5 }, 'accessTokenTtl'],
      [{ id: 'app', launchUrl: 'ftp://app.home.example' }, 'launchUrl'],
      [{ id: 'app', name: 'App', allowedGroups: ['family', 'nope'] }, 'allowedGroups.1'],
      [{ id: 'app', clientCredentials: true, audiences: ['https://registry.home.example#v2'] }, 'audiences.0'],
      [{ id: 'app', audiences: ['https://registry.home.example'] }, 'audiences'],
      [{ id: 'app', requirePar: 'yes' }, 'requirePar'],
      [{ id: 'app', clientCredentials: true, machineScopes: ['backup:write', 'backup:write'] }, 'machineScopes.1'],
      [{ id: 'app', backchannelLogoutUri: 'https://app.home.example/logout#now' }, 'backchannelLogoutUri'],
      [{ id: 'app', backchannelLogoutUri: 'app.example:logout' }, 'backchannelLogoutUri'],
      ...claimPolicyCases({ id: 'app' }),
    ],
  }),
  'clients.previewClaims': (s) => ({
    valid: { id: 'app', userId: s.carol },
    invalid: [
      [{ id: 'app', userId: s.carol, scope: 'openid bogus' }, 'scope'],
      [{ id: 'app', userId: s.carol, scope: 'profile' }, 'scope'],
      [{ id: 'app', userId: s.carol, claims: { id_token: ['bad name'] } }, 'claims.id_token.0'],
      [{ id: 'app', userId: s.carol, claims: { userinfo: 'email' } }, 'claims.userinfo'],
      [{ id: 'app', userId: s.carol, claims: { access_token: ['email'] } }, 'claims.access_token'],
      [{ id: 'app' }, 'userId'],
    ],
  }),

  'scopes.list': () => ({ valid: {}, invalid: [[{ all: true }, 'all']] }),
  'scopes.create': () => ({
    valid: { name: 'media', description: 'Your media library quota', claims: ['quota'] },
    invalid: [
      [{ name: 'email', description: 'Your email', claims: [] }, 'name'],
      [{ name: 'OpenID', description: 'Who you are', claims: [] }, 'name'],
      [{ name: 'media', description: 'Logged out', claims: ['events'] }, 'claims.0'],
      [{ name: 'has space', description: 'Spaces', claims: [] }, 'name'],
      [{ name: 'media', description: '', claims: [] }, 'description'],
      [{ name: 'media', description: 'Who you are', claims: ['sub'] }, 'claims.0'],
      [{ name: 'media', description: 'Quota', claims: ['quota', 'quota'] }, 'claims.1'],
      [{ name: 'media', description: 'Quota' }, 'claims'],
    ],
  }),
  'scopes.update': () => ({
    valid: { name: 'nextcloud', description: 'Your storage quota in Nextcloud' },
    invalid: [
      [{ name: 'nextcloud', claims: ['bad name'] }, 'claims.0'],
      [{ name: 'nextcloud', description: 'x'.repeat(201) }, 'description'],
    ],
  }),
  'scopes.delete': () => ({ valid: { name: 'nextcloud' }, invalid: [[{}, 'name']] }),
  'protectedApps.list': () => ({ valid: {}, invalid: [[{ host: 'sonarr.home.example' }, 'host']] }),
  'protectedApps.get': () => ({ valid: { id: 'sonarr' }, invalid: [[{}, 'id']] }),
  'protectedApps.create': () => ({
    valid: { name: 'Radarr', hosts: ['radarr.home.example'] },
    invalid: [
      [{ hosts: ['radarr.home.example'] }, 'name'],
      [{ name: 'Radarr', hosts: ['https://radarr.home.example'] }, 'hosts.0'],
      [{ name: 'Radarr', hosts: ['radarr.home.example', 'Radarr.home.example'] }, 'hosts.1'],
      [{ name: 'Radarr', hosts: ['radarr.home.example'], allowedGroups: ['family', 'nope'] }, 'allowedGroups.1'],
      [{ name: 'Radarr', hosts: ['radarr.home.example'], pathPrefixes: ['/radarr'], bypassPaths: ['/api'] }, 'bypassPaths.0'],
      [{ name: 'Radarr', hosts: ['radarr.home.example'], identityHeaders: { email: 'Remote-User' } }, 'identityHeaders.email'],
      [{ name: 'Radarr', hosts: ['radarr.home.example'], sessionTtl: 60 }, 'sessionTtl'],
    ],
  }),
  'protectedApps.update': () => ({
    valid: { id: 'sonarr', name: 'Sonarr 4K' },
    invalid: [
      [{ id: 'sonarr', hosts: [] }, 'hosts'],
      [{ id: 'sonarr', bypassPaths: ['/'] }, 'bypassPaths.0'],
      [{ id: 'sonarr', identityHeaders: { user: 'Cookie' } }, 'identityHeaders.user'],
      [{ id: 'sonarr', allowedGroups: ['nope'] }, 'allowedGroups.0'],
    ],
  }),
  'protectedApps.delete': () => ({ valid: { id: 'sonarr' }, invalid: [[{ id: 7 }, 'id']] }),
  'protectedApps.snippets': () => ({
    valid: { id: 'sonarr', gatehouseUrl: 'http://gatehouse.lan:9460' },
    invalid: [
      [{ id: 'sonarr', gatehouseUrl: 'gatehouse.lan:9460' }, 'gatehouseUrl'],
      [{ id: 'sonarr', gatehouseUrl: 'ftp://gatehouse.lan' }, 'gatehouseUrl'],
      [{ id: 'sonarr', gatehouseUrl: 'http://gatehouse.lan:9460/auth' }, 'gatehouseUrl'],
      [{ id: 'sonarr', gatehouseUrl: 'http://owner:secret@gatehouse.lan' }, 'gatehouseUrl'],
      [{ gatehouseUrl: 'http://gatehouse.lan:9460' }, 'id'],
    ],
  }),
  'clients.addRedirectUri': () => ({
    valid: { id: 'app', uri: `${APP_CB}2` },
    invalid: [
      [{ id: 'app', uri: `${APP_CB}#x` }, 'uri'],
      [{ id: 'app' }, 'uri'],
    ],
  }),
  'clients.regenerateSecret': () => ({ valid: { id: 'app' }, invalid: [[{}, 'id']] }),
  'clients.pendingDeviceSignIns': () => ({ valid: { id: 'app' }, invalid: [[{ id: 7 }, 'id']] }),
  'clients.delete': () => ({ valid: { id: 'app' }, invalid: [[{ id: ['app'] }, 'id']] }),
  'clients.setLogo': () => ({
    valid: { id: 'app', logo: `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}` },
    invalid: [
      [{ id: 'app', logo: 'data:text/html;base64,PGh0bWw+' }, 'logo'],
      [{ id: 'app' }, 'logo'],
    ],
  }),
  'clients.useBuiltInLogo': () => ({ valid: { id: 'app' }, invalid: [[{}, 'id']] }),
  'clients.removeLogo': () => ({ valid: { id: 'app' }, invalid: [[{ id: 3 }, 'id']] }),

  'audit.list': (s) => ({
    valid: { event: 'admin', username: 'carol', page: 1, pageSize: 50 },
    invalid: [
      [{ pageSize: 500 }, 'pageSize'],
      [{ page: 0 }, 'page'],
      [{ event: 7 }, 'event'],
      [{ username: 'nobody' }, 'username'],
      [{ username: 'carol', userId: s.carol }, 'username'],
    ],
  }),

  'apiKeys.list': () => ({ valid: {}, invalid: [[{ includeRevoked: true }, 'includeRevoked']] }),
  'apiKeys.create': () => ({
    valid: { name: 'Script', expiresInDays: 30 },
    invalid: [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'Script', expiresInDays: 400 }, 'expiresInDays'],
      [{ name: 'Script', expiresInDays: '30' }, 'expiresInDays'],
    ],
  }),
  'apiKeys.revoke': (s) => ({
    valid: { id: s.apiKey },
    invalid: [
      [{}, 'id'],
      [{ id: 42 }, 'id'],
    ],
  }),

  'signingKeys.list': () => ({ valid: {}, invalid: [[{ state: 'current' }, 'state']] }),
  'signingKeys.rotate': () => ({ valid: { immediately: false }, invalid: [[{ immediately: 'yes' }, 'immediately']] }),
  'signingKeys.setSchedule': () => ({
    valid: { everyDays: 90 },
    invalid: [
      [{}, 'everyDays'],
      [{ everyDays: 7 }, 'everyDays'],
      [{ everyDays: 400 }, 'everyDays'],
      [{ everyDays: 30.5 }, 'everyDays'],
    ],
  }),

  'settings.get': () => ({ valid: {}, invalid: [[{ section: 'instance' }, 'section']] }),
  'settings.update': () => ({
    valid: { instanceName: 'Home' },
    invalid: [
      [{ port: 'eighty' }, 'port'],
      [{ issuer: 'not a url' }, 'issuer'],
      [{ trustProxy: 'bogus!' }, 'trustProxy'],
      [{ instanceName: '' }, 'instanceName'],
      [{ sessionTtl: 10 }, 'sessionTtl'],
      [{ logo: 'data:text/html;base64,PGh0bWw+' }, 'logo'],
      [{ smtpHost: 'smtp://mail.example.com' }, 'smtpHost'],
      [{ smtpPort: 70000 }, 'smtpPort'],
      [{ smtpSecurity: 'ssl' }, 'smtpSecurity'],
      [{ smtpFrom: 'gatehouse' }, 'smtpFrom'],
      [{ smtpFrom: 'a@home.example, b@home.example' }, 'smtpFrom'],
      [{ smtpHost: 'mail-.example.com' }, 'smtpHost'],
      [{ smtpUser: 'relay\nx' }, 'smtpUser'],
      [{ smtpPassword: 'secret\r\n' }, 'smtpPassword'],
      [{ instanceName: 'Home\r\nBcc: all@x.example' }, 'instanceName'],
      [{ emailSignInCodes: 'yes' }, 'emailSignInCodes'],
    ],
  }),
  // Valid input: with no mail server set up it answers that, in a sentence, rather than failing.
  'email.test': () => ({
    valid: { to: 'owner@home.example' },
    invalid: [
      [{ to: 'owner' }, 'to'],
      [{ to: 'owner@home.example>, <other@home.example' }, 'to'],
      [{ to: '"owner"@home.example' }, 'to'],
    ],
  }),
};

let server: TestServer;
let owner: Person;
let seeded: Seeded;
let apiKey: string;

function asAdmin(operation: string, input: unknown): Promise<Answer> {
  return owner.browser.json<Record<string, any>>(`${server.issuer}/api/admin/${operation}`, input);
}

async function withApiKey(operation: string, input: unknown): Promise<Answer> {
  const response = await fetch(`${server.issuer}/api/admin/${operation}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const TRANSPORTS = [
  ['a signed-in admin', asAdmin],
  ['an API key', withApiKey],
] as const;

/** Bookkeeping that a refused call may write: the audit log, the provider's and WebAuthn's short-lived state. */
const HOUSEKEEPING = new Set(['audit_events', 'oidc_state', 'webauthn_challenges', 'sqlite_sequence']);

/** A hash of every table's rows (but housekeeping, and when an API key was last used), and the config file. */
function snapshot(): Record<string, string> {
  const db = server.gatehouse.internals.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const hashes: Record<string, string> = {};
  for (const table of tables.filter((name) => !HOUSEKEEPING.has(name))) {
    const rows = (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[])
      .map((row) =>
        JSON.stringify(table === 'api_keys' ? { ...row, last_used_at: null } : row, (_key, value) =>
          Buffer.isBuffer(value) ? value.toString('base64') : value,
        ),
      )
      .sort();
    hashes[table] = createHash('sha256').update(rows.join('\n')).digest('hex');
  }
  const configFile = path.join(server.dataDir, CONFIG_FILE_NAME);
  hashes[CONFIG_FILE_NAME] = existsSync(configFile) ? createHash('sha256').update(readFileSync(configFile)).digest('hex') : 'absent';
  return hashes;
}

/** "field: must be …" (the console shows the phrase after the field's label), or a sentence of its own. */
function expectFieldMessage(message: unknown, field: string, label: string): void {
  expect(message, label).toEqual(expect.any(String));
  const text = message as string;
  // zod's own wording is for programmers: none of it reaches a person.
  expect(text, label).not.toMatch(/\n|Invalid input|Invalid option|Too (big|small)|Unrecognized key|expected [a-z]+, received|^[[{]/);
  if (text.startsWith(`${field}: `)) {
    expect(text.slice(field.length + 2).split(' ').length, label).toBeGreaterThanOrEqual(2);
  } else {
    expect(text, label).toMatch(/^[A-Z"]\S*( \S+){2,}/);
  }
}

beforeAll(async () => {
  server = await startTestServer();
  owner = { username: 'owner', browser: new Browser(), authenticator: new SoftwareAuthenticator() };
  await redeemLinkAndRegister(server.issuer, server.gatehouse.issueSetupLink().url, owner, { username: 'owner' });
  await signInWithPasskey(server.issuer, owner);
  const family = (await asAdmin('groups.create', { name: 'family' })).body;
  const carol = (await asAdmin('users.create', { username: 'carol', displayName: 'Carol', groups: ['family'] })).body;
  expect((await asAdmin('clients.create', { id: 'app', name: 'App', redirectUris: [APP_CB], allowedGroups: ['family'] })).status).toBe(200);
  expect((await asAdmin('scopes.create', { name: 'nextcloud', description: 'Your storage quota', claims: ['quota'] })).status).toBe(200);
  expect((await asAdmin('protectedApps.create', { id: 'sonarr', name: 'Sonarr', hosts: ['sonarr.home.example'] })).status).toBe(200);
  const created = (await asAdmin('apiKeys.create', { name: 'Validation' })).body;
  apiKey = created.key;
  seeded = { carol: carol.id, family: family.id, apiKey: created.apiKey.id };
});

afterAll(async () => {
  await server?.close();
});

describe('every admin operation refuses invalid input with a field-level message and changes nothing', () => {
  it('has cases for exactly the operations in the registry', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ADMIN_OPERATION_NAMES].sort());
  });

  it('would notice a change: an accepted call changes the snapshot, a key merely being used does not', async () => {
    const before = snapshot();
    expect((await withApiKey('users.list', {})).status).toBe(200);
    expect(snapshot()).toEqual(before);
    expect((await withApiKey('settings.update', { instanceName: 'Snapshot check' })).status).toBe(200);
    const after = snapshot();
    expect(Object.keys(after).filter((table) => after[table] !== before[table])).toEqual(['settings']);
  });

  for (const name of ADMIN_OPERATION_NAMES) {
    it(name, async () => {
      const make = TABLE[name];
      expect(make, `no validation cases for ${name}: add them to TABLE`).toBeTypeOf('function');
      const { valid, invalid } = make(seeded);
      const cases: Array<[Input, string]> = [...invalid, [{ ...valid, surplus: true }, 'surplus']];
      for (const [input, field] of cases) {
        for (const [who, send] of TRANSPORTS) {
          const label = `${name} ${JSON.stringify(input)} as ${who}`;
          const before = snapshot();
          const answer = await send(name, input);
          expect({ status: answer.status, error: answer.body.error, field: answer.body.field }, `${label}: ${answer.body.message}`).toEqual({
            status: 400,
            error: 'invalid_input',
            field,
          });
          expectFieldMessage(answer.body.message, field, label);
          expect(snapshot(), `${label} changed something`).toEqual(before);
        }
      }
    });
  }

  it('names the operation and what it takes when a key is unknown, and says when it takes nothing', async () => {
    const users = await asAdmin('users.setDisabled', { id: seeded.carol, disabled: true, reason: 'left' });
    expect(users.body).toMatchObject({ field: 'reason', message: 'reason: is not an input of users.setDisabled; it takes id, disabled' });
    const overview = await asAdmin('overview.get', { verbose: true, extra: 1 });
    expect(overview.body).toMatchObject({
      field: 'verbose',
      message: 'verbose: is not an input of overview.get (nor "extra"), which takes no input; leave it out',
    });
    const typed = await asAdmin('users.setDisabled', { id: seeded.carol, disabled: 'yes' });
    expect(typed.body.message).toBe('disabled: must be true or false, not "yes"');
  });
});

describe('custom claims nested without end', () => {
  it('a value 10,000 levels deep is refused for its claim, not answered with a server error', async () => {
    // Written out by hand: JSON.stringify itself runs out of stack on such a value.
    const deep = (open: string, close: string) => `${open.repeat(10_000)}1${close.repeat(10_000)}`;
    const client = (policy: string) => `{"id":"deep","name":"Deep","redirectUris":["${APP_CB}"],"claimPolicy":${policy}}`;
    const bodies: Array<[string, string, string]> = [
      ['users.create', `{"username":"dora","claims":{"deep":${deep('[', ']')}}}`, 'claims.deep'],
      ['groups.create', `{"name":"friends","claims":{"deep":${deep('{"a":', '}')}}}`, 'claims.deep'],
      // A client's claim policy is also measured as a whole: that must not walk a value already refused.
      ['clients.create', client(`{"staticClaims":{"deep":${deep('[', ']')}}}`), 'claimPolicy.staticClaims.deep'],
      [
        'clients.create',
        client(`{"groupMappings":[{"claim":"role","rules":[{"group":"family","value":${deep('{"a":', '}')}}]}]}`),
        'claimPolicy.groupMappings.0.rules.0.value',
      ],
      [
        'clients.create',
        client(`{"groupMappings":[{"claim":"role","rules":[{"group":"family","value":"x"}],"otherwise":${deep('[', ']')}}]}`),
        'claimPolicy.groupMappings.0.otherwise',
      ],
    ];
    for (const [operation, body, field] of bodies) {
      const sent: Array<[string, Promise<Response>]> = [
        [
          'a signed-in admin',
          owner.browser.request(`${server.issuer}/api/admin/${operation}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }),
        ],
        [
          'an API key',
          fetch(`${server.issuer}/api/admin/${operation}`, {
            method: 'POST',
            body,
            headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          }),
        ],
      ];
      for (const [who, response] of sent) {
        const answer = await response;
        const json = (await answer.json()) as Record<string, unknown>;
        expect({ status: answer.status, error: json.error, field: json.field }, `${operation} as ${who}: ${json.message}`).toEqual({
          status: 400,
          error: 'invalid_input',
          field,
        });
        expectFieldMessage(json.message, field, `${operation} as ${who}`);
      }
    }
  });
});

describe('refusals that are not about the input', () => {
  it('a sign-in link for a disabled user names no field it does not take, and says to enable them first', async () => {
    const erin = (await asAdmin('users.create', { username: 'erin' })).body;
    expect((await asAdmin('users.setDisabled', { id: erin.id, disabled: true })).status).toBe(200);
    const before = snapshot();
    const answer = await asAdmin('users.issueLoginLink', { id: erin.id, ttlMinutes: 60 });
    expect(answer).toMatchObject({ status: 409, body: { error: 'account_disabled' } });
    expect(answer.body.field).toBeUndefined();
    expect(answer.body.message).toMatch(/^erin is disabled.*Enable the account first/);
    expect(snapshot()).toEqual(before);
  });
});
