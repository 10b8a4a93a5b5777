/**
 * The pause lifecycle on a fake clock, against the real simulator over HTTP: the deadline is
 * fixed by the first send, a pause that may be on always ends, the automatic resume never
 * floods the server, and hold, hang-up, transfer, quit and restart each do the right thing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentCoreOptions } from '../../../src-main/core/agent-core';
import { PollIntervalsSchema } from '../../../src-main/core/poll-schedule';
import { buildCore, onPremBackend, resetWorld, trackInFlight, type CoreUnderTest } from '../../support/core-harness';
import { FakeScheduler } from '../../support/fake-scheduler';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

let h: Harness;
let t: CoreUnderTest;
let clock: FakeScheduler;
const INTERVALS = PollIntervalsSchema.parse({ activeMs: 1000, idleMs: 6000 });
const AGENT = `/sim/agents/${TEST_AGENT.agentId}`;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => resetWorld(h, { record: true }));
afterEach(() => t?.core.stop());

async function startCore(overrides: Partial<AgentCoreOptions> = {}, scheduler = new FakeScheduler()) {
  clock = scheduler;
  const backend = trackInFlight(onPremBackend(h.url));
  t = buildCore(backend, { scheduler: clock, intervals: INTERVALS, maxBlackoutSeconds: 60, ...overrides });
  clock.settle = async () => {
    await backend.settled();
    await t.core.poller.settled();
  };
  t.core.start();
  await clock.advance(0);
}

type Event = { method: string; path: string; status: number | string };
const events = () => h.control<Event[]>('GET', '/sim/events');
const posts = async (path: string) => (await events()).filter((e) => e.method === 'POST' && e.path === path);
const serverPaused = async () => (await h.control<{ blackout: unknown }>('GET', `${AGENT}`)).blackout !== null;
const pause = () => t.core.getState().pause.current;
const deadlineIn = () => Date.parse(pause()!.deadline) - clock.now();

describe('the deadline is fixed when the start is first sent', () => {
  it('reminds at 30 s and 10 s, resumes by itself at exactly the configured length, and says so', async () => {
    const reminders: number[] = [];
    await startCore({ reminderSeconds: [30, 10] });
    t.core.onReminder((s) => reminders.push(s));
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(0);
    expect(deadlineIn()).toBe(60_000);
    await clock.advance(29_999);
    expect(reminders).toEqual([]);
    await clock.advance(1);
    expect(reminders).toEqual([30]);
    await clock.advance(20_000);
    expect(reminders).toEqual([30, 10]);
    expect(await serverPaused()).toBe(true);
    await clock.advance(10_000);
    expect(pause()).toBeNull();
    expect(t.core.getState().pause.lastEnded?.by).toBe('maximum');
    expect(await serverPaused()).toBe(false);
  });

  it('retries of a failing start do not extend it: the deadline counts from the first send', async () => {
    await startCore();
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', status: 500, times: 3 });
    const sentAt = clock.now();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(5_000);
    expect((await posts('/api/Blackout/StartForAgent')).map((e) => e.status)).toEqual([500, 500, 500, 200]);
    expect(Date.parse(pause()!.deadline) - sentAt).toBe(60_000);
  });

  it('a start that finds a pause running continues its countdown and audits it', async () => {
    await startCore();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(20_000);
    const deadline = pause()!.deadline;
    t.core.submit({ type: 'blackout', action: 'start' }, 'window');
    await clock.advance(0);
    expect(pause()!.deadline).toBe(deadline);
    const outcome = t.audit.records.filter((r) => r.detail?.outcome === true).at(-1);
    expect(outcome?.result).toBe('unchanged');
  });

  it('a shorter pause asked for ends at its own deadline, never past the maximum', async () => {
    await startCore();
    t.core.submit({ type: 'blackout', action: 'start', forSeconds: 20 }, 'cli');
    await clock.advance(0);
    expect(deadlineIn()).toBe(20_000);
    await clock.advance(20_000);
    expect(pause()).toBeNull();
  });

  it('Extend adds a minute, never past the maximum in total, and re-arms the reminders', async () => {
    await startCore({ maxBlackoutSeconds: 90, reminderSeconds: [10] });
    const reminders: number[] = [];
    t.core.onReminder((s) => reminders.push(s));
    t.core.submit({ type: 'blackout', action: 'start', forSeconds: 20 }, 'hotkey');
    await clock.advance(0);
    await clock.advance(12_000);
    expect(reminders).toEqual([10]);
    expect(t.core.submit({ type: 'pause-extend' }, 'window')).toEqual({ accepted: true, reason: null });
    expect(deadlineIn()).toBe(68_000);
    // A second Extend would pass 90 s in total: it stops at the maximum.
    t.core.submit({ type: 'pause-extend' }, 'window');
    expect(deadlineIn()).toBe(78_000);
    expect(t.core.submit({ type: 'pause-extend' }, 'window')).toEqual({ accepted: true, reason: 'the pause is already at its maximum of 1:30' });
    await clock.advance(70_000);
    expect(reminders).toEqual([10, 10]);
    await clock.advance(8_000);
    expect(pause()).toBeNull();
    expect(await serverPaused()).toBe(false);
    expect(t.core.submit({ type: 'pause-extend' }, 'window')).toEqual({ accepted: false, reason: 'no pause is on to extend' });
  });

  it('a restart mid-pause keeps the deadline (it does not grant a fresh pause) and resumes at it', async () => {
    await startCore();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(40_000);
    const { startedAt, deadline, callInstance } = pause()!;
    t.core.stop(); // a crash: no resume sent
    const later = new FakeScheduler(clock.now() + 5_000);
    await startCore({ restoredPause: { startedAt, deadline, callInstance } }, later);
    expect(pause()).toMatchObject({ deadline, origin: 'last-run' });
    expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'on' });
    expect(t.audit.records.some((r) => r.action === 'found pause running')).toBe(true);
    expect(deadlineIn()).toBe(15_000);
    await clock.advance(15_000);
    expect(pause()).toBeNull();
    expect(await serverPaused()).toBe(false);
  });
});

describe('a server whose status never shows pauses', () => {
  beforeEach(() => h.control('POST', '/sim/settings', { statusShowsBlackouts: false }));

  it('the 200 is the evidence: paused with a countdown and a Resume, never "failed"', async () => {
    await startCore();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(1000);
    expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'on', evidence: 'answer' });
    expect(t.core.getState().capabilities.statusShowsPauses).toBeNull();
    expect(deadlineIn()).toBe(59_000);
    // "Recording" in the status is not proof of "not paused" here: the pause stays on.
    await clock.advance(10_000);
    expect(t.core.getState().controls.blackout.kind).toBe('on');
    // A stop is always sent, never "already off".
    t.core.submit({ type: 'blackout', action: 'stop' }, 'window');
    await clock.advance(0);
    expect(await posts('/api/Blackout/StopForAgent')).toHaveLength(1);
    expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'off', evidence: 'answer' });
    expect(await serverPaused()).toBe(false);
  });

  it('a stop from a fresh process (the CLI) is sent although its status shows nothing', async () => {
    await h.command('/api/Blackout/StartForAgent');
    await startCore();
    t.core.submit({ type: 'blackout', action: 'stop' }, 'cli');
    await clock.advance(0);
    expect(await posts('/api/Blackout/StopForAgent')).toHaveLength(1);
    expect(await serverPaused()).toBe(false);
  });
});

describe('answers lost or slow', () => {
  it('a start whose answer was lost is assumed on: countdown, automatic resume, Resume available', async () => {
    await startCore();
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', drop: true, applied: true });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(25_000);
    const blackout = t.core.getState().controls.blackout;
    expect(blackout).toMatchObject({ kind: 'on', evidence: 'status' }); // the simulator shows blackouts, so the status proves it
    expect(await serverPaused()).toBe(true);
    expect(t.core.getState().availability.blackout).toBeNull();
    await h.control('DELETE', '/sim/faults');
    await clock.advance(deadlineIn());
    expect(pause()).toBeNull();
    expect(await serverPaused()).toBe(false);
  });

  it('on a server that cannot show pauses, a lost answer leaves the pause assumed on until a stop is confirmed', async () => {
    await h.control('POST', '/sim/settings', { statusShowsBlackouts: false });
    await startCore();
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', drop: true, applied: true });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(25_000);
    const blackout = t.core.getState().controls.blackout;
    expect(blackout).toMatchObject({ kind: 'on', evidence: 'assumed' });
    expect(blackout.kind === 'on' && blackout.evidence === 'assumed' && blackout.reason).toMatch(/may be on/);
    expect(pause()).not.toBeNull();
    await h.control('DELETE', '/sim/faults');
    await clock.advance(deadlineIn());
    expect(pause()).toBeNull();
    expect(await serverPaused()).toBe(false);
  });

  it('a pause start refused by the server (an error answer) is failed and nothing is paused', async () => {
    await startCore();
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', status: 400, times: 1 });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(0);
    expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'failed', target: 'on' });
    expect(pause()).toBeNull();
  });
});

describe('the automatic resume', () => {
  it('retries with backoff while the server fails, and never floods it', async () => {
    await startCore();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(0);
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StopForAgent', status: 503 });
    await clock.advance(60_000 + 120_000);
    const stops = await posts('/api/Blackout/StopForAgent');
    // Two minutes of a failing server: the controller's retries (250 ms doubling to 2 s, 20 s
    // deadline) inside resume attempts spaced 1 s doubling to 30 s: under 2 a second on
    // average in the first minutes, falling as the gaps grow.
    expect(stops.length).toBeGreaterThan(5);
    expect(stops.length / 120).toBeLessThan(2);
    expect(t.core.getState().controls.blackout.kind).not.toBe('off');
    expect(pause()).not.toBeNull();
    await h.control('DELETE', '/sim/faults');
    await clock.advance(31_000);
    expect(pause()).toBeNull();
    expect(await serverPaused()).toBe(false);
  });

  it('a 404 with no call does not prove the pause is over: no loop, and the resume is sent again when a call starts', async () => {
    await h.control('POST', '/sim/settings', { blackoutNeedsCall: true, statusShowsBlackouts: false });
    await startCore({ keepPauseAcrossCalls: true });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(1000);
    await h.control('POST', `${AGENT}/hangup`);
    await clock.advance(59_000 + 120_000);
    const stops = await posts('/api/Blackout/StopForAgent');
    expect(stops.map((e) => e.status)).toEqual([404]);
    expect(pause()?.resumeBlocked).toMatch(/no current call/);
    expect(t.core.getState().controls.blackout.kind).toBe('on');
    expect(await serverPaused()).toBe(true);
    await h.control('POST', `${AGENT}/call`, { record: true });
    await clock.advance(1000);
    expect((await posts('/api/Blackout/StopForAgent')).map((e) => e.status)).toEqual([404, 200]);
    expect(await serverPaused()).toBe(false);
    expect(pause()).toBeNull();
  });
});

describe('calls: hold, hang-up, transfer, a new call', () => {
  it('a hold is not the end of a call: the pause goes on', async () => {
    await startCore({ noCallGraceMs: 5000 });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await h.control('POST', `${AGENT}/hold`);
    await clock.advance(20_000);
    expect(pause()).not.toBeNull();
    expect(pause()!.noCallSince).toBeNull();
    expect(await posts('/api/Blackout/StopForAgent')).toHaveLength(0);
  });

  it('a hang-up ends the pause after the grace, and says why', async () => {
    await startCore({ noCallGraceMs: 5000 });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(1000);
    await h.control('POST', `${AGENT}/hangup`);
    await clock.advance(1000);
    expect(pause()!.noCallSince).not.toBeNull();
    await clock.advance(6000);
    expect(pause()).toBeNull();
    expect(t.core.getState().pause.lastEnded?.by).toBe('call-ended');
    expect(await serverPaused()).toBe(false);
  });

  it('an admin policy can keep pauses across calls: then only the deadline ends it', async () => {
    await startCore({ noCallGraceMs: 5000, keepPauseAcrossCalls: true });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await h.control('POST', `${AGENT}/hangup`);
    await clock.advance(30_000);
    expect(pause()).not.toBeNull();
    await clock.advance(30_000);
    expect(pause()).toBeNull();
    expect(t.core.getState().pause.lastEnded?.by).toBe('maximum');
  });

  it('a transferred call taken over from hold keeps the pause; a new call after a gap is flagged', async () => {
    await h.control('POST', '/sim/agents', { agentId: 8 });
    await h.control('POST', '/sim/agents/8/call', { record: true });
    await startCore({ noCallGraceMs: 5000 });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(1000);
    await h.control('POST', '/sim/agents/8/transfer', { toAgentId: TEST_AGENT.agentId });
    await h.control('POST', `${AGENT}/hangup`);
    await h.control('POST', `${AGENT}/retrieve`);
    await clock.advance(10_000);
    expect(pause()).toMatchObject({ noCallSince: null, newCallWhilePaused: null });
    expect(pause()!.callInstance).toBe(t.core.getState().agent?.activeCall?.callInstance);

    await h.control('POST', `${AGENT}/hangup`);
    await clock.advance(1000);
    await h.control('POST', `${AGENT}/call`, { record: true });
    await clock.advance(1000);
    expect(pause()!.newCallWhilePaused).toBe(t.core.getState().agent?.activeCall?.callInstance);
    expect(t.audit.records.some((r) => r.action === 'new call while paused')).toBe(true);
  });
});

describe('quitting while paused', () => {
  it('resumes first, and audits it', async () => {
    await startCore();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(0);
    const over = t.core.resumeBeforeQuit(5000);
    await clock.advance(0);
    expect(await over).toBe(true);
    expect(await serverPaused()).toBe(false);
    expect(t.audit.records.some((r) => r.source === 'shutdown' && r.result === 'confirmed')).toBe(true);
    expect(t.core.getState().pause.lastEnded?.by).toBe('quit');
  });

  it('says so when the server cannot be reached to resume', async () => {
    await startCore();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(0);
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StopForAgent', status: 503 });
    const over = t.core.resumeBeforeQuit(3000);
    await clock.advance(3000);
    expect(await over).toBe(false);
    expect(await serverPaused()).toBe(true);
  });
});

describe('presses are coalesced, not dropped', () => {
  it('stop, start, stop in quick succession ends stopped', async () => {
    await startCore();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await clock.advance(0);
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StopForAgent', latencyMs: 50, times: 1 });
    for (const action of ['stop', 'start', 'stop'] as const) expect(t.core.submit({ type: 'blackout', action }, 'hotkey').accepted).toBe(true);
    await clock.advance(0);
    await t.core.controller.idle();
    expect(await serverPaused()).toBe(false);
    expect(t.core.getState().controls.blackout.kind).toBe('off');
    const outcomes = t.audit.records.filter((r) => r.detail?.outcome === true).map((r) => r.result);
    expect(outcomes.slice(-3)).toEqual(['superseded', 'confirmed', 'unchanged']);
  });
});
