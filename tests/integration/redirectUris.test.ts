// Redirect URIs match exactly: every near miss gets Gatehouse's error page and never a redirect.
// Only the port of a native app's loopback redirect may vary (RFC 8252).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, type Person } from '../support/flows.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const REGISTERED = 'https://app.home.example/oauth/cb';
let server: TestServer;
let alice: Person;

beforeAll(async () => {
  server = await startTestServer();
  server.provision({
    users: [{ username: 'alice', email: 'alice@home.example' }],
    clients: [
      { id: 'web', name: 'Web app', redirectUris: [REGISTERED], secretFile: server.secretFile('web', 'web-secret-0123456789abcdefghijkl'), skipConsent: true },
      { id: 'cli', name: 'Command line', public: true, native: true, redirectUris: ['http://127.0.0.1/callback', 'http://localhost:8000'], skipConsent: true },
      { id: 'mobile', name: 'Mobile app', public: true, redirectUris: ['app.immich:///oauth-callback'], skipConsent: true },
    ],
  });
  alice = await enrol(server, 'alice');
});

afterAll(async () => {
  await server?.close();
});

function authorizationUrl(clientId: string, redirectUri: string, extra: Record<string, string> = {}): string {
  const url = new URL(`${server.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  return url.href;
}

const NEAR_MISSES: Array<[string, string]> = [
  ['userinfo naming the real host', 'https://app.home.example@evil.example/oauth/cb'],
  ['encoded @ in userinfo', 'https://app.home.example%40evil.example/oauth/cb'],
  ['two @ signs', 'https://app.home.example@x@evil.example/oauth/cb'],
  ['host suffix', 'https://app.home.example.evil.example/oauth/cb'],
  ['path traversal ..;/', 'https://app.home.example/oauth/cb/..;/../evil'],
  ['encoded dots', 'https://app.home.example/oauth/%2e%2e/oauth/cb'],
  ['backslash', 'https://app.home.example\\@evil.example/oauth/cb'],
  ['host case', 'https://APP.home.example/oauth/cb'],
  ['path case', 'https://app.home.example/OAUTH/cb'],
  ['trailing slash', 'https://app.home.example/oauth/cb/'],
  ['trailing dot in host', 'https://app.home.example./oauth/cb'],
  ['fragment', 'https://app.home.example/oauth/cb#x'],
  ['extra query', 'https://app.home.example/oauth/cb?next=https://evil.example'],
  ['explicit default port', 'https://app.home.example:443/oauth/cb'],
  ['scheme downgrade', 'http://app.home.example/oauth/cb'],
  ['javascript scheme', 'javascript:alert(1)//app.home.example/oauth/cb'],
  ['prefix only', 'https://app.home.example/oauth'],
];

describe('redirect URI matching', () => {
  it.each(NEAR_MISSES)('refuses %s without redirecting', async (_label, redirectUri) => {
    const response = await new Browser().request(authorizationUrl('web', redirectUri));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('redirect URI is not registered');
    expect(html).toContain(REGISTERED);
    expect(html).not.toContain('<script');
  });

  it('shows the received URI, escaped, next to the registered ones', async () => {
    const response = await new Browser().request(authorizationUrl('web', 'https://app.home.example/cb"><img src=x>'));
    const html = await response.text();
    expect(html).toContain('https://app.home.example/cb&quot;&gt;&lt;img src=x&gt;');
    expect(html).not.toContain('<img src=x>');
  });

  it('refuses an unknown client with a page, even when other parameters are also wrong', async () => {
    const response = await new Browser().request(authorizationUrl('nobody', 'https://evil.example/', { response_type: 'token' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('accepts the exact registered URI', async () => {
    const outcome = await authorize(server.issuer, alice, authorizationUrl('web', REGISTERED));
    expect(outcome.kind).toBe('redirect');
    expect((outcome as { url: string }).url).toMatch(/^https:\/\/app\.home\.example\/oauth\/cb\?code=/);
  });

  it('lets a native app use any port on its loopback redirect', async () => {
    for (const redirectUri of ['http://127.0.0.1:53123/callback', 'http://localhost:18000']) {
      const outcome = await authorize(server.issuer, alice, authorizationUrl('cli', redirectUri));
      expect(outcome.kind, redirectUri).toBe('redirect');
      expect((outcome as { url: string }).url.startsWith(`${redirectUri}?code=`) || (outcome as { url: string }).url.startsWith(`${redirectUri}/?code=`)).toBe(
        true,
      );
    }
    const wrongPath = await new Browser().request(authorizationUrl('cli', 'http://127.0.0.1:53123/other'));
    expect(wrongPath.status).toBe(400);
  });

  it('accepts a custom-scheme redirect with a triple slash for a mobile app', async () => {
    const outcome = await authorize(server.issuer, alice, authorizationUrl('mobile', 'app.immich:///oauth-callback'));
    expect((outcome as { url: string }).url).toMatch(/^app\.immich:\/\/\/oauth-callback\?code=/);
  });

  it('does not let a web client vary the port', async () => {
    const response = await new Browser().request(authorizationUrl('web', 'https://app.home.example:8443/oauth/cb'));
    expect(response.status).toBe(400);
  });
});
