/**
 * A clock tests move by hand. Timers fire in time order as `advance` passes them; between
 * timers it lets pending I/O callbacks and promises run, so real HTTP to the simulator can
 * complete inside a fake-time test.
 */
import type { Scheduler, TimerHandle } from '../../src-main/core/scheduler';

interface FakeTimer {
  id: number;
  at: number;
  run: () => void;
}

export const flushIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeScheduler implements Scheduler {
  private time: number;
  private timers: FakeTimer[] = [];
  private nextId = 1;
  /** Work to wait for after each timer fires (e.g. the poll it started), so time does not run ahead of real I/O. */
  settle: () => Promise<void> = () => Promise.resolve();

  constructor(start = Date.parse('2026-11-21T10:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, run: () => void): TimerHandle {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), run };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  /** Delays of the timers now scheduled, from now, soonest first. */
  pending(): number[] {
    return this.timers.map((t) => t.at - this.time).sort((a, b) => a - b);
  }

  /**
   * Lets real I/O and the work it starts finish before time moves: an answer's continuation
   * (a confirming read, then a sleep) is a chain of microtasks and requests, so a few rounds.
   */
  private async quiesce(): Promise<void> {
    for (let round = 0; round < 4; round++) {
      await flushIo();
      await this.settle();
    }
  }

  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await this.quiesce();
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.time = due.at;
      this.timers = this.timers.filter((t) => t !== due);
      due.run();
      await this.settle();
    }
    this.time = target;
    await flushIo();
  }
}
