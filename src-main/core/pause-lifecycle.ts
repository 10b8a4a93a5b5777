/**
 * A pause that always ends. While a pause may be on (pause record present), this reminds the
 * agent before the deadline and resumes by itself at it; if that resume fails it tries again
 * with backoff until the pause is known to be over; if the server cannot take it now (a 404
 * with no call) it sends it again the moment a call appears; and when the agent has had no
 * call at all for a short grace it ends the pause, unless the admin keeps pauses across calls.
 * It never sends more than one resume at a time, so no fault makes it flood the server.
 */
import { isPending, mayBeOn } from './control-state';
import type { AppState, Intent, IntentReceipt, IntentSource, PauseEnder } from './ipc-contract';
import type { Disposable } from './lifecycle';
import type { Scheduler, TimerHandle } from './scheduler';
import type { StateStore } from './state-store';
import type { SubmitOptions } from './controller';

export interface PauseLifecycleDeps {
  store: StateStore;
  scheduler: Scheduler;
  submit: (intent: Intent, source: IntentSource, options: SubmitOptions) => IntentReceipt;
  /** Seconds before the deadline at which to remind the agent, e.g. [30, 10]. */
  reminderSeconds: number[];
  onReminder: (secondsLeft: number, state: AppState) => void;
}

/** Gaps between automatic resumes that did not take: 1 s doubling to 30 s. */
export function resumeBackoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 30_000);
}

export class PauseLifecycle {
  private timer: TimerHandle | null = null;
  private subscription: Disposable | null = null;
  private pauseKey: string | null = null;
  /** The deadline the reminders were armed for: an Extend moves it, and re-arms them. */
  private deadlineSeen: string | null = null;
  private remindersDone = new Set<number>();
  private attempts = 0;
  private nextRetryAt: number | null = null;
  private resentForCall: string | null = null;
  private endedForNoCallSince: string | null = null;
  private evaluating = false;
  private again = false;

  constructor(private readonly deps: PauseLifecycleDeps) {}

  start(): void {
    this.subscription = this.deps.store.subscribe(() => this.evaluate());
    this.evaluate();
  }

  stop(): void {
    this.subscription?.dispose();
    this.subscription = null;
    this.timer?.cancel();
    this.timer = null;
  }

  private evaluate(): void {
    // Submitting a resume changes the state, which calls back here: run again after, not inside.
    if (this.evaluating) {
      this.again = true;
      return;
    }
    this.evaluating = true;
    try {
      do {
        this.again = false;
        this.step(this.deps.store.get());
      } while (this.again);
    } finally {
      this.evaluating = false;
    }
  }

  private step(state: AppState): void {
    const { scheduler } = this.deps;
    const now = scheduler.now();
    const pause = state.pause.current;
    if (!pause) {
      this.reset(null);
      return;
    }
    if (pause.startedAt !== this.pauseKey) this.reset(pause.startedAt);
    if (pause.deadline !== this.deadlineSeen) {
      this.deadlineSeen = pause.deadline;
      this.remindersDone.clear();
      this.attempts = 0;
      this.nextRetryAt = null;
    }
    const deadline = Date.parse(pause.deadline);
    this.remind(state, deadline, now);

    const blackout = state.controls.blackout;
    if (mayBeOn(blackout) && !isPending(blackout)) {
      const call = state.agent?.activeCall?.callInstance ?? null;
      const noCallEnds = pause.noCallSince !== null && !state.pause.keepAcrossCalls ? Date.parse(pause.noCallSince) + state.pause.noCallGraceMs : null;
      if (pause.resumeBlocked) {
        if (call && call !== this.resentForCall) {
          this.resentForCall = call;
          this.resume(pause.endingBy ?? 'maximum');
          return;
        }
      } else if (now >= deadline) {
        if (this.nextRetryAt === null || now >= this.nextRetryAt) {
          this.attempts += 1;
          this.nextRetryAt = now + resumeBackoffMs(this.attempts);
          this.resume('maximum');
          return;
        }
      } else if (noCallEnds !== null && now >= noCallEnds && this.endedForNoCallSince !== pause.noCallSince) {
        this.endedForNoCallSince = pause.noCallSince;
        this.resume('call-ended');
        return;
      }
      this.wakeAt(deadline, noCallEnds, now);
      return;
    }
    this.wakeAt(deadline, null, now);
  }

  private resume(because: PauseEnder): void {
    this.deps.submit({ type: 'blackout', action: 'stop' }, 'timer', { because });
  }

  /** Fires the reminder whose time has come (only the nearest, if several are due at once, e.g. after a restart). */
  private remind(state: AppState, deadline: number, now: number): void {
    if (now >= deadline) return;
    const due = this.deps.reminderSeconds.filter((s) => !this.remindersDone.has(s) && now >= deadline - s * 1000);
    if (due.length === 0) return;
    for (const s of due) this.remindersDone.add(s);
    this.deps.onReminder(Math.min(...due), state);
  }

  private wakeAt(deadline: number, noCallEnds: number | null, now: number): void {
    const times: number[] = [];
    for (const s of this.deps.reminderSeconds) if (!this.remindersDone.has(s)) times.push(deadline - s * 1000);
    times.push(now >= deadline && this.nextRetryAt !== null ? this.nextRetryAt : deadline);
    if (noCallEnds !== null) times.push(noCallEnds);
    const next = Math.min(...times.filter((t) => t > now));
    this.timer?.cancel();
    this.timer = Number.isFinite(next) ? this.deps.scheduler.after(next - now, () => this.evaluate()) : null;
  }

  private reset(key: string | null): void {
    this.pauseKey = key;
    this.remindersDone = new Set();
    this.attempts = 0;
    this.nextRetryAt = null;
    this.resentForCall = null;
    this.endedForNoCallSince = null;
    this.timer?.cancel();
    this.timer = null;
  }
}
