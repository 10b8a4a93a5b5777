/**
 * Which tray icon shows the state: one per state the agent must tell apart at 16 px, with a
 * DEMO-badged twin of each so demo mode is never mistaken for real recording.
 */
import type { AppState } from '../core/ipc-contract';
import { CONTROL_NAMES, isOn, isPending } from '../core/control-state';
import { bannerFor } from '../core/recording-banner';

export const TRAY_STATES = ['disconnected', 'idle', 'on-call', 'recording', 'recording-screen', 'paused', 'declined', 'pending', 'error'] as const;
export type TrayState = (typeof TRAY_STATES)[number];
export type TrayIconName = `${TrayState}${'' | '-error'}${'' | '-demo'}`;

/**
 * The most important fact wins: a pause that may be on first (it is the state that must end,
 * and the agent must see it), then an unknown state before anything reassuring. A failed
 * command does not replace the state: it is a badge on it (trayIconFor), so a paused agent
 * still sees the pause. ('error' alone is the icon of a RecordKey that could not start.)
 */
export function trayStateOf(state: AppState): TrayState {
  const c = state.controls;
  const reportsCalls = state.capabilities.canReportStatus;
  if (state.pause.current) return 'paused';
  if (reportsCalls && state.connection.status !== 'connected') return state.connection.status === 'connecting' ? 'pending' : 'disconnected';
  if (CONTROL_NAMES.some((n) => isPending(c[n]))) return 'pending';
  if (c.doNotRecord.kind === 'on') return 'declined';
  if (isOn(c.voice) && isOn(c.screen)) return 'recording-screen';
  if (isOn(c.voice) || isOn(c.screen)) return 'recording';
  if (reportsCalls && !state.agent?.activeCall) return 'idle';
  return 'on-call';
}

export function trayIconFor(state: AppState): TrayIconName {
  const base = trayStateOf(state);
  const failed = CONTROL_NAMES.some((n) => state.controls[n].kind === 'failed') ? '-error' : '';
  return `${base}${failed}${state.demo ? '-demo' : ''}` as TrayIconName;
}

/** One line in the banner's words: RecordKey (DEMO), agent, call, "Paused — resumes in 2:31 (evidence)", hotkey trouble. */
export function tooltipFor(state: AppState, now: number): string {
  const banner = bannerFor(state, now);
  const parts = [state.demo ? 'RecordKey DEMO' : 'RecordKey', state.agentLabel];
  const call = state.agent?.activeCall;
  if (call) parts.push(call.ani || call.dnis ? `call ${call.ani || '?'} → ${call.dnis || '?'}` : `call ${call.callInstance}`);
  parts.push(`${banner.sentence} (${banner.evidence})`);
  const hotkeyTrouble = state.notices.find((n) => n.id === 'hotkeys');
  if (hotkeyTrouble) parts.push(hotkeyTrouble.message);
  return parts.join(' · ');
}
