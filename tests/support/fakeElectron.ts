// A stand-in for the `electron` module, for testing the desktop shell where the Electron binary cannot
// run. It records what the shell does (windows shown, menus built, handlers registered) and lets a test
// do what a person would (click a menu item, close the window, start a second copy).
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

export interface FakeMenuItem extends MenuItemConstructorOptions {
  checked?: boolean;
}

class FakeWebContents extends EventEmitter {
  sent: Array<{ channel: string; args: unknown[] }> = [];
  /** Where a test forwards what the main process pushes to the page (a real page, in e2e tests). */
  onSend: ((channel: string, args: unknown[]) => void) | undefined;
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
    this.onSend?.(channel, args);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.windowOpenHandler = handler;
  }
  reloadIgnoringCache() {}
}

export function createFakeElectron(options: { userData: string; singleInstance?: boolean }) {
  const calls = { quit: 0, openExternal: [] as string[], clipboard: [] as string[], loginItems: [] as unknown[] };
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const windows: FakeBrowserWindow[] = [];
  const trays: FakeTray[] = [];
  let applicationMenu: FakeMenuItem[] = [];
  let protocolHandler: ((request: Request) => Promise<Response>) | undefined;
  let ready = false;
  let resolveReady!: () => void;
  const whenReadyPromise = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  class App extends EventEmitter {
    requestSingleInstanceLock = () => options.singleInstance ?? true;
    isReady = () => ready;
    whenReady = () => whenReadyPromise;
    paths = new Map<string, string>([['appData', path.join(options.userData, 'appData')]]);
    getPath = (name: string) => {
      const found = this.paths.get(name);
      if (!found) throw new Error(`the shell asked for the path "${name}" before setting it`);
      return found;
    };
    setPath = (name: string, value: string) => {
      this.paths.set(name, value);
    };
    getAppPath = () => process.cwd();
    getLoginItemSettings = () => ({ openAtLogin: false });
    setLoginItemSettings = (settings: unknown) => {
      calls.loginItems.push(settings);
    };
    /** Like Electron: quit asks before-quit listeners first, and stops if one prevents it. */
    quit = () => {
      calls.quit += 1;
      let prevented = false;
      this.emit('before-quit', {
        preventDefault: () => {
          prevented = true;
        },
      });
      if (!prevented) this.emit('quit');
    };
  }
  const app = new App();

  class FakeBrowserWindow extends EventEmitter {
    visible = false;
    focused = 0;
    destroyed = false;
    minimized = false;
    loadedUrl: string | undefined;
    webContents = new FakeWebContents();
    readonly options: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      queueMicrotask(() => this.emit('ready-to-show'));
      return Promise.resolve();
    }
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
    }
    focus() {
      this.focused += 1;
    }
    restore() {
      this.minimized = false;
    }
    isMinimized() {
      return this.minimized;
    }
    isVisible() {
      return this.visible;
    }
    isDestroyed() {
      return this.destroyed;
    }
    /** What clicking the window's close button does: 'close' listeners may prevent it. */
    clickClose(): { prevented: boolean } {
      let prevented = false;
      this.emit('close', {
        preventDefault: () => {
          prevented = true;
        },
      });
      if (!prevented) {
        this.destroyed = true;
        this.visible = false;
        this.emit('closed');
      }
      return { prevented };
    }
  }

  class FakeTray extends EventEmitter {
    image: unknown;
    tooltip = '';
    menu: FakeMenuItem[] = [];
    constructor(image: unknown) {
      super();
      this.image = image;
      trays.push(this);
    }
    setImage(image: unknown) {
      this.image = image;
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: { items: FakeMenuItem[] }) {
      this.menu = menu.items;
    }
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: {
      buildFromTemplate: (items: FakeMenuItem[]) => ({ items }),
      setApplicationMenu: (menu: { items: FakeMenuItem[] }) => {
        applicationMenu = menu.items;
      },
    },
    nativeImage: { createFromPath: (file: string) => ({ file }) },
    Notification: class {
      static isSupported = () => false;
      show() {}
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
        if (handlers.has(channel)) throw new Error(`a second handler for ${channel}`);
        handlers.set(channel, handler);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: () => {},
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => {
        protocolHandler = handler;
      },
    },
    session: { defaultSession: { setPermissionRequestHandler: () => {} } },
    shell: {
      openExternal: async (url: string) => {
        calls.openExternal.push(url);
      },
    },
    clipboard: {
      writeText: (text: string) => {
        calls.clipboard.push(text);
      },
    },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    // The OS keychain: sealing is reversible only through this fake, as it is only through the real one.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
      decryptString: (sealed: Buffer) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'base64').toString(),
    },
  };

  return {
    electron,
    calls,
    windows,
    trays,
    applicationMenu: () => applicationMenu,
    protocolHandler: () => protocolHandler,
    /** Calls an IPC handler as a page at `url` would. */
    invoke(channel: string, url: string, ...args: unknown[]) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler({ senderFrame: { url, parent: null } }, ...args);
    },
    invokeFrom(channel: string, senderFrame: { url: string; parent: unknown } | null, ...args: unknown[]) {
      return handlers.get(channel)!({ senderFrame }, ...args);
    },
    handlerChannels: () => [...handlers.keys()],
    makeReady() {
      ready = true;
      resolveReady();
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** Clicks a menu item by id, as a person would (a checkbox flips first, as Electron does). */
export function clickMenuItem(items: FakeMenuItem[], id: string): void {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no menu item "${id}" in ${items.map((candidate) => candidate.id).join(', ')}`);
  if (item.enabled === false) throw new Error(`menu item "${id}" is disabled`);
  if (item.type === 'checkbox') item.checked = !item.checked;
  (item.click as ((menuItem: FakeMenuItem) => void) | undefined)?.(item);
}

/** Where the shell keeps the server's data when the fake's folders live under `root`. */
export function desktopDataDir(root: string): string {
  return path.join(root, 'appData', 'Gatehouse', 'data');
}
