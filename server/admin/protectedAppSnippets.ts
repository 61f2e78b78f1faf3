// The console's paste-ready reverse-proxy configuration for one protected app: Caddy, Traefik (labels
// and file provider), nginx and HAProxy, each routing `/.gatehouse/*` to Gatehouse and every other
// request of the app through its check.
import { isIP } from 'node:net';
import { z } from 'zod';
import { getProtectedApp } from '../db/protectedApps.ts';
import { GatehouseError } from '../model/errors.ts';
import { type AdminContext, adminOperation } from './adminOperation.ts';
import { caddySnippet } from './proxySnippets/caddy.ts';
import { haproxySnippet } from './proxySnippets/haproxy.ts';
import { nginxSnippet } from './proxySnippets/nginx.ts';
import { traefikSnippet } from './proxySnippets/traefik.ts';

/** How the proxy reaches Gatehouse: an http(s) origin, written without a path. */
const gatehouseUrlSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    const problem = !url
      ? `must be an address like http://127.0.0.1:9460, got "${value}"`
      : !/^https?:$/.test(url.protocol)
        ? `must start with http:// or https://, got "${value}"`
        : url.username || url.password
          ? 'must not hold a user name or password'
          : url.pathname !== '/' || url.search || url.hash || /[?#]/.test(value)
            ? `must be the address only, without a path (the snippets add /forward-auth/check), like ${url.origin}`
            : undefined;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return url!.origin;
  });

/** Where Gatehouse listens, as the proxy on this computer reaches it: loopback when it binds loopback or every address. */
function defaultGatehouseUrl(ctx: AdminContext): string {
  const { host, port: configured, tlsCertFile } = ctx.options;
  const port = ctx.runtime().port ?? configured;
  const everywhere = host === '0.0.0.0' || host === '::' || host === '';
  const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
  const name = everywhere || loopback ? '127.0.0.1' : isIP(host) === 6 ? `[${host}]` : host;
  return `${tlsCertFile ? 'https' : 'http'}://${name}:${port}`;
}

export const protectedAppSnippetOperations = [
  adminOperation('protectedApps.snippets', z.strictObject({ id: z.string(), gatehouseUrl: gatehouseUrlSchema.optional() }), (ctx, input) => {
    const app = getProtectedApp(ctx.db, input.id);
    if (!app) throw new GatehouseError('not_found', `There is no protected app "${input.id}" (it may have been deleted).`, { field: 'id' });
    const snippetInput = { app, gatehouseUrl: input.gatehouseUrl ?? defaultGatehouseUrl(ctx), issuer: ctx.issuer };
    const traefik = traefikSnippet(snippetInput);
    const haproxy = haproxySnippet(snippetInput);
    return {
      gatehouseUrl: snippetInput.gatehouseUrl,
      caddy: caddySnippet(snippetInput),
      traefikLabels: traefik.labels,
      traefikFile: traefik.file,
      nginx: nginxSnippet(snippetInput),
      haproxy: haproxy.config,
      haproxyLua: haproxy.lua,
    };
  }),
];
