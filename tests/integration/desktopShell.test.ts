// The desktop shell with a stand-in for Electron (its binary cannot run here) around the real server:
// lifecycle, tray, window, IPC and the first-run wizard, as the owner would drive them.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopShell } from '../../electron/desktopApp.ts';
import type { DesktopStatus } from '../../electron/desktopApi.ts';
import { clickMenuItem, createFakeElectron, desktopDataDir, type FakeElectron } from '../support/fakeElectron.ts';
import { freePort } from '../support/testServer.ts';

const APP_URL = 'app://gatehouse/admin';
const paths = { uiDir: path.resolve('dist/renderer'), preload: '/app/preload.cjs', iconDir: '/app/icons' };

let userData: string;
let fake: FakeElectron;
const savedEnv = { ...process.env };
const blockers: Server[] = [];

async function launch(options: { argv?: string[]; singleInstance?: boolean } = {}): Promise<DesktopShell | undefined> {
  fake = createFakeElectron({ userData, singleInstance: options.singleInstance });
  vi.resetModules();
  vi.doMock('electron', () => fake.electron);
  const { runDesktopApp } = await import('../../electron/desktopApp.ts');
  const started = runDesktopApp(paths, options.argv ?? ['electron', '.']);
  fake.makeReady();
  return started;
}

async function occupiedPort(): Promise<number> {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
  blockers.push(blocker);
  return (blocker.address() as { port: number }).port;
}

const menuLabel = (id: string) => fake.trays[0]!.menu.find((item) => item.id === id);
const status = (): Promise<DesktopStatus> => fake.invoke('gatehouse:status', APP_URL) as Promise<DesktopStatus>;

beforeEach(async () => {
  userData = mkdtempSync(path.join(tmpdir(), 'gatehouse-desktop-'));
  process.env.GATEHOUSE_PORT = String(await freePort());
  process.env.GATEHOUSE_LOG_LEVEL = 'silent';
  process.env.XDG_CONFIG_HOME = path.join(userData, 'xdg-config');
  delete process.env.GATEHOUSE_DATA_DIR;
  delete process.env.GATEHOUSE_ENCRYPTION_KEY;
  delete process.env.GATEHOUSE_ENCRYPTION_KEY_FILE;
});

afterEach(async () => {
  // Quitting stops the server and closes the database, as the Quit item does.
  if (fake && !fake.calls.quit) {
    const quit = new Promise<void>((resolve) => fake.electron.app.once('quit', () => resolve()));
    fake.electron.app.quit();
    await quit;
  }
  for (const blocker of blockers.splice(0)) blocker.close();
  process.env = { ...savedEnv };
  rmSync(userData, { recursive: true, force: true });
});

