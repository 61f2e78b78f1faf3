// Claims shaped per app, through real sign-ins with openid-client: mapped roles (Grafana from its
// template), renamed claims, preferred_username from the email, restricted ID tokens, custom scopes on
// the consent screen, and the console's preview, which must equal what the app then receives.
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername } from '../../server/db/users.ts';
import { GatehouseError } from '../../server/model/errors.ts';
import { authorize, enrol, pageDetails, type Person } from '../support/flows.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const APP = 'http://localhost:8080';
const SECRET = 'app-secret-0123456789abcdefghijklmnop';
/** What oidc-provider adds to an ID token about the sign-in and the token itself. */
const PROTOCOL_CLAIMS = ['iss', 'aud', 'azp', 'exp', 'iat', 'auth_time', 'nonce', 'at_hash', 'c_hash', 's_hash', 'sid', 'amr', 'acr'];

let server: TestServer;
let alice: Person;
let bob: Person;
let grafanaSecret: string;

const personClaims = (claims: Record<string, unknown>) => Object.fromEntries(Object.entries(claims).filter(([name]) => !PROTOCOL_CLAIMS.includes(name)));

const admin = <T = Record<string, any>>(operation: string, input: unknown) => server.gatehouse.runAdmin(operation, input) as Promise<T>;

async function adminError(operation: string, input: unknown): Promise<GatehouseError> {
  try {
    await admin(operation, input);
  } catch (error) {
    if (error instanceof GatehouseError) return error;
    throw error;
  }
  throw new Error(`${operation} succeeded`);
}

async function rp(clientId: string, secret = SECRET): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(server.issuer), clientId, secret, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
}

