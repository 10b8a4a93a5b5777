/**
 * Entry point of the tray app: hands the real Electron modules to TrayApp and nothing else.
 * Every decision lives in tested modules (shell/tray-app.ts and what it composes); this file
 * only adapts Electron's classes to the typed ElectronApi.
 */
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, Notification, powerMonitor, protocol, safeStorage, Tray } from 'electron';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realScheduler } from './core/scheduler';
import { LAUNCH_DATA_KEY, parseLaunchArgs } from './desktop/launch-args';
import type { ElectronApi } from './shell/electron-api';
import { electronStoreSettings } from './shell/settings-store';
import { installTestHooks } from './shell/test-hooks';
import { TrayApp } from './shell/tray-app';
import { probeTrayHost } from './shell/tray-host-probe';

const here = dirname(fileURLToPath(import.meta.url));

// Tests and side-by-side installs keep their settings, secrets and audit log apart.
if (process.env.RECORDKEY_USER_DATA) app.setPath('userData', process.env.RECORDKEY_USER_DATA);

const api: ElectronApi = {
  app,
  protocol,
  createTray: (icon) => new Tray(icon),
  buildMenu: (template) => Menu.buildFromTemplate(template),
  globalShortcut,
  ipcMain,
  createWindow: (options) => new BrowserWindow(options),
  safeStorage,
  notify: (title, body) => {
    if (Notification.isSupported()) new Notification({ title, body }).show();
  },
  powerMonitor,
  showConfirm: async (o, parent) =>
    (await dialog.showMessageBox(parent as BrowserWindow, { type: 'warning', title: o.title, message: o.message, detail: o.detail, buttons: [o.cancel, o.confirm], defaultId: 0, cancelId: 0 })).response === 1,
};

// The second launch parses its own exact argv and sends the result: the argv the first
// instance receives may be reordered and carry extra Chromium switches.
const launch = parseLaunchArgs(process.argv);
if (!app.requestSingleInstanceLock({ [LAUNCH_DATA_KEY]: launch })) {
  app.quit();
} else {
  const trayApp = new TrayApp(api, {
    platform: process.platform,
    env: process.env,
    home: homedir(),
    execPath: process.execPath,
    userData: app.getPath('userData'),
    rendererRoot: join(here, '..', 'renderer'),
    assetsDir: app.isPackaged ? join(process.resourcesPath, 'assets') : join(here, '..', '..', 'assets'),
    preloadPath: join(here, 'preload.cjs'),
    launch,
    scheduler: realScheduler,
    trayHost: () => probeTrayHost(process.platform),
    log: (message) => console.error(message),
    openSettings: electronStoreSettings,
  });
  void app.whenReady().then(() => trayApp.start()).then(() => {
    // Playwright cannot click an OS tray or press a global hotkey: a test build exposes both.
    if (process.env.RECORDKEY_TEST_HOOKS === '1') installTestHooks(trayApp);
  });
}
