// Forward-auth request matching: the forwarded facts a proxy sends, the path as a server reads it, which
// protected app a request is for, and that a bypass path never lets a traversal skip the check.
import { describe, expect, it } from 'vitest';
import {
  appChoiceIsAmbiguous,
  buildAppIndex,
  bypasses,
  isNormalPath,
  matchApp,
  matchAppUrl,
  normalizePath,
  parseForwardedRequest,
} from '../../server/model/forwardAuthRequest.ts';
import type { ProtectedApp } from '../../server/model/protectedApps.ts';
import { protectedAppRecord } from '../support/protectedAppRecord.ts';

const app = (id: string, hosts: string[], more: Partial<ProtectedApp> = {}) => protectedAppRecord({ id, name: id, hosts, ...more });

describe('the forwarded facts', () => {
  it('reads method, proto, host and URI, lower-casing the host and splitting off the query', () => {
    expect(parseForwardedRequest({ method: 'get', proto: 'HTTPS', host: 'Sonarr.Home.Example:8443', uri: '/api/x?q=1#f' })).toEqual({
      method: 'GET',
      proto: 'https',
      host: 'sonarr.home.example:8443',
      uri: '/api/x?q=1#f',
      path: '/api/x',
    });
  });

  it('defaults a missing method to GET and a missing proto to http', () => {
    expect(parseForwardedRequest({ host: 'a.example', uri: '/' })).toMatchObject({ method: 'GET', proto: 'http' });
  });

  it('refuses a missing or malformed host, URI, method or proto', () => {
    for (const headers of [
      { uri: '/' },
      { host: 'a.example' },
      { host: 'a.example, b.example', uri: '/' },
      { host: 'a.example/x', uri: '/' },
      { host: 'a.example:99999x', uri: '/' },
      { host: 'a.example', uri: 'http://b.example/' },
      { host: 'a.example', uri: '/a b' },
      { host: 'a.example', uri: '/\u00e9' },
      { host: 'a.example', uri: '/', proto: 'ftp' },
      { host: 'a.example', uri: '/', method: 'GET /' },
    ]) {
      expect(parseForwardedRequest(headers), JSON.stringify(headers)).toBeUndefined();
    }
  });

  it('takes an IPv6 literal and drops a trailing dot of a name', () => {
    expect(parseForwardedRequest({ host: '[::1]:8080', uri: '/' })?.host).toBe('[::1]:8080');
    expect(parseForwardedRequest({ host: 'a.example.', uri: '/' })?.host).toBe('a.example');
  });
});

describe('the normalized path', () => {
  it.each([
    ['/', '/'],
    ['/a/b', '/a/b'],
    ['/a/b/', '/a/b/'],
    ['//a///b', '/a/b'],
    ['/a/./b', '/a/b'],
    ['/a/../b', '/b'],
    ['/../../etc', '/etc'],
    ['/a/b/..', '/a/'],
    ['/%61dmin', '/admin'],
    ['/%2e%2e/admin', '/admin'],
    ['/health/%2E%2E/admin', '/admin'],
    ['/a%2fb', '/a%2Fb'],
    ['/a\\..\\admin', '/admin'],
    ['/a%5c..%5cadmin', '/admin'],
    ['/caf%c3%a9', '/caf%C3%A9'],
  ])('%s reads as %s', (raw, normal) => {
    expect(normalizePath(raw)).toBe(normal);
  });

  it('calls a path normal only when it is sent as a server reads it', () => {
    expect(isNormalPath('/health')).toBe(true);
    expect(isNormalPath('/health/')).toBe(true);
    for (const raw of [
      '/health/../admin',
      '/health/./x',
      '/health//x',
      '/health%2F..%2Fadmin',
      '/health%2e',
      '/health\\x',
      '/health%5cx',
      '/h%65alth',
      '/health/..;/admin',
      '/health/.;x/y',
    ]) {
      expect(isNormalPath(raw), raw).toBe(false);
    }
  });
});

