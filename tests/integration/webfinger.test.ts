// WebFinger (RFC 7033) as Tailscale uses it: the issuer for an email address, the same answer for an
// address nobody has, 400s that say what to send, and the Tailscale template's proxy lines in real Caddy
// and nginx in front of Gatehouse.
import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTemplate, renderTemplate } from '../../server/admin/clientTemplates.ts';
import { ISSUER_REL } from '../../server/http/webfingerRoutes.ts';
import { type ProxyKind, proxyAvailable, startReverseProxy } from '../support/reverseProxy.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const EMAIL_DOMAIN = 'home.example';

let server: TestServer;
let issuer: string;

beforeAll(async () => {
  server = await startTestServer();
  server.provision({ users: [{ username: 'alice', email: `alice@${EMAIL_DOMAIN}` }] });
  issuer = ((await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as { issuer: string }).issuer;
});

afterAll(async () => {
  await server?.close();
});

/** A WebFinger request with the query parameters given, each value as a repeated parameter if a list. */
function webfinger(params: Record<string, string | string[]>, init?: RequestInit, origin = server.issuer): Promise<Response> {
  const query = new URLSearchParams();
  for (const [name, values] of Object.entries(params)) for (const value of [values].flat()) query.append(name, value);
  return fetch(`${origin}/.well-known/webfinger?${query}`, init);
}

const lookup = (email: string) => webfinger({ resource: `acct:${email}`, rel: ISSUER_REL });

describe('WebFinger for an email address', () => {
  it("answers a known person's address with the issuer exactly as discovery states it, as Tailscale needs it", async () => {
    const response = await lookup(`alice@${EMAIL_DOMAIN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/jrd\+json\b/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ subject: `acct:alice@${EMAIL_DOMAIN}`, links: [{ rel: ISSUER_REL, href: issuer }] });
    expect(issuer).toBe(server.issuer);
    // Gatehouse's security headers stay; Tailscale also needs RS256 with an RSA key of 2048 bits or more.
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const { keys } = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: Array<{ kty: string; alg: string; n?: string }> };
    const rsa = keys.find((key) => key.kty === 'RSA' && key.alg === 'RS256')!;
    expect(Buffer.from(rsa.n!, 'base64url').length * 8).toBeGreaterThanOrEqual(2048);
  });

  it('answers an address nobody has, at any domain, in the same shape', async () => {
    for (const email of [`nobody@${EMAIL_DOMAIN}`, 'someone@elsewhere.example']) {
      const response = await lookup(email);
      expect(response.status, email).toBe(200);
      expect(await response.json(), email).toEqual({ subject: `acct:${email}`, links: [{ rel: ISSUER_REL, href: issuer }] });
    }
  });

  it('cannot be used to find out who has an account: known and unknown answers differ only in the subject', async () => {
    const known = await lookup(`alice@${EMAIL_DOMAIN}`);
    const unknown = await lookup(`carol@${EMAIL_DOMAIN}`);
    const knownBody = await known.text();
    const unknownBody = await unknown.text();
    expect(knownBody).toContain('"subject":"acct:alice@home.example"');
    expect(knownBody.replace('acct:alice@', 'acct:carol@')).toBe(unknownBody);
    // The same status and headers too, but for the date and the length the longer subject takes.
    const headers = (response: Response) => [...response.headers].filter(([name]) => !['date', 'content-length'].includes(name));
    expect([known.status, headers(known)]).toEqual([unknown.status, headers(unknown)]);
  });

  it('gives every link without rel, and only the links of the relations asked for with it (RFC 7033 §4.3)', async () => {
    const resource = `acct:alice@${EMAIL_DOMAIN}`;
    const all = await webfinger({ resource });
    expect(await all.json()).toEqual({ subject: resource, links: [{ rel: ISSUER_REL, href: issuer }] });
    const other = await webfinger({ resource, rel: 'http://webfinger.net/rel/profile-page' });
    expect(other.status).toBe(200);
    expect(await other.json()).toEqual({ subject: resource, links: [] });
    const both = await webfinger({ resource, rel: ['http://webfinger.net/rel/profile-page', ISSUER_REL] });
    expect(await both.json()).toEqual({ subject: resource, links: [{ rel: ISSUER_REL, href: issuer }] });
  });

  it('answers HEAD like GET, without a body, and refuses other methods', async () => {
    const head = await webfinger({ resource: `acct:alice@${EMAIL_DOMAIN}` }, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^application\/jrd\+json\b/);
    expect(await head.text()).toBe('');
    const post = await webfinger({ resource: `acct:alice@${EMAIL_DOMAIN}` }, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await post.json()).toEqual({ error: 'method_not_allowed', message: 'WebFinger answers GET and HEAD only, not POST.' });
  });
});

describe('a bad WebFinger request', () => {
  it.each([
    ['no resource', {}, 'resource: is required, like /.well-known/webfinger?resource=acct:alice@example.com'],
    ['an empty resource', { resource: '' }, 'resource: is required, like /.well-known/webfinger?resource=acct:alice@example.com'],
    [
      'two resources',
      { resource: ['acct:alice@home.example', 'acct:bob@home.example'] },
      'resource: must be given once (a WebFinger request asks about one account)',
    ],
    [
      'a mailto: URI',
      { resource: 'mailto:alice@home.example' },
      'resource: must be an acct: URI like acct:alice@example.com (Gatehouse answers WebFinger for email addresses only)',
    ],
    [
      'an https URL',
      { resource: 'https://home.example/alice' },
      'resource: must be an acct: URI like acct:alice@example.com (Gatehouse answers WebFinger for email addresses only)',
    ],
    [
      'a bare address',
      { resource: 'alice@home.example' },
      'resource: must be an acct: URI like acct:alice@example.com (Gatehouse answers WebFinger for email addresses only)',
    ],
    ['acct: without a host', { resource: 'acct:alice' }, 'resource: must be acct: followed by an email address, like acct:alice@example.com'],
    ['acct: without a user', { resource: 'acct:@home.example' }, 'resource: must be acct: followed by an email address, like acct:alice@example.com'],
    ['acct: with an empty host', { resource: 'acct:alice@' }, 'resource: must be acct: followed by an email address, like acct:alice@example.com'],
    ['acct: with a space', { resource: 'acct:al ice@home.example' }, 'resource: must be acct: followed by an email address, like acct:alice@example.com'],
    [
      'acct: with a control character',
      { resource: 'acct:al\u0000ice@home.example' },
      'resource: must be acct: followed by an email address, like acct:alice@example.com',
    ],
    ['acct: with a path', { resource: 'acct:alice@home.example/x' }, 'resource: must be acct: followed by an email address, like acct:alice@example.com'],
    ['a resource too long', { resource: `acct:${'a'.repeat(600)}@home.example` }, 'resource: must be at most 512 characters'],
  ])('is refused with 400 and a sentence: %s', async (_what, params, message) => {
    const response = await webfinger(params as Record<string, string | string[]>);
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(await response.json()).toEqual({ error: 'invalid_input', message, field: 'resource' });
  });
});

// The Tailscale template's lines, pasted into the site of the email domain, in front of this Gatehouse.
const tailscale = findTemplate('tailscale')!;
const rendered = () =>
  renderTemplate(tailscale, { issuer: server.issuer, clientId: 'tailscale', clientSecret: 'unused', inputs: { emailDomain: EMAIL_DOMAIN }, allowedGroups: [] });
const SNIPPET_LANGUAGE: Partial<Record<ProxyKind, string>> = { caddy: 'caddyfile', nginx: 'nginx' };

describe.each(['caddy', 'nginx'] as const)('through %s on the email domain, with the Tailscale template lines', (kind) => {
  describe.skipIf(!proxyAvailable(kind))(kind, () => {
    let proxy: Awaited<ReturnType<typeof startReverseProxy>>;
    beforeAll(async () => {
      const lines = rendered().snippets.find((block) => block.language === SNIPPET_LANGUAGE[kind])!.text;
      proxy = await startReverseProxy(kind, EMAIL_DOMAIN, lines);
    });
    afterAll(async () => {
      await proxy?.close();
    });

    /** Asked as Tailscale asks, at the email domain: here its name in the Host header (Node's fetch drops one it is given), on the proxy's port. */
    const throughProxy = (params: Record<string, string>) =>
      new Promise<Response>((resolve, reject) => {
        const path = `/.well-known/webfinger?${new URLSearchParams(params)}`;
        const request = httpGet({ host: '127.0.0.1', port: proxy.port, path, headers: { host: EMAIL_DOMAIN } }, (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () =>
            resolve(new Response(Buffer.concat(chunks), { status: answer.statusCode, headers: answer.headers as Record<string, string> })),
          );
        });
        request.on('error', reject);
      });

    it('answers with the issuer of discovery, for a known and an unknown address', async () => {
      for (const email of [`alice@${EMAIL_DOMAIN}`, `nobody@${EMAIL_DOMAIN}`]) {
        const response = await throughProxy({ resource: `acct:${email}`, rel: ISSUER_REL });
        expect(response.status, email).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^application\/jrd\+json\b/);
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
        expect(await response.json()).toEqual({ subject: `acct:${email}`, links: [{ rel: ISSUER_REL, href: issuer }] });
      }
    });

    it('passes a bad request on and its 400 back', async () => {
      const response = await throughProxy({ resource: 'mailto:alice@home.example' });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_input', field: 'resource' });
    });
  });
});
