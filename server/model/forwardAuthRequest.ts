// Which protected app a request is for, and whether its path bypasses the check. Pure: the forward-auth
// check (on every request a proxy forwards) and the sign-in flow's return URL both match through here,
// so a URL Gatehouse would return to is one the check would guard.
import type { ProtectedApp } from './protectedApps.ts';

/** The original request, as the proxy describes it in its X-Forwarded-* headers. */
export interface ForwardedRequest {
  method: string;
  proto: 'http' | 'https';
  /** Lower case, with the port when the proxy named one. */
  host: string;
  /** Path and query exactly as the client sent them. */
  uri: string;
  /** The path part of `uri`, not normalized. */
  path: string;
}

/** What a proxy sent, one value per header (Node joins repeated headers with ", "). */
export interface ForwardedHeaders {
  method?: string | undefined;
  proto?: string | undefined;
  host?: string | undefined;
  uri?: string | undefined;
}

const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*\.?)(?::(\d{1,5}))?$/;
const METHOD = /^[A-Z][A-Z-]{0,31}$/;
// Path and query: printable ASCII without spaces, starting with `/` (a proxy sends what the client sent, and
// a client's non-ASCII is percent-encoded on the wire).
const URI = /^\/[\x21-\x7e]*$/;

/** The original request, or undefined when the host or URI is missing or not a host and path. */
export function parseForwardedRequest(headers: ForwardedHeaders): ForwardedRequest | undefined {
  const host = headers.host?.trim().toLowerCase();
  const uri = headers.uri?.trim();
  if (!host || !uri || !HOST.test(host) || !URI.test(uri) || uri.length > 8192) return undefined;
  const method = headers.method?.trim().toUpperCase() || 'GET';
  if (!METHOD.test(method)) return undefined;
  const proto = headers.proto?.trim().toLowerCase() || 'http';
  if (proto !== 'http' && proto !== 'https') return undefined;
  const end = uri.search(/[?#]/);
  return { method, proto, host: host.endsWith('.') ? host.slice(0, -1) : host, uri, path: end === -1 ? uri : uri.slice(0, end) };
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * The path as a server would read it: percent-encoded unreserved characters decoded (other escapes kept,
 * upper-cased), a backslash read as a slash (as some servers do), empty segments dropped (`//`), and `.`
 * and `..` segments resolved, never above the root.
 */
export function normalizePath(path: string): string {
  const decoded = path.replace(/%([0-9a-fA-F]{2})/g, (_all, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    if (UNRESERVED.test(char)) return char;
    return char === '\\' ? '/' : `%${hex.toUpperCase()}`;
  });
  const out: string[] = [];
  const segments = decoded.replaceAll('\\', '/').split('/');
  for (const segment of segments.slice(1)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  const last = segments.at(-1);
  // A trailing slash (or a trailing dot segment, which names a folder) stays.
  const trailing = out.length > 0 && (last === '' || last === '.' || last === '..');
  return `/${out.join('/')}${trailing ? '/' : ''}`;
}

/**
 * Whether the path as sent is already the one a server reads: only then may a bypass path apply, so that
 * `/health/../admin`, `/health%2F..%2Fadmin` or `/health//x` can never skip the check.
 */
export function isNormalPath(path: string): boolean {
  // `..;x` is a dot segment to Java servers (Tomcat's path parameters).
  return !/%(2[eEfF]|5[cC])|\\|(^|\/)\.\.?;/.test(path) && normalizePath(path) === path;
}

/**
 * Whether a proxy and the check could pick different apps for this request: only on a host split into
 * path prefixes, and only for a path not in normal form (`/sonarr%2F..%2Fadmin`), which proxies and
 * servers decode each their own way. Such a request is refused rather than guessed at.
 */
export function appChoiceIsAmbiguous(index: AppIndex, host: string, rawPath: string): boolean {
  const entries = index.get(splitHost(host).name) ?? [];
  return entries.some((entry) => entry.prefix !== null) && !isNormalPath(rawPath);
}

/** `/sonarr` is under `/sonarr` and `/sonarr/x`, not `/sonarrx`; everything is under `/`. */
export function isUnder(path: string, prefix: string): boolean {
  return prefix === '/' || path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

interface IndexEntry {
  app: ProtectedApp;
  /** null: any port. */
  port: number | null;
  /** null: the whole host (the app has no path prefixes). */
  prefix: string | null;
}

/** Protected apps by host name, for matching requests without walking every app. */
export type AppIndex = ReadonlyMap<string, readonly IndexEntry[]>;

function splitHost(host: string): { name: string; port: number | null } {
  const match = HOST.exec(host);
  if (!match) return { name: host, port: null };
  const name = match[1]!.endsWith('.') ? match[1]!.slice(0, -1) : match[1]!;
  return { name, port: match[2] === undefined ? null : Number(match[2]) };
}

export function buildAppIndex(apps: readonly ProtectedApp[]): AppIndex {
  const index = new Map<string, IndexEntry[]>();
  for (const app of apps) {
    for (const host of app.hosts) {
      const { name, port } = splitHost(host.toLowerCase());
      const entries = index.get(name) ?? [];
      if (app.pathPrefixes.length === 0) entries.push({ app, port, prefix: null });
      for (const prefix of app.pathPrefixes) entries.push({ app, port, prefix });
      index.set(name, entries);
    }
  }
  return index;
}

/**
 * The app a request to `host` (lower case, maybe with a port) for `path` (normalized) belongs to: its host
 * matches (a host without a port in the app matches any port) and the path is under one of its prefixes
 * (or it has none). The longest prefix wins; at equal length, an app that names the port.
 */
export function matchApp(index: AppIndex, host: string, proto: 'http' | 'https', path: string): ProtectedApp | undefined {
  const { name, port: named } = splitHost(host);
  const port = named ?? (proto === 'https' ? 443 : 80);
  let best: IndexEntry | undefined;
  let bestRank = -1;
  for (const entry of index.get(name) ?? []) {
    if (entry.port !== null && entry.port !== port) continue;
    if (entry.prefix !== null && !isUnder(path, entry.prefix)) continue;
    const rank = (entry.prefix === null ? 0 : entry.prefix.length + 1) * 2 + (entry.port === null ? 0 : 1);
    if (rank > bestRank) {
      best = entry;
      bestRank = rank;
    }
  }
  return best?.app;
}

/** Whether an http(s) URL names one of the app's hosts (and its port, when the host names one); its path does not count. */
export function urlNamesAppHost(url: URL, app: ProtectedApp): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return app.hosts.some((host) => {
    const named = splitHost(host);
    return named.name === url.hostname && (named.port === null || named.port === port);
  });
}

/** The app an absolute http(s) URL belongs to (a return URL after sign-in), or undefined. */
export function matchAppUrl(index: AppIndex, url: URL): ProtectedApp | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // URL keeps the default port out of `host`; matchApp adds it back from the scheme.
  return matchApp(index, url.host, url.protocol === 'https:' ? 'https' : 'http', normalizePath(url.pathname));
}

/** Whether a request for this raw path skips the check: only a path in normal form under a bypass path. */
export function bypasses(app: ProtectedApp, rawPath: string): boolean {
  return app.bypassPaths.length > 0 && isNormalPath(rawPath) && app.bypassPaths.some((prefix) => isUnder(rawPath, prefix));
}
