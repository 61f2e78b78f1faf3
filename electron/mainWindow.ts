// The console window: locked down per Electron's security checklist, hidden (not closed) to the tray.
import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import { isAppUrl, isExternalWebUrl } from './trustedUrls.ts';

export function mainWindowOptions(preload: string, icon?: string): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 820,
    minWidth: 420,
    minHeight: 480,
    show: false,
    title: 'Gatehouse',
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Closing the window hides it while the app keeps serving, unless the app is quitting. */
export function closeHidesWindow(quitting: boolean): boolean {
  return !quitting;
}

/**
 * Every web contents stays on the app's own pages: navigation elsewhere is refused, new windows are
 * refused, and http(s) links go to the owner's browser instead.
 */
export function guardWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  const leave = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isExternalWebUrl(url)) openExternal(url);
  };
  contents.on('will-navigate', (event) => leave(event, event.url));
  contents.on('will-redirect', (event) => leave(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
