// The Electron entry: finds the app's files and hands over to the desktop app. Compiled to
// dist/desktop/electron/main.js; app.getAppPath() is the folder holding package.json (or the asar).
import path from 'node:path';
import { app } from 'electron';
import { runDesktopApp } from './desktopApp.ts';

const root = app.getAppPath();
void runDesktopApp({
  uiDir: path.join(root, 'dist', 'renderer'),
  preload: path.join(import.meta.dirname, 'preload.cjs'),
  iconDir: path.join(root, 'electron', 'icons'),
});
