/**
 * The agent's state as a person reads it at a glance, and as the stable JSON that scripts
 * read (documented in the README). One more renderer of the verdict (core/verdict.ts): the
 * first line is the window's banner, each control line is its card, and the call line says
 * "not known" whenever RecordKey cannot know it.
 */
import { CONTROL_NAMES, type ControlName, type ControlState } from '../core/control-state';
import type { AppState } from '../core/ipc-contract';
import { SERVER_CHANGED_NOTICE } from '../core/state-reducer';
import { formatLocalTime } from '../core/time-format';
import { verdictFor, type CardLine, type Verdict } from '../core/verdict';

const SHORT_NAME: Record<ControlName, string> = { voice: 'Voice', screen: 'Screen', blackout: 'Pause', duplicate: 'Duplicate', doNotRecord: 'Declined' };

/** A card as one CLI line: its words, and its evidence a step away in parentheses. */
export function cardText(card: CardLine): string {
  return card.evidence ? `${card.words} (${card.evidence})` : card.words;
}

/** The verdict's first lines: the banner, what to do, and the countdown while a pause may be on. */
export function verdictLines(verdict: Verdict, timerRunning: boolean): string[] {
  const lines = [`${verdict.headline}${verdict.demo ? '  [DEMO]' : ''} — ${verdict.instruction}`, `           ${verdict.evidence}`];
  if (verdict.countdown) lines.push(`           ${timerRunning ? verdict.countdown.words : `the pause's maximum ends in ${verdict.countdown.words.replace(/^Resumes by itself in /, '')} (this one-shot command does not resume it)`}`);
  return lines;
}

/** `timerRunning`: whether this process ends the pause at its deadline (the CLI's one-shot status does not). */
export function formatStatus(state: AppState, timerRunning = true, now: number = Date.now()): string {
  const verdict = verdictFor(state, now);
  const lines = verdictLines(verdict, timerRunning);
  const a = state.agent;
  const who = a ? `${state.agentLabel} (${a.username || a.systemUsername || 'no user name'}, id ${a.agentId})` : state.agentLabel;
  const connection = state.connection.status === 'connected' ? `connected to ${state.server}` : `${state.connection.status}: ${state.connection.message ?? state.server}`;
  lines.push(`Agent      ${who}`);
  lines.push(`Server     ${connection}`);
  const moved = state.notices.find((n) => n.id === SERVER_CHANGED_NOTICE);
  if (moved) lines.push(`           ${moved.message}`);
  if (verdict.call) {
    lines.push(`Call       ${verdict.call}`);
    const call = a?.activeCall;
    if (call && state.connection.status === 'connected') lines.push(`           ${call.callInstance}${call.callState ? ` (server: ${call.callState})` : ''}`);
  }
  for (const name of CONTROL_NAMES) {
    if (state.capabilities.unsupported[name]) continue;
    lines.push(`${SHORT_NAME[name].padEnd(10)} ${cardText(verdict.cards[name])}`);
  }
  const pause = state.pause.current;
  if (pause) {
    if (verdict.countdown) lines.push(`           deadline ${formatLocalTime(pause.deadline, now)}`);
    if (pause.resumeBlocked) lines.push(`           ${pause.resumeBlocked}`);
    if (pause.newCallWhilePaused) lines.push('           A NEW CALL STARTED WHILE THE PAUSE MAY STILL BE ON');
  }
  lines.push(`As of      ${formatLocalTime(state.snapshotAt ?? now, now)}`);
  return lines.join('\n');
}

type Simple = 'on' | 'off' | 'unknown' | 'pending' | 'failed';

function simple(c: ControlState): Simple {
  switch (c.kind) {
    case 'pending':
      return 'pending';
    case 'failed':
      return 'failed';
    case 'unknown':
      return 'unknown';
    default:
      return c.kind;
  }
}

/** The `--json` shape of `status` and `watch` (one object per line). */
export function statusJson(state: AppState, timerRunning = true, now: number = Date.now()) {
  const supported = CONTROL_NAMES.filter((name) => !state.capabilities.unsupported[name]);
  const verdict = verdictFor(state, now);
  return {
    ok: state.connection.status === 'connected' || state.connection.status === 'no-status',
    command: 'status',
    connection: state.connection.status,
    message: state.connection.message,
    verdict: { headline: verdict.headline, instruction: verdict.instruction, pause: verdict.pause, evidence: verdict.evidence },
    agent: state.agent,
    recording: Object.fromEntries(CONTROL_NAMES.map((name) => [name, state.capabilities.unsupported[name] ? 'unsupported' : simple(state.controls[name])])),
    evidence: Object.fromEntries(supported.map((name) => { const c = state.controls[name]; return [name, c.kind === 'on' || c.kind === 'off' ? c.evidence : null]; })),
    blackoutDeadline: timerRunning ? (state.pause.current?.deadline ?? null) : null,
    at: state.snapshotAt,
  };
}
