// Gatehouse serving https itself (the desktop wizard's "directly on my network"): a certificate and key
// from files, refused with a sentence when they are unreadable or do not belong together.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatehouse } from '../../server/index.ts';
import { runCli } from '../support/cliProcess.ts';
import { makeNamedPipe } from '../support/namedPipe.ts';
import { makeSelfSignedCertificate } from '../support/selfSignedCertificate.ts';
import { freePort, localOptions } from '../support/testServer.ts';

let dir: string;
const file = (name: string) => path.join(dir, name);

function fetchTrusting(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    }).on('error', reject);
  });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-tls-'));
  makeSelfSignedCertificate(file('one.crt'), file('one.key'));
  makeSelfSignedCertificate(file('two.crt'), file('two.key'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('https without a proxy', () => {
  it('serves discovery over https with the given certificate, and the health check follows', async () => {
    const port = await freePort();
    const gatehouse = createGatehouse({
      ...localOptions(port, mkdtempSync(path.join(dir, 'data-'))),
      issuer: `https://localhost:${port}`,
      tlsCertFile: file('one.crt'),
      tlsKeyFile: file('one.key'),
    });
    try {
      expect(await gatehouse.start()).toMatchObject({ state: 'running', tls: true });
      expect(gatehouse.warnings().join(' ')).not.toMatch(/serves plain http/);
      const discovery = await fetchTrusting(`https://localhost:${port}/.well-known/openid-configuration`, readFileSync(file('one.crt')));
      expect(discovery.status).toBe(200);
      expect(JSON.parse(discovery.body).issuer).toBe(`https://localhost:${port}`);
      const health = await runCli([
        'healthcheck',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--tls-cert-file',
        file('one.crt'),
        '--tls-key-file',
        file('one.key'),
        '--data-dir',
        dir,
      ]);
      expect(health.stdout).toBe(`healthy: https://127.0.0.1:${port}/healthz\n`);
    } finally {
      await gatehouse.stop();
      gatehouse.close();
    }
  });

  it("refuses to start, in a sentence, with a key that is not the certificate's or a file it cannot read", async () => {
    const port = await freePort();
    const options = { ...localOptions(port, mkdtempSync(path.join(dir, 'data-'))), issuer: `https://localhost:${port}` };
    const mismatched = createGatehouse({ ...options, tlsCertFile: file('one.crt'), tlsKeyFile: file('two.key') });
    await expect(mismatched.start()).rejects.toThrow(/cannot be used together .* give a PEM certificate chain and the PEM private key that belongs to it/);
    mismatched.close();
    const missing = createGatehouse({ ...options, tlsCertFile: file('absent.crt'), tlsKeyFile: file('one.key') });
    await expect(missing.start()).rejects.toThrow(/Cannot read the TLS certificate .*absent\.crt \(ENOENT\)/);
    missing.close();
  });

  it.each(['a named pipe', '/dev/zero'])('refuses to start, at once and in a sentence, with %s as the certificate', async (kind) => {
    const port = await freePort();
    const pipe = kind === 'a named pipe' ? makeNamedPipe(file(`start-${port}.pipe`)) : undefined;
    const cert = pipe?.path ?? '/dev/zero';
    const gatehouse = createGatehouse({
      ...localOptions(port, mkdtempSync(path.join(dir, 'data-'))),
      issuer: `https://localhost:${port}`,
      tlsCertFile: cert,
      tlsKeyFile: file('one.key'),
    });
    try {
      const started = Date.now();
      await expect(gatehouse.start()).rejects.toMatchObject({
        code: 'tls_file_not_regular',
        field: 'tlsCertFile',
        message: expect.stringMatching(/^The TLS certificate .* is not a regular file/),
      });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(gatehouse.status().state).toBe('stopped');
    } finally {
      pipe?.close();
      gatehouse.close();
    }
  });

  it('warns when the issuer is https but nothing serves https', () => {
    const gatehouse = createGatehouse({ ...localOptions(0, mkdtempSync(path.join(dir, 'data-'))), issuer: 'https://auth.home.example' });
    expect(gatehouse.warnings().join(' ')).toMatch(/is https, but Gatehouse serves plain http and trusts no proxy/);
    gatehouse.close();
  });

  it('takes the pair from flags, refuses half of it, and the console checks the files before saving them', async () => {
    const half = await runCli(['setup-link', '--data-dir', mkdtempSync(path.join(dir, 'data-')), '--tls-cert-file', file('one.crt')]);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/tlsKeyFile \(not set\): must be set as well, because tlsCertFile is set \(from --tls-cert-file\)/);
    writeFileSync(file('not-a-cert.pem'), 'hello');
    const gatehouse = createGatehouse(localOptions(0, mkdtempSync(path.join(dir, 'data-'))));
    try {
      await expect(
        gatehouse.runAdmin('settings.update', { tlsCertFile: file('not-a-cert.pem'), tlsKeyFile: file('one.key'), confirm: true }),
      ).rejects.toMatchObject({ code: 'tls_files_invalid', field: 'tlsCertFile' });
      await expect(gatehouse.runAdmin('settings.update', { tlsCertFile: file('one.crt'), confirm: true })).rejects.toMatchObject({
        code: 'tls_incomplete',
        field: 'tlsKeyFile',
      });
      const saved = await gatehouse.runAdmin('settings.update', { tlsCertFile: file('one.crt'), tlsKeyFile: file('one.key'), confirm: true });
      expect(saved).toMatchObject({ restart: 'restart_required' });
    } finally {
      gatehouse.close();
    }
  });
});
