/**
 * Properties of the reducer over random event sequences (fast-check): whatever happens, no
 * state claims a control on or off without evidence, every pause that may be on has a
 * deadline no later than its start plus the maximum, and every state fits the IPC contract.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTROL_NAMES, EVIDENCE, mayBeOn } from '../../../src-main/core/control-state';
import { AppStateSchema, type AppState } from '../../../src-main/core/ipc-contract';
import { reduce, type CoreEvent } from '../../../src-main/core/state-reducer';
import { event, forEveryRandomState, MAX, start, states, T0, toCoreEvent } from '../../support/random-events';

describe('reducer properties over random event sequences', () => {
  it('no claim without evidence; every pause that may be on has a deadline within the maximum; every state fits the contract', () => {
    forEveryRandomState((state) => {
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
    });
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
