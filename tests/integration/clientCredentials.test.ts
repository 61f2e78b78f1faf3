// Machine clients: a robot or script created through the admin API gets its own token with openid-client's
// client credentials grant. With audiences the token is a JWT (RFC 9068) a resource server verifies
// offline against the JWKS; without, it is opaque. Both introspect, scopes and resources are held to
// what the owner listed, and every issuance is audited without the token.
import { createPrivateKey, sign } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../renderer/src/admin/audit/auditSentence.ts';
import type { AuditEntry } from '../../server/admin/auditOperations.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { getClient, listClients } from '../../server/db/clients.ts';
import { createSealer } from '../../server/db/sealed.ts';
import { storedSigningKeys } from '../../server/db/signingKeys.ts';
import { startTestServer, TEST_ENCRYPTION_KEY, type TestServer } from '../support/testServer.ts';

const REGISTRY = 'https://registry.home.example';
const BACKUPS = 'https://backups.home.example/api';

let server: TestServer;
let ci: oidc.Configuration;
let backup: oidc.Configuration;
let jwks: ReturnType<typeof createLocalJWKSet>;
let ciSnippets: { name: string; text: string }[];

interface Created {
  client: { id: string; clientCredentials: boolean; redirectUris: string[] };
  secret: string;
  snippets: { name: string; text: string }[];
}

async function machine(id: string, secret: string): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(server.issuer), id, secret, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
}

/** The OAuth error a refused token request answers with. */
async function refusal(request: Promise<unknown>): Promise<{ error: string; error_description: string }> {
  const error = await request.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(oidc.ResponseBodyError);
  return (error as oidc.ResponseBodyError).cause as { error: string; error_description: string };
}

beforeAll(async () => {
  server = await startTestServer();
  const run = (input: Record<string, unknown>) => server.gatehouse.runAdmin('clients.create', input) as Promise<Created>;
  const created = await run({ template: 'robot', id: 'ci', name: 'CI', machineScopes: ['registry:push', 'registry:pull'], audiences: [REGISTRY, BACKUPS] });
  ciSnippets = created.snippets;
  ci = await machine('ci', created.secret);
  const opaque = await run({ id: 'backup', name: 'Backup', clientCredentials: true, machineScopes: ['backup:write'] });
  backup = await machine('backup', opaque.secret);
  // Fetched once: from here on the resource server needs nothing from Gatehouse.
  jwks = createLocalJWKSet((await (await fetch(`${server.issuer}/jwks`)).json()) as JSONWebKeySet);
});

afterAll(async () => {
  await server?.close();
});

describe('a machine client made through the admin API', () => {
  it('is stored with no redirect URI, and its template says how to get a token', () => {
    const stored = getClient(server.gatehouse.internals.db, 'ci')!;
    expect(stored).toMatchObject({
      clientCredentials: true,
      redirectUris: [],
      machineScopes: ['registry:push', 'registry:pull'],
      audiences: [REGISTRY, BACKUPS],
    });
    const text = ciSnippets.map((block) => block.text).join('\n');
    expect(text).toContain(`${server.issuer}/token`);
    expect(text).toContain('client.clientCredentialsGrant(config)');
  });

  it('is listed by discovery', () => {
    expect(ci.serverMetadata().grant_types_supported).toContain('client_credentials');
  });
});

