import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC, type AppState } from '../../../src-main/core/ipc-contract';
import type { RecordKeyRuntime } from '../../../src-main/runtime/recordkey-runtime';
import { HotkeyRegistrar } from '../../../src-main/shell/hotkey-registrar';
import { realScheduler } from '../../../src-main/core/scheduler';
import { registerIpcHandlers } from '../../../src-main/shell/ipc-handlers';
import { IpcRefusedError, ValidatedIpcMain } from '../../../src-main/shell/validated-ipc-main';
import { FakeScheduler } from '../../support/fake-scheduler';
import { enableNotifications } from '../../../src-main/shell/notifications';
import { StatusWindow } from '../../../src-main/shell/status-window';
import { TrayPresenter } from '../../../src-main/shell/tray-presenter';
import { waitFor } from '../../support/wait-for';
import { fakeElectron, type FakeElectron } from '../../support/fake-electron';
import { startTestRuntime } from '../../support/test-runtime';

let runtime: RecordKeyRuntime | null = null;
afterEach(async () => {
  await runtime?.stop();
  runtime = null;
});


const labels = (api: FakeElectron) => api.trays[0].lastMenu.filter((i) => i.type !== 'separator').map((i) => i.label!);

describe('tray wiring (demo runtime, fake Electron)', () => {
  it('state change → icon, tooltip and menu are redrawn; a click sends the intent', async () => {
    runtime = await startTestRuntime({}, { version: 2, polling: { activeMs: 200, idleMs: 500, backoffBaseMs: 200, backoffMaxMs: 1000, jitter: 0 } });
    const api = fakeElectron();
    const commands: string[] = [];
    const tray = new TrayPresenter(api, runtime, { assetsDir: 'assets', platform: 'linux', scheduler: realScheduler, onCommand: (c) => commands.push(c) });
    tray.start();
    const fake = api.trays[0];
    expect(fake.initialImage).toMatch(/assets\/tray\/linux\/\w[\w-]*-demo\.png$/);
    expect(existsSync(fake.initialImage)).toBe(true);
    await waitFor(() => runtime!.getState().agent?.activeCall, 'the demo call');
    await waitFor(() => fake.tooltips.at(-1)?.includes('call'), 'a tooltip with the call');
    expect(fake.tooltips.at(-1)).toMatch(/^RecordKey DEMO · Phone 805003 · On a call /);
    expect(labels(api)[1]).toBe('DEMO MODE — nothing is recorded');
    expect(labels(api)).toEqual(expect.arrayContaining(['Show status window', 'Quit RecordKey']));
    const voice = labels(api).find((l) => /voice recording/.test(l))!;
    // The hotkey is the item's accelerator, shown by the OS but not claimed by the menu (it stays the global hotkey's).
    expect(fake.lastMenu.find((i) => i.id === 'voice')).toMatchObject({ accelerator: 'CommandOrControl+Alt+R', registerAccelerator: false });
    expect(tray.clickByLabel(voice)).toBe(true);
    await waitFor(() => ['on', 'off'].includes(runtime!.getState().controls.voice.kind) && fake.images.length > 0, 'the tray to show the confirmed state');
    expect(fake.images.every((p) => p.endsWith('-demo.png'))).toBe(true);
    expect(tray.clickByLabel('Show status window')).toBe(true);
    fake.clickListener!();
    expect(commands).toEqual(['show-window', 'show-window']);
    // An unchanged state redraws nothing.
    const menus = fake.menus.length;
    const tooltips = fake.tooltips.length;
    (tray as unknown as { render(s: unknown): void }).render(runtime.getState());
    expect([fake.menus.length, fake.tooltips.length]).toEqual([menus, tooltips]);
    tray.dispose();
    expect(fake.destroyed).toBe(true);
  });

  it('counts a pause down on the injected clock, and stops ticking when disposed', async () => {
    runtime = await startTestRuntime();
    const api = fakeElectron();
    const clock = new FakeScheduler(Date.parse('2026-11-22T10:00:00Z'));
    const tray = new TrayPresenter(api, runtime, { assetsDir: 'assets', platform: 'linux', scheduler: clock, onCommand: () => {} }).start();
    const store = (runtime as unknown as { core: { store: { dispatch(e: unknown): void } } }).core.store;
    store.dispatch({ type: 'command-sent', control: 'blackout', target: 'on', at: clock.now(), plannedSeconds: 120 });
    const blackoutLabel = () => api.trays[0].lastMenu.find((i) => i.id === 'blackout')?.label;
    // Sent, not yet in effect: no countdown of a pause that is not running.
    expect(blackoutLabel()).toBe('Cancel pause (not paused yet)');
    store.dispatch({ type: 'control', control: 'blackout', event: { type: 'answered', statusCanShow: true, at: clock.now() } });
    store.dispatch({ type: 'control', control: 'blackout', event: { type: 'observed', seen: 'on', at: clock.now() } });
    expect(blackoutLabel()).toMatch(/^Resume recording \(resumes by itself in 2:00\)/);
    await clock.advance(1000);
    expect(blackoutLabel()).toMatch(/resumes by itself in 1:59/);
    await clock.advance(5000);
    expect(blackoutLabel()).toMatch(/resumes by itself in 1:54/);
    tray.dispose();
    expect(clock.pending()).toEqual([]);
  });
});

