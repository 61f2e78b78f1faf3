// The HAProxy snippet the console shows: HAProxy 2.6 itself accepts it (with no warning) for every shape of
// app, and it strips client-supplied identity headers before it asks Gatehouse. What it does with real
// requests is tests/e2e/forwardAuthHaproxy.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { haproxySnippet } from '../../server/admin/proxySnippets/haproxy.ts';
import { DEFAULT_IDENTITY_HEADERS, type ProtectedApp } from '../../server/model/protectedApps.ts';
import { protectedAppRecord } from '../support/protectedAppRecord.ts';
import { pasteHaproxySnippet } from '../support/haproxyPaste.ts';
import { BINARIES, haproxyCfg, proxyAvailable } from '../support/reverseProxy.ts';

const app = protectedAppRecord;

const input = (protectedApp: ProtectedApp, gatehouseUrl = 'http://127.0.0.1:8080') => ({
  app: protectedApp,
  gatehouseUrl,
  issuer: 'https://auth.home.example',
});

const SHAPES: [string, ProtectedApp, string?][] = [
  ['one host, the default headers', app()],
  [
    'hosts with and without a port, path prefixes, bypass paths',
    app({
      hosts: ['sonarr.home.example', 'media.example.net:8443'],
      pathPrefixes: ['/sonarr', '/sonarr-api'],
      bypassPaths: ['/sonarr/ping', '/sonarr/api/webhook'],
    }),
  ],
  ['renamed and left-out headers', app({ identityHeaders: { user: 'X-Webauth-User', email: null, name: null, groups: 'X-Webauth-Groups' } })],
  ['no identity headers at all', app({ identityHeaders: { user: null, email: null, name: null, groups: null } })],
  ['Gatehouse reached over https', app({ id: 'grafana', name: 'Grafana', hosts: ['grafana.home.example'] }), 'https://localhost:8443'],
];

describe('the HAProxy snippet', () => {
  it('loads one Lua script that is the same for every app and names no Gatehouse address', () => {
    const first = haproxySnippet(input(app()));
    const second = haproxySnippet(input(app({ id: 'radarr', name: 'Radarr', hosts: ['radarr.lan'] }), 'http://10.0.0.5:9000'));
    expect(second.lua).toBe(first.lua);
    expect(first.lua).not.toContain('127.0.0.1');
    expect(first.config).toContain('lua-load /etc/haproxy/gatehouse-forward-auth.lua');
    expect(second.config).toContain('http-request lua.gatehouse-forward-auth http://10.0.0.5:9000 Remote-User,Remote-Email,Remote-Name,Remote-Groups');
  });

  it('removes every identity header a client could send, underscore spellings too, before asking Gatehouse', () => {
    const lines = haproxySnippet(input(app({ identityHeaders: { ...DEFAULT_IDENTITY_HEADERS, user: 'X-Webauth-User' } }))).config.split('\n');
    const check = lines.findIndex((line) => line.includes('http-request lua.gatehouse-forward-auth'));
    for (const name of ['X-Webauth-User', 'X_Webauth_User', 'Remote-User', 'Remote_User', 'Remote-Email', 'Remote-Groups']) {
      const strip = lines.findIndex((line) => line.trim() === `http-request del-header ${name} if sonarr_host`);
      expect(strip, name).toBeGreaterThan(-1);
      expect(strip, name).toBeLessThan(check);
    }
  });

  it('sends /.gatehouse/ on the app host to Gatehouse, unchecked, and the rest of the app to its backend', () => {
    const { config } = haproxySnippet(input(app({ pathPrefixes: ['/sonarr'] })));
    expect(config).toContain(
      'http-request lua.gatehouse-forward-auth http://127.0.0.1:8080 Remote-User,Remote-Email,Remote-Name,Remote-Groups if sonarr_host sonarr_path !gatehouse_callback',
    );
    expect(config).toContain('use_backend gatehouse_auth if sonarr_host gatehouse_callback');
    expect(config).toContain('use_backend sonarr if sonarr_host sonarr_path');
    expect(config).toMatch(/backend gatehouse_auth\n(?: {4}.*\n)* {4}server gatehouse 127\.0\.0\.1:8080\n/);
  });

  describe.skipIf(!proxyAvailable('haproxy'))('checked by HAProxy', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-haproxy-check-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each(SHAPES)('is accepted without a warning: %s', (_shape, protectedApp, gatehouseUrl) => {
      const config = path.join(dir, `${protectedApp.id}.cfg`);
      const pasted = pasteHaproxySnippet(haproxySnippet(input(protectedApp, gatehouseUrl)), { dir, port: 8080, upstream: '127.0.0.1:8989' });
      writeFileSync(config, haproxyCfg(pasted));
      // -dW: a warning fails the check, as an error would.
      const result = spawnSync(BINARIES.haproxy, ['-c', '-dW', '-f', config], { encoding: 'utf8' });
      expect(`${result.stdout}${result.stderr}`).toContain('Configuration file is valid');
      expect(result.status).toBe(0);
    });
  });
});
