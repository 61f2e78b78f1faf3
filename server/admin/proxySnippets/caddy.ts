// The Caddyfile site block that puts one protected app behind Gatehouse's forward-auth check.
// Facts of Caddy 2.6 it relies on: `forward_auth` does not remove headers the client sent, and a header
// it copies that the answer lacks arrives as a literal placeholder; so the block strips identity headers
// itself, inside a `route` (which keeps the written order: strip, then check, then proxy), and Gatehouse
// always answers with every header the app is configured to get.
import { copiedHeaders, strippedHeaders, UPSTREAM_PLACEHOLDER } from './identityHeaderNames.ts';
import { indentBlocks } from './indentBlocks.ts';
import type { SnippetInput } from './snippetInput.ts';

export function caddySnippet({ app, gatehouseUrl }: SnippetInput): string {
  const strip = `import gatehouse_strip_${app.id}`;
  const copy = copiedHeaders(app.identityHeaders);
  const upstream = `reverse_proxy ${UPSTREAM_PLACEHOLDER} # your app's address`;
  const lines: string[] = [
    `# ${app.name}, protected by Gatehouse (forward-auth). Paste into your Caddyfile.`,
    '# Identity headers come from Gatehouse only: this removes any a client sent.',
    `(gatehouse_strip_${app.id}) {`,
    ...strippedHeaders(app.identityHeaders).map((name) => `request_header -${name}`),
    '}',
    '',
    `${app.hosts.join(', ')} {`,
    '# Sign-in callback and sign-out for this app: straight to Gatehouse, never checked.',
    'handle /.gatehouse/* {',
    `reverse_proxy ${gatehouseUrl}`,
    '}',
  ];
  if (app.bypassPaths.length > 0) {
    lines.push(
      '',
      '# Paths that skip the check; identity headers a client sent are removed.',
      `@gatehouse_bypass path_regexp ${pathPatterns(app.bypassPaths)}`,
      'handle @gatehouse_bypass {',
      strip,
      upstream,
      '}',
    );
  }
  const prefixed = app.pathPrefixes.length > 0 && !app.pathPrefixes.includes('/');
  lines.push('');
  if (prefixed) {
    lines.push(`# ${app.name}'s paths: ask Gatehouse first.`, `@gatehouse_app path_regexp ${pathPatterns(app.pathPrefixes)}`, 'handle @gatehouse_app {');
  } else {
    lines.push(`# Everything else: ask Gatehouse first.`, 'handle {');
  }
  lines.push(
    'route {',
    '# First remove identity headers the client sent, then ask, then pass on.',
    strip,
    '# Ask Gatehouse; a sign-in redirect, 401 or 403 goes back to the client as it is.',
    `forward_auth ${gatehouseUrl} {`,
    'uri /forward-auth/check',
    ...(copy.length > 0 ? ['# Who is signed in, for the app.', `copy_headers ${copy.join(' ')}`] : []),
    '}',
    upstream,
    '}',
    '}',
  );
  if (prefixed) lines.push('', `# Other paths of ${app.hosts.length > 1 ? 'these hosts' : 'this host'} are not ${app.name}: add their handle blocks here.`);
  lines.push('}');
  // Tabs, as `caddy fmt` writes them.
  return indentBlocks(lines, '\t');
}

/**
 * A `path_regexp` for prefixes matched at a segment boundary, as the check matches them: `/sonarr` and
 * what is under `/sonarr/`. Not the `path` matcher, which ignores case: `/SONARR` would then get the
 * proxy's route of one app and the check's verdict for another (say, an app on the whole host).
 */
function pathPatterns(prefixes: string[]): string {
  return `^(?:${prefixes.map((prefix) => prefix.replace(/[.$()+*?[\]^{}|\\]/g, '\\$&')).join('|')})(?:/|$)`;
}