describe('a JWT access token for an audience', () => {
  it('verifies offline against the JWKS as an RFC 9068 token for the first audience', async () => {
    const tokens = await oidc.clientCredentialsGrant(ci, { scope: 'registry:push' });
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.scope).toBe('registry:push');
    const header = decodeProtectedHeader(tokens.access_token);
    expect(header).toMatchObject({ typ: 'at+jwt', alg: 'RS256' });
    const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer: server.issuer, audience: REGISTRY, typ: 'at+jwt' });
    expect(payload).toMatchObject({ client_id: 'ci', sub: 'ci', scope: 'registry:push', aud: REGISTRY });
    const now = Math.floor(Date.now() / 1000);
    expect(payload.exp).toBeGreaterThan(now);
    expect(payload.exp! - payload.iat!).toBe(tokens.expires_in);
  });

  it('is for the audience the request names, with all the client may have when it names no scope', async () => {
    const tokens = await oidc.clientCredentialsGrant(ci, { resource: BACKUPS });
    const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer: server.issuer, audience: BACKUPS });
    expect(payload.scope).toBe('registry:push registry:pull');
  });

  it('introspects as active for the client that holds it', async () => {
    const tokens = await oidc.clientCredentialsGrant(ci, { scope: 'registry:pull' });
    const answer = await oidc.tokenIntrospection(ci, tokens.access_token);
    expect(answer).toMatchObject({ active: true, client_id: 'ci', scope: 'registry:pull', aud: REGISTRY, iss: server.issuer });
  });

  it('introspects as inactive when altered, when another client asks, or once its audience is removed', async () => {
    const { access_token: token } = await oidc.clientCredentialsGrant(ci, { resource: BACKUPS });
    const [header, payload, signature] = token.split('.');
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), scope: 'admin' })).toString('base64url')}.${signature}`;
    expect(await oidc.tokenIntrospection(ci, altered)).toEqual({ active: false });
    expect(await oidc.tokenIntrospection(backup, token)).toEqual({ active: false });
    await server.gatehouse.runAdmin('clients.update', { id: 'ci', audiences: [REGISTRY] });
    try {
      expect(await oidc.tokenIntrospection(ci, token)).toEqual({ active: false });
    } finally {
      await server.gatehouse.runAdmin('clients.update', { id: 'ci', audiences: [REGISTRY, BACKUPS] });
    }
    expect((await oidc.tokenIntrospection(ci, token)).active).toBe(true);
  });

  it('introspects as inactive when signed with an extension it must understand (crit), or not valid yet (nbf)', async () => {
    const { access_token: token } = await oidc.clientCredentialsGrant(ci, { resource: BACKUPS });
    const [encodedHeader, encodedPayload] = token.split('.');
    const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    // Signed with Gatehouse's own key, as a token with these fields would be: only the fields make it inactive.
    const key = storedSigningKeys(server.gatehouse.internals.db, createSealer(TEST_ENCRYPTION_KEY)).find(
      (stored) => stored.kid === decode(encodedHeader!).kid,
    )!.jwk;
    const signed = (header: object, payload: object) => {
      const input = `${encode(header)}.${encode(payload)}`;
      return `${input}.${sign('sha256', Buffer.from(input), createPrivateKey({ key: { ...key }, format: 'jwk' })).toString('base64url')}`;
    };
    const [header, payload] = [decode(encodedHeader!), decode(encodedPayload!)];
    expect((await oidc.tokenIntrospection(ci, signed(header, payload))).active).toBe(true);
    expect(await oidc.tokenIntrospection(ci, signed({ ...header, crit: ['urn:example:bound'], 'urn:example:bound': true }, payload))).toEqual({
      active: false,
    });
    expect(await oidc.tokenIntrospection(ci, signed(header, { ...payload, nbf: Math.floor(Date.now() / 1000) + 600 }))).toEqual({ active: false });
  });
});

describe('an opaque access token for a client without audiences', () => {
  it('is no JWT, and introspects with its scope', async () => {
    const tokens = await oidc.clientCredentialsGrant(backup);
    expect(tokens.access_token.split('.')).toHaveLength(1);
    expect(tokens.scope).toBe('backup:write');
    const answer = await oidc.tokenIntrospection(backup, tokens.access_token);
    expect(answer).toMatchObject({ active: true, client_id: 'backup', scope: 'backup:write', token_type: 'Bearer' });
  });
});

describe('what a machine client may not have', () => {
  it('is refused a scope outside its machine scopes, with a sentence naming what it may ask for', async () => {
    const refused = await refusal(oidc.clientCredentialsGrant(ci, { scope: 'registry:push registry:delete' }));
    expect(refused.error).toBe('invalid_scope');
    expect(refused.error_description).toContain('"registry:delete"');
    expect(refused.error_description).toContain('"registry:push", "registry:pull"');
  });

  it('is refused a resource that is not one of its audiences', async () => {
    const refused = await refusal(oidc.clientCredentialsGrant(ci, { resource: 'https://elsewhere.home.example' }));
    expect(refused.error).toBe('invalid_target');
    expect(refused.error_description).toContain("is not one of this client's audiences");
  });

  it('is refused any resource when it has no audiences', async () => {
    const refused = await refusal(oidc.clientCredentialsGrant(backup, { resource: REGISTRY }));
    expect(refused.error).toBe('invalid_target');
    expect(refused.error_description).toContain('This client has no audiences');
  });
});

describe('the audit log', () => {
  it('records each issuance with client, scope and audience, never the token', async () => {
    const tokens = await oidc.clientCredentialsGrant(ci, { scope: 'registry:pull', resource: BACKUPS });
    const [event] = listAuditEvents(server.gatehouse.internals.db, { event: 'client_credentials.issued', clientId: 'ci' });
    expect(event).toMatchObject({ clientId: 'ci', ip: '127.0.0.1', details: { scope: 'registry:pull', audience: BACKUPS, format: 'jwt' } });
    expect(JSON.stringify(event)).not.toContain(tokens.access_token);
    const opaque = await oidc.clientCredentialsGrant(backup);
    const [other] = listAuditEvents(server.gatehouse.internals.db, { event: 'client_credentials.issued', clientId: 'backup' });
    expect(other.details).toEqual({ scope: 'backup:write', audience: null, format: 'opaque' });
    expect(JSON.stringify(other)).not.toContain(opaque.access_token);
  });

  it('reads as a sentence in the console, with the scope and audience under it', async () => {
    await oidc.clientCredentialsGrant(ci, { scope: 'registry:pull' });
    const { events } = (await server.gatehouse.runAdmin('audit.list', { event: 'client_credentials' })) as { events: AuditEntry[] };
    const described = describeAuditEvent(events.find((entry) => entry.clientId === 'ci')!);
    expect(described.sentence).toBe('CI got an access token for itself (client credentials)');
    expect(described.lines.join('\n')).toContain('registry:pull');
    expect(described.lines.join('\n')).toContain(REGISTRY);
  });
});

describe('machine access rules', () => {
  it('refuses a public machine client and stores nothing', async () => {
    await expect(server.gatehouse.runAdmin('clients.create', { id: 'public-robot', public: true, clientCredentials: true })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'clientCredentials',
    });
    expect(getClient(server.gatehouse.internals.db, 'public-robot')).toBeUndefined();
  });

  it('refuses a public client switched to machine access later', async () => {
    await server.gatehouse.runAdmin('clients.create', { id: 'spa', public: true, redirectUris: ['http://localhost:5173/cb'] });
    await expect(server.gatehouse.runAdmin('clients.update', { id: 'spa', clientCredentials: true })).rejects.toMatchObject({ field: 'clientCredentials' });
    expect(getClient(server.gatehouse.internals.db, 'spa')!.clientCredentials).toBe(false);
  });

  it('still asks a client that signs people in for a redirect URI', async () => {
    await expect(server.gatehouse.runAdmin('clients.create', { id: 'nowhere' })).rejects.toMatchObject({ field: 'redirectUris' });
    await expect(server.gatehouse.runAdmin('clients.update', { id: 'backup', clientCredentials: false })).rejects.toMatchObject({ field: 'redirectUris' });
  });

  it('keeps a browser app from the client credentials grant', async () => {
    const made = (await server.gatehouse.runAdmin('clients.create', { id: 'web', redirectUris: ['https://web.home.example/cb'] })) as Created;
    const refused = await refusal(oidc.clientCredentialsGrant(await machine('web', made.secret)));
    expect(refused).toMatchObject({ error: 'invalid_request', error_description: 'requested grant type is not allowed for this client' });
  });

  it('ignores a resource in a browser sign-in, as it did before machine tokens', async () => {
    const url = new URL(`${server.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: 'web',
      redirect_uri: 'https://web.home.example/cb',
      response_type: 'code',
      scope: 'openid',
      resource: REGISTRY,
    }).toString();
    const answer = await fetch(url, { redirect: 'manual' });
    expect(answer.headers.get('location')).toMatch(/^\/interaction\/[\w-]+$/);
  });
});

