// The nginx server block that puts one protected app behind Gatehouse's forward-auth check
// (`auth_request`, nginx 1.22). auth_request takes only 2xx, 401 and 403 for an answer, so Gatehouse's
// nginx check says "sign in" as a 401 carrying Location and Set-Cookie, which this block turns into the
// redirect. `proxy_set_header` with Gatehouse's value replaces what the client sent (an empty value
// drops the header), which is how client-supplied identity headers are stripped.
import type { IdentityHeaders } from '../../model/protectedApps.ts';
import { copiedHeaders, strippedHeaders, UPSTREAM_PLACEHOLDER } from './identityHeaderNames.ts';
import { indentBlocks } from './indentBlocks.ts';
import type { SnippetInput } from './snippetInput.ts';

/** The nginx variable holding a header of the check's answer: lower case, dashes as underscores. */
const answerVariable = (header: string) => `$upstream_http_${header.toLowerCase().replaceAll('-', '_')}`;
const localVariable = (header: string) => `$gatehouse_${header.toLowerCase().replaceAll('-', '_')}`;

export function nginxSnippet({ app, gatehouseUrl }: SnippetInput): string {
  const names = [...new Set(app.hosts.map((host) => host.replace(/:\d+$/, '')))];
  const ports = [...new Set(app.hosts.map((host) => /:(\d+)$/.exec(host)?.[1]).filter((port) => port !== undefined))];
  const forwarded = [
    'proxy_set_header X-Forwarded-Method $request_method;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    // $host, not $http_host: nginx chose this server by the host of an absolute request line, which
    // the Host header need not repeat. The port is the Host header's.
    'proxy_set_header X-Forwarded-Host $host$gatehouse_port;',
    'proxy_set_header X-Forwarded-Uri $request_uri;',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  ];
  const toApp = (identity: string[]) => [
    `proxy_pass http://${UPSTREAM_PLACEHOLDER}; # your app's address`,
    'proxy_set_header Host $http_host;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '# WebSockets pass too (live updates in apps such as Sonarr).',
    'proxy_http_version 1.1;',
    'proxy_set_header Upgrade $http_upgrade;',
    'proxy_set_header Connection $http_connection;',
    ...identity,
  ];
  const lines: string[] = [
    `# ${app.name}, protected by Gatehouse (forward-auth). Paste into your nginx configuration (http block).`,
    'server {',
    '# Your usual listen and TLS lines for these names (for example listen 443 ssl; ssl_certificate ...).',
    ...(ports.length < app.hosts.length ? ['listen 80;'] : []),
    ...ports.map((port) => `listen ${port};`),
    `server_name ${names.join(' ')};`,
    '',
    '# The port the client named, for the check (the name comes from $host, the server nginx chose).',
    'set $gatehouse_port "";',
    'if ($http_host ~ "(:[0-9]+)$") {',
    'set $gatehouse_port $1;',
    '}',
    '',
    '# Ask Gatehouse before every request, and keep what its answer says.',
    'auth_request /.gatehouse-check;',
    ...copiedHeaders(app.identityHeaders).map((header) => `auth_request_set ${localVariable(header)} ${answerVariable(header)};`),
    'auth_request_set $gatehouse_location $upstream_http_location;',
    'auth_request_set $gatehouse_cookie $upstream_http_set_cookie;',
    "# Not signed in: sign in (browsers) or 401 (scripts; nginx passes the challenge on). Not allowed: Gatehouse's page.",
    'error_page 401 = @gatehouse_sign_in;',
    'error_page 403 /.gatehouse-forbidden;',
    '',
    '# The check itself; clients cannot call it (internal).',
    'location = /.gatehouse-check {',
    'internal;',
    `proxy_pass ${gatehouseUrl}/forward-auth/check/nginx;`,
    'proxy_pass_request_body off;',
    'proxy_set_header Content-Length "";',
    ...forwarded,
    '}',
    '',
    '# Not signed in: a browser goes to sign in (with the state cookie Gatehouse set); a script gets the 401.',
    'location @gatehouse_sign_in {',
    'add_header Set-Cookie $gatehouse_cookie;',
    'if ($gatehouse_location) {',
    'return 302 $gatehouse_location;',
    '}',
    'return 401;',
    '}',
    '',
    '# Gatehouse answers again, this time with the page that says who may use the app.',
    'location = /.gatehouse-forbidden {',
    'internal;',
    'auth_request off;',
    `proxy_pass ${gatehouseUrl}/forward-auth/check;`,
    'proxy_pass_request_body off;',
    'proxy_set_header Content-Length "";',
    ...forwarded,
    '}',
    '',
    '# Sign-in callback and sign-out for this app: straight to Gatehouse, never checked.',
    'location ^~ /.gatehouse/ {',
    'auth_request off;',
    `proxy_pass ${gatehouseUrl};`,
    'proxy_set_header Host $http_host;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    'proxy_set_header X-Forwarded-Host $http_host;',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '}',
  ];
  if (app.bypassPaths.length > 0) {
    lines.push('', '# Paths that skip the check; identity headers a client sent are removed.');
    for (const location of bypassLocations(app.bypassPaths)) lines.push(`${location} {`, 'auth_request off;', ...toApp(stripAll(app.identityHeaders)), '}');
  }
  const prefixed = app.pathPrefixes.length > 0 && !app.pathPrefixes.includes('/');
  lines.push(
    '',
    prefixed
      ? `# ${app.name}'s paths (^~: no regex location can take them past the check).`
      : '# Everything else (^~: no regex location can take it past the check).',
  );
  // A prefix without its boundary (/sonarr also takes /sonarrx) errs towards checking: the check refuses what is not the app.
  for (const location of prefixed ? app.pathPrefixes.map((prefix) => `location ^~ ${quoted(prefix)}`) : ['location ^~ /']) {
    lines.push(`${location} {`, ...toApp(identity(app.identityHeaders)), '}');
  }
  if (prefixed) lines.push('', `# Other paths of ${names.length > 1 ? 'these names' : 'this name'} are not ${app.name}: add their locations here.`);
  lines.push('}');
  // Four spaces a level, as nginx's own examples.
  return indentBlocks(lines, '    ');
}

/** Each bypass path matched at a segment boundary: exactly `/x`, and everything under `/x/`. */
function bypassLocations(prefixes: string[]): string[] {
  return prefixes.flatMap((prefix) => [`location = ${quoted(prefix)}`, `location ^~ ${quoted(`${prefix}/`)}`]);
}

/** A path as an nginx argument: quoted when it has characters (such as ;) that would end or split it. */
const quoted = (path: string) => (/^[A-Za-z0-9\-._~/]+$/.test(path) ? path : `"${path.replace(/["\\]/g, '\\$&')}"`);

/** The app gets Gatehouse's identity headers (replacing the client's) and none of the other names. */
function identity(headers: IdentityHeaders): string[] {
  const copied = copiedHeaders(headers);
  return [
    '# Who is signed in, from Gatehouse; these replace whatever the client sent.',
    ...copied.map((header) => `proxy_set_header ${header} ${localVariable(header)};`),
    ...strippedHeaders(headers)
      .filter((header) => !copied.includes(header) && !header.includes('_'))
      .map((header) => `proxy_set_header ${header} "";`),
  ];
}

function stripAll(headers: IdentityHeaders): string[] {
  // nginx drops header names with underscores itself (underscores_in_headers off), so only dashed names.
  return strippedHeaders(headers)
    .filter((header) => !header.includes('_'))
    .map((header) => `proxy_set_header ${header} "";`);
}