describe('lifecycle', () => {
  it('starts the server at launch, with its data in the app folder and its key sealed by the keychain', async () => {
    const shell = (await launch())!;
    expect(shell.server.snapshot().state).toBe('running');
    expect(existsSync(path.join(desktopDataDir(userData), 'gatehouse.db'))).toBe(true);
    expect(existsSync(path.join(desktopDataDir(userData), 'encryption.key.sealed'))).toBe(true);
    expect(existsSync(path.join(desktopDataDir(userData), 'encryption.key'))).toBe(false);
    const response = await fetch(`http://localhost:${process.env.GATEHOUSE_PORT}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(fake.windows[0]!.loadedUrl).toBe(APP_URL);
  });

  it("takes the configuration flags npm start passes on (`npm start -- --port N`), beside Electron's own", async () => {
    delete process.env.GATEHOUSE_PORT;
    const port = await freePort();
    const shell = (await launch({ argv: ['electron', '.', '--no-sandbox', '--port', String(port)] }))!;
    expect(shell.server.snapshot()).toMatchObject({ state: 'running', port, issuer: `http://localhost:${port}` });
    const discovery = (await (await fetch(`http://localhost:${port}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(`http://localhost:${port}`);
    // Set by a flag, the port is not the console's to change.
    const refused = await fake.invoke('gatehouse:admin', APP_URL, 'settings.update', { port: port + 1, confirm: true });
    expect(refused).toMatchObject({ ok: false, error: { error: 'set_at_startup', message: expect.stringMatching(/--port/) } });
  });

  it('reopens the same database with the sealed key after a restart', async () => {
    await launch();
    await fake.invoke('gatehouse:admin', APP_URL, 'groups.create', { name: 'family' });
    fake.electron.app.quit();
    await new Promise((resolve) => fake.electron.app.once('quit', resolve));
    await launch();
    const groups = (await fake.invoke('gatehouse:admin', APP_URL, 'groups.list', {})) as { ok: true; value: { groups: Array<{ name: string }> } };
    expect(groups.ok).toBe(true);
    expect(JSON.stringify(groups.value)).toContain('family');
  });

  it('leaves the server stopped when the owner turned starting at launch off', async () => {
    await launch();
    await fake.invoke('gatehouse:setStartServerAtLaunch', APP_URL, false);
    fake.electron.app.quit();
    await new Promise((resolve) => fake.electron.app.once('quit', resolve));
    const shell = (await launch())!;
    expect(shell.server.snapshot().state).toBe('stopped');
    expect((await status()).startServerAtLaunch).toBe(false);
  });

  it('a second copy hands over: it quits, and the first one shows and focuses its window', async () => {
    const second = await launch({ singleInstance: false });
    expect(second).toBeUndefined();
    expect(fake.calls.quit).toBe(1);

    await launch({ argv: ['electron', '.', '--hidden'] });
    expect(fake.windows).toHaveLength(0);
    fake.electron.app.emit('second-instance');
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.visible).toBe(true);
    expect(fake.windows[0]!.focused).toBe(1);
  });

  it('closing the window hides it and keeps serving; Quit stops the server and quits', async () => {
    const shell = (await launch())!;
    await new Promise((resolve) => setImmediate(resolve));
    const window = fake.windows[0]!;
    expect(window.visible).toBe(true);
    expect(window.clickClose()).toEqual({ prevented: true });
    expect(window.visible).toBe(false);
    expect(shell.server.snapshot().state).toBe('running');

    clickMenuItem(fake.trays[0]!.menu, 'open');
    expect(window.visible).toBe(true);

    const quit = new Promise<void>((resolve) => fake.electron.app.once('quit', () => resolve()));
    clickMenuItem(fake.trays[0]!.menu, 'quit');
    await quit;
    expect(shell.server.snapshot().state).toBe('error');
    await expect(fetch(`http://localhost:${process.env.GATEHOUSE_PORT}/healthz`)).rejects.toThrow();
    expect(window.clickClose()).toEqual({ prevented: false });
  });
});

describe('tray', () => {
  it('shows running, stopped and error, and Start and Stop drive the server', async () => {
    const shell = (await launch())!;
    const port = process.env.GATEHOUSE_PORT;
    expect(menuLabel('status')!.label).toBe(`Running on port ${port}`);
    expect(fake.trays[0]!.image).toEqual({ file: '/app/icons/tray-running.png' });
    expect(menuLabel('start')!.enabled).toBe(false);

    clickMenuItem(fake.trays[0]!.menu, 'stop');
    await vi.waitFor(() => expect(shell.server.snapshot().state).toBe('stopped'));
    expect(menuLabel('status')!.label).toBe('Stopped');
    expect(fake.trays[0]!.image).toEqual({ file: '/app/icons/tray-stopped.png' });
    expect(menuLabel('open-sign-in')!.enabled).toBe(false);

    clickMenuItem(fake.trays[0]!.menu, 'start');
    await vi.waitFor(() => expect(shell.server.snapshot().state).toBe('running'));
    expect(menuLabel('status')!.label).toBe(`Running on port ${port}`);

    clickMenuItem(fake.trays[0]!.menu, 'copy-issuer');
    expect(fake.calls.clipboard).toEqual([`http://localhost:${port}`]);
    clickMenuItem(fake.trays[0]!.menu, 'open-sign-in');
    expect(fake.calls.openExternal).toEqual([`http://localhost:${port}/account`]);
    // The window's Server menu is the same menu, for desktops without a tray area.
    expect(fake.applicationMenu()[0]!.label).toBe('Server');
    // Every change reaches the window too.
    expect(fake.windows[0]!.webContents.sent.at(-1)!.channel).toBe('gatehouse:status-changed');
  });

  it('says when the port is taken, and choosing another port restarts the server on it', async () => {
    const taken = await occupiedPort();
    process.env.GATEHOUSE_PORT = String(taken);
    delete process.env.GATEHOUSE_PORT;
    const shell = (await launch())!;
    // The port comes from gatehouse.yaml (an environment variable would fix it): write it as the console would.
    await fake.invoke('gatehouse:admin', APP_URL, 'settings.update', { port: taken, confirm: true });
    await vi.waitFor(() => expect(shell.server.snapshot().state).toBe('error'));
    expect(menuLabel('status')!.label).toMatch(new RegExp(`^Not running: Port ${taken} on 0\\.0\\.0\\.0 is already in use`));
    expect(fake.trays[0]!.tooltip).toContain('stop that program or choose another port');
    expect(fake.trays[0]!.image).toEqual({ file: '/app/icons/tray-error.png' });
    expect(await status()).toMatchObject({ error: expect.stringMatching(/already in use/), errorField: 'port' });

    const free = await freePort();
    const changed = (await fake.invoke('gatehouse:admin', APP_URL, 'settings.update', { port: String(free), confirm: true })) as { ok: boolean };
    expect(changed.ok).toBe(true);
    await vi.waitFor(() => expect(shell.server.snapshot().state).toBe('running'));
    expect(shell.server.snapshot()).toMatchObject({ port: free, issuer: `http://localhost:${free}`, error: null, errorField: null });
    expect(menuLabel('status')!.label).toBe(`Running on port ${free}`);
    expect((await fetch(`http://localhost:${free}/healthz`)).status).toBe(200);
  });

  it('Start at login writes an XDG autostart entry that opens Gatehouse in the tray', async () => {
    await launch();
    if (process.platform !== 'linux') return;
    const entry = path.join(process.env.XDG_CONFIG_HOME!, 'autostart', 'gatehouse.desktop');
    clickMenuItem(fake.trays[0]!.menu, 'start-at-login');
    expect(readFileSync(entry, 'utf8')).toMatch(/^Exec=".+" --hidden$/m);
    expect(menuLabel('start-at-login')!.checked).toBe(true);
    clickMenuItem(fake.trays[0]!.menu, 'start-at-login');
    expect(existsSync(entry)).toBe(false);
  });
});

describe('IPC', () => {
  it('answers the app window and refuses frames, other pages and bad arguments', async () => {
    await launch();
    expect((await status()).state).toBe('running');
    await expect(fake.invoke('gatehouse:status', 'https://evil.example/admin')).rejects.toThrow(/only Gatehouse's own window/);
    await expect(fake.invoke('gatehouse:status', 'app://gatehouse.evil.example/admin')).rejects.toThrow(/only Gatehouse's own window/);
    await expect(fake.invokeFrom('gatehouse:status', { url: APP_URL, parent: {} })).rejects.toThrow(/only Gatehouse's own window/);
    await expect(fake.invokeFrom('gatehouse:status', null)).rejects.toThrow(/only Gatehouse's own window/);
    await expect(fake.invoke('gatehouse:openExternal', APP_URL, 'file:///etc/passwd')).rejects.toThrow(/must be an http or https address/);
    await expect(fake.invoke('gatehouse:openExternal', APP_URL, 'javascript:alert(1)')).rejects.toThrow(/http or https/);
    await expect(fake.invoke('gatehouse:setStartAtLogin', APP_URL, 'yes')).rejects.toThrow(/Refused gatehouse:setStartAtLogin/);
    await expect(fake.invoke('gatehouse:admin', APP_URL, 'users.list; drop', {})).rejects.toThrow(/operation name/);
    await expect(fake.invoke('gatehouse:chooseFile', APP_URL, '/etc/shadow')).rejects.toThrow(/Refused/);
    expect(fake.calls.openExternal).toEqual([]);
  });

  it('runs admin operations as the desktop owner and reports field errors as the HTTP API does', async () => {
    await launch();
    const created = (await fake.invoke('gatehouse:admin', APP_URL, 'users.create', { username: 'alice', email: 'alice@example.com' })) as { ok: boolean };
    expect(created.ok).toBe(true);
    const refused = await fake.invoke('gatehouse:admin', APP_URL, 'users.create', { username: 'bad name!' });
    expect(refused).toMatchObject({ ok: false, error: { status: 400, error: 'invalid_input', field: 'username' } });
    const unknown = await fake.invoke('gatehouse:admin', APP_URL, 'users.fly', {});
    expect(unknown).toMatchObject({ ok: false, error: { status: 404, error: 'unknown_operation' } });
    const audit = (await fake.invoke('gatehouse:admin', APP_URL, 'audit.list', {})) as { ok: true; value: unknown };
    expect(JSON.stringify(audit.value)).toContain('desktop');
  });

  it('sets a person’s picture from the window, server stopped or not, and refuses a wrong file as the HTTP API does', async () => {
    const shell = (await launch())!;
    const created = (await fake.invoke('gatehouse:admin', APP_URL, 'users.create', { username: 'alice' })) as { ok: true; value: { id: string } };
    await fake.invoke('gatehouse:stopServer', APP_URL);
    expect(shell.server.snapshot().state).toBe('stopped');
    const { default: sharp } = await import('sharp');
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer();
    const set = await fake.invoke('gatehouse:admin', APP_URL, 'users.setPicture', {
      id: created.value.id,
      image: `data:image/png;base64,${png.toString('base64')}`,
    });
    // The window shows the stored picture as a data: URL: its CSP loads images from nowhere else.
    expect(set).toMatchObject({
      ok: true,
      value: { pictureUrl: expect.stringMatching(/^\/pictures\//), pictureImage: expect.stringMatching(/^data:image\/webp;base64,/) },
    });
    const refused = await fake.invoke('gatehouse:admin', APP_URL, 'users.setPicture', { id: created.value.id, image: 'data:text/plain;base64,aGVsbG8=' });
    expect(refused).toMatchObject({ ok: false, error: { status: 415, error: 'picture_type_unsupported', field: 'image' } });
  });

  it('keeps the console working while the server is stopped', async () => {
    const shell = (await launch())!;
    await fake.invoke('gatehouse:stopServer', APP_URL);
    expect(shell.server.snapshot().state).toBe('stopped');
    const overview = (await fake.invoke('gatehouse:admin', APP_URL, 'overview.get', {})) as { ok: boolean };
    expect(overview.ok).toBe(true);
  });

  it('serves the console build to the window with a CSP, and nothing outside it', async () => {
    await launch();
    const handler = fake.protocolHandler()!;
    const page = await handler(new Request('app://gatehouse/admin/users'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toContain('<div id="root">');
    // The URL parser already folds dot segments; whatever is left is looked up inside the build only.
    const outside = await handler(new Request('app://gatehouse/%2e%2e/%2e%2e/package.json'));
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain('"dependencies"');
    expect((await handler(new Request('app://gatehouse/api/admin/users.list'))).status).toBe(404);
  });

  it('keeps the window on the app: navigation away is refused and web links open in the browser', async () => {
    await launch();
    await new Promise((resolve) => setImmediate(resolve));
    const contents = fake.windows[0]!.webContents;
    const navigate = (url: string) => {
      let prevented = false;
      contents.emit('will-navigate', {
        url,
        preventDefault: () => {
          prevented = true;
        },
      });
      return prevented;
    };
    expect(navigate('app://gatehouse/admin/users')).toBe(false);
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://grafana.home.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'smb://nas/share' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(fake.calls.openExternal).toEqual(['https://example.com/', 'https://grafana.home.example/']));
  });
});

describe('first-run wizard', () => {
  const admin = { username: 'owner', email: 'owner@example.com', displayName: 'The Owner' };
  const configFile = () => path.join(desktopDataDir(userData), 'gatehouse.yaml');

  beforeEach(() => {
    // The wizard writes the port to gatehouse.yaml, which an environment variable would override.
    mkdirSync(path.join(desktopDataDir(userData)), { recursive: true });
    writeFileSync(configFile(), `# Gatehouse settings\nport: ${process.env.GATEHOUSE_PORT}\n`);
    delete process.env.GATEHOUSE_PORT;
  });

  it('behind a reverse proxy on this computer: https issuer, loopback bind, loopback proxy trusted, admin and link', async () => {
    const shell = (await launch())!;
    expect((await status()).needsSetup).toBe(true);
    const port = await freePort();
    const result = (await fake.invoke('gatehouse:completeSetup', APP_URL, {
      instanceName: 'Home',
      reach: { mode: 'reverse-proxy', publicUrl: 'https://auth.home.example', port, proxyOnThisComputer: true },
      admin,
    })) as { ok: true; value: { issuer: string; link: string; qrSvg: string; status: DesktopStatus } };
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect(result.value.issuer).toBe('https://auth.home.example');
    expect(result.value.link).toMatch(/^https:\/\/auth\.home\.example\/link\/[A-Za-z0-9_-]+$/);
    expect(result.value.qrSvg).toMatch(/^<svg/);
    expect(result.value.status).toMatchObject({ needsSetup: false, state: 'running', port, host: '127.0.0.1' });
    const config = readFileSync(configFile(), 'utf8');
    expect(config).toMatch(/^# Gatehouse settings/);
    expect(config).toMatch(/issuer: https:\/\/auth\.home\.example/);
    expect(config).toMatch(/host: 127\.0\.0\.1/);
    expect(config).toMatch(/trustProxy:\n\s+- 127\.0\.0\.1\n\s+- "?::1"?/);
    expect(shell.server.snapshot().issuer).toBe('https://auth.home.example');
    const users = (await fake.invoke('gatehouse:admin', APP_URL, 'users.list', {})) as {
      ok: true;
      value: { users: Array<{ username: string; isAdmin: boolean }> };
    };
    expect(users.value.users).toMatchObject([{ username: 'owner', isAdmin: true }]);
    // Only once: afterwards the console changes settings.
    const again = await fake.invoke('gatehouse:completeSetup', APP_URL, {
      instanceName: 'Home',
      reach: { mode: 'this-computer', port },
      admin: { ...admin, username: 'second' },
    });
    expect(again).toMatchObject({ ok: false, error: { error: 'already_set_up' } });
  });

  it('this computer only: http://localhost issuer on the loopback address', async () => {
    await launch();
    const port = await freePort();
    const result = (await fake.invoke('gatehouse:completeSetup', APP_URL, { instanceName: 'Desk', reach: { mode: 'this-computer', port }, admin })) as {
      ok: true;
      value: { issuer: string; status: DesktopStatus };
    };
    expect(result.value.issuer).toBe(`http://localhost:${port}`);
    expect(result.value.status).toMatchObject({ host: '127.0.0.1', port, state: 'running' });
    expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);
  });

  it('another port from the panel: the default issuer follows it in gatehouse.yaml and discovery, said as a change made now', async () => {
    const shell = (await launch())!;
    const port = await freePort();
    await fake.invoke('gatehouse:completeSetup', APP_URL, { instanceName: 'Desk', reach: { mode: 'this-computer', port }, admin });
    expect(readFileSync(configFile(), 'utf8')).toContain(`issuer: http://localhost:${port}`);
    const next = await freePort();
    const asked = (await fake.invoke('gatehouse:admin', APP_URL, 'settings.update', { port: String(next) })) as { ok: false; error: { message: string } };
    expect(asked.error.message).not.toMatch(/next start|all 0 clients|clients must/);
    expect(asked.error.message).toMatch(new RegExp(`restarts on port ${next} now.*issuer becomes http://localhost:${next}`));
    await fake.invoke('gatehouse:admin', APP_URL, 'clients.create', { id: 'app', name: 'App', redirectUris: ['https://app.example/cb'] });
    const again = (await fake.invoke('gatehouse:admin', APP_URL, 'settings.update', { port: String(next) })) as { ok: false; error: { message: string } };
    expect(again.error.message).toMatch(new RegExp(`the 1 client must be updated to http://localhost:${next}`));

    const saved = (await fake.invoke('gatehouse:admin', APP_URL, 'settings.update', { port: String(next), confirm: true })) as {
      ok: true;
      value: { restart: string };
    };
    expect(saved.value.restart).toBe('restarting');
    expect(shell.server.snapshot()).toMatchObject({ state: 'running', port: next, issuer: `http://localhost:${next}` });
    expect(readFileSync(configFile(), 'utf8')).toContain(`issuer: http://localhost:${next}`);
    const discovery = (await (await fetch(`http://localhost:${next}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(`http://localhost:${next}`);
    // The window is told, so it shows the new state without a reload.
    const sent = fake.windows[0]!.webContents.sent.filter((message) => message.channel === 'gatehouse:status-changed');
    expect(sent.at(-1)!.args[0]).toMatchObject({ state: 'running', port: next, issuer: `http://localhost:${next}` });
  });

  it('another port behind a proxy: the issuer the owner set stays, and the answer says what that means', async () => {
    await launch();
    const port = await freePort();
    await fake.invoke('gatehouse:completeSetup', APP_URL, {
      instanceName: 'Home',
      reach: { mode: 'reverse-proxy', publicUrl: 'https://auth.home.example', port, proxyOnThisComputer: true },
      admin,
    });
    const next = await freePort();
    const asked = (await fake.invoke('gatehouse:admin', APP_URL, 'settings.update', { port: next })) as { ok: false; error: { message: string } };
    expect(asked.error.message).toMatch(new RegExp(`issuer stays https://auth\\.home\\.example.*forward to port ${next}`));
    expect(asked.error.message).not.toMatch(/next start|clients/);
  });

  it('a refused choice changes nothing and names the field', async () => {
    await launch();
    const before = await status();
    const configBefore = readFileSync(configFile(), 'utf8');
    const port = await freePort();
    const cases = [
      [
        { instanceName: 'Home', reach: { mode: 'lan', hostname: '192.168.1.20', port, tlsCertFile: '/c.pem', tlsKeyFile: '/k.pem' }, admin },
        'reach.hostname',
        /IP address/,
      ],
      [
        { instanceName: 'Home', reach: { mode: 'reverse-proxy', publicUrl: 'http://auth.home.example', port, proxyOnThisComputer: true }, admin },
        'reach.publicUrl',
        /https/,
      ],
      [
        { instanceName: 'Home', reach: { mode: 'reverse-proxy', publicUrl: 'https://auth.home.example', port, proxyOnThisComputer: false }, admin },
        'reach.proxyAddress',
        /proxy/,
      ],
      [{ instanceName: 'Home', reach: { mode: 'this-computer', port: 80 }, admin }, 'reach.port', /1024/],
      [
        { instanceName: 'Home', reach: { mode: 'this-computer', port }, admin: { ...admin, username: 'no spaces please' } },
        'admin.username',
        /letters, digits/,
      ],
      [
        {
          instanceName: 'Home',
          reach: { mode: 'lan', hostname: 'gatehouse.home.example', port, tlsCertFile: '/nonexistent/cert.pem', tlsKeyFile: '/nonexistent/key.pem' },
          admin,
        },
        'reach.tlsCertFile',
        /Cannot read the TLS certificate/,
      ],
    ] as const;
    for (const [choices, field, message] of cases) {
      const refused = (await fake.invoke('gatehouse:completeSetup', APP_URL, choices)) as { ok: false; error: { field: string; message: string } };
      expect(refused.ok, field).toBe(false);
      expect(refused.error.field).toBe(field);
      expect(refused.error.message).toMatch(message);
      expect(await status()).toMatchObject({ needsSetup: true, issuer: before.issuer, port: before.port });
      expect(readFileSync(configFile(), 'utf8')).toBe(configBefore);
      const users = (await fake.invoke('gatehouse:admin', APP_URL, 'users.list', {})) as { ok: true; value: { users: unknown[] } };
      expect(users.value.users).toEqual([]);
    }
  });
});

describe('key-encryption key', () => {
  it('is replaced from the window: the server restarts under a new sealed key and the data stays', async () => {
    await launch();
    await fake.invoke('gatehouse:admin', APP_URL, 'groups.create', { name: 'family' });
    const sealedFile = path.join(desktopDataDir(userData), 'encryption.key.sealed');
    const before = readFileSync(sealedFile);
    const answer = (await fake.invoke('gatehouse:rotateEncryptionKey', APP_URL)) as { ok: true; value: Record<string, any> };
    expect(answer).toMatchObject({
      ok: true,
      value: { keptIn: 'the operating system keychain', resealed: expect.any(Number), status: { state: 'running' } },
    });
    expect(answer.value.newFingerprint).not.toBe(answer.value.oldFingerprint);
    expect(readFileSync(sealedFile).equals(before)).toBe(false);
    expect(existsSync(`${sealedFile}.next`)).toBe(false);
    fake.electron.app.quit();
    await new Promise((resolve) => fake.electron.app.once('quit', resolve));
    await launch();
    const groups = (await fake.invoke('gatehouse:admin', APP_URL, 'groups.list', {})) as { ok: true; value: unknown };
    expect(JSON.stringify(groups.value)).toContain('family');
  });

  it('falls back to the key file, with a warning in the window, when the keychain is plain text', async () => {
    fake = createFakeElectron({ userData });
    fake.electron.safeStorage.getSelectedStorageBackend = () => 'basic_text';
    vi.resetModules();
    vi.doMock('electron', () => fake.electron);
    const { runDesktopApp } = await import('../../electron/desktopApp.ts');
    const started = runDesktopApp(paths, ['electron', '.']);
    fake.makeReady();
    await started;
    expect(existsSync(path.join(desktopDataDir(userData), 'encryption.key'))).toBe(true);
    expect(existsSync(path.join(desktopDataDir(userData), 'encryption.key.sealed'))).toBe(false);
    expect((await status()).warnings.join(' ')).toMatch(
      /kept in the file .*encryption\.key, not in the operating system keychain, because no keyring is running/,
    );
  });
});
