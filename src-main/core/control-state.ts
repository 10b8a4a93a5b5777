/**
 * The one model of a recording control, and the only place that says what its states mean.
 *
 * A control is `unknown`, `on`, `off`, `pending` or `failed`. Every `on` and `off` carries its
 * evidence: `status` (the server's status shows it), `answer` (the server's documented success
 * answer; its status cannot show this control), or `assumed` (sent, outcome unknown, assumed in
 * the direction that protects the customer — only the pause is ever assumed on). Impossible
 * combinations (on without evidence, pending without a target) do not type-check.
 *
 * Transitions are one pure function of (state, event). `isOn`, `mayBeOn`, `isPending` and the
 * countdown format live here; what is said to the agent is verdict.ts, in agent-words.ts's words. Free of zod, so the status window's
 * first script stays small; the contract's schemas are in control-state-schema.ts.
 */
import type { ControlName, ControlState, Known } from './control-state-schema';
import { CONTROL_LABELS } from './agent-words';
import { isRefusal, type BackendError } from './result';

export { CONTROL_LABELS, type ControlLabel } from './agent-words';

export type { ControlName, ControlState, Known } from './control-state-schema';

export const CONTROL_NAMES = ['voice', 'screen', 'blackout', 'duplicate', 'doNotRecord'] as const;

export const EVIDENCE = ['status', 'answer', 'assumed'] as const;
export type Evidence = (typeof EVIDENCE)[number];
export type OnOff = 'on' | 'off';

export type PendingControl = Extract<ControlState, { kind: 'pending' }>;
export type FailedControl = Extract<ControlState, { kind: 'failed' }>;

export type ControlEvent =
  | { type: 'sent'; target: OnOff; at: number }
  | { type: 'retrying'; error: BackendError | null; at: number }
  /** The server answered 200 (done) or 202 (accepted); the status is read back next where it can show the control. */
  | { type: 'answered'; statusCanShow: boolean; at: number }
  /** What a status read shows; `unknown` where it cannot show this control. */
  | { type: 'observed'; seen: OnOff | 'unknown'; at: number }
  /** The confirming reads are over: settle on the answer, or fail if the status contradicted it. */
  | { type: 'confirm-ended'; answer: 'done' | 'accepted'; at: number }
  /** The command ended in an error (a refusal, or no answer at all). */
  | { type: 'errored'; error: BackendError; at: number }
  /** Carried over from a previous run (a pause that may still be on). */
  | { type: 'assumed'; value: OnOff; reason: string; at: number };

/**
 * When the outcome of a command is unknown, assume the state that keeps the customer safe.
 * For the pause that is "on": a pause that may be on keeps its countdown, its automatic resume
 * and its Resume control. For the others nothing is assumed: the control shows it failed.
 */
const ASSUME_WHEN_UNKNOWN: Partial<Record<ControlName, OnOff>> = { blackout: 'on' };

const iso = (ms: number) => new Date(ms).toISOString();

export function unknownControl(at: number): ControlState {
  return { kind: 'unknown', since: iso(at) };
}

export function knownOf(c: ControlState): Known {
  switch (c.kind) {
    case 'on':
    case 'off':
      return { value: c.kind, evidence: c.evidence };
    case 'pending':
    case 'failed':
      return c.lastKnown;
    case 'unknown':
      return { value: 'unknown' };
  }
}

function settle(c: ControlState, value: OnOff, evidence: 'status' | 'answer', at: number): ControlState {
  if (c.kind === value && c.evidence === evidence) return c;
  return { kind: value, evidence, since: c.kind === value ? c.since : iso(at) };
}

function assume(c: ControlState, value: OnOff, reason: string, at: number): ControlState {
  return { kind: value, evidence: 'assumed', reason, since: c.kind === value ? c.since : iso(at) };
}

