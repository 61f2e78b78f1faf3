// The Electron entry: finds the app's files and hands over to the desktop app. Built, with the server,
// into dist/desktop/main.js (build/buildDesktop.ts), beside preload.cjs; app.getAppPath() is the folder
// holding package.json (or the asar).
import path from 'node:path';
import { app } from 'electron';
import { runDesktopApp } from './desktopApp.ts';

const root = app.getAppPath();
void runDesktopApp({
  uiDir: path.join(root, 'dist', 'renderer'),
  preload: path.join(import.meta.dirname, 'preload.cjs'),
  iconDir: path.join(root, 'electron', 'icons'),
});