describe('hotkeys (fake globalShortcut)', () => {
  const table = { toggleVoice: 'CommandOrControl+Alt+R', toggleScreen: 'CommandOrControl+Alt+S', toggleBlackout: 'CommandOrControl+Alt+P', openWindow: 'CommandOrControl+Alt+K' };

  it('a press reaches the core as one intent, however fast the key bounces', () => {
    const api = fakeElectron();
    let t = 1000;
    const pressed: string[] = [];
    const registrar = new HotkeyRegistrar(api.globalShortcut, (a) => pressed.push(a), () => {}, { debounceMs: 500, now: () => t });
    registrar.apply(table);
    api.shortcuts.get('CommandOrControl+Alt+P')!();
    t += 100;
    api.shortcuts.get('CommandOrControl+Alt+P')!();
    t += 600;
    api.shortcuts.get('CommandOrControl+Alt+P')!();
    expect(pressed).toEqual(['toggleBlackout', 'toggleBlackout']);
  });

  it('reports a hotkey taken by another app, an invalid one and a duplicate, never swallowing them', () => {
    const api = fakeElectron();
    api.takenAccelerators.add('CommandOrControl+Alt+S');
    const reports: string[][] = [];
    const registrar = new HotkeyRegistrar(api.globalShortcut, () => {}, (_s, problems) => reports.push(problems), { debounceMs: 500, now: Date.now });
    const status = registrar.apply({ ...table, toggleBlackout: 'Alt+Bogus', openWindow: 'Alt+CmdOrCtrl+r' });
    expect(status).toEqual({
      toggleVoice: 'registered',
      toggleScreen: 'CommandOrControl+Alt+S is taken by another application',
      toggleBlackout: expect.stringMatching(/^invalid: "Bogus" is not a key/),
      openWindow: 'not registered: Alt+CmdOrCtrl+r is also Voice recording',
    });
    expect(reports[0]).toHaveLength(3);
    expect([...api.shortcuts.keys()]).toEqual(['CommandOrControl+Alt+R']);
  });

  it('rebinding applies at once and quitting unregisters', () => {
    const api = fakeElectron();
    const registrar = new HotkeyRegistrar(api.globalShortcut, () => {}, () => {}, { debounceMs: 500, now: Date.now });
    registrar.apply(table);
    registrar.apply({ ...table, toggleVoice: 'CommandOrControl+Shift+F9' });
    expect(api.shortcuts.has('CommandOrControl+Alt+R')).toBe(false);
    expect(api.shortcuts.has('CommandOrControl+Shift+F9')).toBe(true);
    registrar.dispose();
    expect(api.shortcuts.size).toBe(0);
  });

  it('on Wayland a successful register is reported as requested, not as working', () => {
    const api = fakeElectron();
    const registrar = new HotkeyRegistrar(api.globalShortcut, () => {}, () => {}, { debounceMs: 500, now: Date.now, registeredWord: 'requested from the desktop (Wayland may refuse it silently: press it once to check)' });
    expect(registrar.apply(table).toggleVoice).toMatch(/^requested from the desktop/);
  });
});

