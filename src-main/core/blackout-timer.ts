/**
 * The pause's countdown: reminders before the deadline and an automatic resume at it (as
 * peers' "secure pause" does), so a pause can never silently outlive its maximum length.
 * It watches the AppState's blackout deadline and reschedules whenever that changes.
 */
import type { AppState, Intent, IntentReceipt, IntentSource } from './ipc-contract';
import type { Scheduler, TimerHandle } from './scheduler';
import type { StateStore } from './state-store';

export interface BlackoutTimerDeps {
  store: StateStore;
  scheduler: Scheduler;
  submit: (intent: Intent, source: IntentSource) => IntentReceipt;
  /** Seconds before the deadline at which to remind the agent, e.g. [30, 10]. */
  reminderSeconds: number[];
  onReminder: (secondsLeft: number, state: AppState) => void;
}

export class BlackoutTimer {
  private timers: TimerHandle[] = [];
  private scheduledFor: string | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: BlackoutTimerDeps) {}

  start(): void {
    this.unsubscribe = this.deps.store.subscribe((state) => this.sync(state));
    this.sync(this.deps.store.get());
  }

  stop(): void {
    this.unsubscribe?.();
    this.cancel();
  }

  private sync(state: AppState): void {
    const active = state.controls.blackout.status === 'on' || state.controls.blackout.status === 'failed';
    const deadline = active ? state.blackout.deadline : null;
    if (deadline === this.scheduledFor) return;
    this.cancel();
    this.scheduledFor = deadline;
    if (!deadline) return;
    const { scheduler } = this.deps;
    const msLeft = Date.parse(deadline) - scheduler.now();
    for (const seconds of this.deps.reminderSeconds) {
      const at = msLeft - seconds * 1000;
      if (at > 0) this.timers.push(scheduler.after(at, () => this.deps.onReminder(seconds, this.deps.store.get())));
    }
    this.timers.push(
      scheduler.after(msLeft, () => {
        if (this.deps.store.get().controls.blackout.status !== 'off') {
          this.deps.submit({ type: 'blackout', action: 'stop' }, 'timer');
        }
      }),
    );
  }

  private cancel(): void {
    for (const t of this.timers) t.cancel();
    this.timers = [];
    this.scheduledFor = null;
  }
}
