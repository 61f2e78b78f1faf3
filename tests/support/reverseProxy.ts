// Debian's Caddy, nginx and HAProxy as child processes on a free loopback port, each with a config file the test
// writes, to check that the lines Gatehouse tells owners to paste into their reverse proxy work as pasted.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './testServer.ts';

export type ProxyKind = 'caddy' | 'nginx' | 'haproxy';

/** Debian's paths, or CADDY_PATH / NGINX_PATH / HAPROXY_PATH. */
export const BINARIES: Record<ProxyKind, string> = {
  caddy: process.env.CADDY_PATH ?? '/usr/bin/caddy',
  nginx: process.env.NGINX_PATH ?? '/usr/sbin/nginx',
  haproxy: process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy',
};

/** Whether tests through this proxy can run. In CI a missing binary is an error, never a skip. */
export function proxyAvailable(kind: ProxyKind): boolean {
  if (existsSync(BINARIES[kind])) return true;
  if (process.env.CI) throw new Error(`${kind} is missing at ${BINARIES[kind]}; CI must install it (apt-get install -y ${kind})`);
  console.warn(`${kind} reverse-proxy tests skipped: no ${kind} at ${BINARIES[kind]} (apt-get install ${kind}, or set ${kind.toUpperCase()}_PATH)`);
  return false;
}

export interface RunningProxy {
  /** The loopback port it listens on, for requests that carry the site's name in their Host header. */
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the proxy with `siteLines` pasted into the site block (Caddy) or server block (nginx) of `host`, or
 * (HAProxy, whose snippets name their hosts and listen port themselves) after haproxy.cfg's global and
 * defaults sections; on `listenPort` when the lines name it, else a free port.
 */
export async function startReverseProxy(kind: ProxyKind, host: string | null, siteLines: string, listenPort?: number): Promise<RunningProxy> {
  const dir = mkdtempSync(path.join(tmpdir(), `gatehouse-${kind}-`));
  const port = listenPort ?? (await freePort());
  const config = path.join(dir, { caddy: 'Caddyfile', nginx: 'nginx.conf', haproxy: 'haproxy.cfg' }[kind]);
  const text = kind === 'caddy' ? caddyfile(host, port, siteLines) : kind === 'nginx' ? nginxConf(dir, host, port, siteLines) : haproxyCfg(siteLines);
  writeFileSync(config, text);
  const args = {
    caddy: ['run', '--config', config, '--adapter', 'caddyfile'],
    nginx: ['-e', 'stderr', '-p', dir, '-c', config],
    haproxy: ['-db', '-f', config],
  }[kind];
  // Caddy keeps its state under HOME/XDG folders: the temporary folder, not the user's.
  const child = spawn(BINARIES[kind], args, {
    env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await untilListening(child, port, () => output);
  } catch (error) {
    await close();
    throw error;
  }
  return { port, close };
}

function caddyfile(host: string | null, port: number, siteLines: string): string {
  // No host: the lines are whole site blocks (forward-auth snippets), naming their addresses themselves.
  if (host === null) return ['{', '\tadmin off', '\tauto_https off', '}', siteLines, ''].join('\n');
  return ['{', '\tadmin off', '\tauto_https off', '}', `http://${host}:${port} {`, indent(siteLines, '\t'), '}', ''].join('\n');
}

function nginxConf(dir: string, host: string | null, port: number, siteLines: string): string {
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`;
  // No host: the lines are whole server blocks (forward-auth snippets), naming their listen port themselves.
  const server =
    host === null ? [indent(siteLines, '  ')] : ['  server {', `    listen 127.0.0.1:${port};`, `    server_name ${host};`, indent(siteLines, '    '), '  }'];
  return [
    'daemon off;',
    'master_process off;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    'error_log stderr;',
    'events {}',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${temp(name)}`),
    ...server,
    '}',
    '',
  ].join('\n');
}

/**
 * Checks whole site (Caddy) or server (nginx) blocks as the proxy reads them (`caddy validate`, `nginx -t`)
 * in the config this file runs them with; the proxy's output when it refuses them, else undefined.
 */
export function proxyRefusal(kind: 'caddy' | 'nginx', blocks: string): string | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), `gatehouse-${kind}-check-`));
  try {
    const config = path.join(dir, kind === 'caddy' ? 'Caddyfile' : 'nginx.conf');
    writeFileSync(config, kind === 'caddy' ? caddyfile(null, 0, blocks) : nginxConf(dir, null, 0, blocks));
    const args = kind === 'caddy' ? ['validate', '--config', config, '--adapter', 'caddyfile'] : ['-t', '-e', 'stderr', '-p', dir, '-c', config];
    const run = spawnSync(BINARIES[kind], args, { env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir }, encoding: 'utf8' });
    return run.status === 0 ? undefined : `${run.stdout}${run.stderr}${run.error ?? ''}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What an owner's haproxy.cfg has before the pasted sections: foreground, logs to stderr, timeouts. */
export function haproxyCfg(sections: string): string {
  const head = ['global', '    log stderr format raw local0 warning', 'defaults', '    mode http', '    log global'];
  const timeouts = ['connect 5s', 'client 30s', 'server 30s'].map((timeout) => `    timeout ${timeout}`);
  return [...head, ...timeouts, '', sections].join('\n');
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

/** Resolves once the port takes connections; rejects with the proxy's output if it exits first. */
async function untilListening(child: ChildProcess, port: number, output: () => string): Promise<void> {
  // Generous: this bounds a broken start, not how fast a proxy starts.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the proxy exited before listening:\n${output()}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the proxy did not listen on port ${port}:\n${output()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
