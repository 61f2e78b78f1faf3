// Before packaging, dist checks that what electron-builder will download is cached or reachable, and
// says in one sentence what is not. These tests run offline: a closed local port, a .invalid name
// and local servers stand in for the internet.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronZipCached, neededDownloads, unreachableDownloads, unreachableMessage } from '../../build/packagingDownloads.ts';
import type { PackagingTarget } from '../../build/packagingTargets.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.close(resolve);
          server.closeAllConnections();
        }),
    ),
  );
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'gatehouse-downloads-'));

describe('network probe', () => {
  it('reports an unreachable host in one sentence with the ways out, quickly and without a stack trace', async () => {
    const port = await closedPort();
    const started = Date.now();
    const unreachable = await unreachableDownloads(
      [
        { what: 'Electron 45.4.1 for linux-x64', url: `http://127.0.0.1:${port}/v45.4.1/electron-v45.4.1-linux-x64.zip` },
        { what: "electron-builder's packaging tools", url: 'https://gatehouse-packaging-probe.invalid/releases/download/' },
      ],
      3000,
    );
    expect(Date.now() - started).toBeLessThan(3500);
    expect(unreachable.map(({ host, reason }) => ({ host, reason }))).toEqual([
      { host: `127.0.0.1:${port}`, reason: 'refused the connection' },
      { host: 'gatehouse-packaging-probe.invalid', reason: expect.stringMatching(/cannot be found \(DNS lookup failed\)|did not answer within 3 s/) },
    ]);

    const env = { XDG_CACHE_HOME: '/var/cache/builder' };
    const message = unreachableMessage(unreachable, env, 'linux');
    expect(message).toBe(
      `Packaging needs to download what is not cached yet, but 127.0.0.1:${port}, which serves Electron 45.4.1 for linux-x64, refused the connection` +
        ` and gatehouse-packaging-probe.invalid, which serves electron-builder's packaging tools, ${unreachable[1].reason};` +
        ' run `npm run dist` on a machine with internet access, pre-seed the caches /var/cache/builder/electron and /var/cache/builder/electron-builder,' +
        ' or point ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR at mirrors this machine can reach.',
    );
    expect(message).not.toMatch(/\n|Error:|\bat \S+ \(/);
  });

  it('counts any HTTP answer as reachable, and follows a redirect to the host that serves the file', async () => {
    const notFound = await listen((_, response) => {
      response.statusCode = 404;
      response.end();
    });
    expect(await unreachableDownloads([{ what: 'a mirror', url: `${notFound}/v1/file.zip` }])).toEqual([]);

    const port = await closedPort();
    const redirecting = await listen((_, response) => {
      response.writeHead(302, { location: `http://127.0.0.1:${port}/asset` });
      response.end();
    });
    expect(await unreachableDownloads([{ what: 'Electron', url: `${redirecting}/electron.zip` }])).toEqual([
      { what: 'Electron', url: `http://127.0.0.1:${port}/asset`, host: `127.0.0.1:${port}`, reason: 'refused the connection' },
    ]);
  });

  it('gives up on a server that does not answer within the time limit', async () => {
    const silent = await listen(() => {
      /* never answers */
    });
    const [unreachable] = await unreachableDownloads([{ what: 'Electron', url: `${silent}/electron.zip` }], 200);
    expect(unreachable.reason).toBe('did not answer within 0.2 s');
  });
});

describe('what packaging downloads', () => {
  const linux: PackagingTarget[] = [{ platform: 'linux', arch: 'x64', names: ['AppImage', 'deb'] }];

  it('asks GitHub for the Electron zip and the packaging tools when nothing is cached', () => {
    const cache = tempDir();
    expect(neededDownloads({ targets: linux, electronVersion: '45.4.1', env: { XDG_CACHE_HOME: cache }, hostPlatform: 'linux' })).toEqual([
      { what: 'Electron 45.4.1 for linux-x64', url: 'https://github.com/electron/electron/releases/download/v45.4.1/electron-v45.4.1-linux-x64.zip' },
      { what: "electron-builder's packaging tools", url: 'https://github.com/electron-userland/electron-builder-binaries/releases/download/' },
    ]);
  });

  it('uses the mirrors from the environment, and both macOS zips for a universal app', () => {
    const env = {
      XDG_CACHE_HOME: tempDir(),
      ELECTRON_MIRROR: 'https://mirror.example/electron/',
      ELECTRON_BUILDER_BINARIES_MIRROR: 'https://mirror.example/builder',
    };
    expect(
      neededDownloads({ targets: [{ platform: 'darwin', arch: 'universal', names: ['dmg'] }], electronVersion: '45.4.1', env, hostPlatform: 'linux' }),
    ).toEqual([
      { what: 'Electron 45.4.1 for darwin-x64', url: 'https://mirror.example/electron/v45.4.1/electron-v45.4.1-darwin-x64.zip' },
      { what: 'Electron 45.4.1 for darwin-arm64', url: 'https://mirror.example/electron/v45.4.1/electron-v45.4.1-darwin-arm64.zip' },
      { what: "electron-builder's packaging tools", url: 'https://mirror.example/builder/' },
    ]);
  });

  it('needs nothing that is pre-seeded: the zip with its checksums, and the tools', () => {
    const cache = tempDir();
    mkdirSync(path.join(cache, 'electron', 'a1b2c3'), { recursive: true });
    writeFileSync(path.join(cache, 'electron', 'a1b2c3', 'electron-v45.4.1-linux-x64.zip'), 'zip');
    expect(electronZipCached(path.join(cache, 'electron'), '45.4.1', 'linux', 'x64')).toBe(false); // no checksums: @electron/get would fetch them
    writeFileSync(path.join(cache, 'electron', 'SHASUMS256.txt-45.4.1'), `${'0'.repeat(64)} *electron-v45.4.1-linux-x64.zip\n`);
    expect(electronZipCached(path.join(cache, 'electron'), '45.4.1', 'linux', 'x64')).toBe(true);
    mkdirSync(path.join(cache, 'electron-builder', 'appimage@1.0.2'), { recursive: true });
    expect(neededDownloads({ targets: linux, electronVersion: '45.4.1', env: { XDG_CACHE_HOME: cache }, hostPlatform: 'linux' })).toEqual([]);
  });

  it('needs no packaging tools for an unpacked directory', () => {
    const targets: PackagingTarget[] = [{ platform: 'linux', arch: 'x64', names: ['dir'] }];
    expect(
      neededDownloads({ targets, electronVersion: '45.4.1', env: { XDG_CACHE_HOME: tempDir() }, hostPlatform: 'linux' }).map((download) => download.what),
    ).toEqual(['Electron 45.4.1 for linux-x64']);
  });
});
