/**
 * Random event sequences for property tests (fast-check): every kind of event the reducer
 * takes, with errors of every kind, so a property holds whatever happens in whatever order.
 */
import fc from 'fast-check';
import { CONTROL_NAMES, type ControlEvent, type ControlName } from '../../src-main/core/control-state';
import type { AppState } from '../../src-main/core/ipc-contract';
import { initialState, reduce, type CoreEvent } from '../../src-main/core/state-reducer';
import type { BackendError } from '../../src-main/core/result';
import { agent, call, poll } from './snapshots';

export const T0 = Date.parse('2026-11-21T10:00:00Z');
export const MAX = 90;

const control = fc.constantFrom<ControlName>(...CONTROL_NAMES);
const target = fc.constantFrom<'on' | 'off'>('on', 'off');
export const states = fc.array(fc.constantFrom('Recording', 'BlackedOut', 'ScreenRecording', 'ScreenBlackedOut', 'Archiving', 'BlackoutEnded'), { maxLength: 3 });
const error = fc.constantFrom<BackendError>(
  { kind: 'server-error', message: 'server error 500', status: 500 },
  { kind: 'server-error', message: 'timed out (504)', status: 504 },
  { kind: 'timeout', message: 'no answer' },
  { kind: 'unreachable', message: 'connection refused' },
  { kind: 'not-found', message: 'no active call (404)', status: 404 },
  { kind: 'busy', message: 'busy (425)', status: 425 },
);

/** One event; `at` is filled in by the sequence so time only moves forward. */
export const event = fc.oneof(
  fc.record({ kind: fc.constant('poll' as const), states, active: fc.boolean(), held: fc.boolean(), instance: fc.constantFrom('a', 'b') }),
  fc.record({ kind: fc.constant('poll-failed' as const), error }),
  fc.record({ kind: fc.constant('sent' as const), control, target, planned: fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined }), offset: fc.option(fc.integer({ min: -5, max: 60 }), { nil: undefined }) }),
  fc.record({ kind: fc.constant('answered' as const), control, statusCanShow: fc.boolean() }),
  fc.record({ kind: fc.constant('retrying' as const), control, error: fc.option(error, { nil: null }) }),
  fc.record({ kind: fc.constant('errored' as const), control, error }),
  fc.record({ kind: fc.constant('confirm-ended' as const), control, answer: fc.constantFrom<'done' | 'accepted'>('done', 'accepted') }),
  fc.record({ kind: fc.constant('blocked' as const), reason: fc.option(fc.constant('no call'), { nil: null }) }),
  fc.record({ kind: fc.constant('restored' as const), ago: fc.integer({ min: 0, max: 200 }) }),
);

export type EventSpec = typeof event extends fc.Arbitrary<infer T> ? T : never;

export function toCoreEvent(e: EventSpec, at: number): CoreEvent {
  const controlEvent = (c: ControlName, ev: ControlEvent): CoreEvent => ({ type: 'control', control: c, event: ev });
  switch (e.kind) {
    case 'poll':
      return poll(agent(e.active ? call(e.states, e.instance) : null, e.held ? [call([], 'held')] : []), at);
    case 'poll-failed':
      return { type: 'poll-failed', error: e.error, at };
    case 'sent':
      return { type: 'command-sent', control: e.control, target: e.target, at, plannedSeconds: e.planned, effectiveAt: e.offset === undefined ? undefined : at + e.offset * 1000 };
    case 'answered':
      return controlEvent(e.control, { type: 'answered', statusCanShow: e.statusCanShow, at });
    case 'retrying':
      return controlEvent(e.control, { type: 'retrying', error: e.error, at });
    case 'errored':
      return controlEvent(e.control, { type: 'errored', error: e.error, at });
    case 'confirm-ended':
      return controlEvent(e.control, { type: 'confirm-ended', answer: e.answer, at });
    case 'blocked':
      return { type: 'pause-resume-blocked', reason: e.reason, at };
    case 'restored': {
      const startedAt = at - e.ago * 1000;
      return { type: 'pause-restored', record: { startedAt: new Date(startedAt).toISOString(), deadline: new Date(startedAt + MAX * 1000).toISOString(), callInstance: null }, at };
    }
  }
}

export function start(showsPauses: boolean): AppState {
  return initialState(
    {
      demo: false,
      backend: 'onprem',
      server: 'https://rec.example.test',
      agentLabel: 'Phone 805003',
      maxBlackoutSeconds: MAX,
      noCallGraceMs: 5000,
      keepPauseAcrossCalls: false,
      canReportStatus: true,
      statusShowsPauses: showsPauses ? 'admin' : null,
      unsupported: { voice: null, screen: null, blackout: null, duplicate: null, doNotRecord: null },
    },
    T0,
  );
}


/**
 * Runs `check` on every state of random event sequences (time only moves forward), on a server
 * whose status shows pauses and on one whose status does not.
 */
export function forEveryRandomState(check: (state: AppState, at: number) => void, numRuns = 400): void {
  fc.assert(
    fc.property(fc.boolean(), fc.array(fc.tuple(event, fc.integer({ min: 0, max: 20_000 })), { maxLength: 40 }), (showsPauses, steps) => {
      let state = start(showsPauses);
      let at = T0;
      for (const [e, gap] of steps) {
        at += gap;
        state = reduce(state, toCoreEvent(e, at));
        check(state, at);
      }
    }),
    { numRuns },
  );
}
