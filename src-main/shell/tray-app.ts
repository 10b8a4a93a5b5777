/**
 * The tray app, composed: the runtime (core + settings + policy) and the thin Electron shell
 * around it. main.ts hands it the real Electron modules; the unit tests a typed fake; the
 * bundle test a recording stand-in. Everything it starts goes into one DisposableStore, so
 * quitting disposes it in reverse order, then lets the runtime resume a pause and finish.
 *
 * Whatever goes wrong while starting, the agent gets a tray that says so (start-failure.ts),
 * never a process that holds the single-instance lock with nothing on screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Intent, ViewName } from '../core/ipc-contract';
import { DisposableStore, toDisposable } from '../core/lifecycle';
import type { Scheduler } from '../core/scheduler';
import { APP_ID, DESKTOP_FILE_ID } from '../desktop/app-identity';
import { secondInstanceRequest, startsHidden, type LaunchRequest } from '../desktop/launch-args';
import { hotkeyRegisteredWord, NO_TRAY_NOTICE, trayMayBeInvisible, type TrayHost } from '../desktop/tray-visibility';
import { memoryInFile } from '../runtime/runtime-memory';
import { RecordKeyRuntime, type SettingsPersistence } from '../runtime/recordkey-runtime';
import { policyPath, readPolicy, unreadablePolicy, type EffectivePolicy } from '../settings/admin-policy';
import { HOTKEY_INTENTS, type HotkeyAction } from '../settings/hotkey-table';
import { serveAppRequest } from './app-protocol';
import { applyStartAtLogin, type AutostartContext } from './autostart';
import type { ElectronApi, TrayLike } from './electron-api';
import { HotkeyRegistrar } from './hotkey-registrar';
import { registerIpcHandlers } from './ipc-handlers';
import { enableNotifications } from './notifications';
import { openSecretStore } from './secret-store';
import { showStartFailure } from './start-failure';
import { StatusWindow } from './status-window';
import { TrayPresenter, type ShellCommand } from './tray-presenter';
import { ValidatedIpcMain } from './validated-ipc-main';

/** What the app needs to know about the machine and its own files (all given, so tests choose). */
export interface ShellEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  execPath: string;
  userData: string;
  rendererRoot: string;
  assetsDir: string;
  preloadPath: string;
  /** This process's own command line, parsed. */
  launch: LaunchRequest;
  scheduler: Scheduler;
  /** Whether the desktop can show a tray icon (asks the session bus on Linux). */
  trayHost: () => Promise<TrayHost>;
  log: (message: string) => void;
  /** The settings file in userData (electron-store in the app; tests pass a plain file, since electron-store loads `electron`). */
  openSettings: (userData: string) => SettingsPersistence;
}

/** How long quitting waits for commands in flight and the pause's resume (logoff gives less time). */
const QUIT_GRACE_MS = 5000;
const SESSION_END_GRACE_MS = 2000;

const DNR_QUESTION = {
  title: 'RecordKey',
  message: 'The customer declined recording?',
  detail: 'This stops any recording of this call and cannot be undone for this contact, including transfers.',
  confirm: 'Yes, do not record',
  cancel: 'Cancel',
};

export class TrayApp {
  private runtime: RecordKeyRuntime | null = null;
  private window: StatusWindow | null = null;
  private tray: TrayPresenter | null = null;
  private readonly lifetime = new DisposableStore();
  /** Second launches that arrived before start() finished: delivered in order once it has. */
  private queuedLaunches: LaunchRequest[] | null = [];
  private failed: string | null = null;
  /** Kept referenced: a Tray that is garbage-collected disappears. */
  private failureTray: TrayLike | null = null;
  private stopping: Promise<void> | null = null;
  private stopped = false;

  /** Registers what Electron needs before `ready` and the app events; call start() once ready. */
  constructor(
    private readonly api: ElectronApi,
    private readonly environment: ShellEnvironment,
  ) {
    const { app } = api;
    if (environment.platform === 'win32') app.setAppUserModelId(APP_ID);
    if (environment.platform === 'linux') app.setDesktopName(`${DESKTOP_FILE_ID}.desktop`);
    api.protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    app.on('second-instance', (_event, argv, _cwd, additionalData) => this.secondInstance(secondInstanceRequest(argv, additionalData)));
    app.on('before-quit', (event) => this.beforeQuit(event));
    app.on('window-all-closed', () => {
      // A tray app keeps running with no window open.
    });
  }

