/**
 * The pause machine's pure transition (issue 20, Build 12): named states, the automatic
 * resume's backoff from the one retry policy, reminders re-armed by an Extend, and a resume
 * the server cannot take now waiting for a call instead of looping.
 */
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../src-main/core/ipc-contract';
import { IDLE_PAUSE, stepPause, type PauseMachine } from '../../../src-main/core/pause-machine';
import { RESUME_RETRY_POLICY, retryDelay } from '../../../src-main/core/retry-policy';
import { reduce } from '../../../src-main/core/state-reducer';
import { idle, onCall, stateFrom, T0 } from '../../component/fake-bridge';

const backoffMs = (attempt: number) => retryDelay(attempt - 1, RESUME_RETRY_POLICY, () => 0.5);
const run = (machine: PauseMachine, state: AppState, now: number) => stepPause(machine, { state, now, reminderSeconds: [30, 10], backoffMs, syncGraceMs: 3000 });

describe('the pause machine', () => {
  it('counting → reminders → resuming at the deadline, again 1 s, 2 s, 4 s … later, never twice at once', () => {
    const state = stateFrom([onCall(['BlackedOut'])]);
    const deadline = Date.parse(state.pause.current!.deadline);
    let step = run(IDLE_PAUSE, state, T0);
    expect(step).toMatchObject({ machine: { name: 'counting' }, actions: [], wakeAt: deadline - 30_000 });
    step = run(step.machine, state, deadline - 30_000);
    expect(step.actions).toEqual([{ type: 'remind', secondsLeft: 30 }]);
    step = run(step.machine, state, deadline);
    expect(step).toMatchObject({ machine: { name: 'resuming', attempts: 1 }, actions: [{ type: 'resume', because: 'maximum' }], wakeAt: deadline + 1000 });
    expect(run(step.machine, state, deadline + 999).actions).toEqual([]);
    step = run(step.machine, state, deadline + 1000);
    expect(step).toMatchObject({ machine: { attempts: 2 }, actions: [{ type: 'resume' }], wakeAt: deadline + 3000 });
    expect(backoffMs(10)).toBe(30_000);
  });

  it('an Extend moves the deadline and re-arms the reminders', () => {
    const state = stateFrom([onCall(['BlackedOut'])]);
    const deadline = Date.parse(state.pause.current!.deadline);
    const reminded = run(run(IDLE_PAUSE, state, T0).machine, state, deadline - 10_000);
    const extended = reduce(state, { type: 'pause-extended', deadline: new Date(deadline + 60_000).toISOString(), at: deadline - 10_000 });
    const step = run(reminded.machine, extended, deadline - 10_000);
    expect(step).toMatchObject({ machine: { name: 'counting', reminded: [] }, wakeAt: deadline + 30_000 });
  });

  it('a resume the server cannot take now waits for a call, then is sent once for it', () => {
    // A server whose status cannot show pauses: the pause rests on its answers.
    const paused = stateFrom([onCall(['Recording']), { type: 'command-sent', control: 'blackout', target: 'on', at: T0 }, { type: 'control', control: 'blackout', event: { type: 'answered', statusCanShow: false, at: T0 } }], { statusShowsPauses: null });
    const blocked = reduce(reduce(paused, { type: 'control', control: 'blackout', event: { type: 'assumed', value: 'on', reason: 'no call (404)', at: T0 } }), { type: 'pause-resume-blocked', reason: 'no call (404)', at: T0 });
    const noCall = reduce(blocked, { ...idle(), at: T0 } as Parameters<typeof reduce>[1]);
    let step = run(IDLE_PAUSE, noCall, T0 + 200_000);
    expect(step).toMatchObject({ machine: { name: 'waiting-for-call' }, actions: [] });
    const withCall = reduce(noCall, { ...onCall(['Recording'], 'next-call'), at: T0 + 200_000 } as Parameters<typeof reduce>[1]);
    step = run(step.machine, withCall, T0 + 200_000);
    expect(step.actions).toEqual([{ type: 'resume', because: 'maximum' }]);
    expect(run(step.machine, withCall, T0 + 200_001).actions).toEqual([]);
  });
});
