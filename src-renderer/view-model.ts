/**
 * What each control says and offers, derived from the AppState alone (no decisions of its
 * own: availability and confirmation come from the core). Symbol + words, so colour is
 * never the only signal.
 */
import type { AppState, ControlName, ControlState, Intent } from '../src-main/core/ipc-contract';

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

const TITLES: Record<ControlName, string> = {
  voice: 'Voice recording',
  screen: 'Screen recording',
  blackout: 'Pause for sensitive data',
  duplicate: 'Duplicate recording',
  doNotRecord: 'Customer declined recording',
};

const ON_WORDS: Record<ControlName, [on: string, off: string, start: string, stop: string]> = {
  voice: ['Recording', 'Not recording', 'Start', 'Stop'],
  screen: ['Recording the screen', 'Not recording the screen', 'Start', 'Stop'],
  blackout: ['Paused — the recording is silent', 'Not paused', 'Pause', 'Resume'],
  duplicate: ['Duplicating', 'No duplicate', 'Start', 'Stop'],
  doNotRecord: ['Declined: this call will not be recorded', 'Not declined', 'Customer declined…', 'Declined'],
};

function isOn(c: ControlState): boolean {
  return c.status === 'on' || c.status === 'pending-on' || (c.status === 'failed' && c.confirmed === 'on');
}

export function controlView(state: AppState, name: ControlName): ControlView {
  const c = state.controls[name];
  const [onWord, offWord, start, stop] = ON_WORDS[name];
  const on = isOn(c);
  let status: string;
  let symbol: string;
  let tone: Tone;
  switch (c.status) {
    case 'on':
      status = onWord;
      symbol = name === 'blackout' ? '❚❚' : '●';
      tone = name === 'blackout' ? 'paused' : 'active';
      break;
    case 'off':
      status = offWord;
      symbol = '○';
      tone = 'neutral';
      break;
    case 'pending-on':
    case 'pending-off':
      status = `${c.status === 'pending-on' ? 'Starting' : 'Stopping'}… waiting for the server to confirm`;
      symbol = '⏳';
      tone = 'pending';
      break;
    case 'failed':
      status = `Failed — the server shows it ${c.confirmed === 'on' ? onWord.toLowerCase() : c.confirmed === 'off' ? offWord.toLowerCase() : 'unknown'}`;
      symbol = '⚠';
      tone = 'failed';
      break;
  }
  const intent: Intent =
    name === 'doNotRecord' ? { type: 'do-not-record', confirmed: true } : { type: name, action: on ? 'stop' : 'start' };
  return {
    name,
    title: TITLES[name],
    status,
    symbol,
    tone,
    button: on ? stop : start,
    intent,
    disabledReason: c.unavailable,
    error: c.status === 'failed' ? c.error : null,
    retry: c.status === 'failed',
  };
}

/** "2:05" for the pause countdown. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
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
};

/** Whether what is shown may be out of date: then the window says so, loudly. */
export function isStale(state: AppState): boolean {
  return state.capabilities.canReportStatus && state.connection.status !== 'connected';
}

/** "Ctrl+Alt+R" (or "⌘+Alt+R" on a Mac): the accelerator as the agent presses it. */
export function formatAccelerator(accelerator: string, mac = /Mac/.test(globalThis.navigator?.platform ?? '')): string {
  return accelerator.replace(/CommandOrControl|CmdOrCtrl/g, mac ? '⌘' : 'Ctrl').replace(/Control/g, 'Ctrl');
}
