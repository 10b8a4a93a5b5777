import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../src-main/core/ipc-contract';
import { reduce, type CoreEvent } from '../../../src-main/core/state-reducer';
import { buildTrayMenu } from '../../../src-main/desktop/tray-menu-model';
import { TRAY_STATES, tooltipFor, trayIconFor, type TrayState } from '../../../src-main/desktop/tray-icon';
import { verdictFor } from '../../../src-main/core/verdict';
import { trayIconPath } from '../../../src-main/shell/tray-presenter';
import { idle, onCall, stateFrom, T0 } from '../../component/fake-bridge';

const started = (control: 'voice' | 'blackout' | 'doNotRecord', target: 'on' | 'off' = 'on'): CoreEvent => ({ type: 'command-sent', control, target, at: T0 });
const failed = (control: 'voice' | 'blackout'): CoreEvent => ({ type: 'control', control, event: { type: 'errored', error: { kind: 'server-error', message: 'server error 500', status: 500 }, at: T0 } });

/** One AppState for each tray state the running app shows, built by the real reducer ('error' alone is the start-failure icon). */
const EXAMPLES: Record<Exclude<TrayState, 'error'>, AppState> & { failed: AppState } = {
  disconnected: stateFrom([onCall(['Recording']), { type: 'poll-failed', error: { kind: 'unreachable', message: 'down' }, at: T0 }]),
  idle: stateFrom([idle()]),
  'on-call': stateFrom([onCall([])]),
  recording: stateFrom([onCall(['Recording'])]),
  'recording-screen': stateFrom([onCall(['Recording', 'ScreenRecording'])]),
  paused: stateFrom([onCall(['BlackedOut'])]),
  declined: stateFrom([onCall([]), started('doNotRecord'), { type: 'control', control: 'doNotRecord', event: { type: 'answered', statusCanShow: false, at: T0 } }, onCall([])], { backend: 'cxone' }),
  pending: stateFrom([onCall([]), started('voice')]),
  failed: stateFrom([onCall([]), started('voice'), failed('voice')]),
};
const RUNNING_STATES = TRAY_STATES.filter((s): s is Exclude<TrayState, 'error'> => s !== 'error');
const ctx = { now: T0, startAtLogin: true, hotkeys: { toggleVoice: 'CommandOrControl+Alt+R', toggleScreen: null, toggleBlackout: 'CommandOrControl+Alt+P' } };
const icon = (s: AppState, now = T0) => trayIconFor(verdictFor(s, now));
const tooltip = (s: AppState, now = T0) => tooltipFor(s, verdictFor(s, now));
const labels = (s: AppState) => buildTrayMenu(s, ctx).flatMap((i) => (i.type === 'separator' ? [] : [i.label]));

describe('tray icon', () => {
  it.each(RUNNING_STATES)('%s has its own icon on every platform, with DEMO and error-badge twins', (name) => {
    const state = EXAMPLES[name];
    expect(verdictFor(state, T0).tray.state).toBe(name);
    expect(icon(state)).toBe(name);
    expect(icon({ ...state, demo: true })).toBe(`${name}-demo`);
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      for (const icon of [name, `${name}-demo`, `${name}-error`, `${name}-error-demo`] as const) expect(existsSync(trayIconPath('assets', platform, icon)), icon).toBe(true);
    }
  });

  it('a failure is a badge on the state, never instead of it: a paused agent still sees the pause', () => {
    const failedWhileRecording = reduce(reduce(EXAMPLES.recording, started('voice', 'off')), failed('voice'));
    expect(icon(failedWhileRecording)).toBe('recording-error');
    const pausedWithFailure = reduce(reduce(EXAMPLES.paused, started('voice', 'off')), failed('voice'));
    expect(icon(pausedWithFailure)).toBe('paused-error');
    expect(icon({ ...pausedWithFailure, demo: true })).toBe('paused-error-demo');
    expect(icon(EXAMPLES.failed)).toBe('on-call-error');
  });
});

