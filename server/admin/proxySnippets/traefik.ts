// Traefik (v3) configuration that puts one protected app behind Gatehouse's forward-auth check: docker
// compose labels for the app's container, and the same as a file for the file provider. ForwardAuth's
// authResponseHeaders removes each listed header from the client's request and sets it from Gatehouse's
// answer when present, so listing every identity name strips them all and copies the app's.
import { copiedHeaders, strippedHeaders, UPSTREAM_PLACEHOLDER } from './identityHeaderNames.ts';
import type { SnippetInput } from './snippetInput.ts';

/** Above the default priority (a rule's length), so bypass and `/.gatehouse/` win over the app's router. */
const BYPASS_PRIORITY = 10000;
const GATEHOUSE_PRIORITY = 10001;

export function traefikSnippet({ app, gatehouseUrl }: SnippetInput): { labels: string; file: string } {
  const rules = routerRules(app.hosts, app.pathPrefixes, app.bypassPaths);
  const middleware = `gatehouse-${app.id}`;
  const strip = `gatehouse-${app.id}-strip`;
  const names = { app: app.id, bypass: `${app.id}-bypass`, gatehouse: `${app.id}-gatehouse`, gatehouseService: `gatehouse-${app.id}` };
  const headers = strippedHeaders(app.identityHeaders);
  const copied = copiedHeaders(app.identityHeaders);
  const loopbackNote = /^https?:\/\/(127\.|\[::1\]|localhost)/.test(gatehouseUrl)
    ? ['# If Traefik runs in a container, 127.0.0.1 is that container: write an address where it reaches Gatehouse.']
    : [];
  const removedNote = `# Removed from the client's request, then set from Gatehouse's answer (${copied.join(', ') || 'none'}).`;

  const label = (key: string, value: string) => `  - "traefik.http.${key}=${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  const labels = [
    `# ${app.name}, protected by Gatehouse (forward-auth): labels for the app's container in docker compose.`,
    ...loopbackNote,
    'labels:',
    '  - "traefik.enable=true"',
    '  # Ask Gatehouse before every request.',
    label(`middlewares.${middleware}.forwardauth.address`, `${gatehouseUrl}/forward-auth/check`),
    "  # Traefik tells Gatehouse the request's own method, host, URI and address, never a client's X-Forwarded-*.",
    label(`middlewares.${middleware}.forwardauth.trustForwardHeader`, 'false'),
    `  ${removedNote}`,
    label(`middlewares.${middleware}.forwardauth.authResponseHeaders`, headers.join(',')),
    `  # ${app.name}, behind the check.`,
    label(`routers.${names.app}.rule`, rules.app),
    label(`routers.${names.app}.middlewares`, middleware),
    label(`routers.${names.app}.service`, names.app),
    `  - "traefik.http.services.${names.app}.loadbalancer.server.port=8989" # your app's port`,
    ...(rules.bypass
      ? [
          '  # Paths that skip the check; identity headers a client sent are removed.',
          label(`routers.${names.bypass}.rule`, rules.bypass),
          label(`routers.${names.bypass}.priority`, String(BYPASS_PRIORITY)),
          ...headers.map((header) => label(`middlewares.${strip}.headers.customrequestheaders.${header}`, '')),
          label(`routers.${names.bypass}.middlewares`, strip),
          label(`routers.${names.bypass}.service`, names.app),
        ]
      : []),
    '  # Sign-in callback and sign-out for this app: straight to Gatehouse, never checked. Labels can only',
    `  # point at their own container, so the service ${names.gatehouseService} (Gatehouse) comes from the file snippet.`,
    label(`routers.${names.gatehouse}.rule`, rules.gatehouse),
    label(`routers.${names.gatehouse}.priority`, String(GATEHOUSE_PRIORITY)),
    label(`routers.${names.gatehouse}.service`, `${names.gatehouseService}@file`),
  ];

  const quoted = (value: string) => JSON.stringify(value);
  const file = [
    `# ${app.name}, protected by Gatehouse (forward-auth): dynamic configuration for Traefik's file provider.`,
    '# Add your entryPoints and tls lines to the routers as for your other apps.',
    ...loopbackNote,
    'http:',
    '  middlewares:',
    `    ${middleware}:`,
    '      forwardAuth:',
    '        # Ask Gatehouse before every request.',
    `        address: ${quoted(`${gatehouseUrl}/forward-auth/check`)}`,
    "        # Traefik tells Gatehouse the request's own method, host, URI and address, never a client's X-Forwarded-*.",
    '        trustForwardHeader: false',
    `        ${removedNote}`,
    '        authResponseHeaders:',
    ...headers.map((header) => `          - ${quoted(header)}`),
    ...(rules.bypass
      ? [
          `    ${strip}:`,
          '      headers:',
          '        # An empty value removes the header: the client cannot pose as someone on the bypass paths.',
          '        customRequestHeaders:',
          ...headers.map((header) => `          ${quoted(header)}: ""`),
        ]
      : []),
    '  routers:',
    `    ${names.app}:`,
    `      # ${app.name}, behind the check.`,
    `      rule: ${quoted(rules.app)}`,
    `      middlewares: [${quoted(middleware)}]`,
    `      service: ${quoted(names.app)}`,
    ...(rules.bypass
      ? [
          `    ${names.bypass}:`,
          '      # Paths that skip the check.',
          `      rule: ${quoted(rules.bypass)}`,
          `      priority: ${BYPASS_PRIORITY}`,
          `      middlewares: [${quoted(strip)}]`,
          `      service: ${quoted(names.app)}`,
        ]
      : []),
    `    ${names.gatehouse}:`,
    '      # Sign-in callback and sign-out for this app: straight to Gatehouse, never checked.',
    `      rule: ${quoted(rules.gatehouse)}`,
    `      priority: ${GATEHOUSE_PRIORITY}`,
    `      service: ${quoted(names.gatehouseService)}`,
    '  services:',
    `    ${names.app}:`,
    '      loadBalancer:',
    '        servers:',
    `          - url: "http://${UPSTREAM_PLACEHOLDER}" # your app's address`,
    `    ${names.gatehouseService}:`,
    '      loadBalancer:',
    '        servers:',
    `          - url: ${quoted(gatehouseUrl)}`,
  ];
  return { labels: `${labels.join('\n')}\n`, file: `${file.join('\n')}\n` };
}

