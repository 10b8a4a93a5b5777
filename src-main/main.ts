/**
 * Composition root of the tray app: builds the runtime (core + settings + policy) and the
 * thin Electron shell around it, and nothing else. Every decision lives in tested modules.
 */
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, Notification, powerMonitor, protocol, safeStorage, Tray } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RENDERER_CSP } from './core/content-security-policy';
import { appFileFor } from './desktop/app-url';
import { parseLaunchArgs } from './desktop/launch-args';
import { memoryInFile } from './runtime/runtime-memory';
import { RecordKeyRuntime } from './runtime/recordkey-runtime';
import { policyPath, readPolicy } from './settings/admin-policy';
import { HOTKEY_INTENTS } from './settings/hotkey-table';
import { applyStartAtLogin } from './shell/autostart';
import type { ElectronApi } from './shell/electron-api';
import { HotkeyRegistrar } from './shell/hotkey-registrar';
import { registerIpcHandlers } from './shell/ipc-handlers';
import { enableNotifications } from './shell/notifications';
import { openSecretStore } from './shell/secret-store';
import { electronStoreSettings } from './shell/settings-store';
import { StatusWindow } from './shell/status-window';
import { TrayPresenter, type ShellCommand } from './shell/tray-presenter';

const here = dirname(fileURLToPath(import.meta.url));
const rendererRoot = join(here, '..', 'renderer');
const assetsDir = app.isPackaged ? join(process.resourcesPath, 'assets') : join(here, '..', '..', 'assets');

// Tests and side-by-side installs keep their settings, secrets and audit log apart.
if (process.env.RECORDKEY_USER_DATA) app.setPath('userData', process.env.RECORDKEY_USER_DATA);

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

const api: ElectronApi = {
  app,
  createTray: (icon) => new Tray(icon),
  buildMenu: (template) => Menu.buildFromTemplate(template),
  globalShortcut,
  ipcMain: ipcMain as unknown as ElectronApi['ipcMain'],
  createWindow: (options) => new BrowserWindow(options) as unknown as ReturnType<ElectronApi['createWindow']>,
  safeStorage,
  notify: (title, body) => {
    if (Notification.isSupported()) new Notification({ title, body }).show();
  },
  powerMonitor,
  showConfirm: async (o) => (await dialog.showMessageBox({ type: 'warning', title: o.title, message: o.message, detail: o.detail, buttons: [o.cancel, o.confirm], defaultId: 0, cancelId: 0 })).response === 1,
};

async function start(): Promise<void> {
  protocol.handle('app', async (request) => {
    const file = appFileFor(request.url, rendererRoot);
    if (!file || !existsSync(file)) return new Response('not found', { status: 404 });
    const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
    return new Response(readFileSync(file), { headers: { 'content-type': type, 'content-security-policy': RENDERER_CSP } });
  });

  const userData = app.getPath('userData');
  const policyFile = policyPath(process.platform, process.env);
  const runtime = await RecordKeyRuntime.start({
    settings: electronStoreSettings(userData),
    secrets: await openSecretStore(safeStorage, join(userData, 'secrets.json'), process.platform),
    policy: readPolicy(existsSync(policyFile) ? readFileSync(policyFile, 'utf8') : null, policyFile),
    auditDir: join(userData, 'audit'),
    memory: memoryInFile(join(userData, 'recording-state.json')),
  });

  const window = new StatusWindow(api.createWindow, join(here, 'preload.cjs'));
  runtime.subscribe((state) => window.push(state));
  registerIpcHandlers(api.ipcMain, runtime, () => window.webContentsId);
  enableNotifications(api.notify, runtime);
  powerMonitor.on('suspend', () => runtime.suspend());
  powerMonitor.on('resume', () => runtime.resume());

  const autostart = { platform: process.platform, env: process.env, home: homedir(), execPath: process.execPath, appPath: app.isPackaged ? null : app.getAppPath() };
  const onCommand = async (command: ShellCommand) => {
    switch (command) {
      case 'show-window':
      case 'add-call-data':
        return window.show('status');
      case 'open-settings':
        return window.show('settings');
      case 'toggle-start-at-login':
        // Applied to the OS by the settings listener below, like a change from the window.
        await runtime.updateSettings({ settings: { startAtLogin: !runtime.currentSettings.startAtLogin } });
        return;
      case 'confirm-do-not-record': {
        const confirmed = await api.showConfirm({
          title: 'RecordKey',
          message: 'The customer declined recording?',
          detail: 'This stops any recording of this call and cannot be undone for this contact, including transfers.',
          confirm: 'Yes, do not record',
          cancel: 'Cancel',
        });
        if (confirmed) runtime.send({ type: 'do-not-record', confirmed: true }, 'tray');
        return;
      }
      case 'quit':
        window.allowClose();
        return app.quit();
    }
  };
  const tray = new TrayPresenter(api, runtime, { assetsDir, platform: process.platform, now: Date.now, onCommand: (c) => void onCommand(c) });
  tray.start();

  const hotkeys = new HotkeyRegistrar(
    globalShortcut,
    (action) => {
      const target = HOTKEY_INTENTS[action];
      if (target === 'open-window') window.show('status');
      else runtime.send(target, 'hotkey');
    },
    (status, problems) => {
      runtime.setHotkeyStatus(status);
      runtime.setNotice('hotkeys', problems.length ? { level: 'warning', message: `Hotkeys not working: ${problems.join('; ')}` } : null);
    },
    { debounceMs: 500, now: Date.now },
  );
  hotkeys.apply(runtime.currentSettings.hotkeys);
  applyStartAtLogin(api.app, runtime.currentSettings.startAtLogin, autostart);
  runtime.onSettingsChanged((settings, previous) => {
    if (JSON.stringify(settings.hotkeys) !== JSON.stringify(previous.hotkeys)) hotkeys.apply(settings.hotkeys);
    if (settings.startAtLogin !== previous.startAtLogin) applyStartAtLogin(api.app, settings.startAtLogin, autostart);
  });

  const launch = parseLaunchArgs(process.argv);
  if (!launch.hidden) window.show();
  if (launch.intent) runtime.send(launch.intent, 'second-instance');
  app.on('second-instance', (_event, argv) => {
    const request = parseLaunchArgs(argv);
    if (request.intent) runtime.send(request.intent, 'second-instance');
    else window.show();
  });
  app.on('window-all-closed', () => {
    // A tray app keeps running with no window open.
  });
  let stopped = false;
  app.on('before-quit', (event) => {
    window.allowClose();
    if (stopped) return;
    // Quit only once commands in flight have finished (bounded), so none is left half-done.
    event.preventDefault();
    hotkeys.stop();
    globalShortcut.unregisterAll();
    tray.stop();
    void runtime.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  // Playwright cannot click an OS tray or press a global hotkey: a test build exposes both.
  if (process.env.RECORDKEY_TEST_HOOKS === '1') {
    (globalThis as Record<string, unknown>).__recordkey = {
      clickTray: (label: string) => tray.clickByLabel(label),
      pressHotkey: (action: keyof typeof HOTKEY_INTENTS) => {
        const target = HOTKEY_INTENTS[action];
        return target === 'open-window' ? window.show() : runtime.send(target, 'hotkey');
      },
      state: () => runtime.getState(),
      simulatorUrl: () => (runtime as RecordKeyRuntime).simulatorUrl,
    };
  }
}
