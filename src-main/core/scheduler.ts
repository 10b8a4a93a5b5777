/**
 * Time, injected: the poller, the controller's retries and the blackout timer take a
 * Scheduler so tests drive them with a fake clock instead of sleeping.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Scheduler {
  now(): number;
  after(ms: number, run: () => void): TimerHandle;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, Math.max(0, ms));
    return { cancel: () => clearTimeout(timer) };
  },
};

/** Resolves after `ms` on the given scheduler. */
export function sleep(scheduler: Scheduler, ms: number): Promise<void> {
  return new Promise((resolve) => scheduler.after(ms, resolve));
}