describe('matching an app', () => {
  const whole = app('whole', ['home.example']);
  const sonarr = app('sonarr', ['home.example'], { pathPrefixes: ['/sonarr'] });
  const deep = app('deep', ['home.example'], { pathPrefixes: ['/sonarr/admin'] });
  const ported = app('ported', ['home.example:8443']);
  const index = buildAppIndex([whole, sonarr, deep, ported, app('other', ['other.example', 'OTHER2.example'])]);

  it('matches a host without a port in the app at any port', () => {
    expect(matchApp(index, 'other.example', 'http', '/')?.id).toBe('other');
    expect(matchApp(index, 'other.example:9000', 'https', '/x')?.id).toBe('other');
    expect(matchApp(index, 'other2.example', 'http', '/')?.id).toBe('other');
  });

  it('matches a host with a port only at that port, the default one counting by scheme', () => {
    expect(matchApp(index, 'home.example:8443', 'https', '/')?.id).toBe('ported');
    expect(matchApp(index, 'home.example', 'https', '/')?.id).toBe('whole');
    const https = buildAppIndex([app('tls', ['tls.example:443'])]);
    expect(matchApp(https, 'tls.example', 'https', '/')?.id).toBe('tls');
    expect(matchApp(https, 'tls.example', 'http', '/')).toBeUndefined();
  });

  it('lets the longest prefix win, at a segment boundary', () => {
    expect(matchApp(index, 'home.example', 'http', '/sonarr')?.id).toBe('sonarr');
    expect(matchApp(index, 'home.example', 'http', '/sonarr/x')?.id).toBe('sonarr');
    expect(matchApp(index, 'home.example', 'http', '/sonarr/admin/users')?.id).toBe('deep');
    expect(matchApp(index, 'home.example', 'http', '/sonarrx')?.id).toBe('whole');
    expect(matchApp(index, 'home.example', 'http', '/')?.id).toBe('whole');
  });

  it('denies an unknown host, and a host whose apps all have prefixes elsewhere', () => {
    expect(matchApp(index, 'unknown.example', 'http', '/')).toBeUndefined();
    expect(matchApp(index, 'sub.home.example', 'http', '/')).toBeUndefined();
    const prefixed = buildAppIndex([sonarr]);
    expect(matchApp(prefixed, 'home.example', 'http', '/radarr')).toBeUndefined();
  });

  it('chooses by the normalized path, so a traversal lands on the app it really reaches', () => {
    const request = parseForwardedRequest({ host: 'home.example', uri: '/x/%2e%2e/sonarr/%61dmin/users?q' })!;
    expect(matchApp(index, request.host, request.proto, normalizePath(request.path))?.id).toBe('deep');
    expect(matchApp(index, 'home.example', 'http', normalizePath('/sonarr/x/../admin'))?.id).toBe('deep');
    expect(matchApp(index, 'home.example', 'http', normalizePath('/sonarr\\admin'))?.id).toBe('deep');
  });

  it('calls an odd path ambiguous only on a host split into path prefixes', () => {
    const split = buildAppIndex([app('sonarr', ['home.example'], { pathPrefixes: ['/sonarr'] }), app('whole', ['home.example'])]);
    const single = buildAppIndex([app('files', ['files.example'])]);
    for (const raw of ['/sonarr%2F..%2Fadmin', '/sonarr/../x', '/sonarr/..;/x', '/sonarr//x']) {
      expect(appChoiceIsAmbiguous(split, 'home.example:8080', raw), raw).toBe(true);
      expect(appChoiceIsAmbiguous(single, 'files.example', raw), raw).toBe(false);
    }
    expect(appChoiceIsAmbiguous(split, 'home.example', '/sonarr/series')).toBe(false);
  });

  it('matches an absolute return URL the same way, and nothing but http(s)', () => {
    expect(matchAppUrl(index, new URL('https://home.example:8443/x'))?.id).toBe('ported');
    expect(matchAppUrl(index, new URL('http://home.example/sonarr/admin/../x?y'))?.id).toBe('sonarr');
    expect(matchAppUrl(index, new URL('https://evil.example/sonarr'))).toBeUndefined();
    expect(matchAppUrl(index, new URL('javascript://home.example/'))).toBeUndefined();
  });
});

describe('bypass paths', () => {
  const withHealth = app('a', ['a.example'], { bypassPaths: ['/health', '/hooks/in'] });

  it('apply to a path in normal form under one, at a segment boundary', () => {
    expect(bypasses(withHealth, '/health')).toBe(true);
    expect(bypasses(withHealth, '/health/live')).toBe(true);
    expect(bypasses(withHealth, '/hooks/in/github')).toBe(true);
    expect(bypasses(withHealth, '/healthx')).toBe(false);
    expect(bypasses(withHealth, '/hooks')).toBe(false);
    expect(bypasses(app('b', ['b.example']), '/health')).toBe(false);
  });

  it.each([
    '/health/../admin',
    '/health/%2e%2e/admin',
    '/health/%2E%2E/admin',
    '/health%2F..%2Fadmin',
    '/health%2f..%2fadmin',
    '/health/..%2fadmin',
    '/health\\..\\admin',
    '/health%5C..%5Cadmin',
    '/health//../admin',
    '/health/./../admin',
    '//health/../admin',
    '/h%65alth',
  ])('never apply to %s', (raw) => {
    expect(bypasses(withHealth, raw)).toBe(false);
  });
});
