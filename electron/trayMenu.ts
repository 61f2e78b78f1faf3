// The tray icon's menu, built from the server's status. The same items make the window's "Server" menu,
// so a Linux desktop without a tray area loses nothing.
import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopStatus, ServerState } from './desktopApi.ts';

export interface ServerMenuActions {
  start(): void;
  stop(): void;
  openWindow(): void;
  copyIssuer(): void;
  openSignInPage(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

/** One line for the menu's first item and the icon's tooltip. */
export function statusLine(status: DesktopStatus): string {
  switch (status.state) {
    case 'running':
      return `Running on port ${status.port}`;
    case 'starting':
      return `Starting on port ${status.port}…`;
    case 'stopping':
      return 'Stopping…';
    case 'stopped':
      return 'Stopped';
    case 'error':
      return `Not running: ${status.error ?? 'the server failed'}`;
  }
}

/** The tray's warning while the last backup failed (the window says why); null otherwise. */
export function backupWarning(status: DesktopStatus): string | null {
  const last = status.backup.last;
  return last && !last.ok ? 'The last backup failed' : null;
}

export type TrayIconName = 'tray-running' | 'tray-stopped' | 'tray-error';

export function trayIconName(state: ServerState): TrayIconName {
  if (state === 'running') return 'tray-running';
  return state === 'error' ? 'tray-error' : 'tray-stopped';
}

export function serverMenuTemplate(status: DesktopStatus, actions: ServerMenuActions): MenuItemConstructorOptions[] {
  const running = status.state === 'running';
  const busy = status.state === 'starting' || status.state === 'stopping';
  // Menu labels stay short; the full sentence is the tooltip and the window's banner.
  const line = statusLine(status);
  const backupFailed = backupWarning(status);
  return [
    { id: 'status', label: line.length > 80 ? `${line.slice(0, 79)}…` : line, enabled: false },
    ...(backupFailed ? [{ id: 'backup-failed', label: `⚠ ${backupFailed}: open Gatehouse to see why`, click: actions.openWindow }] : []),
    { type: 'separator' },
    { id: 'start', label: 'Start', enabled: !running && !busy, click: actions.start },
    { id: 'stop', label: 'Stop', enabled: running, click: actions.stop },
    { type: 'separator' },
    { id: 'open', label: 'Open Gatehouse', click: actions.openWindow },
    { id: 'copy-issuer', label: 'Copy issuer URL', click: actions.copyIssuer },
    { id: 'open-sign-in', label: 'Open sign-in page in the browser', enabled: running, click: actions.openSignInPage },
    { type: 'separator' },
    { id: 'start-at-login', label: 'Start at login', type: 'checkbox', checked: status.startAtLogin, click: (item) => actions.setStartAtLogin(item.checked) },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Gatehouse', click: actions.quit },
  ];
}
