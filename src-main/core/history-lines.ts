/**
 * The history as an agent reads it: one plain line per action, in the buttons' words, with its
 * outcome ("Pause — Paused, confirmed by the server"), and a line for what happened without a
 * press ("Resumed automatically — maximum pause reached"). Derived from the audit records'
 * typed action and result (audit-protocol.ts): HISTORY has an entry for every action (a test
 * walks them all), so an intent with an audit line always has a History line. Steps (sent,
 * retrying, answers) stay in the raw audit.
 */
import { isPauseEnder, pauseEndedWords } from './agent-words';
import { isAuditAction, type AuditAction } from './audit-protocol';
import { CONTROL_LABELS, CONTROL_NAMES, type ControlName } from './control-state';
import type { AuditEntryView } from './ipc-contract';

export interface HistoryLine {
  time: string;
  text: string;
  tone: 'ok' | 'failed' | 'info';
  callInstance: string | null;
}

/** An intent: the agent's words for what was pressed, and the state it asked for (null: no state, e.g. call data). */
type IntentEntry = { kind: 'intent'; words: string; control: ControlName | null; target: 'on' | 'off' | null };
/** Something that happened without a press: its line, or null where it needs none. */
type EventEntry = { kind: 'event'; line: (e: AuditEntryView) => Pick<HistoryLine, 'text' | 'tone'> | null };

function intentEntries(): Array<[AuditAction, IntentEntry]> {
  const out: Array<[AuditAction, IntentEntry]> = [];
  for (const c of ['voice', 'screen', 'blackout', 'duplicate'] as const) {
    const L = CONTROL_LABELS[c];
    out.push([`${c} start`, { kind: 'intent', words: L.startDone, control: c, target: 'on' }]);
    out.push([`${c} stop`, { kind: 'intent', words: L.stopDone, control: c, target: 'off' }]);
    out.push([`${c} toggle`, { kind: 'intent', words: `${L.startDone} / ${L.stopDone}`, control: c, target: null }]);
  }
  for (const c of CONTROL_NAMES) out.push([`retry ${c}`, { kind: 'intent', words: `Retry ${CONTROL_LABELS[c].noun}`, control: c, target: null }]);
  out.push(['voice call data', { kind: 'intent', words: 'Add call data (voice)', control: null, target: null }]);
  out.push(['screen call data', { kind: 'intent', words: 'Add call data (screen)', control: null, target: null }]);
  out.push(['do-not-record', { kind: 'intent', words: CONTROL_LABELS.doNotRecord.startDone, control: 'doNotRecord', target: 'on' }]);
  out.push(['pause extend', { kind: 'intent', words: 'Extend pause', control: null, target: null }]);
  out.push(['refresh', { kind: 'intent', words: 'Refresh', control: null, target: null }]);
  return out;
}

const info = (text: string) => ({ text, tone: 'info' as const });
const hidden: EventEntry = { kind: 'event', line: () => null };

function serverChange(c: ControlName, value: 'on' | 'off'): EventEntry {
  // A pause ended by the server is told by its "pause ended" line.
  if (c === 'blackout') return hidden;
  const words = c === 'doNotRecord' ? 'Customer declined recording (shown by the server)' : `${CONTROL_LABELS[c].title} ${value === 'on' ? 'started' : 'stopped'} by the server`;
  return { kind: 'event', line: () => ({ text: words, tone: value === 'off' && c !== 'doNotRecord' ? 'failed' : 'info' }) };
}

