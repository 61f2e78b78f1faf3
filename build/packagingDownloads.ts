// What electron-builder downloads while packaging (the Electron zip for each platform and arch, and
// its own packaging tools: AppImage tools, fpm, NSIS, ...), whether the local caches already hold it,
// and whether the places it comes from answer. Packaging without them fails minutes in, with a stack
// trace; this finds out in seconds and says what to do.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describeTarget, type PackagingTarget } from './packagingTargets.ts';

export interface Download {
  /** What it is, for people: "Electron 45.4.1 for linux-x64". */
  what: string;
  url: string;
}

export interface UnreachableDownload extends Download {
  host: string;
  reason: string;
}

type Env = Record<string, string | undefined>;

const ELECTRON_RELEASES = 'https://github.com/electron/electron/releases/download/';
const BUILDER_BINARIES = 'https://github.com/electron-userland/electron-builder-binaries/releases/download/';

/** @electron/get's cache (electron-builder reads the Electron zips and seeded checksums there). */
export function electronCacheDir(env: Env = process.env, platform = process.platform): string {
  if (env.electron_config_cache) return env.electron_config_cache;
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'electron');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'electron');
}

/** electron-builder's own cache of packaging tools. */
export function builderCacheDir(env: Env = process.env, platform = process.platform): string {
  if (env.ELECTRON_BUILDER_CACHE && path.isAbsolute(env.ELECTRON_BUILDER_CACHE)) return env.ELECTRON_BUILDER_CACHE;
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'electron-builder');
  if (platform === 'win32')
    return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'electron-builder', 'Cache') : path.join(os.tmpdir(), 'electron-builder-cache');
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'electron-builder');
}

/**
 * Whether the Electron zip is cached and can be used offline: @electron/get keeps zips in a
 * sub-folder per download URL, and verifies them against SHASUMS256.txt, which it downloads every
 * time unless a copy is seeded at the cache root (SHASUMS256.txt-<version> or SHASUMS256.txt).
 */
export function electronZipCached(cacheDir: string, version: string, platform: string, arch: string): boolean {
  const zip = `electron-v${version}-${platform}-${arch}.zip`;
  const seeded = [`SHASUMS256.txt-${version}`, 'SHASUMS256.txt'].some((name) => {
    const file = path.join(cacheDir, name);
    return existsSync(file) && readFileSync(file, 'utf8').includes(zip);
  });
  if (!seeded) return false;
  if (existsSync(path.join(cacheDir, zip))) return true;
  return entries(cacheDir).some((entry) => existsSync(path.join(cacheDir, entry, zip)));
}

/** The downloads packaging for these targets needs that the caches do not hold. */
export function neededDownloads(options: {
  targets: readonly PackagingTarget[];
  electronVersion: string;
  env?: Env;
  hostPlatform?: NodeJS.Platform;
}): Download[] {
  const env = options.env ?? process.env;
  const host = options.hostPlatform ?? process.platform;
  const downloads: Download[] = [];
  const mirror =
    firstSet(env, ['npm_config_electron_mirror', 'NPM_CONFIG_ELECTRON_MIRROR', 'npm_package_config_electron_mirror', 'ELECTRON_MIRROR']) ?? ELECTRON_RELEASES;
  const customDir = (
    firstSet(env, ['npm_config_electron_custom_dir', 'NPM_CONFIG_ELECTRON_CUSTOM_DIR', 'npm_package_config_electron_custom_dir', 'ELECTRON_CUSTOM_DIR']) ??
    `v${options.electronVersion}`
  ).replace('{{ version }}', options.electronVersion);
  const cache = electronCacheDir(env, host);
  for (const target of options.targets) {
    const archs = target.platform === 'darwin' && target.arch === 'universal' ? ['x64', 'arm64'] : [target.arch];
    for (const arch of archs) {
      if (electronZipCached(cache, options.electronVersion, target.platform, arch)) continue;
      const file = `electron-v${options.electronVersion}-${target.platform}-${arch}.zip`;
      downloads.push({
        what: `Electron ${options.electronVersion} for ${describeTarget({ platform: target.platform, arch: arch as PackagingTarget['arch'] })}`,
        url: `${withSlash(mirror)}${customDir}/${file}`,
      });
    }
  }
  const onlyDir = options.targets.every((target) => target.names.length > 0 && target.names.every((name) => name === 'dir'));
  const toolsCached = entries(builderCacheDir(env, host)).some((entry) => entry !== 'downloads' && !entry.startsWith('electron-v'));
  if (!onlyDir && !toolsCached) {
    const tools =
      firstSet(env, [
        'ELECTRON_BUILDER_BINARIES_DOWNLOAD_OVERRIDE_URL',
        'NPM_CONFIG_ELECTRON_BUILDER_BINARIES_MIRROR',
        'npm_config_electron_builder_binaries_mirror',
        'npm_package_config_electron_builder_binaries_mirror',
        'ELECTRON_BUILDER_BINARIES_MIRROR',
      ]) ?? BUILDER_BINARIES;
    downloads.push({ what: "electron-builder's packaging tools", url: withSlash(tools) });
  }
  return downloads;
}

