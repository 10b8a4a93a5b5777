/**
 * The composed tray app (shell/tray-app.ts) against the typed Electron fake and a real demo
 * runtime: what main.ts does on each platform, without Electron.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC, IPC_REQUESTS, type AppState } from '../../../src-main/core/ipc-contract';
import { realScheduler } from '../../../src-main/core/scheduler';
import { LAUNCH_DATA_KEY, parseLaunchArgs } from '../../../src-main/desktop/launch-args';
import type { TrayHost } from '../../../src-main/desktop/tray-visibility';
import { TrayApp, type ShellEnvironment } from '../../../src-main/shell/tray-app';
import { settingsInMemoryOrFile } from '../../../src-main/web-harness/memory-persistence';
import { waitFor } from '../../support/wait-for';
import { fakeElectron, type FakeElectron } from '../../support/fake-electron';

const running: TrayApp[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.shutdown(500)));
});


function environment(overrides: Partial<ShellEnvironment> = {}): ShellEnvironment & { logs: string[] } {
  const userData = mkdtempSync(join(tmpdir(), 'rk-userdata-'));
  const logs: string[] = [];
  return {
    platform: 'linux',
    env: { XDG_CONFIG_HOME: join(userData, 'xdg') },
    home: userData,
    execPath: '/opt/RecordKey/recordkey',
    userData,
    rendererRoot: join(userData, 'renderer'),
    assetsDir: 'assets',
    preloadPath: '/opt/RecordKey/resources/app.asar/dist/main/preload.cjs',
    launch: parseLaunchArgs(['/opt/RecordKey/recordkey']),
    scheduler: realScheduler,
    trayHost: async (): Promise<TrayHost> => 'present',
    log: (m) => void logs.push(m),
    openSettings: (dir) => settingsInMemoryOrFile(join(dir, 'settings.json')),
    logs,
    ...overrides,
  };
}

async function startApp(api: FakeElectron, env: ShellEnvironment): Promise<TrayApp> {
  const app = new TrayApp(api, env);
  running.push(app);
  await app.start();
  return app;
}

const menuLabels = (api: FakeElectron) => api.trays.at(-1)!.lastMenu.filter((i) => i.type !== 'separator').map((i) => i.label!);
const notices = (app: TrayApp) => app.current!.runtime.getState().notices;

describe('starting', () => {
  it('Linux: identity before ready, app:// privileged and served, a tray with Quit, every IPC channel handled, the window shown', async () => {
    const api = fakeElectron();
    const app = new TrayApp(api, environment());
    running.push(app);
    // Before `ready`: the desktop file id (GNOME's portal needs it for global shortcuts) and the scheme.
    expect(api.appCalls).toEqual(['setDesktopName com.recordkey.desktop.desktop']);
    expect(api.privilegedSchemes).toEqual(['app']);
    await app.start();
    expect(app.startProblem).toBeNull();
    expect(api.protocolHandlers.has('app')).toBe(true);
    expect(existsSync(api.trays[0].initialImage)).toBe(true);
    expect(menuLabels(api)).toContain('Quit RecordKey');
    expect([...api.handlers.keys()].sort()).toEqual(Object.keys(IPC_REQUESTS).sort());
    expect(api.windows).toHaveLength(1);
    expect(api.windows[0].visible).toBe(true);
  });

  it('Windows: the AppUserModelId is the installer appId, and the hidden window exists to hear logoff', async () => {
    const api = fakeElectron();
    await startApp(api, environment({ platform: 'win32', env: {}, launch: parseLaunchArgs(['RecordKey.exe', '--hidden']) }));
    expect(api.appCalls).toContain('setAppUserModelId com.recordkey.desktop');
    expect(api.windows).toHaveLength(1);
    expect(api.windows[0].visible).toBe(false);
    expect(api.windows[0].sessionEndListener).not.toBeNull();
  });

  it('macOS: a start at login stays in the menu bar (login items cannot pass --hidden)', async () => {
    const api = fakeElectron({ openedAtLogin: true });
    await startApp(api, environment({ platform: 'darwin', env: {} }));
    expect(api.windows).toHaveLength(0);
    expect(api.trays).toHaveLength(1);
  });

  it('Linux without a tray host: a hidden start opens the window anyway and says why', async () => {
    const api = fakeElectron();
    const app = await startApp(api, environment({ launch: parseLaunchArgs(['recordkey', '--hidden']), trayHost: async () => 'absent' }));
    expect(api.windows[0]?.visible).toBe(true);
    expect(notices(app)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'tray', message: expect.stringMatching(/shows no tray icons/) })]));
  });

  it('a development run does not register itself to start at login, and tells the developer', async () => {
    const api = fakeElectron({ isPackaged: false });
    const env = environment();
    const app = await startApp(api, env);
    expect(api.loginItems).toEqual([]);
    expect(existsSync(join(env.userData, 'xdg', 'autostart'))).toBe(false);
    expect(notices(app)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'autostart', level: 'info' })]));
  });

  it('a corrupt secrets file leaves a working app that says what happened', async () => {
    const api = fakeElectron();
    const env = environment();
    writeFileSync(join(env.userData, 'secrets.json'), '{"onpremPassword":"ZW5j');
    const app = await startApp(api, env);
    expect(app.startProblem).toBeNull();
    expect(menuLabels(api)).toContain('Quit RecordKey');
    expect(notices(app)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'secrets', level: 'error', message: expect.stringMatching(/could not be read/) })]));
    expect(readdirSync(env.userData).some((f) => /^secrets\.corrupt-\d+\.json$/.test(f))).toBe(true);
  });

  it('any other start error: a tray that says RecordKey could not start, with Restart and Quit, and a notification', async () => {
    const api = fakeElectron();
    api.protocol.handle = () => {
      throw new Error('protocol app is already handled');
    };
    const env = environment();
    const app = await startApp(api, env);
    expect(app.startProblem).toBe('protocol app is already handled');
    expect(api.trays).toHaveLength(1);
    expect(api.trays[0].initialImage).toMatch(/error\.png$/);
    expect(menuLabels(api)).toEqual(['RecordKey could not start — nothing is controlled', 'protocol app is already handled', 'Restart RecordKey', 'Quit RecordKey']);
    expect(api.notifications[0][0]).toBe('RecordKey could not start');
    expect(env.logs[0]).toMatch(/^RecordKey could not start: Error: protocol app is already handled/);
    // A later launch is not silently swallowed by the failed instance.
    api.emitApp('second-instance', {}, ['recordkey'], '/', undefined);
    expect(api.notifications).toHaveLength(2);
    api.trays[0].lastMenu.find((i) => i.label === 'Restart RecordKey')!.click!(undefined as never, undefined as never, undefined as never);
    expect(api.appCalls.slice(-2)).toEqual(['relaunch', 'exit 0']);
  });

  it('a failure after the runtime started stops it (nothing keeps polling behind the failure tray)', async () => {
    const api = fakeElectron();
    const createTray = api.createTray;
    let first = true;
    api.createTray = (icon) => {
      if (first) {
        first = false;
        throw new Error('no tray support on this desktop');
      }
      return createTray(icon);
    };
    const env = environment();
    const app = await startApp(api, env);
    expect(app.startProblem).toBe('no tray support on this desktop');
    expect(app.current).toBeNull();
    const audit = readFileSync(join(env.userData, 'audit', 'audit.jsonl'), 'utf8');
    expect(audit).toMatch(/"result":"run-end"/);
    expect(api.handlers.size).toBe(0);
    expect(menuLabels(api)[0]).toBe('RecordKey could not start — nothing is controlled');
  });
});

describe('second launches', () => {
  it('deliver the intent the second instance parsed, even when its argv arrives reordered with switches; queued until started', async () => {
    const api = fakeElectron();
    const app = new TrayApp(api, environment());
    running.push(app);
    const own = parseLaunchArgs(['recordkey', '--record', 'toggle']);
    // Arrives before start() finished: kept, not dropped.
    api.emitApp('second-instance', {}, ['recordkey', '--record', '--original-process-start-time=1', 'toggle'], '/', { [LAUNCH_DATA_KEY]: own });
    await app.start();
    const runtime = app.current!.runtime;
    await waitFor(() => runtime.history(50).some((h) => h.source === 'second-instance'), 'the intent from the second launch');
  });

  it('a request the app does not understand is shown, not dropped; a bare launch shows the window', async () => {
    const api = fakeElectron();
    const app = await startApp(api, environment({ launch: parseLaunchArgs(['recordkey', '--hidden']) }));
    expect(api.windows).toHaveLength(0);
    api.emitApp('second-instance', {}, ['recordkey', '--blackout', 'now'], '/', { [LAUNCH_DATA_KEY]: parseLaunchArgs(['recordkey', '--blackout', 'now']) });
    expect(notices(app)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'launch', message: expect.stringMatching(/--blackout needs start, stop or toggle/) })]));
    expect(api.notifications.at(-1)![0]).toBe('RecordKey: command not understood');
    api.emitApp('second-instance', {}, ['recordkey'], '/', { [LAUNCH_DATA_KEY]: parseLaunchArgs(['recordkey']) });
    expect(api.windows[0].visible).toBe(true);
  });
});

describe('tray commands', () => {
  it('"Settings…" on a window not created yet opens it on Settings', async () => {
    const api = fakeElectron();
    const app = await startApp(api, environment({ launch: parseLaunchArgs(['recordkey', '--hidden']) }));
    expect(app.current!.tray.clickByLabel('Settings…')).toBe(true);
    expect(api.windows[0].loaded).toEqual(['app://recordkey/index.html#settings']);
  });

  it('do-not-record asks in front of the status window (macOS: the app takes focus first); Cancel sends nothing', async () => {
    const api = fakeElectron();
    api.confirmAnswer = false;
    const app = await startApp(api, environment({ platform: 'darwin', env: {}, launch: parseLaunchArgs(['recordkey', '--hidden']) }));
    const runtime = app.current!.runtime;
    await app.command('confirm-do-not-record');
    expect(api.confirms).toHaveLength(1);
    expect(api.confirms[0].parent).toBe(api.windows[0]);
    expect(api.windows[0].visible).toBe(true);
    expect(api.appCalls).toContain('focus steal');
    expect(runtime.history(50).some((h) => /do not record|declined/i.test(h.action))).toBe(false);
  });
});

describe('quitting', () => {
  it('before-quit is held until the runtime has stopped, then quits; the shell is taken down in reverse order', async () => {
    const api = fakeElectron();
    const app = await startApp(api, environment());
    const tray = api.trays[0];
    let prevented = false;
    api.emitApp('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(tray.destroyed).toBe(true);
    expect(api.handlers.size).toBe(0);
    expect(api.shortcuts.size).toBe(0);
    await waitFor(() => api.appCalls.includes('quit'), 'the real quit');
    expect(app.current!.runtime.history(5).map((h) => h.action)).toContain('RecordKey quit');
    // The second before-quit (from that app.quit) is let through.
    let preventedAgain = false;
    api.emitApp('before-quit', { preventDefault: () => (preventedAgain = true) });
    expect(preventedAgain).toBe(false);
  });

  it('Windows logoff (session-end, no before-quit) still stops the runtime and audits the end of the run', async () => {
    const api = fakeElectron();
    const app = await startApp(api, environment({ platform: 'win32', env: {} }));
    api.windows[0].sessionEndListener!({ reasons: ['logoff'] });
    await waitFor(() => app.current!.runtime.history(5).some((h) => h.action === 'RecordKey quit'), 'the run-end line');
  });

  it('Linux/macOS shutdown is delayed while RecordKey stops, then it quits', async () => {
    const api = fakeElectron();
    await startApp(api, environment());
    let prevented = false;
    api.emitPower('shutdown', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await waitFor(() => api.appCalls.includes('quit'), 'the quit after shutdown');
  });
});

describe('IPC through the composed app', () => {
  it('the status window gets a valid AppState; a frame that is not the window is refused', async () => {
    const api = fakeElectron();
    await startApp(api, environment());
    const w = api.windows[0];
    const getState = api.handlers.get(IPC.getState)!;
    const state = getState({ senderFrame: { url: 'app://recordkey/index.html', parent: null }, sender: { id: w.webContents.id } }) as AppState;
    expect(state.demo).toBe(true);
    expect(() => getState({ senderFrame: { url: 'app://recordkey/index.html', parent: null }, sender: { id: w.webContents.id + 1000 } })).toThrow(/refused/);
  });
});
