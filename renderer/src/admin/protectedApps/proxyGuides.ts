// What the console offers for each reverse proxy: its snippets from protectedApps.snippets, and a
// sentence saying where they go.
import type { ProtectedApp } from '../../../../server/model/protectedApps.ts';
import type { AdminResult } from '../adminClient';

type Snippets = AdminResult<'protectedApps.snippets'>;

export interface ProxyGuide {
  id: 'caddy' | 'traefik' | 'nginx' | 'haproxy';
  label: string;
  where: (app: ProtectedApp) => string;
  blocks: (snippets: Snippets) => Array<{ name: string; text: string }>;
}

// The snippets stand localhost:8989 in for the app itself, which only the owner knows.
export const PROXY_GUIDES: readonly ProxyGuide[] = [
  {
    id: 'caddy',
    label: 'Caddy',
    where: () =>
      'Paste it into your Caddyfile in place of the app’s site block, put the app’s own address where it says localhost:8989, then reload Caddy. Caddy serves the names over HTTPS: for a name only your LAN knows, add tls internal inside the block (its comment says where).',
    blocks: (s) => [{ name: 'Caddyfile', text: s.caddy }],
  },
  {
    id: 'traefik',
    label: 'Traefik',
    where: (app) =>
      `With Docker, the labels go on the app’s container (with its port where it says 8989), and the file goes into Traefik’s file provider too, for its gatehouse-${app.id} service: a label can only point at its own container. Without Docker, the file alone goes into the file provider’s directory, with the app’s address where it says localhost:8989. Then Traefik picks them up by itself.`,
    blocks: (s) => [
      { name: 'Docker compose labels', text: s.traefikLabels },
      { name: 'File provider (dynamic configuration)', text: s.traefikFile },
    ],
  },
  {
    id: 'nginx',
    label: 'nginx',
    where: () =>
      'Save it as a file in /etc/nginx/conf.d/ (Debian’s and Ubuntu’s nginx read that folder inside their http block; elsewhere paste it into the http block), add your usual listen and TLS lines, put the app’s own address where it says localhost:8989, then reload nginx.',
    blocks: (s) => [{ name: 'nginx configuration', text: s.nginx }],
  },
  {
    id: 'haproxy',
    label: 'HAProxy',
    where: () =>
      'Add the lines to haproxy.cfg in the sections they name, save the Lua file where its lua-load line says, put the app’s own address where it says localhost:8989, then reload HAProxy (2.6 or later, with Lua).',
    blocks: (s) => [
      { name: 'haproxy.cfg', text: s.haproxy },
      { name: 'Lua file', text: s.haproxyLua },
    ],
  },
];
