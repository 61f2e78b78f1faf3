// Discovery stays honest: the document lists every grant, endpoint and feature Gatehouse serves (apps
// decide from it what to use), on the issuer's own origin, and custom scopes as soon as they exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;

type Metadata = Record<string, unknown>;

async function discovery(): Promise<Metadata> {
  const response = await fetch(`${server.issuer}/.well-known/openid-configuration`);
  expect(response.status).toBe(200);
  return (await response.json()) as Metadata;
}

/** A URL under the issuer (its path is the provider's business). */
const onIssuer = () => new RegExp(`^${server.issuer}/[a-z]`);

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe('the discovery document', () => {
  it('lists every grant: code, refresh, client credentials and device code', async () => {
    expect((await discovery()).grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:device_code']),
    );
  });

  it('names the device authorization endpoint', async () => {
    expect((await discovery()).device_authorization_endpoint).toMatch(onIssuer());
  });

  it('names the pushed authorization request endpoint', async () => {
    expect((await discovery()).pushed_authorization_request_endpoint).toMatch(onIssuer());
  });

  it('says back-channel logout is supported, with the session id in the logout token', async () => {
    const metadata = await discovery();
    expect(metadata.backchannel_logout_supported).toBe(true);
    expect(metadata.backchannel_logout_session_supported).toBe(true);
  });

  it('lists the standard scopes and the claims they bring', async () => {
    const metadata = await discovery();
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'offline_access', 'profile', 'email', 'groups']));
    expect(metadata.claims_supported).toEqual(
      expect.arrayContaining(['sub', 'name', 'given_name', 'family_name', 'preferred_username', 'picture', 'email', 'email_verified', 'groups']),
    );
  });

  it("puts every endpoint on the issuer's origin", async () => {
    const metadata = await discovery();
    const { origin } = new URL(server.issuer);
    const urls = Object.entries(metadata).filter(([name, value]) => /(_endpoint|_uri)$/.test(name) && typeof value === 'string') as [string, string][];
    const aliases = Object.entries((metadata.mtls_endpoint_aliases ?? {}) as Record<string, string>);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const [name, url] of [...urls, ...aliases]) expect([name, new URL(url).origin]).toEqual([name, origin]);
  });
});

describe('a custom scope defined through the admin API', () => {
  beforeAll(async () => {
    await server.gatehouse.runAdmin('scopes.create', { name: 'nas', description: 'Your storage quota on the NAS.', claims: ['nas_quota'] });
  });

  it('is listed in scopes_supported once it exists', async () => {
    expect((await discovery()).scopes_supported).toEqual(expect.arrayContaining(['openid', 'nas']));
  });

  it('lists the claims it releases in claims_supported', async () => {
    expect((await discovery()).claims_supported).toContain('nas_quota');
  });
});
