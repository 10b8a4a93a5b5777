/**
 * The history as an agent reads it: one plain line per action, in the buttons' words, with its
 * outcome ("14:02 Pause — on, confirmed"), and a line when a pause ended by itself ("14:05
 * Pause ended automatically — maximum pause reached"). Built from the audit log's outcome and
 * state-change lines; everything else (sent, retrying, answers) stays in the raw audit.
 */
import { CONTROL_LABELS, type ControlName } from './control-state';
import type { AuditEntryView } from './ipc-contract';

export interface HistoryLine {
  time: string;
  text: string;
  tone: 'ok' | 'failed' | 'info';
  callInstance: string | null;
}

/** "blackout start" (the controller's command words) → the button the agent pressed. */
const ACTIONS: Record<string, { words: string; target: 'on' | 'off' | null }> = {};
for (const name of ['voice', 'screen', 'blackout', 'duplicate'] as ControlName[]) {
  const label = CONTROL_LABELS[name];
  const short = name === 'blackout';
  ACTIONS[`${name} start`] = { words: short ? label.startButton : label.start, target: 'on' };
  ACTIONS[`${name} stop`] = { words: short ? label.stopButton : label.stop, target: 'off' };
}
ACTIONS['do not-record'] = ACTIONS['do-not-record'] = { words: CONTROL_LABELS.doNotRecord.title, target: 'on' };
ACTIONS['pause extend'] = { words: 'Extend pause', target: null };
ACTIONS['voice update'] = ACTIONS['voice call-data'] = { words: 'Add call data (voice)', target: null };
ACTIONS['screen update'] = ACTIONS['screen call-data'] = { words: 'Add call data (screen)', target: null };

const ENDED: Record<string, string> = {
  maximum: 'Pause ended automatically — maximum pause reached',
  'call-ended': 'Pause ended automatically — the call ended',
  server: 'Pause ended by the server (its own limit, or another client)',
  quit: 'Pause ended — RecordKey was quitting',
};

function outcomeWords(entry: AuditEntryView, target: 'on' | 'off' | null): { text: string; tone: HistoryLine['tone'] } {
  const state = target ?? 'done';
  switch (entry.result) {
    case 'confirmed':
      return { text: `${state}, confirmed`, tone: 'ok' };
    case 'accepted':
      return { text: `${state}, accepted by the server (its status does not show it)`, tone: 'ok' };
    case 'assumed':
      return { text: `${state}? not confirmed${entry.error ? ` (${entry.error})` : ''}`, tone: 'failed' };
    case 'unchanged':
      return { text: `already ${state}`, tone: 'info' };
    case 'superseded':
      return { text: 'replaced by your next press', tone: 'info' };
    case 'refused':
      return { text: `not sent: ${entry.error ?? 'refused'}`, tone: 'failed' };
    case 'failed':
      return { text: `FAILED: ${entry.error ?? 'no reason given'}`, tone: 'failed' };
    default:
      return { text: entry.result, tone: 'info' };
  }
}

/** Newest first, like the entries. */
export function historyLines(entries: AuditEntryView[]): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const e of entries) {
    const call = e.callInstance ?? null;
    if (e.result === 'state-changed') {
      if (e.action === 'pause ended' && e.endedBy && ENDED[e.endedBy]) lines.push({ time: e.time, text: ENDED[e.endedBy], tone: 'info', callInstance: call });
      else if (e.action === 'call started' || e.action === 'call ended') lines.push({ time: e.time, text: e.action === 'call started' ? 'Call started' : 'Call ended', tone: 'info', callInstance: call });
      else if (e.action === 'new call while paused') lines.push({ time: e.time, text: 'A new call started while the pause may still be on', tone: 'failed', callInstance: call });
      continue;
    }
    if (!e.outcome) continue;
    const action = ACTIONS[e.action];
    if (!action) continue;
    // The automatic resume is told by its "pause ended" line; only its failure needs its own.
    if (e.source === 'timer' && e.result !== 'failed' && e.result !== 'assumed') continue;
    const who = e.source === 'timer' ? 'Automatic resume' : e.source === 'shutdown' ? 'Resume on quit' : action.words;
    const outcome = outcomeWords(e, action.target);
    lines.push({ time: e.time, text: `${who} — ${outcome.text}`, tone: outcome.tone, callInstance: call });
  }
  return lines;
}
