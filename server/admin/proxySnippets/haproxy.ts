// The haproxy.cfg sections that put one protected app behind Gatehouse's forward-auth check, and the Lua
// script they load. Facts of HAProxy 2.6 it relies on: HAProxy does not normalize paths (normalize-uri is
// experimental there), so a bypass path skips the check only when written plainly, as the check itself
// requires; `http-request` rules run in the order written (strip, then check); a Lua action can stop a
// request with its own reply.
import { isIP } from 'node:net';
import { HAPROXY_LUA, HAPROXY_LUA_ACTION, HAPROXY_LUA_PATH, HAPROXY_NO_HEADERS } from './haproxyLua.ts';
import { copiedHeaders, strippedHeaders, UPSTREAM_PLACEHOLDER } from './identityHeaderNames.ts';
import type { SnippetInput } from './snippetInput.ts';

export function haproxySnippet({ app, gatehouseUrl }: SnippetInput): { config: string; lua: string } {
  const id = app.id;
  const portless = app.hosts.filter((host) => !/:\d+$/.test(host));
  const prefixed = app.pathPrefixes.length > 0 && !app.pathPrefixes.includes('/');
  // Every rule for the app is on its host (and, with prefixes, its paths); the callback only on the host.
  const mine = prefixed ? `${id}_host ${id}_path` : `${id}_host`;
  const headers = copiedHeaders(app.identityHeaders);
  const check = `http-request lua.${HAPROXY_LUA_ACTION} ${gatehouseUrl} ${headers.length > 0 ? headers.join(',') : HAPROXY_NO_HEADERS}`;
  const lines: string[] = [
    `# ${app.name}, protected by Gatehouse (forward-auth). Needs HAProxy 2.6 or later with Lua.`,
    'global',
    `    # Once per HAProxy: the Gatehouse script (save it as ${HAPROXY_LUA_PATH}).`,
    `    lua-load ${HAPROXY_LUA_PATH}`,
    '',
    `# A frontend for ${app.hosts.length > 1 ? 'these hosts' : 'this host'} (or add its lines to the frontend that already serves ${app.hosts.length > 1 ? 'them' : 'it'}).`,
    `frontend ${id}`,
    '    bind :80',
    '    mode http',
    `    acl ${id}_host req.hdr(host) -i ${app.hosts.join(' ')}`,
  ];
  // A host named without a port matches it on any port.
  if (portless.length > 0) lines.push(`    acl ${id}_host req.hdr(host) -i -m beg ${portless.map((host) => `${host}:`).join(' ')}`);
  if (prefixed) lines.push(...pathAcl(`${id}_path`, app.pathPrefixes));
  lines.push('    acl gatehouse_callback path_beg /.gatehouse/');
  const bypass = app.bypassPaths.length > 0;
  if (bypass) {
    lines.push(
      `    # Paths that skip the check, only when written plainly (so ${app.bypassPaths[0]!.replace(/\/$/, '')}/../admin is checked).`,
      ...pathAcl(`${id}_bypass`, app.bypassPaths),
      '    acl gatehouse_odd_path path -m sub % \\\\ // /./ /../',
      '    acl gatehouse_odd_path path -m end /. /..',
    );
  }
  lines.push(
    '    # Identity headers come from Gatehouse only: remove any the client sent.',
    ...strippedHeaders(app.identityHeaders).map((name) => `    http-request del-header ${name} if ${mine}`),
    '    # Ask Gatehouse; a sign-in redirect, 401 or 403 goes back to the client as it is.',
    ...dnsNote(gatehouseUrl),
    bypass
      ? `    ${check} if ${mine} !gatehouse_callback !${id}_bypass || ${mine} !gatehouse_callback gatehouse_odd_path`
      : `    ${check} if ${mine} !gatehouse_callback`,
    '    # Sign-in callback and sign-out for this app: straight to Gatehouse, never checked.',
    `    use_backend gatehouse_auth if ${id}_host gatehouse_callback`,
    `    use_backend ${id} if ${mine}`,
    '',
    '# Once per HAProxy: Gatehouse itself.',
    'backend gatehouse_auth',
    '    mode http',
    '    option forwardfor',
    '    http-request set-header X-Forwarded-Proto https if { ssl_fc }',
    '    http-request set-header X-Forwarded-Proto http if !{ ssl_fc }',
    '    http-request set-header X-Forwarded-Host %[req.hdr(host)]',
    `    server gatehouse ${serverAddress(gatehouseUrl)}`,
    '',
    `backend ${id}`,
    '    mode http',
    `    server ${id} ${UPSTREAM_PLACEHOLDER} # your app's address`,
  );
  return { config: `${lines.join('\n')}\n`, lua: HAPROXY_LUA };
}

/** ACL lines for prefixes matched at a segment boundary: `/sonarr` itself and everything under `/sonarr/`. */
function pathAcl(name: string, prefixes: string[]): string[] {
  return [
    `    acl ${name} path ${prefixes.join(' ')}`,
    `    acl ${name} path_beg ${prefixes.map((prefix) => (prefix.endsWith('/') ? prefix : `${prefix}/`)).join(' ')}`,
  ];
}

/** HAProxy's HTTP client resolves names with its DNS resolvers only, never /etc/hosts. */
function dnsNote(gatehouseUrl: string): string[] {
  const { hostname } = new URL(gatehouseUrl);
  return isIP(hostname.replace(/^\[|\]$/g, '')) ? [] : [`    # HAProxy's Lua looks ${hostname} up in DNS, not /etc/hosts: an IP address is safer.`];
}

/** A `server` line's address (and TLS options) for Gatehouse's URL. */
function serverAddress(gatehouseUrl: string): string {
  const url = new URL(gatehouseUrl);
  const https = url.protocol === 'https:';
  const address = `${url.hostname}:${url.port || (https ? '443' : '80')}`;
  return https ? `${address} ssl verify required ca-file @system-ca sni str(${url.hostname})` : address;
}
