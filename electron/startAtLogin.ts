// "Start at login": a login item on macOS and Windows, an XDG autostart entry on Linux. Either way the
// app is started with --hidden, so it comes up in the tray without opening its window.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const HIDDEN_FLAG = '--hidden';

/** The part of Electron's app this needs. */
export interface LoginItems {
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface StartAtLogin {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

export interface StartAtLoginHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The program to start: the AppImage when running from one, else the executable. */
  executable: string;
  loginItems: LoginItems;
}

export function startAtLogin(host: StartAtLoginHost): StartAtLogin {
  if (host.platform !== 'linux') {
    return {
      isEnabled: () => host.loginItems.getLoginItemSettings({ args: [HIDDEN_FLAG] }).openAtLogin,
      setEnabled: (enabled) => host.loginItems.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] }),
    };
  }
  const directory = path.join(host.env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'autostart');
  const entry = path.join(directory, 'gatehouse.desktop');
  return {
    isEnabled: () => existsSync(entry),
    setEnabled(enabled) {
      if (!enabled) {
        rmSync(entry, { force: true });
        return;
      }
      mkdirSync(directory, { recursive: true });
      writeFileSync(entry, autostartEntry(host.env.APPIMAGE || host.executable));
    },
  };
}

/** An XDG desktop entry; the Exec path is quoted as the Desktop Entry specification asks. */
export function autostartEntry(executable: string): string {
  const quoted = `"${executable.replace(/([\\"`$])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Gatehouse',
    'Comment=Passkey sign-in for the apps in your homelab',
    `Exec=${quoted} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
