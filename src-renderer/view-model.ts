/**
 * What each control says and offers, derived from the AppState alone: the words, isOn and
 * the toggle rule come from core/control-state.ts, availability from the core. Symbol +
 * words, so colour is never the only signal.
 */
import { CONTROL_LABELS, describeControl, holdsOn, isOn, toggleTarget, type ControlName, type ControlState } from '../src-main/core/control-state';
import type { AppState, Intent } from '../src-main/core/ipc-contract';
import type { IconName } from './components/Icon';

export type Tone = 'neutral' | 'active' | 'paused' | 'pending' | 'failed';

export interface ControlView {
  name: ControlName;
  title: string;
  status: string;
  icon: IconName;
  tone: Tone;
  button: string;
  intent: Intent;
  disabledReason: string | null;
  error: string | null;
  retry: boolean;
}

const ICON: Record<ControlState['kind'], IconName> = { on: 'recording', off: 'off', unknown: 'unknown', pending: 'pending', failed: 'alert' };

export function controlView(state: AppState, name: ControlName): ControlView {
  const c = state.controls[name];
  const label = CONTROL_LABELS[name];
  const stopping = toggleTarget(c) === 'off' || (name === 'blackout' && state.pause.current !== null);
  // While a pause holds, a recording is silent: never let a card say "Recording" then.
  const silenced = (name === 'voice' || name === 'screen') && holdsOn(state.controls.blackout) && isOn(c);
  // Without a live status, a claim is only the last thing known: said so, and not shown as current.
  const stale = isStale(state) && (c.kind === 'on' || c.kind === 'off') && c.evidence === 'status';
  const tone: Tone =
    c.kind === 'failed' ? 'failed' : c.kind === 'pending' || c.kind === 'unknown' || stale ? 'pending' : c.kind === 'on' ? (name === 'blackout' || silenced ? 'paused' : 'active') : 'neutral';
  const words = silenced ? 'Silent (paused) — nothing is heard in the recording' : c.kind === 'unknown' ? unknownWords(state, name) : describeControl(name, c);
  const intent: Intent = name === 'doNotRecord' ? { type: 'do-not-record', confirmed: true } : { type: name, action: stopping ? 'stop' : 'start' };
  return {
    name,
    title: label.title,
    status: stale ? `Last known, not current: ${words}` : words,
    icon: (name === 'blackout' && c.kind === 'on') || silenced ? 'paused' : name === 'doNotRecord' && c.kind === 'on' ? 'declined' : ICON[c.kind],
    tone,
    // A pause still being sent is cancelled, not resumed: it never took effect.
    button: name === 'blackout' && c.kind === 'pending' && c.target === 'on' ? 'Cancel pause' : stopping ? label.stopButton : label.startButton,
    intent,
    disabledReason: state.availability[name],
    error: c.kind === 'failed' ? c.error.message : null,
    retry: c.kind === 'failed',
  };
}

/** Why a control is unknown, so "unknown" is never a bare word. */
function unknownWords(state: AppState, name: ControlName): string {
  if (name === 'blackout' && state.capabilities.statusShowsPauses === null) return "unknown — this server's status has not shown a pause yet, so it cannot tell";
  if (name === 'screen' && state.backend === 'cxone') return "unknown — CXone's status does not show the screen";
  if (!state.capabilities.canReportStatus) return 'unknown — this server does not report it';
  return 'unknown — the server has not shown it';
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

const MAC_KEYS: Record<string, string> = { commandorcontrol: '⌘', cmdorctrl: '⌘', command: '⌘', cmd: '⌘', control: '⌃', ctrl: '⌃', alt: '⌥', option: '⌥', shift: '⇧', super: '⌘', meta: '⌘' };
const PC_KEYS: Record<string, string> = { commandorcontrol: 'Ctrl', cmdorctrl: 'Ctrl', control: 'Ctrl', ctrl: 'Ctrl', command: 'Win', cmd: 'Win', super: 'Win', meta: 'Win', option: 'Alt', alt: 'Alt', shift: 'Shift' };

/**
 * An Electron accelerator as the agent's OS writes it: "Ctrl+Alt+R" on Windows and Linux,
 * "⌃⌥R" / "⌘⌥R" on macOS (modifier symbols, no plus signs).
 */
export function formatAccelerator(accelerator: string, mac = /Mac/.test(globalThis.navigator?.platform ?? '')): string {
  const parts = accelerator.split('+').filter(Boolean);
  const names = mac ? MAC_KEYS : PC_KEYS;
  const keys = parts.map((p) => names[p.toLowerCase()] ?? (p.length === 1 ? p.toUpperCase() : p));
  return mac ? keys.join('') : keys.join('+');
}
