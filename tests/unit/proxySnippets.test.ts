// The Caddy, nginx and Traefik snippets the console shows for a protected app: every host, the
// `/.gatehouse/` route, bypass paths and path prefixes, client identity headers stripped and Gatehouse's
// copied; Caddy 2.6 and nginx 1.22 themselves accept each shape (`caddy validate`, `nginx -t`). Traefik is
// not on this machine: its YAML is parsed and held to Traefik v3's documented ForwardAuth options. What the
// proxies do with real requests is tests/e2e/forwardAuthProxies.test.ts.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { caddySnippet } from '../../server/admin/proxySnippets/caddy.ts';
import { strippedHeaders } from '../../server/admin/proxySnippets/identityHeaderNames.ts';
import { nginxSnippet } from '../../server/admin/proxySnippets/nginx.ts';
import { traefikSnippet } from '../../server/admin/proxySnippets/traefik.ts';
import type { ProtectedApp } from '../../server/model/protectedApps.ts';
import { protectedAppRecord } from '../support/protectedAppRecord.ts';
import { proxyAvailable, proxyRefusal } from '../support/reverseProxy.ts';

const GATEHOUSE = 'http://127.0.0.1:9460';

const app = protectedAppRecord;

const input = (protectedApp: ProtectedApp, gatehouseUrl = GATEHOUSE) => ({ app: protectedApp, gatehouseUrl, issuer: 'https://auth.home.example' });

const FULL = app({
  hosts: ['sonarr.home.example', 'tv.other-lab.example:8443'],
  pathPrefixes: ['/sonarr', '/sonarr-api'],
  bypassPaths: ['/sonarr/ping', '/sonarr/api;webhook'],
  identityHeaders: { user: 'X-Webauth-User', email: null, name: 'Remote-Name', groups: 'X-Webauth-Groups' },
});

const SHAPES: [string, ProtectedApp][] = [
  ['one host, the default headers', app()],
  ['hosts with and without a port, prefixes, bypass paths, renamed and left-out headers', FULL],
  ['no identity headers at all', app({ identityHeaders: { user: null, email: null, name: null, groups: null } })],
  ['a prefix of / (the whole host)', app({ pathPrefixes: ['/'], bypassPaths: ['/health'] })],
];

/** Lines without their indentation, for looking lines up whatever block they are in. */
const lines = (text: string) => text.split('\n').map((line) => line.trim());

/** Each block `opener {` … `}` of the text, as its trimmed lines (nested blocks included). */
function block(text: string, opener: string): string[] {
  const all = lines(text);
  const start = all.indexOf(`${opener} {`);
  expect(start, `no block "${opener} {" in:\n${text}`).toBeGreaterThanOrEqual(0);
  let depth = 0;
  for (let i = start; i < all.length; i++) {
    if (all[i]!.endsWith('{')) depth++;
    if (all[i]!.startsWith('}')) depth--;
    if (depth === 0) return all.slice(start, i + 1);
  }
  throw new Error(`unclosed block ${opener}`);
}

describe('which headers the snippets strip', () => {
  it('the app’s names, the default ones, and each with underscores (read as the same by CGI-style servers)', () => {
    expect(strippedHeaders(FULL.identityHeaders)).toEqual([
      'X-Webauth-User',
      'X_Webauth_User',
      'Remote-Name',
      'Remote_Name',
      'X-Webauth-Groups',
      'X_Webauth_Groups',
      'Remote-User',
      'Remote_User',
      'Remote-Email',
      'Remote_Email',
      'Remote-Groups',
      'Remote_Groups',
    ]);
  });
});

describe('the Caddy snippet', () => {
  it('is one site block for every host, with /.gatehouse/* to Gatehouse unchecked', () => {
    const text = caddySnippet(input(FULL));
    expect(lines(text)).toContain('sonarr.home.example, tv.other-lab.example:8443 {');
    expect(block(text, 'handle /.gatehouse/*')).toEqual(['handle /.gatehouse/* {', `reverse_proxy ${GATEHOUSE}`, '}']);
  });

  it('strips client identity headers, then asks Gatehouse, then proxies with the app’s headers copied', () => {
    const text = caddySnippet(input(FULL));
    const strip = block(text, '(gatehouse_strip_sonarr)');
    expect(strip.slice(1, -1)).toEqual(strippedHeaders(FULL.identityHeaders).map((name) => `request_header -${name}`));
    const checked = block(text, 'route').filter((line) => !line.startsWith('#'));
    expect(checked).toEqual([
      'route {',
      'import gatehouse_strip_sonarr',
      `forward_auth ${GATEHOUSE} {`,
      'uri /forward-auth/check',
      'copy_headers X-Webauth-User Remote-Name X-Webauth-Groups',
      '}',
      "reverse_proxy localhost:8989 # your app's address",
      '}',
    ]);
  });

  it('checks only the app’s prefixes, at a segment boundary, and lets bypass paths through stripped', () => {
    const text = caddySnippet(input(FULL));
    // path_regexp, not path: Caddy's path matcher ignores case, and the check does not.
    expect(lines(text)).toContain('@gatehouse_app path_regexp ^(?:/sonarr|/sonarr-api)(?:/|$)');
    expect(lines(text)).toContain('@gatehouse_bypass path_regexp ^(?:/sonarr/ping|/sonarr/api;webhook)(?:/|$)');
    expect(block(text, 'handle @gatehouse_bypass')).toEqual([
      'handle @gatehouse_bypass {',
      'import gatehouse_strip_sonarr',
      "reverse_proxy localhost:8989 # your app's address",
      '}',
    ]);
    const whole = caddySnippet(input(app()));
    expect(lines(whole)).toContain('handle {');
    expect(whole).not.toContain('@gatehouse_app');
    expect(whole).not.toContain('@gatehouse_bypass');
  });

  it('copies nothing when the app gets no identity headers, and still strips the default names', () => {
    const text = caddySnippet(input(SHAPES[2]![1]));
    expect(text).not.toContain('copy_headers');
    expect(block(text, '(gatehouse_strip_sonarr)')).toContain('request_header -Remote-User');
  });

  describe.skipIf(!proxyAvailable('caddy'))('Caddy 2.6 accepts it', () => {
    it.each(SHAPES)('%s', (_, shape) => {
      expect(proxyRefusal('caddy', caddySnippet(input(shape)))).toBeUndefined();
    });
  });
});

