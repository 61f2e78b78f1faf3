// What `electron` is for the benchmark's desktop app (Electron itself cannot run here): the tests'
// stand-in, ready at once, keeping its folders under GATEHOUSE_BENCH_USER_DATA. Loaded in place of
// `electron` by withElectronStandIn.ts.
import { createFakeElectron } from '../support/fakeElectron.ts';

const userData = process.env.GATEHOUSE_BENCH_USER_DATA;
if (!userData) throw new Error('GATEHOUSE_BENCH_USER_DATA must name the folder for the stand-in Electron');
const fake = createFakeElectron({ userData });
setImmediate(() => fake.makeReady());

export const { app, BrowserWindow, Tray, Menu, nativeImage, Notification, ipcMain, protocol, session, shell, clipboard, dialog, safeStorage } = fake.electron;