/** Paths a server may read otherwise than written: percent-encoding, backslashes, `//`, dot segments (`..;` too). */
const ODD_PATH = String.raw`(%|\\|//|/\.\.?(/|;|$))`;

/** Router rules: Traefik's Host() matches the name without the port, so ports are left out. */
function routerRules(hosts: string[], prefixes: string[], bypass: string[]): { app: string; bypass: string | null; gatehouse: string } {
  const names = [...new Set(hosts.map((host) => host.replace(/:\d+$/, '')))];
  const host = names.map((name) => `Host(\`${name}\`)`).join(' || ');
  const within = (paths: string[]) => paths.map((path) => `Path(\`${path}\`) || PathPrefix(\`${path}/\`)`).join(' || ');
  const group = (rule: string) => (names.length > 1 ? `(${rule})` : rule);
  const whole = prefixes.length === 0 || prefixes.includes('/');
  return {
    app: whole ? host : `${group(host)} && (${within(prefixes)})`,
    // A path not in plain form (encoded, dot segments, //) is checked: the check decides whether it is a bypass path.
    bypass: bypass.length > 0 ? `${group(host)} && (${within(bypass)}) && !PathRegexp(\`${ODD_PATH}\`)` : null,
    gatehouse: `${group(host)} && PathPrefix(\`/.gatehouse/\`)`,
  };
}
