// Every page a person can reach is a Gatehouse page: the instance's name above it, its styles, and a
// sentence saying what happened and what to do. API paths keep their JSON answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await server.gatehouse.runAdmin('settings.update', { instanceName: 'Lab of Alice' });
});

afterAll(async () => {
  await server?.close();
});

/** A styled page: its one inline style is let through by the response's own CSP nonce. */
async function expectGatehousePage(response: Response): Promise<string> {
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await response.text();
  const nonce = /<style nonce="([^"]+)">/.exec(html)?.[1];
  expect(nonce).toBeDefined();
  expect(response.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);
  expect(html).toMatch(/<header class="brand"[^>]*>.*Lab of Alice/s);
  expect(html).not.toContain('<script');
  return html;
}

describe('error pages', () => {
  it('names an unknown client and says where to fix it', async () => {
    const url = new URL(`${server.issuer}/auth`);
    url.search = new URLSearchParams({ client_id: 'nope', redirect_uri: 'https://app.example/cb', response_type: 'code', scope: 'openid' }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    const html = await expectGatehousePage(response);
    expect(html).toContain('<code>nope</code>');
    expect(html).toContain('Clients');
    expect(html).not.toContain('client is invalid');
  });

  it('escapes the client id it names', async () => {
    const response = await fetch(`${server.issuer}/auth?client_id=${encodeURIComponent('<b>x</b>')}&response_type=code&scope=openid`);
    const html = await expectGatehousePage(response);
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('answers an unknown path with a page that points home', async () => {
    const response = await fetch(`${server.issuer}/does-not-exist`);
    expect(response.status).toBe(404);
    const html = await expectGatehousePage(response);
    expect(html).toContain('<code>/does-not-exist</code>');
    expect(html).toContain('href="/"');
  });

  it('answers a missing asset with the same page', async () => {
    const response = await fetch(`${server.issuer}/assets/missing.js`);
    expect(response.status).toBe(404);
    await expectGatehousePage(response);
  });

  it('keeps JSON answers for unknown API paths', async () => {
    const response = await fetch(`${server.issuer}/api/does-not-exist`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });

  it('brands the signed-out page too', async () => {
    const response = await fetch(`${server.issuer}/session/end/success`);
    expect(response.status).toBe(200);
    await expectGatehousePage(response);
  });
});