/** The code flow as an app runs it: the tokens, the verified ID token's claims and the userinfo answer. */
async function signIn(person: Person, config: oidc.Configuration, scope: string, redirectUri = `${APP}/cb`, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    ...extra,
    redirect_uri: redirectUri,
    scope,
    state: 'st',
    nonce: 'n-0S6_WzA2Mj',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const outcome = await authorize(server.issuer, person, url.href);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome).slice(0, 400)}`);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(outcome.url), {
    pkceCodeVerifier: verifier,
    expectedState: 'st',
    expectedNonce: 'n-0S6_WzA2Mj',
    idTokenExpected: true,
  });
  const idToken = tokens.claims()! as Record<string, unknown>;
  const userinfo = (await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub as string)) as Record<string, unknown>;
  return { tokens, idToken, userinfo };
}

const userId = (username: string) => findUserByUsername(server.gatehouse.internals.db, username)!.id;

beforeAll(async () => {
  server = await startTestServer();
  server.provision({
    groups: [{ name: 'admins' }, { name: 'family', claims: { quota: 100 } }],
    users: [
      { username: 'alice', email: 'alice.liddell@home.example', givenName: 'Alice', groups: ['admins', 'family'] },
      { username: 'bob', email: 'bob@home.example', groups: ['family'] },
      { username: 'carol', groups: ['family'] },
    ],
    scopes: [{ name: 'media', description: 'Your storage quota in the media library', claims: ['quota'] }],
    clients: [
      {
        id: 'shaped',
        name: 'Shaped app',
        redirectUris: [`${APP}/cb`],
        secretFile: server.secretFile('shaped', SECRET),
        claimPolicy: {
          renames: { groups: 'roles' },
          preferredUsername: 'email_local_part',
          idTokenClaims: ['roles', 'preferred_username', 'email'],
          staticClaims: { tenant: 'home' },
        },
      },
      { id: 'media-app', name: 'Media library', redirectUris: [`${APP}/cb`], secretFile: server.secretFile('media-app', SECRET) },
      { id: 'admin-tool', name: 'Admin tool', redirectUris: [`${APP}/cb`], secretFile: server.secretFile('admin-tool', SECRET), allowedGroups: ['admins'] },
    ],
  });
  const created = await admin<{ secret: string }>('clients.create', { template: 'grafana', inputs: { appUrl: APP, adminGroup: 'admins' } });
  grafanaSecret = created.secret;
  alice = await enrol(server, 'alice');
  bob = await enrol(server, 'bob');
});

afterAll(async () => {
  await server?.close();
});

describe('a Grafana client from its template', () => {
  const GRAFANA_SCOPE = 'openid profile email groups';

  it('gives an admin grafana_role Admin and a family member Viewer, in the ID token and userinfo, before and after a refresh', async () => {
    const grafana = await rp('grafana', grafanaSecret);
    for (const [person, role, groups] of [
      [alice, 'Admin', ['admins', 'family']],
      [bob, 'Viewer', ['family']],
    ] as const) {
      const { tokens, idToken, userinfo } = await signIn(person, grafana, GRAFANA_SCOPE, `${APP}/login/generic_oauth`);
      const expected = {
        sub: userId(person.username),
        name: expect.any(String),
        preferred_username: person.username,
        updated_at: expect.any(Number),
        email: expect.stringMatching(/@home\.example$/),
        email_verified: true,
        groups,
        quota: 100,
        grafana_role: role,
        ...(person === alice ? { given_name: 'Alice' } : {}),
      };
      expect(personClaims(idToken)).toEqual(expected);
      expect(userinfo).toEqual(expected);
      const refreshed = await oidc.refreshTokenGrant(grafana, tokens.refresh_token!);
      expect(personClaims(refreshed.claims()! as Record<string, unknown>)).toEqual(personClaims(idToken));
      expect(await oidc.fetchUserInfo(grafana, refreshed.access_token, idToken.sub as string)).toEqual(userinfo);
    }
  });

  it('tells Grafana to read its role from that claim, and the preview says what the app then receives', async () => {
    const grafana = await admin<{ claimPolicy: unknown }>('clients.get', { id: 'grafana' });
    expect(grafana.claimPolicy).toMatchObject({
      groupMappings: [{ claim: 'grafana_role', rules: [{ group: 'admins', value: 'Admin' }], otherwise: 'Viewer' }],
    });
    const config = await rp('grafana', grafanaSecret);
    const preview = await admin('clients.previewClaims', { id: 'grafana', userId: userId('bob'), scope: GRAFANA_SCOPE });
    const { tokens, idToken, userinfo } = await signIn(bob, config, GRAFANA_SCOPE, `${APP}/login/generic_oauth`);
    expect(preview).toMatchObject({ scope: GRAFANA_SCOPE, allowed: true, reason: null });
    expect(personClaims(preview.idToken)).toEqual(personClaims(idToken));
    expect(preview.userinfo).toEqual(userinfo);
    for (const name of ['iss', 'aud', 'azp', 'sub']) expect(preview.idToken[name], name).toEqual(idToken[name]);
    for (const name of ['auth_time', 'iat', 'exp']) expect(preview.idToken[name], name).toEqual(expect.any(Number));
    expect(preview.idToken.exp - preview.idToken.iat).toBe((idToken.exp as number) - (idToken.iat as number));
    const introspection = (await oidc.tokenIntrospection(config, tokens.access_token)) as Record<string, unknown>;
    for (const name of ['active', 'sub', 'client_id', 'iss', 'token_type']) expect(preview.accessToken[name], name).toEqual(introspection[name]);
    expect(new Set(String(preview.accessToken.scope).split(' '))).toEqual(new Set(String(introspection.scope).split(' ')));
    expect(preview.accessToken.exp - preview.accessToken.iat).toBe((introspection.exp as number) - (introspection.iat as number));
  });
});

describe('a client that renames and restricts claims', () => {
  it('sends groups as roles, preferred_username from the email, and only the listed claims in the ID token', async () => {
    const { idToken, userinfo } = await signIn(alice, await rp('shaped'), 'openid profile email groups');
    expect(personClaims(idToken)).toEqual({
      sub: userId('alice'),
      roles: ['admins', 'family'],
      preferred_username: 'alice.liddell',
      email: 'alice.liddell@home.example',
    });
    expect(userinfo).toMatchObject({ roles: ['admins', 'family'], preferred_username: 'alice.liddell', email_verified: true, quota: 100, tenant: 'home' });
    expect(userinfo).not.toHaveProperty('groups');
    const preview = await admin('clients.previewClaims', { id: 'shaped', userId: userId('alice'), scope: 'openid profile email groups' });
    expect(personClaims(preview.idToken)).toEqual(personClaims(idToken));
    expect(preview.userinfo).toEqual(userinfo);
  });

  it('releases a renamed claim only with its source scope, and falls back to the username without an email', async () => {
    const { idToken } = await signIn(alice, await rp('shaped'), 'openid profile');
    expect(personClaims(idToken)).toEqual({ sub: userId('alice'), preferred_username: 'alice.liddell' });
    const carol = await admin('clients.previewClaims', { id: 'shaped', userId: userId('carol') });
    expect(carol.userinfo).toMatchObject({ preferred_username: 'carol', roles: ['family'] });
  });
});

describe('custom scopes', () => {
  it('are advertised with every claim that can be released', async () => {
    const metadata = (await rp('media-app')).serverMetadata();
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'media']));
    expect(metadata.claims_supported).toEqual(expect.arrayContaining(['quota', 'roles', 'tenant', 'grafana_role']));
  });

  it('show their description on the consent screen and release their claims', async () => {
    const config = await rp('media-app');
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: `${APP}/cb`, scope: 'openid media', state: 'st' });
    const consent = pageDetails<{ scopes: Array<{ scope: string; description: string }> }>(
      await authorize(server.issuer, bob, url.href, { consent: false }),
      'consent',
    );
    expect(consent.scopes).toEqual([
      { scope: 'openid', description: expect.any(String) },
      { scope: 'media', description: 'Your storage quota in the media library' },
    ]);
    const { idToken, userinfo } = await signIn(bob, config, 'openid media');
    expect(personClaims(idToken)).toEqual({ sub: userId('bob'), quota: 100 });
    expect(userinfo).toEqual({ sub: userId('bob'), quota: 100 });
  });

  it('created in the console are requestable at once, and gone once deleted', async () => {
    expect(await admin('scopes.create', { name: 'household', description: 'Your household role', claims: ['quota'] })).toEqual({
      name: 'household',
      description: 'Your household role',
      claims: ['quota'],
      source: 'console',
    });
    expect((await rp('media-app')).serverMetadata().scopes_supported).toContain('household');
    const { idToken } = await signIn(bob, await rp('media-app'), 'openid household');
    expect(personClaims(idToken)).toEqual({ sub: userId('bob'), quota: 100 });
    expect(await admin('scopes.update', { name: 'household', description: 'Your role at home' })).toMatchObject({ description: 'Your role at home' });
    expect((await admin<unknown[]>('scopes.list', {})).map((scope) => (scope as { name: string }).name)).toEqual(['household', 'media']);
    expect(await admin('scopes.delete', { name: 'household' })).toEqual({ deleted: true });
    expect((await rp('media-app')).serverMetadata().scopes_supported).not.toContain('household');
  });
});

describe('the preview', () => {
  it('previews every custom scope by default and says when the person may not use the app', async () => {
    const preview = await admin('clients.previewClaims', { id: 'media-app', userId: userId('bob') });
    expect(preview.scope).toBe('openid profile email groups media');
    expect(preview.accessToken).toMatchObject({ active: true, client_id: 'media-app', sub: userId('bob'), token_type: 'Bearer', iss: server.issuer });
    const refused = await admin('clients.previewClaims', { id: 'admin-tool', userId: userId('bob') });
    expect(refused).toMatchObject({ allowed: false, reason: expect.stringMatching(/bob is in none of the groups allowed to use Admin tool \(admins\)/) });
    // The same as a code with what it names, for the console to word in its language.
    expect(refused).toMatchObject({ refusal: { code: 'not_in_groups', username: 'bob', app: 'Admin tool', groups: ['admins'] } });
  });

  it('says what the claims parameter adds, as the app then receives it', async () => {
    // As Nextcloud's user_oidc asks: claims by name in both members, with only openid as scope.
    const requested = { id_token: { email: { essential: true }, quota: null }, userinfo: { email: null, groups: null } };
    const { idToken, userinfo } = await signIn(bob, await rp('media-app'), 'openid', `${APP}/cb`, { claims: JSON.stringify(requested) });
    const preview = await admin('clients.previewClaims', {
      id: 'media-app',
      userId: userId('bob'),
      scope: 'openid',
      claims: { id_token: Object.keys(requested.id_token), userinfo: Object.keys(requested.userinfo) },
    });
    expect(personClaims(idToken)).toEqual({ sub: userId('bob'), email: 'bob@home.example', quota: 100 });
    expect(personClaims(preview.idToken)).toEqual(personClaims(idToken));
    expect(userinfo).toEqual({ sub: userId('bob'), email: 'bob@home.example', groups: ['family'] });
    expect(preview.userinfo).toEqual(userinfo);
  });

  it('names the unknown client or person', async () => {
    expect(await adminError('clients.previewClaims', { id: 'nope', userId: userId('bob') })).toMatchObject({ code: 'not_found', field: 'id' });
    expect(await adminError('clients.previewClaims', { id: 'shaped', userId: 'nobody' })).toMatchObject({ code: 'not_found', field: 'userId' });
  });
});

describe('refused changes', () => {
  it('a bad mapping or custom scope in the console gets a field error and changes nothing', async () => {
    const before = await admin('clients.get', { id: 'shaped' });
    const bad = {
      groupMappings: [
        {
          claim: 'role',
          rules: [
            { group: 'admins', value: 'Admin' },
            { group: 'nope', value: 'Editor' },
          ],
        },
      ],
    };
    expect(await adminError('clients.update', { id: 'shaped', claimPolicy: bad })).toMatchObject({
      code: 'invalid_input',
      field: 'claimPolicy.groupMappings.0.rules.1.group',
    });
    expect(await admin('clients.get', { id: 'shaped' })).toEqual(before);
    expect(await adminError('scopes.create', { name: 'media', description: 'Again', claims: [] })).toMatchObject({ code: 'name_taken', field: 'name' });
    // Names differing only in case would read the same on the consent screen.
    expect(await adminError('scopes.create', { name: 'Media', description: 'Again', claims: [] })).toMatchObject({
      code: 'name_taken',
      field: 'name',
      message: expect.stringContaining('"media"'),
    });
    expect(await adminError('scopes.update', { name: 'nope', description: 'Nothing' })).toMatchObject({ code: 'not_found', field: 'name' });
    expect(await admin('scopes.list', {})).toEqual([
      { name: 'media', description: 'Your storage quota in the media library', claims: ['quota'], source: 'provision' },
    ]);
  });
});

describe('the groups a mapping names', () => {
  it('follow a rename, and cannot be deleted while an app maps a claim from them', async () => {
    const ops = await admin<{ id: string }>('groups.create', { name: 'ops' });
    const policy = { groupMappings: [{ claim: 'team_role', rules: [{ group: 'ops', value: 'operator' }], otherwise: null }] };
    await admin('clients.create', { id: 'ops-tool', name: 'Ops tool', redirectUris: [`${APP}/cb`], claimPolicy: policy });
    await admin('groups.update', { id: ops.id, name: 'operators' });
    expect((await admin('clients.get', { id: 'ops-tool' })).claimPolicy.groupMappings[0].rules).toEqual([{ group: 'operators', value: 'operator' }]);
    expect(await adminError('groups.delete', { id: ops.id })).toMatchObject({
      code: 'group_in_use',
      field: 'id',
      message: expect.stringContaining('ops-tool'),
    });
    expect((await admin<Array<{ name: string }>>('groups.list', {})).map((group) => group.name)).toContain('operators');
  });
});