const EVENTS: Partial<Record<AuditAction, EventEntry>> = {
  'call started': { kind: 'event', line: () => info('Call started') },
  'call ended': { kind: 'event', line: () => info('Call ended') },
  'found pause running': { kind: 'event', line: () => info('A pause was found running (left by the last run, or started elsewhere)') },
  // The agent's own resume is told by its intent line.
  'pause ended': { kind: 'event', line: (e) => (e.endedBy && e.endedBy !== 'agent' && isPauseEnder(e.endedBy) ? info(pauseEndedWords(e.endedBy)) : null) },
  'new call while paused': { kind: 'event', line: () => ({ text: 'A new call started while the pause may still be on', tone: 'failed' }) },
  'automatic resume waiting': { kind: 'event', line: (e) => ({ text: `Automatic resume waiting: ${e.error ?? 'the server cannot take it now'}`, tone: 'failed' }) },
  'status shows pauses': hidden,
  'server changed': { kind: 'event', line: (e) => info(`Moved to another server: ${e.error ?? ''}`.trim()) },
  'pause ended on another server': { kind: 'event', line: (e) => info(`Resumed on ${e.server ?? 'another server'} too (it may still have held the pause)`) },
  'pause reminder': hidden,
  'RecordKey started': { kind: 'event', line: () => info('RecordKey started') },
  'RecordKey quit': { kind: 'event', line: (e) => (e.error ? { text: `RecordKey quit — ${e.error}`, tone: 'failed' } : info('RecordKey quit')) },
};

/** Every action's History entry (history-every-intent.test.ts checks none is missing). */
export const HISTORY: Record<AuditAction, IntentEntry | EventEntry> = Object.fromEntries([
  ...intentEntries(),
  ...CONTROL_NAMES.flatMap((c) => (['on', 'off'] as const).map((v) => [`${c} ${v} by the server`, serverChange(c, v)])),
  ...Object.entries(EVENTS),
]) as Record<AuditAction, IntentEntry | EventEntry>;

function outcomeWords(e: AuditEntryView, entry: IntentEntry): Pick<HistoryLine, 'text' | 'tone'> {
  const label = entry.control ? CONTROL_LABELS[entry.control] : null;
  const state = label && entry.target ? (entry.target === 'on' ? label.onWord : label.offWord) : 'done';
  switch (e.result) {
    case 'confirmed':
      return { text: `${state}, confirmed by the server`, tone: 'ok' };
    case 'accepted':
      return { text: `${state}, the server said OK`, tone: 'ok' };
    case 'assumed':
      return { text: `not confirmed${e.error ? `: ${e.error}` : ''}`, tone: 'failed' };
    case 'unchanged':
      return { text: `nothing to do${e.error ? `: ${e.error}` : ''}`, tone: 'info' };
    case 'superseded':
      return { text: 'replaced by your next press', tone: 'info' };
    case 'refused':
      return { text: `not sent: ${e.error ?? 'refused'}`, tone: 'failed' };
    case 'failed':
      return { text: `FAILED: ${e.error ?? 'no reason given'}`, tone: 'failed' };
    default:
      return { text: state, tone: 'ok' };
  }
}

/** Newest first, like the entries. */
export function historyLines(entries: AuditEntryView[]): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const e of entries) {
    const call = e.callInstance ?? null;
    // A line written by an older version: shown as it was written rather than lost.
    if (!isAuditAction(e.action)) {
      if (e.outcome) lines.push({ time: e.time, text: `${e.action} — ${e.result}${e.error ? `: ${e.error}` : ''}`, tone: e.error ? 'failed' : 'info', callInstance: call });
      continue;
    }
    const entry = HISTORY[e.action];
    if (entry.kind === 'event') {
      const line = e.result === 'state-changed' || e.result === 'run-start' || e.result === 'run-end' ? entry.line(e) : null;
      if (line) lines.push({ time: e.time, ...line, callInstance: call });
      continue;
    }
    if (!e.outcome) continue;
    // The automatic resume is told by its "pause ended" line; only its failure needs its own.
    if (e.source === 'timer' && e.result !== 'failed' && e.result !== 'assumed') continue;
    const who = e.source === 'timer' ? 'Automatic resume' : e.source === 'shutdown' ? 'Resume on quit' : entry.words;
    const outcome = outcomeWords(e, entry);
    lines.push({ time: e.time, text: `${who} — ${outcome.text}`, tone: outcome.tone, callInstance: call });
  }
  return lines;
}