  /** The running runtime (tests and the test hooks read it). */
  get current(): { runtime: RecordKeyRuntime; window: StatusWindow; tray: TrayPresenter } | null {
    return this.runtime && this.window && this.tray ? { runtime: this.runtime, window: this.window, tray: this.tray } : null;
  }

  /** Why the app could not start, or null. */
  get startProblem(): string | null {
    return this.failed;
  }

  async start(): Promise<void> {
    try {
      await this.startOrThrow();
    } catch (error) {
      this.failed = error instanceof Error ? error.message : String(error);
      this.environment.log(`RecordKey could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      this.queuedLaunches = null;
      // Take down whatever did start: nothing may keep polling or hold a hotkey behind a tray that says "could not start".
      try {
        this.lifetime.dispose();
        await this.runtime?.stop(0);
      } catch (cleanupError) {
        this.environment.log(`while cleaning up: ${(cleanupError as Error).message}`);
      }
      this.runtime = null;
      this.failureTray = showStartFailure(this.api, this.environment, this.failed);
    }
  }

  private async startOrThrow(): Promise<void> {
    const { api, environment: env } = this;
    api.protocol.handle('app', (request) => serveAppRequest(request.url, env.rendererRoot));

    const runtime = await RecordKeyRuntime.start({
      settings: env.openSettings(env.userData),
      secrets: await openSecretStore(api.safeStorage, join(env.userData, 'secrets.json'), env.platform, () => env.scheduler.now()),
      policy: readPolicyFile(policyPath(env.platform, env.env)),
      auditDir: join(env.userData, 'audit'),
      memory: memoryInFile(join(env.userData, 'recording-state.json')),
    });
    this.runtime = runtime;

    const window = new StatusWindow(api.createWindow, env.preloadPath);
    this.window = window;
    this.lifetime.add(runtime.subscribe((state) => window.push(state)));
    const ipc = this.lifetime.add(new ValidatedIpcMain(api.ipcMain, () => window.webContentsId));
    this.lifetime.add(registerIpcHandlers(ipc, runtime));
    this.lifetime.add(enableNotifications(api.notify, runtime, () => env.scheduler.now()));
    api.powerMonitor.on('suspend', () => runtime.suspend());
    api.powerMonitor.on('resume', () => runtime.resume());
    api.powerMonitor.on('shutdown', (event) => {
      // Linux and macOS: delay the shutdown while a pause is resumed, then go.
      event?.preventDefault();
      void this.shutdown(SESSION_END_GRACE_MS).finally(() => api.app.quit());
    });
    if (env.platform === 'win32') {
      // Windows logoff/shutdown skips before-quit and is announced only to windows: keep the (hidden) window to hear it.
      window.ensure();
      this.lifetime.add(window.onSessionEnd(() => void this.shutdown(SESSION_END_GRACE_MS)));
    }

    this.tray = this.lifetime.add(new TrayPresenter(api, runtime, { assetsDir: env.assetsDir, platform: env.platform, scheduler: env.scheduler, onCommand: (c) => void this.command(c) }).start());

    const hotkeys = this.lifetime.add(
      new HotkeyRegistrar(
        api.globalShortcut,
        (action) => this.hotkey(action),
        (status, problems) => {
          runtime.setHotkeyStatus(status);
          runtime.setNotice('hotkeys', problems.length ? { level: 'warning', message: `Hotkeys not working: ${problems.join('; ')}` } : null);
        },
        { debounceMs: 500, now: () => env.scheduler.now(), registeredWord: hotkeyRegisteredWord(env.platform, env.env) },
      ),
    );
    this.lifetime.add(toDisposable(() => api.globalShortcut.unregisterAll()));
    hotkeys.apply(runtime.currentSettings.hotkeys);
    this.applyStartAtLogin(runtime.currentSettings.startAtLogin);
    this.lifetime.add(
      runtime.onSettingsChanged((settings, previous) => {
        if (JSON.stringify(settings.hotkeys) !== JSON.stringify(previous.hotkeys)) hotkeys.apply(settings.hotkeys);
        if (settings.startAtLogin !== previous.startAtLogin) this.applyStartAtLogin(settings.startAtLogin);
      }),
    );

    const noTray = trayMayBeInvisible(env.platform, env.env, await env.trayHost());
    if (noTray) runtime.setNotice('tray', { level: 'warning', message: NO_TRAY_NOTICE });
    const openedAtLogin = env.platform === 'darwin' && api.app.getLoginItemSettings().wasOpenedAtLogin;
    if (!startsHidden(env.launch, env.platform, openedAtLogin) || noTray) window.show();
    this.deliver(env.launch);

    const queued = this.queuedLaunches ?? [];
    this.queuedLaunches = null;
    for (const request of queued) this.secondInstance(request);
  }

  /** A second launch: its intent, or else the window; a request it did not understand is shown, not dropped. */
  private secondInstance(request: LaunchRequest): void {
    if (this.queuedLaunches) {
      this.queuedLaunches.push(request);
      return;
    }
    if (this.failed) {
      this.api.notify('RecordKey could not start', this.failed);
      return;
    }
    if (!request.intent && !request.problem) this.window?.show();
    this.deliver(request);
  }

  private deliver(request: LaunchRequest): void {
    const runtime = this.runtime;
    if (!runtime) return;
    if (request.problem) {
      runtime.setNotice('launch', { level: 'warning', message: `A command-line request was not understood: ${request.problem}.` });
      this.api.notify('RecordKey: command not understood', `${request.problem}.`);
    }
    if (request.intent) this.sendIntent(request.intent, 'second-instance');
  }

  private sendIntent(intent: Intent, source: 'second-instance' | 'hotkey' | 'tray'): void {
    const receipt = this.runtime?.send(intent, source);
    if (receipt && !receipt.accepted) this.api.notify('RecordKey: not done', receipt.reason ?? 'refused');
  }

  /** A global hotkey press (also what the test hooks call). */
  hotkey(action: HotkeyAction): void {
    const target = HOTKEY_INTENTS[action];
    if (target === 'open-window') this.window?.show('status');
    else this.sendIntent(target, 'hotkey');
  }

  /** A tray menu command (public for the tests: do-not-record's menu item exists only on CXone). */
  async command(command: ShellCommand): Promise<void> {
    const runtime = this.runtime;
    const window = this.window;
    if (!runtime || !window) return;
    const views: Partial<Record<ShellCommand, ViewName>> = { 'show-window': 'status', 'add-call-data': 'status', 'open-settings': 'settings' };
    switch (command) {
      case 'show-window':
      case 'add-call-data':
      case 'open-settings':
        window.show(views[command]);
        return;
      case 'toggle-start-at-login':
        // Applied to the OS by the settings listener, like a change from the window.
        await runtime.updateSettings({ settings: { startAtLogin: !runtime.currentSettings.startAtLogin } });
        return;
      case 'confirm-do-not-record': {
        // A menu-bar app has no window in front: the question gets one, or it may open behind other apps.
        const parent = window.show('status');
        if (this.environment.platform === 'darwin') this.api.app.focus({ steal: true });
        if (await this.api.showConfirm(DNR_QUESTION, parent)) runtime.send({ type: 'do-not-record', confirmed: true }, 'tray');
        return;
      }
      case 'quit':
        this.api.app.quit();
        return;
    }
  }

  private applyStartAtLogin(enabled: boolean): void {
    const env = this.environment;
    const context: AutostartContext = {
      platform: env.platform,
      env: env.env,
      home: env.home,
      execPath: env.execPath,
      appPath: this.api.app.isPackaged ? null : this.api.app.getAppPath(),
      isPackaged: this.api.app.isPackaged,
    };
    try {
      const result = applyStartAtLogin(this.api.app, enabled, context);
      this.runtime?.setNotice('autostart', result.applied || !enabled ? null : { level: 'info', message: `Start at login: ${result.reason}.` });
    } catch (error) {
      this.runtime?.setNotice('autostart', { level: 'warning', message: `Start at login could not be changed: ${(error as Error).message}.` });
    }
  }

  /** Quit: Electron asks first; RecordKey finishes (bounded) before it lets the app go. */
  private beforeQuit(event: { preventDefault(): void }): void {
    if (this.stopped || !this.runtime) return;
    event.preventDefault();
    void this.shutdown(QUIT_GRACE_MS).finally(() => {
      this.stopped = true;
      this.api.app.quit();
    });
  }

  /** Stops everything once: the shell's parts in reverse order, then the runtime (which resumes a pause). */
  shutdown(graceMs = QUIT_GRACE_MS): Promise<void> {
    this.stopping ??= (async () => {
      this.window?.allowClose();
      try {
        this.lifetime.dispose();
      } catch (error) {
        this.environment.log(`while quitting: ${(error as Error).message}`);
      }
      await this.runtime?.stop(graceMs);
    })();
    return this.stopping;
  }
}

/** The admin policy file: absent is no policy; present but unreadable locks everything (fail closed). */
function readPolicyFile(path: string): EffectivePolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return readPolicy(null, path);
    return unreadablePolicy(path, (error as Error).message);
  }
  return readPolicy(text, path);
}
