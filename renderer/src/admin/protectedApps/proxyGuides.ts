// What the console offers for each reverse proxy: its snippets from protectedApps.snippets, and a
// sentence saying where they go. The sentences and block names are translated; the snippets never are.
import type { TFunction } from 'i18next';
import type { ProtectedApp } from '../../../../server/model/protectedApps.ts';
import type { AdminResult } from '../adminClient';

type Snippets = AdminResult<'protectedApps.snippets'>;
type Translate = TFunction<'consoleAccess'>;

export interface ProxyGuide {
  id: 'caddy' | 'traefik' | 'nginx' | 'haproxy';
  label: string;
  where: (app: ProtectedApp, t: Translate) => string;
  blocks: (snippets: Snippets, t: Translate) => Array<{ name: string; text: string }>;
}

// The snippets stand localhost:8989 in for the app itself, which only the owner knows.
export const PROXY_GUIDES: readonly ProxyGuide[] = [
  {
    id: 'caddy',
    label: 'Caddy',
    where: (_app, t) => t('consoleAccess:proxyGuides.caddy'),
    blocks: (s) => [{ name: 'Caddyfile', text: s.caddy }],
  },
  {
    id: 'traefik',
    label: 'Traefik',
    where: (app, t) => t('consoleAccess:proxyGuides.traefik', { service: `gatehouse-${app.id}` }),
    blocks: (s, t) => [
      { name: t('consoleAccess:proxyGuides.traefikLabels'), text: s.traefikLabels },
      { name: t('consoleAccess:proxyGuides.traefikFile'), text: s.traefikFile },
    ],
  },
  {
    id: 'nginx',
    label: 'nginx',
    where: (_app, t) => t('consoleAccess:proxyGuides.nginx'),
    blocks: (s, t) => [{ name: t('consoleAccess:proxyGuides.nginxBlock'), text: s.nginx }],
  },
  {
    id: 'haproxy',
    label: 'HAProxy',
    where: (_app, t) => t('consoleAccess:proxyGuides.haproxy'),
    blocks: (s, t) => [
      { name: 'haproxy.cfg', text: s.haproxy },
      { name: t('consoleAccess:proxyGuides.haproxyLua'), text: s.haproxyLua },
    ],
  },
];
