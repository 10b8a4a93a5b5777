/**
 * How long until the next `GET /api/Agent`: fast while something is happening (a call, a
 * pending command, a pause), slow when idle, and exponential backoff with jitter while the
 * server fails, so a thousand desktops do not hammer a server that is already down.
 */
import { z } from 'zod';
import type { AppState } from './ipc-contract';
import { CONTROL_NAMES, isPending } from './control-state';

export const PollIntervalsSchema = z.object({
  activeMs: z.number().int().min(200).max(60_000).default(1000),
  idleMs: z.number().int().min(500).max(300_000).default(6000),
  backoffBaseMs: z.number().int().min(100).max(60_000).default(1000),
  backoffMaxMs: z.number().int().min(1000).max(600_000).default(30_000),
  /** ± this fraction of the backoff delay, so failing clients spread out. */
  jitter: z.number().min(0).max(1).default(0.2),
});
export type PollIntervals = z.infer<typeof PollIntervalsSchema>;
export const DEFAULT_POLL_INTERVALS: PollIntervals = PollIntervalsSchema.parse({});

export function isBusy(state: AppState): boolean {
  if (state.agent?.activeCall) return true;
  if (state.pause.current) return true;
  return CONTROL_NAMES.some((n) => isPending(state.controls[n]));
}

/** `random` returns [0, 1); injected so tests see exact delays. */
export function nextPollDelay(state: AppState, intervals: PollIntervals, random: () => number): number {
  const failures = state.connection.consecutiveFailures;
  if (failures > 0) {
    const backoff = Math.min(intervals.backoffBaseMs * 2 ** (failures - 1), intervals.backoffMaxMs);
    const spread = 1 + intervals.jitter * (2 * random() - 1);
    return Math.round(backoff * spread);
  }
  return isBusy(state) ? intervals.activeMs : intervals.idleMs;
}
