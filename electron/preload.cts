// The window's only bridge to the main process, exposed as window.gatehouseDesktop. Sandboxed preloads
// load no modules but electron's, so this file stands alone (CommonJS) and exposes narrow functions,
// never ipcRenderer itself.
import type { DesktopApi, DesktopRequest, DesktopStatus } from './desktopApi.ts';

const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');

const call = (method: DesktopRequest, ...args: unknown[]) => ipcRenderer.invoke(`gatehouse:${method}`, ...args);

const desktop: DesktopApi = {
  status: () => call('status'),
  startServer: () => call('startServer'),
  stopServer: () => call('stopServer'),
  admin: (operation, input) => call('admin', operation, input),
  completeSetup: (choices) => call('completeSetup', choices),
  setStartAtLogin: (enabled) => call('setStartAtLogin', enabled),
  setStartServerAtLaunch: (enabled) => call('setStartServerAtLaunch', enabled),
  openExternal: (url) => call('openExternal', url),
  chooseFile: (purpose) => call('chooseFile', purpose),
  setBackupSchedule: (choice) => call('setBackupSchedule', choice),
  backUpNow: () => call('backUpNow'),
  chooseFolder: () => call('chooseFolder'),
  rotateEncryptionKey: () => call('rotateEncryptionKey'),
  onStatus(listener) {
    const forward = (_event: unknown, status: DesktopStatus) => listener(status);
    ipcRenderer.on('gatehouse:status-changed', forward);
    return () => {
      ipcRenderer.removeListener('gatehouse:status-changed', forward);
    };
  },
};

contextBridge.exposeInMainWorld('gatehouseDesktop', desktop);
