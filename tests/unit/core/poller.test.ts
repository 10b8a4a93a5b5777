import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PollIntervalsSchema } from '../../../src-main/core/poll-schedule';
import { buildCore, onPremBackend, resetWorld, type CoreUnderTest } from '../../support/core-harness';
import { FakeScheduler } from '../../support/fake-scheduler';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

let h: Harness;
let t: CoreUnderTest;
let clock: FakeScheduler;
const INTERVALS = PollIntervalsSchema.parse({ activeMs: 1000, idleMs: 6000, backoffBaseMs: 1000, backoffMaxMs: 8000, jitter: 0.2 });

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => t?.core.stop());

async function startCore(overrides = {}) {
  clock = new FakeScheduler();
  t = buildCore(onPremBackend(h.url), { scheduler: clock, intervals: INTERVALS, ...overrides });
  clock.settle = () => t.core.poller.settled();
  t.core.start();
  await clock.advance(0);
  await t.core.poller.pollNow();
}

describe('adaptive polling (fake clock, real HTTP)', () => {
  beforeEach(() => resetWorld(h, null));

  it('polls every 6 s when idle and every second on a call: 10 and 60 requests a minute', async () => {
    await startCore();
    let before = t.core.poller.pollCount;
    await clock.advance(60_000);
    expect(t.core.poller.pollCount - before).toBe(10);
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, {});
    await clock.advance(6000);
    before = t.core.poller.pollCount;
    await clock.advance(60_000);
    expect(t.core.poller.pollCount - before).toBe(60);
  });

  it('backs off exponentially, with jitter, while the server fails, and recovers at once', async () => {
    await startCore({ random: () => 1 - Number.EPSILON });
    await h.control('POST', '/sim/faults', { path: '/api/Agent', status: 500 });
    await clock.advance(6000);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      delays.push(clock.pending()[0]);
      await clock.advance(clock.pending()[0]);
    }
    // base 1 s doubling to the 8 s cap, each +20 % jitter (random ≈ 1).
    expect(delays).toEqual([1200, 2400, 4800, 9600, 9600]);
    expect(t.core.getState().connection.status).toBe('unreachable');
    await h.control('DELETE', '/sim/faults');
    await clock.advance(clock.pending()[0]);
    expect(t.core.getState().connection.status).toBe('connected');
    expect(clock.pending()[0]).toBe(6000);
  });

  it('a status that repeats itself byte for byte is not parsed or reduced again, yet counts as the last good read', async () => {
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, {});
    await startCore();
    const shown = t.core.getState();
    let changes = 0;
    const counting = t.core.subscribe(() => changes++);
    const before = t.core.poller.pollCount;
    await clock.advance(10_000);
    expect(t.core.poller.pollCount - before).toBe(10);
    expect(changes).toBe(0);
    expect(t.core.getState()).toBe(shown);
    // A change on the server is reduced at the next read.
    await fetch(`${h.url}/api/Record/StartForAgent`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ AgentIdentifier: 'Id', Value: String(TEST_AGENT.agentId) }) });
    await clock.advance(1000);
    expect(t.core.getState().controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
    // When the server then fails, "last confirmed" is the last good read, not the last change.
    const lastGood = clock.now() + 3000;
    await clock.advance(3000);
    await h.control('POST', '/sim/faults', { path: '/api/Agent', status: 500 });
    await clock.advance(1000);
    expect(t.core.getState().connection).toMatchObject({ status: 'reconnecting', lastOkAt: new Date(lastGood).toISOString() });
    counting.dispose();
  });

  it('stops polling while suspended and polls at once on resume', async () => {
    await startCore();
    t.core.poller.suspend();
    const before = t.core.poller.pollCount;
    await clock.advance(120_000);
    expect(t.core.poller.pollCount).toBe(before);
    t.core.poller.resume();
    await clock.advance(0);
    expect(t.core.poller.pollCount).toBe(before + 1);
  });
});

describe('server restart in the middle of a pause', () => {
  it('shows the server unreachable, then the pause still on after it returns (state file), and resumes it', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'rk-restart-')), 'state.json');
    let sim = await startHarness({ stateFile });
    await resetWorld(sim, { record: true });
    t = buildCore(onPremBackend(sim.url));
    t.core.start();
    await t.core.poller.pollNow();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.blackout.kind).toBe('on');
    const port = sim.sim.port;
    await sim.close();
    for (let i = 0; i < 3; i++) await t.core.poller.pollNow();
    expect(t.core.getState().connection.status).toBe('unreachable');
    expect(t.core.getState().controls.blackout.kind).toBe('on');
    sim = await startHarness({ stateFile, port });
    try {
      await t.core.poller.pollNow();
      expect(t.core.getState().connection.status).toBe('connected');
      expect(t.core.getState().controls.blackout.kind).toBe('on');
      t.core.submit({ type: 'blackout', action: 'stop' }, 'hotkey');
      await t.core.controller.idle();
      expect(t.core.getState().controls.blackout.kind).toBe('off');
      expect((await sim.agentStatus()).ActiveCall!.Recordings[0].RecordingState).toBe('Recording');
    } finally {
      await sim.close();
    }
  });
});
