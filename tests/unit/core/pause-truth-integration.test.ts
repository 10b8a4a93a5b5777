/**
 * The pause's truth under every fault the simulator offers, over real HTTP, on a server whose
 * RecordingState never shows blackouts (so only the answers are evidence). The simulator is the
 * truth: its own view of the agent's blackout, sampled beside RecordKey's state. For each fault
 * kind: RecordKey never claims "paused" (on, by status or answer) while the simulator is not
 * paused for longer than one poll interval, and no pause outlives its maximum by more than one
 * poll interval plus one retry delay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PollIntervalsSchema } from '../../../src-main/core/poll-schedule';
import { buildCore, onPremBackend, resetWorld } from '../../support/core-harness';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

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

describe.each(FAULTS)('pause truth under %s faults (status never shows blackouts)', (_name, fault) => {
  it('never claims paused while the server is not, and no pause outlives its maximum', async () => {
    await resetWorld(h, { record: true });
    await h.control('POST', '/sim/settings', { statusShowsBlackouts: false });
    // The first pause start always meets the fault; after that, a third of requests do.
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', times: 1, ...fault });
    await h.control('POST', '/sim/faults', { path: '*', rate: 0.35, ...fault });
    const t = buildCore(onPremBackend(h.url, 1000), { maxBlackoutSeconds: MAX_SECONDS, intervals: PollIntervalsSchema.parse({ activeMs: POLL_MS, idleMs: 500 }) });
    t.core.start();
    const samples: Array<{ at: number; claimed: boolean; serverPaused: boolean }> = [];
    try {
      t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
      const end = Date.now() + MAX_SECONDS * 1000 + 1500;
      while (Date.now() < end) {
        const sim = await h.control<{ blackout: { startsAt: number } | null }>('GET', `/sim/agents/${TEST_AGENT.agentId}`);
        const b = t.core.getState().controls.blackout;
        samples.push({ at: Date.now(), claimed: b.kind === 'on' && b.evidence !== 'assumed', serverPaused: sim.blackout !== null });
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
