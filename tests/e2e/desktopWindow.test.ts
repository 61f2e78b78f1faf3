// The desktop window's pages in real Chromium, wired to the real main-process handlers (Electron itself
// cannot run here: a stand-in module plays it, and the page's bridge forwards each call to the handlers as
// the preload would). The owner sets Gatehouse up in the wizard, the admin registers their passkey from
// the link it shows, and the console runs the server.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DesktopShell } from '../../electron/desktopApp.ts';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { createFakeElectron, desktopDataDir, type FakeElectron } from '../support/fakeElectron.ts';
import { screenshotBothWidths } from '../support/screenshots.ts';
import { freePort } from '../support/testServer.ts';

const APP_URL = 'app://gatehouse/admin';
const METHODS = [
  'status',
  'startServer',
  'stopServer',
  'admin',
  'completeSetup',
  'setStartAtLogin',
  'setStartServerAtLaunch',
  'openExternal',
  'chooseFile',
  'setBackupSchedule',
  'backUpNow',
  'chooseFolder',
  'rotateEncryptionKey',
];

describe.skipIf(!chromiumAvailable())('the desktop window', () => {
  let userData: string;
  let fake: FakeElectron;
  let shell: DesktopShell;
  let browser: Browser;
  let page: Page;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    userData = mkdtempSync(path.join(tmpdir(), 'gatehouse-window-'));
    mkdirSync(desktopDataDir(userData), { recursive: true });
    writeFileSync(path.join(desktopDataDir(userData), 'gatehouse.yaml'), `port: ${await freePort()}\n`);
    process.env.GATEHOUSE_LOG_LEVEL = 'silent';
    process.env.XDG_CONFIG_HOME = path.join(userData, 'xdg');
    for (const name of ['GATEHOUSE_PORT', 'GATEHOUSE_DATA_DIR', 'GATEHOUSE_ENCRYPTION_KEY', 'GATEHOUSE_ENCRYPTION_KEY_FILE']) delete process.env[name];
    fake = createFakeElectron({ userData });
    vi.doMock('electron', () => fake.electron);
    const { runDesktopApp } = await import('../../electron/desktopApp.ts');
    const started = runDesktopApp({ uiDir: path.resolve('dist/renderer'), preload: '/app/preload.cjs', iconDir: '/app/icons' }, ['electron', '.']);
    fake.makeReady();
    shell = (await started)!;

    browser = await launchChromium();
    const context = await browser.newContext();
    page = await context.newPage();
    // The preload's bridge, as window.gatehouseDesktop: each call goes to the main process's handler.
    await page.exposeFunction('desktopInvoke', (method: string, args: unknown[]) => fake.invoke(`gatehouse:${method}`, APP_URL, ...args));
    await page.addInitScript((methods: string[]) => {
      const listeners = new Set<(status: unknown) => void>();
      const page = globalThis as unknown as { desktopInvoke(method: string, args: unknown[]): Promise<unknown> };
      const invoke = page.desktopInvoke;
      const bridge: Record<string, unknown> = Object.fromEntries(methods.map((method) => [method, (...args: unknown[]) => invoke(method, args)]));
      bridge.onStatus = (listener: (status: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      };
      Object.assign(page, {
        gatehouseDesktop: bridge,
        pushStatus: (status: unknown) => {
          for (const listener of listeners) listener(status);
        },
      });
    }, METHODS);
    await new Promise((resolve) => setImmediate(resolve));
    fake.windows[0]!.webContents.onSend = (channel, args) => {
      if (channel === 'gatehouse:status-changed')
        void page.evaluate((status) => (globalThis as unknown as { pushStatus(s: unknown): void }).pushStatus(status), args[0]).catch(() => {});
    };
    // The same build the window loads from app://gatehouse, here from the desktop's own server.
    await page.goto(`${shell.server.snapshot().issuer}/admin`);
  });

  afterAll(async () => {
    await browser?.close();
    if (fake) {
      const quit = new Promise((resolve) => fake.electron.app.once('quit', resolve));
      fake.electron.app.quit();
      await quit;
    }
    process.env = { ...savedEnv };
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('first run: the wizard sets the address and the admin, whose link registers a passkey in a browser', async () => {
    await page.getByTestId('setup-step-name').waitFor();
    await page.getByTestId('setup-name').fill('Home Lab');
    await page.getByTestId('setup-next').click();

    // A choice that cannot work is explained beside its field, and nothing is saved.
    await page.getByTestId('setup-reach-lan').check();
    await page.getByTestId('setup-hostname').fill('192.168.1.20');
    await page.getByTestId('setup-tls-cert').fill('/c.pem');
    await page.getByTestId('setup-tls-key').fill('/k.pem');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-admin-username').fill('owner');
    await page.getByTestId('setup-admin-name').fill('The Owner');
    await page.getByTestId('setup-admin-email').fill('owner@home.example');
    await page.getByTestId('setup-next').click();
    await expect.poll(() => page.getByTestId('field-error-reach.hostname').textContent()).toMatch(/IP address/);

    const port = await freePort();
    await page.getByTestId('setup-reach-this-computer').check();
    await page.getByTestId('setup-port').fill(String(port));
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-finished').waitFor();
    expect(await page.getByTestId('setup-issuer').innerText()).toBe(`http://localhost:${port}`);
    const link = await page.getByTestId('setup-link').innerText();
    expect(link).toMatch(new RegExp(`^http://localhost:${port}/link/`));
    expect(await page.locator('[data-testid="setup-finished"] figure svg').count()).toBe(1);
    // This computer only: a phone scanning the code could not open it, and the page says so.
    expect(await page.getByTestId('qr-localhost-notice').innerText()).toMatch(/only on this computer.*reverse proxy.*directly on your network/s);
    expect(shell.server.snapshot()).toMatchObject({ state: 'running', port, host: '127.0.0.1', needsSetup: false });

    // The admin opens the link in their own browser and creates a passkey there.
    const phone = await browser.newContext();
    const phonePage = await phone.newPage();
    const authenticator = await addVirtualAuthenticator(phone, phonePage);
    await phonePage.goto(link);
    await phonePage.getByTestId('link-continue').click();
    await phonePage.getByTestId('passkey-create').click();
    await phonePage.getByTestId('passkey-created').waitFor();
    expect(await authenticator.credentials()).toHaveLength(1);
    // They are the admin: the page takes them on to the console, not to their account.
    expect(await phonePage.getByTestId('passkey-done').getAttribute('href')).toBe('/admin');
    await phone.close();

    await page.getByTestId('setup-done').click();
    await page.getByTestId('server-bar').waitFor();
  });

  it('the console works over IPC, with the server stopped and started from its panel', async () => {
    await expect.poll(() => page.getByTestId('server-state').innerText()).toBe('Running');
    await page.getByTestId('server-stop').click();
    await expect.poll(() => page.getByTestId('server-state').innerText()).toBe('Stopped');
    expect(shell.server.snapshot().state).toBe('stopped');

    // Managing users needs no server: the console talks to the main process.
    await page.getByTestId('admin-nav-users').click();
    await expect.poll(() => page.getByRole('link', { name: 'owner' }).count()).toBe(1);

    await page.getByTestId('server-start').click();
    await expect.poll(() => page.getByTestId('server-state').innerText()).toBe('Running');
    expect(shell.server.snapshot().state).toBe('running');
    expect(fake.trays[0]!.menu.find((item) => item.id === 'status')!.label).toMatch(/^Running on port/);
  });

  it('another port from the panel: the confirmation says it applies now, and the overview follows without a reload', async () => {
    await page.getByTestId('admin-nav-overview').click();
    const before = shell.server.snapshot();
    await expect.poll(() => page.getByTestId('overview-issuer').innerText()).toBe(before.issuer);
    await page.getByTestId('server-stop').click();
    await expect.poll(() => page.getByTestId('server-state').innerText()).toBe('Stopped');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(before.port, '127.0.0.1', resolve));
    try {
      await page.getByTestId('server-start').click();
      // Before it says so, Gatehouse asks the port's holder whether it is another Gatehouse (a second, at most).
      await expect.poll(() => page.getByTestId('server-state').innerText(), { timeout: 5000 }).toBe('Not running');
      const next = await freePort();
      await page.getByTestId('server-port').fill(String(next));
      await page.getByTestId('server-port-save').click();
      const confirmation = page.getByRole('alert').filter({ hasText: `port ${next}` });
      await expect.poll(() => confirmation.innerText()).toMatch(new RegExp(`restarts on port ${next} now, and its issuer becomes http://localhost:${next}`));
      expect(await confirmation.innerText()).not.toMatch(/next start|0 clients/);
      await page.getByTestId('server-port-confirm').click();
      await expect.poll(() => page.getByTestId('server-state').innerText()).toBe('Running');
      await expect.poll(() => page.getByTestId('server-issuer').innerText()).toBe(`http://localhost:${next}`);
      await expect.poll(() => page.getByTestId('overview-issuer').innerText()).toBe(`http://localhost:${next}`);
    } finally {
      blocker.close();
    }
  });

  it('backups: the panel saves a schedule and shows the last backup; a failure is a warning saying why, in the window and the tray', async () => {
    await expect.poll(() => page.getByTestId('backup-summary').innerText()).toMatch(/^Off\./);
    const folder = path.join(userData, 'backups');
    mkdirSync(folder);

    // A folder inside the data folder would be lost with it: refused beside the field, nothing saved.
    await page.getByTestId('backup-folder').fill(path.join(desktopDataDir(userData), 'backups'));
    await page.getByTestId('backup-keep').fill('3');
    await page.getByTestId('backup-passphrase').fill('a passphrase long enough');
    await page.getByTestId('backup-save').click();
    await expect.poll(() => page.getByTestId('field-error-folder').innerText()).toMatch(/outside Gatehouse’s data folder/);

    await page.getByTestId('backup-folder').fill(folder);
    await page.getByTestId('backup-save').click();
    // A backup holding the key is encrypted with a passphrase through scrypt, which takes a while on purpose.
    await expect.poll(() => page.getByTestId('backup-summary').innerText(), { timeout: 30_000 }).toMatch(/^Last made .+\(\d+ KB\)\. Next /);
    const [made] = readdirSync(folder);
    expect(made).toMatch(/^gatehouse-backup-.+-with-key\.tar\.gz\.enc$/);
    expect(await page.getByTestId('backup-file').innerText()).toBe(path.join(folder, made!));
    expect(await page.getByTestId('backup-key-note').innerText()).toMatch(/holds the database key, encrypted with your passphrase/);
    await screenshotBothWidths(page, 'desktop-backups');

    // The folder's drive is gone: "Back up now" fails, and the window and the tray say why.
    rmSync(folder, { recursive: true });
    await page.getByTestId('backup-now').click();
    const warning = page.getByTestId('backup-error');
    await expect
      .poll(() => warning.innerText())
      .toMatch(new RegExp(`The last backup failed.*The folder ${folder} is not there.*The last one that worked was made`, 's'));
    expect(await page.getByTestId('backup-summary').innerText()).toMatch(/^The last one failed/);
    expect(fake.trays[0]!.menu.find((item) => item.id === 'backup-failed')?.label).toMatch(/The last backup failed/);
    expect(fake.trays[0]!.tooltip).toMatch(/The last backup failed\.$/);
    await screenshotBothWidths(page, 'desktop-backup-failed');
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="backup-panel"]').analyze();
    expect(violations.filter((found) => found.impact === 'serious' || found.impact === 'critical').map((found) => found.id)).toEqual([]);

    // The drive is back: the next backup works and the warnings go.
    mkdirSync(folder);
    await page.getByTestId('backup-now').click();
    await expect.poll(() => warning.count(), { timeout: 30_000 }).toBe(0);
    expect(readdirSync(folder)).toHaveLength(1);
    expect(fake.trays[0]!.menu.some((item) => item.id === 'backup-failed')).toBe(false);
    expect(existsSync(path.join(userData, 'appData', 'Gatehouse', 'backup-status.json'))).toBe(true);

    // Without the key, the panel warns that such backups cannot be restored once this computer is lost.
    await page.getByTestId('backup-include-key').uncheck();
    await page.getByTestId('backup-save').click();
    await expect
      .poll(() => page.getByTestId('backup-key-note').innerText())
      .toMatch(/^These backups do not hold the database key, and cannot be restored without it\. If this computer is lost/);
    await expect.poll(() => readdirSync(folder).some((name) => /^gatehouse-backup-.+Z(-\d+)?\.tar\.gz$/.test(name)), { timeout: 30_000 }).toBe(true);
    await screenshotBothWidths(page, 'desktop-backups-without-key');
  }, 120_000);

  it('the database key: replaced from its panel after a confirmation, with the server running again and the console working', async () => {
    const sealedFile = path.join(desktopDataDir(userData), 'encryption.key.sealed');
    const before = readFileSync(sealedFile);
    await page.getByTestId('key-panel').locator('summary').click();
    await page.getByTestId('key-rotate').click();
    await page.getByRole('group', { name: 'Replace the database key' }).waitFor();
    await screenshotBothWidths(page, 'desktop-key-confirm');
    await page.getByTestId('key-rotate-confirm').click();
    await expect
      .poll(() => page.getByTestId('key-rotated').innerText())
      .toMatch(/^The database key was replaced: its \d+ secrets are now sealed under the key [0-9a-f-]{19}, kept in the operating system keychain\./);
    await screenshotBothWidths(page, 'desktop-key-rotated');
    expect(readFileSync(sealedFile).equals(before)).toBe(false);
    await expect.poll(() => page.getByTestId('server-state').innerText()).toBe('Running');
    await page.getByTestId('admin-nav-users').click();
    await expect.poll(() => page.getByRole('link', { name: 'owner' }).count()).toBe(1);
  });
});
