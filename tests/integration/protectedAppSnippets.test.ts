// protectedApps.snippets: every proxy's snippet for one saved app, pointed at Gatehouse where this
// instance listens unless the owner says how the proxy reaches it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;
const snippets = (input: Record<string, unknown>) => server.gatehouse.runAdmin('protectedApps.snippets', input as never) as Promise<Record<string, string>>;

beforeAll(async () => {
  // Bound to every address, as a headless server usually is: the proxy on this computer still uses loopback.
  server = await startTestServer({ options: { host: '0.0.0.0' } });
  await server.gatehouse.runAdmin('protectedApps.create', { id: 'sonarr', name: 'Sonarr', hosts: ['sonarr.home.example', 'tv.home.example:8443'] });
});

afterAll(async () => {
  await server?.close();
});

describe('protectedApps.snippets', () => {
  it('gives every proxy’s snippet for the app’s hosts, reaching Gatehouse on loopback at its port by default', async () => {
    const port = new URL(server.issuer).port;
    const answer = await snippets({ id: 'sonarr' });
    expect(Object.keys(answer).sort()).toEqual(['caddy', 'gatehouseUrl', 'haproxy', 'haproxyLua', 'nginx', 'traefikFile', 'traefikLabels']);
    expect(answer.gatehouseUrl).toBe(`http://127.0.0.1:${port}`);
    for (const name of ['caddy', 'nginx', 'traefikFile', 'traefikLabels', 'haproxy'] as const) {
      expect(answer[name], name).toContain('sonarr.home.example');
      expect(answer[name], name).toContain('tv.home.example');
      expect(answer[name], name).toContain(`127.0.0.1:${port}`);
    }
  });

  it('uses the address the owner gives, as an origin', async () => {
    const answer = await snippets({ id: 'sonarr', gatehouseUrl: ' https://gatehouse.lan:9443/ ' });
    expect(answer.gatehouseUrl).toBe('https://gatehouse.lan:9443');
    expect(answer.caddy).toContain('forward_auth https://gatehouse.lan:9443 {');
    expect(answer.nginx).toContain('proxy_pass https://gatehouse.lan:9443/forward-auth/check/nginx;');
    expect(answer.traefikFile).toContain('address: "https://gatehouse.lan:9443/forward-auth/check"');
  });

  it('refuses an app that does not exist, for the id field', async () => {
    await expect(snippets({ id: 'radarr' })).rejects.toMatchObject({ code: 'not_found', field: 'id' });
  });
});
