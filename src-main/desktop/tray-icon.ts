/**
 * Which tray icon shows the state, and the tooltip: both rendered from the one verdict
 * (core/verdict.ts), with a DEMO-badged twin of each icon so demo mode is never mistaken for
 * real recording, and a red corner badge when a command failed (a paused agent still sees the
 * pause). ('error' alone is the icon of a RecordKey that could not start.)
 */
import type { AppState } from '../core/ipc-contract';
import type { TrayState, Verdict } from '../core/verdict';

export { TRAY_STATES, type TrayState } from '../core/verdict';
export type TrayIconName = `${TrayState}${'' | '-error'}${'' | '-demo'}`;

export function trayIconFor(verdict: Verdict): TrayIconName {
  return `${verdict.tray.state}${verdict.tray.badge ? '-error' : ''}${verdict.demo ? '-demo' : ''}` as TrayIconName;
}

/** One line: RecordKey (DEMO), agent, call, the verdict's sentence and instruction, the evidence, hotkey trouble. */
export function tooltipFor(state: AppState, verdict: Verdict): string {
  const parts = [verdict.demo ? 'RecordKey DEMO' : 'RecordKey', state.agentLabel];
  if (verdict.call) parts.push(verdict.call);
  parts.push(verdict.countdown ? `${verdict.sentence} · ${verdict.countdown.words.toLowerCase()}` : verdict.sentence);
  parts.push(verdict.evidence);
  const hotkeyTrouble = state.notices.find((n) => n.id === 'hotkeys');
  if (hotkeyTrouble) parts.push(hotkeyTrouble.message);
  return parts.join(' · ');
}
