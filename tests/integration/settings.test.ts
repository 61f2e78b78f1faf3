// Settings from the console: instance ones apply at once; startup ones go to gatehouse.yaml, say what
// they break before they are saved, and cannot override what a flag or the environment set.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOptions } from '../../server/config/load.ts';
import { enrol, signInWithPasskey } from '../support/flows.ts';
import { makeNamedPipe } from '../support/namedPipe.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const admin = (name: string, input: unknown) => server.gatehouse.runAdmin(name, input) as Promise<Record<string, any>>;

beforeAll(async () => {
  server = await startTestServer();
  server.provision({
    users: [{ username: 'alice' }],
    clients: [{ id: 'app', name: 'App', public: true, redirectUris: ['http://localhost:8080/cb'], skipConsent: true }],
  });
});

afterAll(async () => {
  await server?.close();
});

describe('settings', () => {
  it('applies the instance name and token lifetimes at once', async () => {
    const updated = await admin('settings.update', { instanceName: 'Home Lab', accessTokenTtl: 600 });
    expect(updated).toMatchObject({ restart: 'none', instance: { instanceName: 'Home Lab', accessTokenTtl: 600 } });
    expect(await (await fetch(`${server.issuer}/api/branding`)).json()).toEqual({ instanceName: 'Home Lab', logo: null, emailSignInCodes: false });
    const alice = await enrol(server, 'alice');
    await signInWithPasskey(server.issuer, alice);
    const options = await alice.browser.json<{ options: { rp?: { name: string } } }>(`${server.issuer}/api/account/passkeys/options`, {});
    expect(options.body.options.rp?.name).toBe('Home Lab');
  });

  it('says what a new port and issuer break, and saves them for the next start only when confirmed', async () => {
    const port = await refusal(admin('settings.update', { port: 9999 }));
    expect(port).toMatchObject({ code: 'confirmation_required', field: 'port' });
    const issuer = await refusal(admin('settings.update', { issuer: 'https://auth.home.example' }));
    expect(issuer.message).toMatch(/the 1 client must be updated to https:\/\/auth\.home\.example, and people signed in to it/);
    expect(issuer.message).toMatch(/the 1 registered passkey will not work at auth\.home\.example/);

    const saved = await admin('settings.update', { issuer: 'https://auth.home.example', trustProxy: '127.0.0.1', confirm: true });
    expect(saved).toMatchObject({ restart: 'restart_required' });
    expect(readFileSync(path.join(server.dataDir, 'gatehouse.yaml'), 'utf8')).toMatch(/issuer: https:\/\/auth\.home\.example/);
    expect(loadOptions({ flags: { dataDir: server.dataDir }, env: {} })).toMatchObject({ issuer: 'https://auth.home.example', trustProxy: ['127.0.0.1'] });
    // The running server keeps its issuer until it restarts.
    expect((await admin('overview.get', {})).issuer).toBe(server.issuer);
  });

  it('takes a logo as a small PNG, JPEG, WebP or SVG and refuses anything else beside the field', async () => {
    const { key } = await admin('apiKeys.create', { name: 'Logo test' });
    const update = async (logo: unknown) => {
      const response = await fetch(`${server.issuer}/api/admin/settings.update`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ logo }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const dataUrl = (type: string, bytes: Buffer | string) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
    const pngOfSize = (size: number) => Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(size - 8)]);
    const branding = async () => ((await (await fetch(`${server.issuer}/api/branding`)).json()) as { logo: string | null }).logo;

    const refusals: Array<[unknown, RegExp]> = [
      ['data:text/html;base64,PHA+', /^logo: must be a PNG, JPEG, WebP or SVG image$/],
      [dataUrl('image/gif', 'GIF89a\x01\x00\x01\x00'), /must be a PNG, JPEG, WebP or SVG image/],
      [dataUrl('image/png', '<html><script>alert(1)</script></html>'), /this file says it is PNG but its content is not/],
      [dataUrl('image/svg+xml', '<html><body>not a picture</body></html>'), /this file says it is SVG but its content is not/],
      [dataUrl('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /must not contain scripts/],
      [dataUrl('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), /must not contain scripts/],
      [dataUrl('image/png', pngOfSize(64 * 1024 + 1)), /^logo: must be at most 64 KB$/],
      ['https://example.com/logo.png', /must be a PNG, JPEG, WebP or SVG image/],
    ];
    for (const [logo, message] of refusals) {
      const refused = await update(logo);
      expect(refused, String(logo).slice(0, 60)).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'logo' } });
      expect(refused.body.message).toMatch(message);
    }
    expect(await branding()).toBeNull();

    // The largest logo allowed fits in an admin request (its data: URL is a third larger than the file).
    expect(await update(dataUrl('image/png', pngOfSize(64 * 1024)))).toMatchObject({ status: 200 });
    const png = dataUrl('image/png', PNG);
    expect(await update(png)).toMatchObject({ status: 200, body: { instance: { logo: png } } });
    expect(await branding()).toBe(png);
    const svg = dataUrl('image/svg+xml', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>');
    expect(await update(svg)).toMatchObject({ status: 200 });
    expect(await branding()).toBe(svg);
    expect((await admin('settings.get', {})).logoRules).toEqual({ types: ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'], maxBytes: 64 * 1024 });

    // The pages show it only as a picture (<img src="data:...">), which their CSP lets through; the JSON that
    // carries it is never taken for a page.
    const page = await fetch(`${server.issuer}/account`);
    expect(page.headers.get('content-security-policy')).toMatch(/(^|; )img-src 'self' data:(;|$)/);
    expect(page.headers.get('content-security-policy')).toMatch(/(^|; )script-src 'self'(;|$)/);
    const json = await fetch(`${server.issuer}/api/branding`);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');

    expect(await update(null)).toMatchObject({ status: 200, body: { instance: { logo: null } } });
    expect(await branding()).toBeNull();
  });

  it.each([
    ['a named pipe', 'tlsCertFile', 'tls_file_not_regular', /is not a regular file \(it is a named pipe\); give the path of the PEM file itself\.$/],
    ['/dev/zero', 'tlsKeyFile', 'tls_file_not_regular', /is not a regular file \(it is a device or socket\)/],
    ['a 2 MiB file', 'tlsKeyFile', 'tls_file_too_large', /at most 1 MiB/],
  ])('refuses %s as a TLS file at once, beside its field, and answers /healthz meanwhile', async (kind, field, code, message) => {
    const { key } = await admin('apiKeys.create', { name: `TLS ${kind}` });
    const cert = path.join(server.dataDir, 'placeholder.crt');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\n');
    const pipe = kind === 'a named pipe' ? makeNamedPipe(path.join(server.dataDir, 'cert.pipe')) : undefined;
    const big = path.join(server.dataDir, 'big.key');
    if (kind === 'a 2 MiB file') writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 'A'));
    const file = pipe?.path ?? (kind === '/dev/zero' ? '/dev/zero' : big);
    try {
      const started = Date.now();
      const update = fetch(`${server.issuer}/api/admin/settings.update`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tlsCertFile: field === 'tlsCertFile' ? file : cert, tlsKeyFile: field === 'tlsKeyFile' ? file : cert, confirm: true }),
      });
      // By now the update is being handled: a read that blocks the event loop would hold this up too.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const health = await fetch(`${server.issuer}/healthz`);
      expect({ status: health.status, quick: Date.now() - started < 1000 }).toEqual({ status: 200, quick: true });
      const answer = await update;
      expect({ status: answer.status, quick: Date.now() - started < 1000 }).toEqual({ status: 400, quick: true });
      const body = (await answer.json()) as Record<string, string>;
      expect(body).toMatchObject({ error: code, field });
      expect(body.message).toMatch(message);
      expect(body.message).toContain(file);
    } finally {
      pipe?.close();
    }
  });

  it('refuses bad values field by field, and what a flag set', async () => {
    expect(await refusal(admin('settings.update', { port: 70000 }))).toMatchObject({ name: 'ZodError' });
    expect(await refusal(admin('settings.update', { logo: 'data:text/html;base64,PHA+' }))).toMatchObject({ name: 'ZodError' });
    const fixed = await startTestServer({ options: { fixedBy: { port: '--port' } } });
    try {
      expect(await refusal(fixed.gatehouse.runAdmin('settings.update', { port: 9999, confirm: true }))).toMatchObject({
        code: 'set_at_startup',
        field: 'port',
        message: 'This is set by --port when Gatehouse starts; change it there.',
      });
    } finally {
      await fixed.close();
    }
  });
});
