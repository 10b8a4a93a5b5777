/**
 * The simulator's notion of now: the wall clock plus an offset that tests move forward
 * (POST /sim/clock) to reach a blackout limit or a token expiry without sleeping.
 */
export class SimClock {
  private offsetMs = 0;

  constructor(private readonly wall: () => number = Date.now) {}

  now(): number {
    return this.wall() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