describe('IPC (ValidatedIpcMain over a fake ipcMain, real runtime)', () => {
  const appFrame = (id = 41) => ({ senderFrame: { url: 'app://recordkey/index.html', parent: null }, sender: { id } });

  it('answers the app window, and refuses another web contents, an iframe, a foreign page or a gone frame', async () => {
    runtime = await startTestRuntime();
    const api = fakeElectron();
    registerIpcHandlers(new ValidatedIpcMain(api.ipcMain, () => 41), runtime);
    const getState = api.handlers.get(IPC.getState)!;
    expect((getState(appFrame()) as AppState).demo).toBe(true);
    expect(() => getState(appFrame(99))).toThrow(/refused recordkey:get-state: it does not come from the RecordKey window/);
    // Same webContents and an app:// URL, but a subframe: an iframe must not reach the core.
    expect(() => getState({ senderFrame: { url: 'app://recordkey/index.html', parent: { url: 'app://recordkey/index.html' } }, sender: { id: 41 } })).toThrow(/subframe/);
    expect(() => getState({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 41 } })).toThrow(IpcRefusedError);
    expect(() => getState({ senderFrame: null, sender: { id: 41 } })).toThrow(/frame is gone/);
  });

  it('checks every argument against the contract before the handler runs, and names what is wrong', async () => {
    runtime = await startTestRuntime();
    const api = fakeElectron();
    registerIpcHandlers(new ValidatedIpcMain(api.ipcMain, () => 41), runtime);
    const send = api.handlers.get(IPC.sendIntent)!;
    expect(() => send(appFrame(), { type: 'voice', action: 'explode' })).toThrow(/^refused recordkey:send-intent: .* at 0\.action$/);
    expect(() => send(appFrame(), { type: 'do-not-record' })).toThrow(/at 0\.confirmed/);
    expect(() => send(appFrame(), '{"type":"refresh"}')).toThrow(IpcRefusedError);
    expect(() => send(appFrame(), { type: 'refresh' }, 'extra')).toThrow(IpcRefusedError);
    expect(send(appFrame(), { type: 'refresh' })).toEqual({ accepted: true, reason: null });
    const history = api.handlers.get(IPC.getHistory)!;
    expect(Array.isArray(history(appFrame()))).toBe(true);
    expect(() => history(appFrame(), 10_000)).toThrow(/at 0/);
    const setSettings = api.handlers.get(IPC.setSettings)!;
    expect(() => setSettings(appFrame(), 'x')).toThrow(IpcRefusedError);
    // The shape passes the guard; the runtime parses the fields and answers per field.
    expect(await setSettings(appFrame(), { settings: { maxBlackoutSeconds: 'long' } })).toMatchObject({ ok: false, errors: [{ path: 'settings.maxBlackoutSeconds' }] });
  });

  it('has a handler for every request channel of the contract, and removes them all when disposed', async () => {
    runtime = await startTestRuntime();
    const api = fakeElectron();
    const ipc = new ValidatedIpcMain(api.ipcMain, () => 41);
    registerIpcHandlers(ipc, runtime);
    const { IPC_REQUESTS } = await import('../../../src-main/core/ipc-contract');
    expect([...api.handlers.keys()].sort()).toEqual(Object.keys(IPC_REQUESTS).sort());
    ipc.dispose();
    expect(api.handlers.size).toBe(0);
  });
});

