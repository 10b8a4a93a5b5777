/**
 * A pause that always ends: runs the pause machine (pause-machine.ts) on the AppState and a
 * clock. It looks again at every state change and at the time the machine asks for, reminds
 * the agent, and sends the automatic resume the machine decides on. All decisions are the
 * machine's pure transition; this file only owns the timer.
 */
import type { AppState, Intent, IntentReceipt, IntentSource } from './ipc-contract';
import type { Disposable } from './lifecycle';
import { IDLE_PAUSE, stepPause, type PauseMachine } from './pause-machine';
import { RESUME_RETRY_POLICY, retryDelay } from './retry-policy';
import type { Scheduler, TimerHandle } from './scheduler';
import type { StateStore } from './state-store';
import type { SubmitOptions } from './controller';

export interface PauseLifecycleDeps {
  store: StateStore;
  scheduler: Scheduler;
  random: () => number;
  submit: (intent: Intent, source: IntentSource, options: SubmitOptions) => IntentReceipt;
  /** Seconds before the deadline at which to remind the agent, e.g. [30, 10]. */
  reminderSeconds: readonly number[];
  onReminder: (secondsLeft: number, state: AppState) => void;
  /** After a failover: how long the new server may take to show the pause before it is sent again. */
  syncGraceMs: number;
  /** Sends the pause again to the server now in use, to end at `deadline` (controller.resendPause). */
  resend: (deadline: string) => void;
}

export class PauseLifecycle implements Disposable {
  private machine: PauseMachine = IDLE_PAUSE;
  private timer: TimerHandle | null = null;
  private subscription: Disposable | null = null;
  private evaluating = false;
  private again = false;

  constructor(private readonly deps: PauseLifecycleDeps) {}

  /** Where the machine is (tests, diagnostics). */
  get current(): PauseMachine {
    return this.machine;
  }

  start(): void {
    this.subscription = this.deps.store.subscribe(() => this.evaluate());
    this.evaluate();
  }

  dispose(): void {
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
    const { scheduler, random } = this.deps;
    const now = scheduler.now();
    const { machine, actions, wakeAt } = stepPause(this.machine, {
      state,
      now,
      reminderSeconds: this.deps.reminderSeconds,
      backoffMs: (attempt) => retryDelay(attempt - 1, RESUME_RETRY_POLICY, random),
      syncGraceMs: this.deps.syncGraceMs,
    });
    this.machine = machine;
    this.timer?.cancel();
    this.timer = wakeAt === null ? null : scheduler.after(wakeAt - now, () => this.evaluate());
    for (const action of actions) {
      if (action.type === 'remind') this.deps.onReminder(action.secondsLeft, state);
      else if (action.type === 'resend') this.deps.resend(action.deadline);
      else this.deps.submit({ type: 'blackout', action: 'stop' }, 'timer', { because: action.because });
    }
  }
}