/**
 * Asks each download's server for the file (HEAD, one redirect followed, as GitHub sends release
 * assets to another host) and returns the ones that got no answer. Any HTTP answer counts: the point
 * is whether the network gets there.
 */
export async function unreachableDownloads(downloads: readonly Download[], timeoutMs = 5000): Promise<UnreachableDownload[]> {
  const proxy = useProxyFromEnvironment() ? ' through the proxy in HTTPS_PROXY/HTTP_PROXY' : '';
  const results = await Promise.all(
    downloads.map(async (download): Promise<UnreachableDownload | undefined> => {
      let url = download.url;
      for (let hop = 0; hop < 2; hop++) {
        try {
          const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
          await response.body?.cancel();
          const location = response.headers.get('location');
          if (response.status < 300 || response.status >= 400 || !location) return undefined;
          url = new URL(location, url).href;
        } catch (error) {
          return { ...download, url, host: new URL(url).host, reason: networkReason(error, timeoutMs) + proxy };
        }
      }
      return undefined;
    }),
  );
  return results.filter((result) => result !== undefined);
}

/** One sentence: what could not be reached, why, and the ways out. */
export function unreachableMessage(unreachable: readonly UnreachableDownload[], env: Env = process.env, platform = process.platform): string {
  const byHost = new Map<string, UnreachableDownload[]>();
  for (const download of unreachable) byHost.set(download.host, [...(byHost.get(download.host) ?? []), download]);
  const parts = [...byHost].map(
    ([host, downloads]) => `${host}, which serves ${listed([...new Set(downloads.map((download) => download.what))])}, ${downloads[0].reason}`,
  );
  const home = os.homedir();
  const shown = (dir: string) => (dir.startsWith(home + path.sep) ? `~${dir.slice(home.length)}` : dir);
  return (
    `Packaging needs to download what is not cached yet, but ${listed(parts)}; run \`npm run dist\` on a machine with internet access, ` +
    `pre-seed the caches ${shown(electronCacheDir(env, platform))} and ${shown(builderCacheDir(env, platform))}, ` +
    'or point ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR at mirrors this machine can reach.'
  );
}

function networkReason(error: unknown, timeoutMs: number): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  if ((error as Error).name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return `did not answer within ${timeoutMs / 1000} s`;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return 'cannot be found (DNS lookup failed)';
    case 'ECONNREFUSED':
      return 'refused the connection';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'closed the connection';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'is unreachable (no route)';
    default:
      if (code && /CERT|SSL|TLS|SIGNATURE/i.test(code)) return `sent a certificate this machine does not trust (${code})`;
      return `cannot be reached (${code ?? (error as Error).message})`;
  }
}

/** fetch ignores HTTPS_PROXY unless told; electron-builder honours it, so the probe must too. */
function useProxyFromEnvironment(): boolean {
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => process.env[name]);
  const setGlobalProxyFromEnv = (http as { setGlobalProxyFromEnv?: () => void }).setGlobalProxyFromEnv;
  if (proxied && typeof setGlobalProxyFromEnv === 'function') setGlobalProxyFromEnv();
  return proxied;
}

function listed(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function firstSet(env: Env, names: string[]): string | undefined {
  for (const name of names) if (env[name]) return env[name];
  return undefined;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