describe('tooltip', () => {
  it("one line with agent, call and the banner's words, evidence included", () => {
    expect(tooltip(EXAMPLES.recording)).toBe('RecordKey · Phone 805003 · On a call · inbound · 02079460123 → 0800111 · Recording · confirmed by the server');
    expect(tooltip({ ...EXAMPLES.idle, demo: true })).toBe('RecordKey DEMO · Phone 805003 · No call · Not recorded — no call · confirmed by the server');
    expect(tooltip(EXAMPLES.disconnected)).toMatch(/Recording state unknown — do not take card details · down$/);
  });

  it('shows the time left in a pause, and hotkey trouble', () => {
    const paused = EXAMPLES.paused;
    expect(tooltip(paused, Date.parse(paused.pause.current!.deadline) - 65_000)).toMatch(/Paused — safe to take card details · resumes by itself in 1:05 · confirmed by the server$/);
    const troubled = reduce(EXAMPLES.idle, { type: 'notice-set', notice: { id: 'hotkeys', level: 'warning', message: 'Hotkeys not working: Pause: taken' } });
    expect(tooltip(troubled)).toMatch(/ · Hotkeys not working: Pause: taken$/);
  });
});

describe('tray menu', () => {
  it.each(RUNNING_STATES)('%s: Show and Quit are always there', (name) => {
    expect(labels(EXAMPLES[name])).toEqual(expect.arrayContaining(['Show status window', 'Quit RecordKey', 'Settings…', 'Start at login']));
  });

  it('offers the opposite of the confirmed state, with the hotkey as an accelerator (never in the label)', () => {
    expect(labels(EXAMPLES.recording)).toContain('Stop voice recording');
    expect(labels(EXAMPLES['on-call'])).toContain('Start voice recording');
    expect(labels(EXAMPLES.paused)).toContain('Resume recording (resumes by itself in 2:00)');
    const menu = buildTrayMenu(EXAMPLES.paused, ctx);
    expect(menu.find((i) => i.type !== 'separator' && i.id === 'blackout')).toMatchObject({ accelerator: 'CommandOrControl+Alt+P' });
    expect(menu.find((i) => i.type !== 'separator' && i.id === 'voice')).toMatchObject({ accelerator: 'CommandOrControl+Alt+R' });
    expect(menu.every((i) => i.type === 'separator' || !i.label.includes('\t'))).toBe(true);
  });

  it('disables what the state does not allow, with the reason', () => {
    const menu = buildTrayMenu(EXAMPLES.idle, ctx);
    const voice = menu.find((i) => i.type !== 'separator' && i.id === 'voice');
    expect(voice).toMatchObject({ enabled: false, label: 'Start voice recording (no active call to record)' });
    const callData = menu.find((i) => i.type !== 'separator' && i.id === 'call-data');
    expect(callData).toMatchObject({ enabled: false, label: 'Add call data… (no active call)' });
  });

  it('marks a failure, and do-not-record as final once confirmed', () => {
    expect(labels(EXAMPLES.failed)).toContain('Start voice recording — LAST ATTEMPT FAILED');
    const dnr = buildTrayMenu(EXAMPLES.declined, ctx).find((i) => i.type !== 'separator' && i.id === 'do-not-record');
    expect(dnr).toMatchObject({ enabled: false, label: 'Customer declined recording (final for this call)' });
  });

  it("states the recording state first (disabled, the banner's words), then DEMO, and reflects start at login", () => {
    const paused = buildTrayMenu(EXAMPLES.paused, { ...ctx, now: Date.parse(EXAMPLES.paused.pause.current!.deadline) - 151_000 });
    expect(paused[0]).toMatchObject({ id: 'state', label: 'Paused — safe to take card details · resumes by itself in 2:31', enabled: false });
    const menu = buildTrayMenu({ ...EXAMPLES.idle, demo: true }, { ...ctx, startAtLogin: false });
    expect(menu[0]).toMatchObject({ id: 'state', label: 'Not recorded — no call', enabled: false });
    expect(menu[1]).toMatchObject({ label: 'DEMO MODE — nothing is recorded', enabled: false });
    expect(menu.find((i) => i.type === 'checkbox')).toMatchObject({ checked: false });
  });
});
