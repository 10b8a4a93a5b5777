/**
 * Which tray icon shows the state: one per state the agent must tell apart at 16 px, with a
 * DEMO-badged twin of each so demo mode is never mistaken for real recording.
 */
import type { AppState } from '../core/ipc-contract';
import { CONTROL_NAMES, formatCountdown, isOn, isPending } from '../core/control-state';

export const TRAY_STATES = ['disconnected', 'idle', 'on-call', 'recording', 'recording-screen', 'paused', 'declined', 'pending', 'error'] as const;
export type TrayState = (typeof TRAY_STATES)[number];
export type TrayIconName = TrayState | `${TrayState}-demo`;

/**
 * The most important fact wins: a pause that may be on first (it is the state that must end,
 * and the agent must see it), then an unknown state or a failure before anything reassuring.
 */
export function trayStateOf(state: AppState): TrayState {
  const c = state.controls;
  const reportsCalls = state.capabilities.canReportStatus;
  if (state.pause.current) return 'paused';
  if (reportsCalls && state.connection.status !== 'connected') return state.connection.status === 'connecting' ? 'pending' : 'disconnected';
  if (CONTROL_NAMES.some((n) => c[n].kind === 'failed')) return 'error';
  if (CONTROL_NAMES.some((n) => isPending(c[n]))) return 'pending';
  if (c.doNotRecord.kind === 'on') return 'declined';
  if (isOn(c.voice) && isOn(c.screen)) return 'recording-screen';
  if (isOn(c.voice) || isOn(c.screen)) return 'recording';
  if (reportsCalls && !state.agent?.activeCall) return 'idle';
  return 'on-call';
}

export function trayIconFor(state: AppState): TrayIconName {
  const base = trayStateOf(state);
  return state.demo ? `${base}-demo` : base;
}

const WORDS: Record<TrayState, string> = {
  disconnected: 'state unknown — server not reachable',
  idle: 'no call',
  'on-call': 'on a call, not recording',
  recording: 'recording',
  'recording-screen': 'recording voice and screen',
  paused: 'PAUSED (may be on until confirmed over)',
  declined: 'customer declined recording',
  pending: 'waiting for the server',
  error: 'a command FAILED',
};

/** One line: agent, call, recording state (and DEMO, hotkey trouble). */
export function tooltipFor(state: AppState, now: number): string {
  const parts = [state.demo ? 'RecordKey DEMO' : 'RecordKey', state.agentLabel];
  const call = state.agent?.activeCall;
  if (call) parts.push(`call ${call.ani || '?'} → ${call.dnis || '?'}`);
  let words = WORDS[trayStateOf(state)];
  const pause = state.pause.current;
  if (pause) words += ` (resumes in ${formatCountdown(Date.parse(pause.deadline) - now)})`;
  parts.push(words);
  const hotkeyTrouble = state.notices.find((n) => n.id === 'hotkeys');
  if (hotkeyTrouble) parts.push(hotkeyTrouble.message);
  return parts.join(' · ');
}