describe('a machine client in the provisioning file', () => {
  const SECRET = 'backup-robot-secret-0123456789abcdef';
  const entry = () => ({
    id: 'nightly',
    name: 'Nightly backup',
    clientCredentials: true,
    machineScopes: ['backup:write'],
    audiences: [BACKUPS],
    secretFile: server.secretFile('nightly', SECRET),
  });

  it('applies, and the robot gets a JWT for its audience', async () => {
    server.provision({ clients: [entry()] });
    expect(getClient(server.gatehouse.internals.db, 'nightly')).toMatchObject({
      source: 'provision',
      redirectUris: [],
      clientCredentials: true,
      audiences: [BACKUPS],
    });
    const tokens = await oidc.clientCredentialsGrant(await machine('nightly', SECRET));
    const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer: server.issuer, audience: BACKUPS, typ: 'at+jwt' });
    expect(payload).toMatchObject({ client_id: 'nightly', scope: 'backup:write' });
  });

  it.each([
    ['a relative audience', { audiences: ['/api'] }, /clients\[0\]\.audiences\[0\]: must be an absolute http\(s\) URI/],
    ['an audience with a fragment', { audiences: [`${BACKUPS}#v1`] }, /clients\[0\]\.audiences\[0\]: must not have a #fragment/],
    ['a scope with a space', { machineScopes: ['backup write'] }, /clients\[0\]\.machineScopes\[0\]: may use letters/],
    ['a public machine client', { public: true, secretFile: undefined }, /clients\[0\]\.clientCredentials: A machine client must be confidential/],
  ])('refuses %s, naming the key, and changes nothing', (_label, change, message) => {
    const before = JSON.stringify(listClients(server.gatehouse.internals.db));
    expect(() => server.provision({ clients: [{ ...entry(), id: 'other', ...change }] })).toThrow(message);
    expect(JSON.stringify(listClients(server.gatehouse.internals.db))).toBe(before);
  });
});
