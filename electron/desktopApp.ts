// The desktop app's lifecycle: one instance, the server started at launch, the console window (hidden,
// not closed, to the tray), the tray and window menus, the IPC bridge, and a clean stop on Quit.
import { watch } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, session, shell, Tray } from 'electron';
import { CONFIG_FLAG_OPTIONS, configFlagValues, createBackup, loadOptions, type GatehouseOptions } from '../server/index.ts';
import { appResponse } from './appProtocol.ts';
import { backupPassphraseStore } from './backupPassphrase.ts';
import { createBackupScheduler, isNewFailure } from './backupSchedule.ts';
import { type BackupAttempt, STATUS_CHANNEL } from './desktopApi.ts';
import { preferencesStore } from './desktopPreferences.ts';
import { desktopHandlers, desktopStatus, registerDesktopIpc } from './ipcHandlers.ts';
import { type DesktopKey, desktopEncryptionKey, KEYCHAIN_ORIGIN, type Keychain, rotateDesktopKey } from './keychainKey.ts';
import { closeHidesWindow, guardWebContents, mainWindowOptions } from './mainWindow.ts';
import { createServerController, type ServerController } from './serverController.ts';
import { HIDDEN_FLAG, startAtLogin as startAtLoginFor } from './startAtLogin.ts';
import { backupWarning, serverMenuTemplate, type ServerMenuActions, statusLine, trayIconName } from './trayMenu.ts';
import { APP_SCHEME, APP_START_URL, isExternalWebUrl } from './trustedUrls.ts';

export interface DesktopPaths {
  /** The React build (dist/renderer). */
  uiDir: string;
  /** The bundled preload script. */
  preload: string;
  /** Tray and window icons (tray-running.png, ...). */
  iconDir: string;
}

/** What a running desktop app is made of; the entry ignores it, tests look inside. */
export interface DesktopShell {
  server: ServerController;
  window(): BrowserWindow | undefined;
  tray: Tray;
}

