/**
 * What each control says and offers, derived from the AppState alone: the words, isOn and
 * the toggle rule come from core/control-state.ts, availability from the core. Symbol +
 * words, so colour is never the only signal.
 */
import { CONTROL_LABELS, describeControl, isOn, toggleTarget, type ControlName, type ControlState } from '../src-main/core/control-state';
import type { AppState, Intent } from '../src-main/core/ipc-contract';

export type Tone = 'neutral' | 'active' | 'paused' | 'pending' | 'failed';

export interface ControlView {
  name: ControlName;
  title: string;
  status: string;
  symbol: string;
  tone: Tone;
  button: string;
  intent: Intent;
  disabledReason: string | null;
  error: string | null;
  retry: boolean;
}

const SYMBOL: Record<ControlState['kind'], string> = { on: '●', off: '○', unknown: '?', pending: '…', failed: '⚠' };

export function controlView(state: AppState, name: ControlName): ControlView {
  const c = state.controls[name];
  const label = CONTROL_LABELS[name];
  const stopping = toggleTarget(c) === 'off' || (name === 'blackout' && state.pause.current !== null);
  // While a pause may be on, a recording is silent: never let a card say "Recording" then.
  const silenced = (name === 'voice' || name === 'screen') && state.pause.current !== null && isOn(c);
  const tone: Tone =
    c.kind === 'failed' ? 'failed' : c.kind === 'pending' || c.kind === 'unknown' ? 'pending' : c.kind === 'on' ? (name === 'blackout' || silenced ? 'paused' : 'active') : 'neutral';
  const intent: Intent = name === 'doNotRecord' ? { type: 'do-not-record', confirmed: true } : { type: name, action: stopping ? 'stop' : 'start' };
  return {
    name,
    title: label.title,
    status: silenced ? 'Silent while paused — nothing is heard in the recording' : describeControl(name, c),
    symbol: name === 'blackout' && c.kind === 'on' ? '❚❚' : SYMBOL[c.kind],
    tone,
    button: stopping ? label.stopButton : label.startButton,
    intent,
    disabledReason: state.availability[name],
    error: c.kind === 'failed' ? c.error.message : null,
    retry: c.kind === 'failed',
  };
}

/** The call's duration from its `starttime` (MM/dd/yyyy HH:mm:ss, server-local, no zone). */
export function callDuration(startTime: string, now: number): string | null {
  const m = startTime.match(/^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/);
  if (!m) return null;
  const started = new Date(+m[3], +m[1] - 1, +m[2], +m[4], +m[5], +m[6]).getTime();
  const seconds = Math.max(0, Math.floor((now - started) / 1000));
  const h = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

export const CONNECTION_WORDS: Record<AppState['connection']['status'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  unreachable: 'Server unreachable',
  unauthorized: 'Not authorized',
  'agent-unknown': 'Agent not found',
  'no-status': 'Connected (no call status)',
  misconfigured: 'Not connected: settings need fixing',
};

/** Whether what is shown may be out of date: then the window says so, loudly. */
export function isStale(state: AppState): boolean {
  return state.capabilities.canReportStatus && state.connection.status !== 'connected';
}

/** "Ctrl+Alt+R" (or "⌘+Alt+R" on a Mac): the accelerator as the agent presses it. */
export function formatAccelerator(accelerator: string, mac = /Mac/.test(globalThis.navigator?.platform ?? '')): string {
  return accelerator.replace(/CommandOrControl|CmdOrCtrl/g, mac ? '⌘' : 'Ctrl').replace(/Control/g, 'Ctrl');
}
