// What Electron runs, as `npm run build:desktop` makes it: dist/desktop/main.js (the shell and the server
// in one program) starts the server at launch and answers discovery, with a stand-in for Electron (its
// binary cannot run here); the window's preload is where the shell says, and it needs no module but electron's.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildDesktop, DESKTOP_DIR } from '../../build/buildDesktop.ts';
import type { DesktopStatus } from '../../electron/desktopApi.ts';
import { createFakeElectron, desktopDataDir, type FakeElectron } from '../support/fakeElectron.ts';
import { freePort } from '../support/testServer.ts';

const savedEnv = { ...process.env };
const userData = mkdtempSync(path.join(tmpdir(), 'gatehouse-built-desktop-'));
let fake: FakeElectron;
let port: number;

beforeAll(async () => {
  await buildDesktop();
  port = await freePort();
  process.env.GATEHOUSE_PORT = String(port);
  process.env.GATEHOUSE_LOG_LEVEL = 'silent';
  process.env.XDG_CONFIG_HOME = path.join(userData, 'xdg-config');
  fake = createFakeElectron({ userData });
  vi.doMock('electron', () => fake.electron);
  await import(pathToFileURL(path.join(DESKTOP_DIR, 'main.js')).href);
  fake.makeReady();
  await vi.waitFor(async () => expect(((await fake.invoke('gatehouse:status', 'app://gatehouse/admin')) as DesktopStatus).state).toBe('running'), {
    timeout: 20_000,
  });
});

afterAll(async () => {
  if (fake && !fake.calls.quit) {
    const quit = new Promise<void>((resolve) => fake.electron.app.once('quit', () => resolve()));
    fake.electron.app.quit();
    await quit;
  }
  process.env = { ...savedEnv };
  rmSync(userData, { recursive: true, force: true });
});

describe('the built desktop app', () => {
  it('starts the server at launch, from one program, with its data in the app folder', async () => {
    const discovery = (await (await fetch(`http://localhost:${port}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(`http://localhost:${port}`);
    expect(existsSync(path.join(desktopDataDir(userData), 'gatehouse.db'))).toBe(true);
    expect(fake.windows[0]!.loadedUrl).toBe('app://gatehouse/admin');
  });

  it('gives the window the preload built beside it, which exposes the bridge with electron alone', () => {
    const preload = (fake.windows[0]!.options.webPreferences as { preload: string }).preload;
    expect(preload).toBe(path.join(DESKTOP_DIR, 'preload.cjs'));
    const exposed = new Map<string, Record<string, unknown>>();
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.set(name, api) },
      ipcRenderer: { invoke: (...args: unknown[]) => invoked.push(args), on() {}, removeListener() {} },
    };
    const required: string[] = [];
    const require = (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot load ${id}`);
      return electron;
    };
    runInNewContext(readFileSync(preload, 'utf8'), { require, module: { exports: {} }, exports: {} });
    expect(required).toEqual(['electron']);
    const bridge = exposed.get('gatehouseDesktop')!;
    expect(Object.keys(bridge)).toEqual(expect.arrayContaining(['status', 'startServer', 'stopServer', 'admin', 'completeSetup', 'onStatus']));
    (bridge.status as () => void)();
    expect(invoked).toEqual([['gatehouse:status']]);
  });
});