export function runDesktopApp(paths: DesktopPaths, argv: string[] = process.argv): Promise<DesktopShell> | undefined {
  // One folder whatever the package calls itself ("gatehouse" in development, "Gatehouse" packaged).
  app.setPath('userData', path.join(app.getPath('appData'), 'Gatehouse'));
  // A second copy would fight the first over the port and the database: it hands over and leaves.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

  let window: BrowserWindow | undefined;
  let quitting = false;
  let stopped = false;
  let toldAboutTray = false;

  const showWindow = () => {
    if (!window || window.isDestroyed()) window = createWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  app.on('second-instance', () => {
    if (app.isReady()) showWindow();
  });
  // macOS: clicking the Dock icon of the running app.
  app.on('activate', () => {
    if (app.isReady()) showWindow();
  });

  const openExternal = async (url: string) => {
    if (isExternalWebUrl(url)) await shell.openExternal(url);
  };

  function createWindow(): BrowserWindow {
    const created = new BrowserWindow(mainWindowOptions(paths.preload, path.join(paths.iconDir, 'app.png')));
    created.on('close', (event) => {
      if (!closeHidesWindow(quitting)) return;
      event.preventDefault();
      created.hide();
      if (!toldAboutTray && Notification.isSupported()) {
        toldAboutTray = true;
        new Notification({
          title: 'Gatehouse is still running',
          body: 'It keeps serving sign-ins. Open it again from the tray icon or by starting Gatehouse; quit it from the tray or the Server menu.',
        }).show();
      }
    });
    created.once('ready-to-show', () => created.show());
    void created.loadURL(APP_START_URL);
    return created;
  }

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => void openExternal(url)));

  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    // Electron does not wait for async handlers: hold the quit, stop cleanly, then quit for real.
    event.preventDefault();
    void ready
      .then((shell) => shell.server.shutdown())
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
  // The tray keeps the app alive with no window; quitting is explicit (tray, Server menu, Cmd+Q).
  app.on('window-all-closed', () => {});

  const ready = app.whenReady().then(async () => {
    const userData = app.getPath('userData');
    const preferences = preferencesStore(userData);
    const startAtLogin = startAtLoginFor({ platform: process.platform, env: process.env, executable: process.execPath, loginItems: app });

    // Which secret store backs safeStorage is a Linux question; elsewhere it is the OS keychain.
    const keychain: Keychain = {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      encryptString: (text) => safeStorage.encryptString(text),
      decryptString: (sealed) => safeStorage.decryptString(sealed),
      ...(process.platform === 'linux' ? { getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend() } : {}),
    };
    let key: DesktopKey | undefined;
    // `npm start -- --port 4602` passes its configuration flags on; Chromium's own switches are not ours.
    const flags = configFlagValues(parseArgs({ args: argv.slice(1), options: CONFIG_FLAG_OPTIONS, strict: false, allowPositionals: true }).values);
    const configuredOptions = () => loadOptions({ flags, defaultDataDir: path.join(userData, 'data') });
    const desktopOptions = (): GatehouseOptions => {
      const options = configuredOptions();
      // A key given through the environment (GATEHOUSE_ENCRYPTION_KEY[_FILE]) wins, as headless.
      if (options.encryptionKey !== undefined || options.encryptionKeyFile !== undefined) return options;
      key ??= desktopEncryptionKey(options.dataDir, keychain);
      return key.encryptionKey ? { ...options, encryptionKey: key.encryptionKey, encryptionKeyOrigin: KEYCHAIN_ORIGIN } : options;
    };
    const server = createServerController({
      loadOptions: desktopOptions,
      warnings: () => (key?.warning ? [key.warning] : []),
      deps: { uiDir: paths.uiDir },
    });

    protocol.handle(APP_SCHEME, (request) => appResponse(paths.uiDir, request));
    // The console needs no camera, microphone, notifications or location: every request is refused.
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'clipboard-sanitized-write'));

    const logError = (event: string, error: unknown) => console.error(JSON.stringify({ level: 'error', event, message: (error as Error).message }));
    let lastBackup: BackupAttempt | null = null;
    const backups = createBackupScheduler({
      schedule: { read: () => preferences.read().backup, save: (backup) => preferences.update({ backup }) },
      recordFile: path.join(userData, 'backup-status.json'),
      dataDir: () => configuredOptions().dataDir,
      passphrases: backupPassphraseStore(userData, keychain),
      backUp: (folder, passphrase, now) => createBackup(desktopOptions(), { output: folder, now, ...(passphrase ? { includeKey: { passphrase } } : {}) }),
      onChange: () => {
        const last = backups.status().last;
        if (isNewFailure(lastBackup, last) && last && !last.ok && Notification.isSupported()) {
          new Notification({ title: 'Gatehouse could not back up', body: last.error }).show();
        }
        lastBackup = last;
        refresh();
      },
      logError,
    });
    lastBackup = backups.status().last;

    const handlerDeps = {
      server,
      preferences,
      startAtLogin,
      openExternal,
      async chooseFile(purpose: 'tls-certificate' | 'tls-key') {
        const options = {
          title: purpose === 'tls-certificate' ? 'Choose the TLS certificate (PEM)' : 'Choose the TLS private key (PEM)',
          properties: ['openFile' as const],
          filters: [
            { name: 'PEM files', extensions: ['pem', 'crt', 'cer', 'key'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
      },
      backups,
      async chooseFolder() {
        const options = { title: 'Choose the folder for backups', properties: ['openDirectory' as const, 'createDirectory' as const] };
        const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
      },
      async rotateEncryptionKey() {
        const rotated = await server.closedWhile(() => {
          // Read again at the reopening, whatever happens: a rotation that stopped after its commit is settled there.
          key = undefined;
          const rotation = rotateDesktopKey(configuredOptions(), keychain);
          key = rotation.key;
          return rotation.rotated;
        });
        // Backups without the key now need a key that is gone: a new one is made at once, not at the next due time.
        if (backups.status().schedule) void backups.backUpNow().catch((error: unknown) => logError('desktop.backup_failed', error));
        return rotated;
      },
      logError,
    };
    registerDesktopIpc(ipcMain, desktopHandlers(handlerDeps));

    const actions: ServerMenuActions = {
      start: () => void server.start(),
      stop: () => void server.stop(),
      openWindow: showWindow,
      copyIssuer: () => clipboard.writeText(server.snapshot().issuer),
      openSignInPage: () => void openExternal(`${server.snapshot().issuer}/account`),
      setStartAtLogin: (enabled) => {
        startAtLogin.setEnabled(enabled);
        refresh();
      },
      quit: () => app.quit(),
    };
    const tray = new Tray(icon(paths.iconDir, 'tray-stopped'));
    tray.on('click', showWindow);

    function refresh() {
      const status = desktopStatus(handlerDeps);
      const template = serverMenuTemplate(status, actions);
      tray.setImage(icon(paths.iconDir, trayIconName(status.state)));
      const backupFailed = backupWarning(status);
      tray.setToolTip(`Gatehouse: ${statusLine(status)}${backupFailed ? `. ${backupFailed}.` : ''}`);
      // Linux shows an indicator only with a context menu, and needs it set again after each change.
      tray.setContextMenu(Menu.buildFromTemplate(template));
      Menu.setApplicationMenu(Menu.buildFromTemplate([{ label: 'Server', submenu: template }, { role: 'editMenu' }, { role: 'viewMenu' }]));
      if (window && !window.isDestroyed()) window.webContents.send(STATUS_CHANNEL, status);
    }
    server.onChange(refresh);
    refresh();

    if (process.env.GATEHOUSE_DEV === '1') reloadOnRebuild(paths.uiDir, () => window);
    const launchedHidden = argv.includes(HIDDEN_FLAG);
    if (!launchedHidden) showWindow();
    if (preferences.read().startServerAtLaunch) await server.start();
    return { server, window: () => window, tray };
  });
  return ready;
}

/** `npm run dev`: the UI build is rewritten on every change; show the new one. */
function reloadOnRebuild(uiDir: string, window: () => BrowserWindow | undefined): void {
  let timer: NodeJS.Timeout | undefined;
  watch(uiDir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => window()?.webContents.reloadIgnoringCache(), 300);
  });
}

function icon(iconDir: string, name: string) {
  return nativeImage.createFromPath(path.join(iconDir, `${name}.png`));
}