describe('the nginx snippet', () => {
  it('is one server block for every name and port, with /.gatehouse/ to Gatehouse unchecked', () => {
    const text = nginxSnippet(input(FULL));
    const all = lines(text);
    expect(all).toContain('server_name sonarr.home.example tv.other-lab.example;');
    expect(all).toContain('listen 80;');
    expect(all).toContain('listen 8443;');
    const gatehouse = block(text, 'location ^~ /.gatehouse/');
    expect(gatehouse).toContain('auth_request off;');
    expect(gatehouse).toContain(`proxy_pass ${GATEHOUSE};`);
  });

  it('asks the nginx check with exactly the X-Forwarded-* headers it reads, and turns its 401 into the sign-in redirect', () => {
    const text = nginxSnippet(input(FULL));
    const check = block(text, 'location = /.gatehouse-check');
    expect(check).toEqual([
      'location = /.gatehouse-check {',
      'internal;',
      `proxy_pass ${GATEHOUSE}/forward-auth/check/nginx;`,
      'proxy_pass_request_body off;',
      'proxy_set_header Content-Length "";',
      'proxy_set_header X-Forwarded-Method $request_method;',
      'proxy_set_header X-Forwarded-Proto $scheme;',
      'proxy_set_header X-Forwarded-Host $host$gatehouse_port;',
      'proxy_set_header X-Forwarded-Uri $request_uri;',
      'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
      '}',
    ]);
    const all = lines(text);
    expect(all).toContain('auth_request /.gatehouse-check;');
    expect(all).toContain('error_page 401 = @gatehouse_sign_in;');
    expect(block(text, 'location @gatehouse_sign_in')).toContain('return 302 $gatehouse_location;');
    expect(block(text, 'location = /.gatehouse-forbidden')).toContain(`proxy_pass ${GATEHOUSE}/forward-auth/check;`);
  });

  it('sets the app’s identity headers from the answer and empties every other identity name', () => {
    const text = nginxSnippet(input(FULL));
    const all = lines(text);
    expect(all).toContain('auth_request_set $gatehouse_x_webauth_user $upstream_http_x_webauth_user;');
    expect(all).toContain('auth_request_set $gatehouse_remote_name $upstream_http_remote_name;');
    expect(all).toContain('auth_request_set $gatehouse_x_webauth_groups $upstream_http_x_webauth_groups;');
    for (const prefix of ['/sonarr', '/sonarr-api']) {
      const location = block(text, `location ^~ ${prefix}`);
      expect(location.filter((line) => /^proxy_set_header (X-Webauth|Remote)/.test(line))).toEqual([
        'proxy_set_header X-Webauth-User $gatehouse_x_webauth_user;',
        'proxy_set_header Remote-Name $gatehouse_remote_name;',
        'proxy_set_header X-Webauth-Groups $gatehouse_x_webauth_groups;',
        'proxy_set_header Remote-User "";',
        'proxy_set_header Remote-Email "";',
        'proxy_set_header Remote-Groups "";',
      ]);
      expect(location).not.toContain('auth_request off;');
    }
  });

  it('lets bypass paths through unchecked at a segment boundary, identity headers emptied', () => {
    const text = nginxSnippet(input(FULL));
    for (const opener of ['location = /sonarr/ping', 'location ^~ /sonarr/ping/', 'location = "/sonarr/api;webhook"', 'location ^~ "/sonarr/api;webhook/"']) {
      const location = block(text, opener);
      expect(location).toContain('auth_request off;');
      expect(location).toContain('proxy_set_header X-Webauth-User "";');
      expect(location).toContain('proxy_set_header Remote-User "";');
    }
    expect(lines(nginxSnippet(input(app())))).toContain('location ^~ / {');
  });

  describe.skipIf(!proxyAvailable('nginx'))('nginx 1.22 accepts it', () => {
    it.each(SHAPES)('%s', (_, shape) => {
      expect(proxyRefusal('nginx', nginxSnippet(input(shape)))).toBeUndefined();
    });
  });
});

