/**
 * The pause's truth under every fault the simulator offers, over real HTTP, for one backend
 * (tests/unit/core/pause-truth-*.test.ts run it for each, in parallel). On-premise it runs
 * against a server whose RecordingState never shows blackouts (so only the answers are
 * evidence); on CXone against get-recording-status, which shows a mask. The simulator is the
 * truth: its own view of the pause, sampled beside RecordKey's state. For each fault kind:
 * RecordKey never claims "paused" (on, by status or answer) while the simulator is not paused
 * for longer than one poll interval, and no pause outlives its maximum by more than one poll
 * interval plus one retry delay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PollIntervalsSchema } from '../../src-main/core/poll-schedule';
import type { BackendUnderTest } from './backends-under-test';
import { buildCore, resetWorld } from './core-harness';
import { startHarness, type Harness } from './simulator-harness';

export function pauseTruthSuite(backend: BackendUnderTest, serverShowsPauses: boolean): void {
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 7 });
});
afterAll(() => h.close());

const MAX_SECONDS = 1.5;
const POLL_MS = 200;
const RETRY_MAX_MS = 80; // FAST_RETRY's longest retry delay
const SAMPLE_MS = 25;
const SLACK_MS = 250; // sampling granularity, injected latency and loopback round trips

const FAULTS: Array<[string, Record<string, unknown>]> = [
  ['latency', { latencyMs: 150 }],
  ['500', { status: 500 }],
  ['425', { status: 425 }],
  ['504', { status: 504 }],
  // A 202 is "accepted, being done": the server acts, and RecordKey confirms by status instead of resending.
  ['202', { status: 202, applied: true }],
  ['malformed body', { malformed: true }],
  ['dropped connection', { drop: true }],
  ['answer lost after the server acted', { drop: true, applied: true }],
  ['500 after the server acted', { status: 500, applied: true }],
];

describe.each(FAULTS)(`${backend.name}: pause truth under %s faults`, (_name, fault) => {
  it('never claims paused while the server is not, and no pause outlives its maximum', async () => {
    await resetWorld(h, { record: true });
    await h.control('POST', '/sim/settings', { statusShowsBlackouts: serverShowsPauses });
    // The first pause start always meets the fault; after that, a third of requests do.
    await h.control('POST', '/sim/faults', { path: backend.paths.pauseStart, times: 1, ...fault });
    await h.control('POST', '/sim/faults', { path: '*', rate: 0.35, ...fault });
    const t = buildCore(backend.make(h), { ...(serverShowsPauses ? backend.coreOptions : {}), maxBlackoutSeconds: MAX_SECONDS, intervals: PollIntervalsSchema.parse({ activeMs: POLL_MS, idleMs: 500 }) });
    t.core.start();
    const samples: Array<{ at: number; claimed: boolean; serverPaused: boolean }> = [];
    try {
      t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
      const end = Date.now() + MAX_SECONDS * 1000 + 1500;
      while (Date.now() < end) {
        const truth = await backend.truth(h);
        const b = t.core.getState().controls.blackout;
        samples.push({ at: Date.now(), claimed: b.kind === 'on' && b.evidence !== 'assumed', serverPaused: truth.paused });
        await new Promise((r) => setTimeout(r, SAMPLE_MS));
      }
    } finally {
      await h.control('DELETE', '/sim/faults');
      await t.core.controller.idle();
      t.core.stop();
    }
    // A claim of "paused" the server does not back, for no longer than one poll interval.
    let falseClaimSince: number | null = null;
    let longestFalseClaim = 0;
    for (const s of samples) {
      if (s.claimed && !s.serverPaused) falseClaimSince ??= s.at;
      else falseClaimSince = null;
      if (falseClaimSince !== null) longestFalseClaim = Math.max(longestFalseClaim, s.at - falseClaimSince);
    }
    expect(longestFalseClaim).toBeLessThanOrEqual(POLL_MS + SLACK_MS);
    // The server's pause, start to end, within the maximum plus one poll and one retry delay.
    const paused = samples.filter((s) => s.serverPaused);
    expect(paused.length).toBeGreaterThan(0); // the pause did happen: the check above is not vacuous
    expect(paused.at(-1)!.at - paused[0].at).toBeLessThanOrEqual(MAX_SECONDS * 1000 + POLL_MS + RETRY_MAX_MS + SLACK_MS);
    expect(samples.at(-1)!.serverPaused).toBe(false);
  });
});
}
