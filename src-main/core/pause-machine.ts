/**
 * What RecordKey does by itself about a pause that may be on, as named states and one pure
 * transition (as control-state.ts is for a control): given the AppState and the time, the next
 * state, what to do now (remind the agent, send the automatic resume) and when to look again.
 * pause-lifecycle.ts runs it: timers in, actions out.
 *
 * - `idle`: no pause record.
 * - `counting`: a pause may be on and its deadline is ahead; reminders fire before it, and a
 *   pause whose agent has had no call for the grace is ended (unless kept across calls).
 * - `resuming`: the deadline has passed; the resume is sent, and sent again with backoff (the
 *   one retry policy, RESUME_RETRY_POLICY) until the pause is known to be over. Never more than
 *   one resume at a time, so no fault makes it flood the server.
 * - `waiting-for-call`: the server cannot take the resume now (a 404 with no call); it is sent
 *   again the moment a call appears.
 *
 * After a failover (the record's `movedFrom`), a pause the new server has not shown within the
 * sync grace is sent to it again, once per move, to end at the original deadline.
 */
import { isPending, mayBeOn } from './control-state';
import type { AppState, PauseEnder } from './ipc-contract';

interface Tracked {
  /** The pause's identity: when it started. A new pause starts the machine afresh. */
  pause: string;
  deadline: string;
  /** Reminders already given for this deadline (an Extend re-arms them). */
  reminded: readonly number[];
  /** The no-call gap a pause was already ended for (one resume per gap). */
  endedForNoCallSince: string | null;
  /** The failover the pause was already sent again for (one resend per move). */
  resentForMove: string | null;
}

export type PauseMachine =
  | { name: 'idle' }
  | ({ name: 'counting' } & Tracked)
  | ({ name: 'resuming'; attempts: number; nextAttemptAt: number } & Tracked)
  | ({ name: 'waiting-for-call'; resentForCall: string | null } & Tracked);

export type PauseAction = { type: 'remind'; secondsLeft: number } | { type: 'resume'; because: PauseEnder } | { type: 'resend'; deadline: string };

export interface PauseInput {
  state: AppState;
  now: number;
  reminderSeconds: readonly number[];
  /** The gap after the nth automatic resume that did not take (1-based). */
  backoffMs: (attempt: number) => number;
  /** After a failover, how long the new server may take to show the pause before it is sent again. */
  syncGraceMs: number;
}

export interface PauseStep {
  machine: PauseMachine;
  actions: PauseAction[];
  /** When to look again (a reminder, the deadline, the next attempt, the no-call grace), or null. */
  wakeAt: number | null;
}

export const IDLE_PAUSE: PauseMachine = { name: 'idle' };

/** The fields every non-idle state carries, without its name (so spreading them never renames a state). */
function tracked(machine: PauseMachine): Tracked | null {
  if (machine.name === 'idle') return null;
  const { pause, deadline, reminded, endedForNoCallSince, resentForMove } = machine;
  return { pause, deadline, reminded, endedForNoCallSince, resentForMove };
}

export function stepPause(machine: PauseMachine, input: PauseInput): PauseStep {
  const { state, now, reminderSeconds } = input;
  const pause = state.pause.current;
  if (!pause) return { machine: IDLE_PAUSE, actions: [], wakeAt: null };

  // A new pause starts afresh; a moved deadline (Extend) re-arms the reminders and the attempts.
  const known = tracked(machine);
  const samePause = known !== null && known.pause === pause.startedAt;
  let base: Tracked = samePause ? known : { pause: pause.startedAt, deadline: pause.deadline, reminded: [], endedForNoCallSince: null, resentForMove: null };
  let current: PauseMachine = samePause ? machine : { name: 'counting', ...base };
  if (base.deadline !== pause.deadline) {
    base = { ...base, deadline: pause.deadline, reminded: [] };
    current = { name: 'counting', ...base };
  }
  const deadline = Date.parse(pause.deadline);
  const actions: PauseAction[] = [];

  // The nearest reminder whose time has come (only one, if several are due at once, e.g. after a restart).
  if (now < deadline) {
    const due = reminderSeconds.filter((s) => !base.reminded.includes(s) && now >= deadline - s * 1000);
    if (due.length) {
      base = { ...base, reminded: [...base.reminded, ...due] };
      actions.push({ type: 'remind', secondsLeft: Math.min(...due) });
    }
  }

  const blackout = state.controls.blackout;
  const noCallEnds = pause.noCallSince !== null && !state.pause.keepAcrossCalls ? Date.parse(pause.noCallSince) + state.pause.noCallGraceMs : null;
  let next: PauseMachine = { ...current, ...base } as PauseMachine;

  // Nothing to do while a command is out, or while the pause cannot be on.
  const acting = mayBeOn(blackout) && !isPending(blackout);
  if (acting) {
    if (pause.resumeBlocked) {
      const resentForCall = current.name === 'waiting-for-call' ? current.resentForCall : null;
      const call = state.agent?.activeCall?.callInstance ?? null;
      next = { name: 'waiting-for-call', ...base, resentForCall: call ?? resentForCall };
      if (call && call !== resentForCall) actions.push({ type: 'resume', because: pause.endingBy ?? 'maximum' });
    } else if (now >= deadline) {
      const resuming = current.name === 'resuming' ? { attempts: current.attempts, nextAttemptAt: current.nextAttemptAt } : { attempts: 0, nextAttemptAt: now };
      next = { name: 'resuming', ...base, ...resuming };
      if (now >= resuming.nextAttemptAt) {
        const attempts = resuming.attempts + 1;
        next = { name: 'resuming', ...base, attempts, nextAttemptAt: now + input.backoffMs(attempts) };
        actions.push({ type: 'resume', because: 'maximum' });
      }
    } else if (noCallEnds !== null && now >= noCallEnds && base.endedForNoCallSince !== pause.noCallSince) {
      base = { ...base, endedForNoCallSince: pause.noCallSince };
      next = { name: 'counting', ...base };
      actions.push({ type: 'resume', because: 'call-ended' });
    } else if (next.name !== 'counting') next = { name: 'counting', ...base };
  }

  // After a failover: the server now in use was read and still does not show the pause once the grace is over.
  const moved = pause.movedFrom;
  const resendAt = moved && base.resentForMove !== moved.at ? Date.parse(moved.at) + input.syncGraceMs : null;
  if (acting && resendAt !== null && now < deadline && now >= resendAt && state.connection.status === 'connected') {
    base = { ...base, resentForMove: moved!.at };
    next = { ...next, ...base };
    actions.push({ type: 'resend', deadline: pause.deadline });
  }

  const times = reminderSeconds.filter((s) => !base.reminded.includes(s)).map((s) => deadline - s * 1000);
  times.push(next.name === 'resuming' ? next.nextAttemptAt : deadline);
  if (noCallEnds !== null && acting) times.push(noCallEnds);
  if (resendAt !== null && acting && base.resentForMove !== moved?.at) times.push(resendAt);
  const future = times.filter((t) => t > now);
  return { machine: next, actions, wakeAt: future.length ? Math.min(...future) : null };
}