describe('status window (fake BrowserWindow)', () => {
  it('is sandboxed and isolated, loads app://, blocks navigation, new windows and permissions, and hides on close', () => {
    const api = fakeElectron();
    const window = new StatusWindow(api.createWindow, '/app/preload.cjs');
    window.show('settings');
    const w = api.windows[0];
    expect(w.options.webPreferences).toMatchObject({ preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    // A fresh window cannot hear a navigate message yet: the view travels in the URL.
    expect(w.loaded).toEqual(['app://recordkey/index.html#settings']);
    expect(w.sent).toEqual([]);
    let prevented = false;
    w.navigateListener!({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    expect(w.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    let granted: boolean | null = null;
    w.permissionHandler!(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(w.permissionCheck!(null, 'notifications')).toBe(false);
    let closePrevented = false;
    w.closeListener!({ preventDefault: () => (closePrevented = true) });
    expect(closePrevented).toBe(true);
    expect(w.visible).toBe(false);
    window.allowClose();
    closePrevented = false;
    w.closeListener!({ preventDefault: () => (closePrevented = true) });
    expect(closePrevented).toBe(false);
    window.show();
    expect(api.windows).toHaveLength(1);
  });

  it('a view asked for while the page is loading is sent once it has loaded; later ones at once', () => {
    const api = fakeElectron();
    const window = new StatusWindow(api.createWindow, '/app/preload.cjs');
    window.show();
    const w = api.windows[0];
    expect(w.loaded).toEqual(['app://recordkey/index.html']);
    window.show('history');
    expect(w.sent).toEqual([]);
    w.completeLoad();
    expect(w.sent).toEqual([[IPC.navigate, 'history']]);
    window.show('settings');
    expect(w.sent.at(-1)).toEqual([IPC.navigate, 'settings']);
  });

  it("announces Windows' session end", () => {
    const api = fakeElectron();
    const window = new StatusWindow(api.createWindow, '/app/preload.cjs');
    const heard: string[][] = [];
    window.onSessionEnd((reasons) => heard.push(reasons));
    window.ensure();
    api.windows[0].sessionEndListener!({ reasons: ['logoff'] });
    expect(heard).toEqual([['logoff']]);
  });
});

describe('notifications', () => {
  it('notifies once when a command fails, not again for unrelated changes', async () => {
    runtime = await startTestRuntime();
    const api = fakeElectron();
    enableNotifications(api.notify, runtime);
    await waitFor(() => runtime!.getState().connection.status === 'connected', 'connection');
    runtime.setNotice('x', null);
    const store = (runtime as unknown as { core: { store: { dispatch(e: unknown): void } } }).core.store;
    store.dispatch({ type: 'command-sent', control: 'voice', target: 'on', at: Date.now() });
    store.dispatch({ type: 'control', control: 'voice', event: { type: 'errored', error: { kind: 'server-error', message: 'server error 500', status: 500 }, at: Date.now() } });
    store.dispatch({ type: 'notice-set', notice: { id: 'y', level: 'info', message: 'another change' } });
    expect(api.notifications).toEqual([['RecordKey: Voice recording — Start failed', expect.stringMatching(/^server error 500 — the server shows it (on|off)\.$/)]]);
  });

  it('a pause start is said NOT PAUSED at its first failed attempt, once', async () => {
    runtime = await startTestRuntime();
    const api = fakeElectron();
    enableNotifications(api.notify, runtime);
    const store = (runtime as unknown as { core: { store: { dispatch(e: unknown): void } } }).core.store;
    const error = { kind: 'server-error', message: 'server error 500', status: 500 };
    store.dispatch({ type: 'command-sent', control: 'blackout', target: 'on', at: Date.now() });
    store.dispatch({ type: 'control', control: 'blackout', event: { type: 'retrying', error, at: Date.now() } });
    store.dispatch({ type: 'control', control: 'blackout', event: { type: 'retrying', error, at: Date.now() } });
    expect(api.notifications).toEqual([['RecordKey: NOT PAUSED — RETRYING', 'Do not take card details. server error 500; RecordKey keeps trying until the pause is confirmed.']]);
  });
});
