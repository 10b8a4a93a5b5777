/**
 * Properties of the reducer over random event sequences (fast-check): whatever happens, no
 * state claims a control on or off without evidence, every pause that may be on has a
 * deadline no later than its start plus the maximum, and every state fits the IPC contract.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTROL_NAMES, EVIDENCE, mayBeOn, type ControlEvent, type ControlName } from '../../../src-main/core/control-state';
import { AppStateSchema, type AppState } from '../../../src-main/core/ipc-contract';
import { initialState, reduce, type CoreEvent } from '../../../src-main/core/state-reducer';
import type { BackendError } from '../../../src-main/core/result';
import { agent, call, poll } from '../../support/snapshots';

const T0 = Date.parse('2026-11-21T10:00:00Z');
const MAX = 90;

const control = fc.constantFrom<ControlName>(...CONTROL_NAMES);
const target = fc.constantFrom<'on' | 'off'>('on', 'off');
const states = fc.array(fc.constantFrom('Recording', 'BlackedOut', 'ScreenRecording', 'ScreenBlackedOut', 'Archiving', 'BlackoutEnded'), { maxLength: 3 });
const error = fc.constantFrom<BackendError>(
  { kind: 'server-error', message: 'server error 500', status: 500 },
  { kind: 'server-error', message: 'timed out (504)', status: 504 },
  { kind: 'timeout', message: 'no answer' },
  { kind: 'unreachable', message: 'connection refused' },
  { kind: 'not-found', message: 'no active call (404)', status: 404 },
  { kind: 'busy', message: 'busy (425)', status: 425 },
);

/** One event; `at` is filled in by the sequence so time only moves forward. */
const event = fc.oneof(
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

type EventSpec = typeof event extends fc.Arbitrary<infer T> ? T : never;

function toCoreEvent(e: EventSpec, at: number): CoreEvent {
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

function start(showsPauses: boolean): AppState {
  return initialState(
    {
      demo: false,
      backend: 'onprem',
      server: 'https://rec.example.test',
      agentLabel: 'Phone 805003',
      maxBlackoutSeconds: MAX,
      canReportStatus: true,
      statusShowsPauses: showsPauses ? 'admin' : null,
      unsupported: { voice: null, screen: null, blackout: null, duplicate: null, doNotRecord: null },
    },
    T0,
  );
}

describe('reducer properties over random event sequences', () => {
  it('no claim without evidence; every pause that may be on has a deadline within the maximum; every state fits the contract', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(event, fc.integer({ min: 0, max: 20_000 })), { maxLength: 40 }), (showsPauses, steps) => {
        let state = start(showsPauses);
        let at = T0;
        for (const [e, gap] of steps) {
          at += gap;
          state = reduce(state, toCoreEvent(e, at));
          for (const name of CONTROL_NAMES) {
            const c = state.controls[name];
            if (c.kind === 'on' || c.kind === 'off') {
              expect(EVIDENCE).toContain(c.evidence);
              if (c.evidence === 'assumed') expect(c.reason.length).toBeGreaterThan(0);
            }
          }
          // Only the pause is ever assumed on: a recording is never claimed without an answer or the status.
          for (const name of CONTROL_NAMES.filter((n) => n !== 'blackout')) {
            const c = state.controls[name];
            expect(c.kind === 'on' && c.evidence === 'assumed').toBe(false);
          }
          if (mayBeOn(state.controls.blackout)) {
            const pause = state.pause.current;
            expect(pause).not.toBeNull();
            expect(Date.parse(pause!.deadline) - Date.parse(pause!.startedAt)).toBeLessThanOrEqual(MAX * 1000);
          }
          // On a server not known to show pauses, "no pause in the status" is never evidence of "not paused".
          if (state.capabilities.statusShowsPauses === null) {
            const b = state.controls.blackout;
            expect(b.kind === 'off' && b.evidence === 'status').toBe(false);
          }
          expect(AppStateSchema.safeParse(state).success).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  // What lets the poller skip a status read whose body repeats the last one (poller.ts): reducing
  // the same snapshot again, onto the state it produced, changes nothing but the read's time.
  it('a repeated status read changes nothing but its timestamps', () => {
    const timestamps = (s: AppState) => ({ ...s, snapshotAt: null, connection: { ...s.connection, lastOkAt: null } });
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(event, fc.integer({ min: 0, max: 20_000 })), { maxLength: 30 }),
        fc.record({ states, active: fc.boolean(), held: fc.boolean(), instance: fc.constantFrom('a', 'b') }),
        fc.integer({ min: 1, max: 20_000 }),
        (showsPauses, steps, repeated, gap) => {
          let state = start(showsPauses);
          let at = T0;
          for (const [e, g] of steps) {
            at += g;
            state = reduce(state, toCoreEvent(e, at));
          }
          const read = toCoreEvent({ kind: 'poll', ...repeated }, at + 1);
          const once = reduce(state, read);
          const twice = reduce(once, { ...read, at: at + 1 + gap } as CoreEvent);
          expect(timestamps(twice)).toEqual(timestamps(once));
        },
      ),
      { numRuns: 400 },
    );
  });
});
