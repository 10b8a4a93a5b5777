/**
 * Which tray icon shows the state: one per state the agent must tell apart at 16 px, with a
 * DEMO-badged twin of each so demo mode is never mistaken for real recording.
 */
import type { AppState } from '../core/ipc-contract';
import { CONTROL_NAMES } from '../core/ipc-contract';

export const TRAY_STATES = ['disconnected', 'idle', 'on-call', 'recording', 'recording-screen', 'paused', 'declined', 'pending', 'error'] as const;
export type TrayState = (typeof TRAY_STATES)[number];
export type TrayIconName = TrayState | `${TrayState}-demo`;

/** The most important fact wins: a failure or an unknown state before anything reassuring. */
export function trayStateOf(state: AppState): TrayState {
  const c = state.controls;
  const reportsCalls = state.capabilities.canReportStatus;
  if (reportsCalls && state.connection.status !== 'connected') return state.connection.status === 'connecting' ? 'pending' : 'disconnected';
  if (CONTROL_NAMES.some((n) => c[n].status === 'failed')) return 'error';
  if (CONTROL_NAMES.some((n) => c[n].status === 'pending-on' || c[n].status === 'pending-off')) return 'pending';
  if (c.blackout.status === 'on') return 'paused';
  if (c.doNotRecord.status === 'on') return 'declined';
  if (c.voice.status === 'on' && c.screen.status === 'on') return 'recording-screen';
  if (c.voice.status === 'on' || c.screen.status === 'on') return 'recording';
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
  paused: 'PAUSED',
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
  if (state.controls.blackout.status === 'on' && state.blackout.deadline) {
    const left = Math.max(0, Math.ceil((Date.parse(state.blackout.deadline) - now) / 1000));
    words += ` (resumes in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')})`;
  }
  parts.push(words);
  const hotkeyTrouble = state.notices.find((n) => n.id === 'hotkeys');
  if (hotkeyTrouble) parts.push(hotkeyTrouble.message);
  return parts.join(' · ');
}
