/**
 * What each control's card offers: the button, its intent and why it is disabled. What the
 * card *says* (its words, evidence, tone and icon) is the verdict's (core/verdict.ts); this
 * file decides nothing about the recording's state. Symbol + words, so colour is never the only signal.
 */
import { CONTROL_LABELS, toggleTarget, type ControlName } from '../src-main/core/control-state';
import type { AppState, Intent } from '../src-main/core/ipc-contract';
import type { CardLine, Verdict } from '../src-main/core/verdict';
import { PAUSE_ACTION_WORDS } from '../src-main/core/agent-words';
import { parseServerTime } from '../src-main/core/time-format';

export type Tone = CardLine['tone'];

export interface ControlView {
  name: ControlName;
  title: string;
  card: CardLine;
  button: string;
  intent: Intent;
  disabledReason: string | null;
  retry: boolean;
}

export function controlView(state: AppState, verdict: Verdict, name: ControlName): ControlView {
  const c = state.controls[name];
  const label = CONTROL_LABELS[name];
  const stopping = toggleTarget(c) === 'off';
  const intent: Intent = name === 'doNotRecord' ? { type: 'do-not-record', confirmed: true } : { type: name, action: stopping ? 'stop' : 'start' };
  // A pause still being sent is cancelled, not resumed: it never took effect.
  const cancelling = name === 'blackout' && c.kind === 'pending' && c.target === 'on';
  return {
    name,
    title: label.title,
    card: verdict.cards[name],
    button: cancelling ? PAUSE_ACTION_WORDS.cancelButton : stopping ? label.stopButton : label.startButton,
    intent,
    disabledReason: state.availability[name],
    retry: c.kind === 'failed',
  };
}

/** The call's duration from its `starttime` (MM/dd/yyyy HH:mm:ss, server-local, no zone). */
export function callDuration(startTime: string, now: number): string | null {
  const started = parseServerTime(startTime);
  if (started === null) return null;
  const seconds = Math.max(0, Math.floor((now - started) / 1000));
  const h = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
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