describe('the Traefik snippets', () => {
  /** The dynamic configuration the labels stand for: `traefik.http.a.b=c` → { a: { b: 'c' } }, keys lower-cased as Traefik compares them. */
  function fromLabels(text: string): Record<string, any> {
    const { labels } = parse(text) as { labels: string[] };
    const config: Record<string, any> = {};
    for (const label of labels) {
      const [key, ...value] = label.split('=');
      if (key === 'traefik.enable') continue;
      const path = key!.replace(/^traefik\.http\./, '').split('.');
      let node = config;
      for (const part of path.slice(0, -1)) node = node[part.toLowerCase()] ??= {};
      node[path.at(-1)!.toLowerCase()] = value.join('=');
    }
    return config;
  }

  it('the file: a ForwardAuth middleware with Traefik v3’s option names, replacing every identity header', () => {
    const { http } = parse(traefikSnippet(input(FULL)).file);
    expect(http.middlewares['gatehouse-sonarr'].forwardAuth).toEqual({
      address: `${GATEHOUSE}/forward-auth/check`,
      trustForwardHeader: false,
      authResponseHeaders: strippedHeaders(FULL.identityHeaders),
    });
    expect(Object.keys(http.middlewares['gatehouse-sonarr-strip'].headers.customRequestHeaders)).toEqual(strippedHeaders(FULL.identityHeaders));
  });

  it('the file: the app’s router checks its prefixes on every host; bypass and /.gatehouse/ win over it, unchecked', () => {
    const { http } = parse(traefikSnippet(input(FULL)).file);
    const hosts = '(Host(`sonarr.home.example`) || Host(`tv.other-lab.example`))';
    expect(http.routers.sonarr).toEqual({
      rule: `${hosts} && (Path(\`/sonarr\`) || PathPrefix(\`/sonarr/\`) || Path(\`/sonarr-api\`) || PathPrefix(\`/sonarr-api/\`))`,
      middlewares: ['gatehouse-sonarr'],
      service: 'sonarr',
    });
    expect(http.routers['sonarr-bypass']).toMatchObject({
      // An odd path (encoded, dot segments, //) is left to the check.
      rule: `${hosts} && (Path(\`/sonarr/ping\`) || PathPrefix(\`/sonarr/ping/\`) || Path(\`/sonarr/api;webhook\`) || PathPrefix(\`/sonarr/api;webhook/\`)) && !PathRegexp(\`(%|\\\\|//|/\\.\\.?(/|;|$))\`)`,
      middlewares: ['gatehouse-sonarr-strip'],
      service: 'sonarr',
    });
    expect(http.routers['sonarr-gatehouse']).toMatchObject({ rule: `${hosts} && PathPrefix(\`/.gatehouse/\`)`, service: 'gatehouse-sonarr' });
    // Traefik's default priority is the rule's length: explicit ones above any rule's length.
    for (const name of ['sonarr-bypass', 'sonarr-gatehouse']) expect(http.routers[name].priority).toBeGreaterThan(http.routers.sonarr.rule.length);
    expect(http.services['gatehouse-sonarr'].loadBalancer.servers).toEqual([{ url: GATEHOUSE }]);
    expect(http.services.sonarr.loadBalancer.servers).toEqual([{ url: 'http://localhost:8989' }]);
    expect(parse(traefikSnippet(input(app())).file).http.routers.sonarr.rule).toBe('Host(`sonarr.home.example`)');
  });

  it('the labels say what the file says (Gatehouse’s service comes from the file provider: a label service is a container)', () => {
    const { labels, file } = traefikSnippet(input(FULL));
    const fromFile = parse(file).http;
    const config = fromLabels(labels);
    const forwardAuth = config.middlewares['gatehouse-sonarr'].forwardauth;
    expect(forwardAuth.address).toBe(fromFile.middlewares['gatehouse-sonarr'].forwardAuth.address);
    expect(forwardAuth.trustforwardheader).toBe('false');
    expect(forwardAuth.authresponseheaders.split(',')).toEqual(fromFile.middlewares['gatehouse-sonarr'].forwardAuth.authResponseHeaders);
    for (const name of ['sonarr', 'sonarr-bypass', 'sonarr-gatehouse']) expect(config.routers[name].rule).toBe(fromFile.routers[name].rule);
    expect(config.routers['sonarr-gatehouse'].service).toBe('gatehouse-sonarr@file');
    expect(Object.keys(config.middlewares['gatehouse-sonarr-strip'].headers.customrequestheaders)).toEqual(
      strippedHeaders(FULL.identityHeaders).map((name) => name.toLowerCase()),
    );
  });
});
