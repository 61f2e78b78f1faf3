// `npm start` where the desktop window cannot open (no display, as on this machine and in CI): the same
// server runs headless, one line says why and where the console is, and the console answers there.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { displayMissing } from '../../electron/launch.ts';
import { runNode, type ServeProcess, startListening } from '../support/cliProcess.ts';
import { freePort } from '../support/testServer.ts';

const LAUNCHER = fileURLToPath(new URL('../../electron/launch.ts', import.meta.url));
let running: ServeProcess | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  running?.child.kill('SIGTERM');
  await running?.exited;
  running = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('without a display, serves headless and says why and where the console is', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-launch-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_PORT: String(port), DISPLAY: '', WAYLAND_DISPLAY: '' };
    running = await startListening([LAUNCHER], env);
    const lines = running.output().split('\n');
    expect(lines[0]).toBe(
      `Gatehouse: the desktop window cannot open because there is no display (DISPLAY and WAYLAND_DISPLAY are not set), so the server runs headless; the console is at http://localhost:${port}/admin`,
    );

    const page = await fetch(`http://localhost:${port}/admin`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // The console's API answers there too, asking for an admin's sign-in.
    const api = await fetch(`http://localhost:${port}/api/admin/overview.get`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
    // The first admin is created through a setup link; with output to a pipe, as `gatehouse serve`, it is in a private file.
    await expect.poll(() => running!.output()).toContain('No admin yet');
    expect(running.output()).not.toContain('/link/');
    expect(readFileSync(path.join(dataDir, 'setup-link.txt'), 'utf8')).toMatch(new RegExp(`^http://localhost:${port}/link/[A-Za-z0-9_-]+`));

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    running = undefined;
  });

  it('at a terminal, shows the setup link there', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-launch-'));
    const port = await freePort();
    running = await startListening(
      [LAUNCHER],
      { GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_PORT: String(port), DISPLAY: '', WAYLAND_DISPLAY: '' },
      { terminal: true },
    );
    await expect
      .poll(() => running!.output())
      .toMatch(new RegExp(`No admin yet\\. Open this one-time link[\\s\\S]*http://localhost:${port}/link/[A-Za-z0-9_-]{43}`));
    expect(existsSync(path.join(dataDir, 'setup-link.txt'))).toBe(false);
  });

  it('passes its flags on: `npm start -- --port N --data-dir D` serves there, with the issuer of that port', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-launch-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { GATEHOUSE_DATA_DIR: '', GATEHOUSE_PORT: '', DISPLAY: '', WAYLAND_DISPLAY: '' };
    running = await startListening([LAUNCHER, '--port', String(port), '--data-dir', dataDir], env);
    expect(running.output().split('\n')[0]).toMatch(new RegExp(`the console is at http://localhost:${port}/admin$`));
    const discovery = (await (await fetch(`http://localhost:${port}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(`http://localhost:${port}`);
    expect(existsSync(path.join(dataDir, 'gatehouse.db'))).toBe(true);
  });

  it('refuses a flag it does not know, in one line', async () => {
    const refused = await runNode([LAUNCHER, '--prot', '4602'], { DISPLAY: '', WAYLAND_DISPLAY: '' });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/--prot.*gatehouse serve --help/);
  });

  it('knows when a window can open', () => {
    expect(displayMissing({}, 'linux')).toMatch(/no display/);
    expect(displayMissing({ DISPLAY: ':0' }, 'linux')).toBeUndefined();
    expect(displayMissing({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeUndefined();
    expect(displayMissing({}, 'darwin')).toBeUndefined();
    expect(displayMissing({}, 'win32')).toBeUndefined();
    expect(displayMissing({ DISPLAY: ':0', GATEHOUSE_HEADLESS: '1' }, 'linux')).toMatch(/GATEHOUSE_HEADLESS/);
  });
});