export function transition(name: ControlName, c: ControlState, event: ControlEvent): ControlState {
  switch (event.type) {
    case 'sent':
      return { kind: 'pending', target: event.target, phase: 'sending', attempts: 1, lastError: null, lastKnown: knownOf(c), readBack: 'unknown', since: iso(event.at) };
    case 'retrying':
      if (c.kind !== 'pending') return c;
      return { ...c, phase: 'retrying', attempts: c.attempts + 1, lastError: event.error };
    case 'answered':
      if (c.kind !== 'pending') return c;
      return event.statusCanShow ? { ...c, phase: 'confirming', lastError: null, readBack: 'unknown' } : settle(c, c.target, 'answer', event.at);
    case 'observed':
      return onObserved(c, event.seen, event.at);
    case 'confirm-ended': {
      if (c.kind !== 'pending') return c;
      if (c.phase === 'confirming' && c.readBack !== 'unknown' && c.readBack !== c.target) {
        const error: BackendError = { kind: 'unconfirmed', message: `the server answered OK, but its status still shows the ${CONTROL_LABELS[name].noun} ${c.readBack}` };
        return { kind: 'failed', target: c.target, lastKnown: c.lastKnown, error, since: iso(event.at) };
      }
      if (event.answer === 'done') return settle(c, c.target, 'answer', event.at);
      return outcomeUnknown(name, c, { kind: 'timeout', message: `the server accepted the ${CONTROL_LABELS[name].noun} but did not confirm it was done` }, event.at);
    }
    case 'errored':
      if (c.kind !== 'pending') return c;
      if (isRefusal(event.error)) return { kind: 'failed', target: c.target, lastKnown: c.lastKnown, error: event.error, since: iso(event.at) };
      return outcomeUnknown(name, c, event.error, event.at);
    case 'assumed':
      return assume(c, event.value, event.reason, event.at);
  }
}

function outcomeUnknown(name: ControlName, c: PendingControl, error: BackendError, at: number): ControlState {
  const safe = ASSUME_WHEN_UNKNOWN[name];
  if (safe) return assume(c, safe, `${error.message} — the ${CONTROL_LABELS[name].noun} may be ${safe}`, at);
  return { kind: 'failed', target: c.target, lastKnown: c.lastKnown, error, since: iso(at) };
}

function onObserved(c: ControlState, seen: OnOff | 'unknown', at: number): ControlState {
  switch (c.kind) {
    case 'pending': {
      if (seen === 'unknown') return c;
      if (c.phase === 'confirming' && seen === c.target) return settle(c, seen, 'status', at);
      return { ...c, lastKnown: { value: seen, evidence: 'status' }, readBack: c.phase === 'confirming' ? seen : c.readBack };
    }
    case 'failed':
      // A stale failure clears as soon as the server shows what was asked for.
      if (seen === c.target) return settle(c, seen, 'status', at);
      return seen === 'unknown' ? c : { ...c, lastKnown: { value: seen, evidence: 'status' } };
    default:
      return seen === 'unknown' ? c : settle(c, seen, 'status', at);
  }
}

// ---- reading a control: the one definition of each rule -------------------------------------

/** Claimed on, with evidence (including a failed stop that left it on). */
export function isOn(c: ControlState): boolean {
  return c.kind === 'on' || (c.kind === 'failed' && c.lastKnown.value === 'on');
}

/**
 * On as far as RecordKey can tell now: confirmed or assumed on, or on with a stop not yet
 * confirmed. Unlike mayBeOn, a start still in flight does not count: a pause that is being
 * sent has not taken effect, and the window must not say "silent" or count it down as running.
 */
export function holdsOn(c: ControlState): boolean {
  if (c.kind === 'on') return true;
  if (c.kind === 'pending') return c.target === 'off' && c.lastKnown.value !== 'off';
  return isOn(c) || (c.kind === 'failed' && c.target === 'off' && c.lastKnown.value !== 'off');
}

export function isPending(c: ControlState): c is PendingControl {
  return c.kind === 'pending';
}

/**
 * Whether it may be on: claimed on, a command still out, or a failure that leaves it possibly
 * on (a stop that failed; a start whose earlier state was on). Everything that must protect
 * the customer — the pause's countdown, its automatic resume, "already off" — uses this.
 */
export function mayBeOn(c: ControlState): boolean {
  switch (c.kind) {
    case 'on':
    case 'pending':
      return true;
    case 'failed':
      return c.target === 'off' ? c.lastKnown.value !== 'off' : c.lastKnown.value === 'on';
    default:
      return false;
  }
}

/** Settled off on evidence better than an assumption: only then is a stop "nothing to do". */
export function isSurelyOff(c: ControlState): boolean {
  return c.kind === 'off' && c.evidence !== 'assumed';
}

/** What a toggle asks for: the opposite of the latest wish, or of what may be on. */
export function toggleTarget(c: ControlState): OnOff {
  if (c.kind === 'pending') return c.target === 'on' ? 'off' : 'on';
  return mayBeOn(c) ? 'off' : 'on';
}

/** "2:05": the pause countdown everywhere it is shown. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
