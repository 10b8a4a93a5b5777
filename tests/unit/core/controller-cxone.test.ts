import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCore, cxoneBackend, resetWorld, type CoreUnderTest } from '../../support/core-harness';
import { startHarness, type Harness } from '../../support/simulator-harness';

let h: Harness;
let t: CoreUnderTest;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await resetWorld(h);
});
afterEach(() => t?.core.stop());

const events = () => h.control<Array<{ method: string; path: string; status: number | string; query: string }>>('GET', '/sim/events');
const onDemandCalls = async () => (await events()).filter((e) => e.path.includes('interactions/')).map((e) => `${e.path.split('/').pop()} ${e.status}`);
const recordingStates = async () => (await h.agentStatus()).ActiveCall?.Recordings.map((r) => r.RecordingState) ?? [];

describe('CXone without a status server', () => {
  beforeEach(() => {
    t = buildCore(cxoneBackend(h.url, false));
    t.core.start();
  });

  it('says it cannot see calls, and confirms commands by the server answer', async () => {
    expect(t.core.getState().connection.status).toBe('no-status');
    t.core.submit({ type: 'screen', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    const s = t.core.getState();
    expect([s.controls.voice.kind, s.controls.screen.kind]).toEqual(['on', 'on']);
    expect(await recordingStates()).toEqual(['Recording', 'ScreenRecording']);
    expect((await events()).find((e) => e.path.endsWith('start-recording-on-demand'))?.query).toContain('mediaType=voiceAndScreen');
    t.core.submit({ type: 'voice', action: 'stop' }, 'hotkey');
    await t.core.controller.idle();
    expect([t.core.getState().controls.voice.kind, t.core.getState().controls.screen.kind]).toEqual(['off', 'off']);
  });

  it('refuses what Record on Demand cannot do, with the reason', () => {
    expect(t.core.getState().availability.blackout).toMatch(/no pause/);
    expect(t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey').reason).toMatch(/no pause/);
    expect(t.core.submit({ type: 'duplicate', action: 'start' }, 'hotkey').reason).toMatch(/on-premise/);
  });

  it('do-not-record is final: the next start is refused locally, without asking the server', async () => {
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    t.core.submit({ type: 'do-not-record', confirmed: true }, 'window');
    await t.core.controller.idle();
    const s = t.core.getState();
    expect(s.controls.doNotRecord.kind).toBe('on');
    expect(s.controls.voice.kind).toBe('off');
    expect(s.availability.doNotRecord).toBe('already declined: final for this call');
    expect(t.core.submit({ type: 'voice', action: 'start' }, 'hotkey')).toEqual({ accepted: false, reason: 'the customer declined recording for this call' });
    expect(await onDemandCalls()).toEqual(['start-recording-on-demand 200', 'do-not-record 200']);
  });

  it('202 then 425 are retried until the server has finished', async () => {
    await h.control('POST', '/sim/settings', { processingDelayMs: 60 });
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice.kind).toBe('on');
    const calls = await onDemandCalls();
    expect(calls[0]).toBe('start-recording-on-demand 202');
    // Re-sent until the server answers 200: the change is in effect.
    expect(calls.at(-1)).toBe('start-recording-on-demand 200');
    expect(calls.some((c) => c.endsWith('425'))).toBe(true);
    expect(await recordingStates()).toEqual(['Recording']);
  });

  it('404 for a start: no active interaction, in words', async () => {
    await h.control('POST', '/sim/agents/7/hangup');
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    await t.core.controller.idle();
    expect(t.core.getState().lastError?.message).toBe('no active interaction for CXone user 1234007 (404)');
  });

  it('403 says to check the permission', async () => {
    await h.control('POST', '/sim/agents', { agentId: 7, cxonePermitted: false });
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    await t.core.controller.idle();
    expect(t.core.getState().lastError?.message).toMatch(/not authorized \(403\) — check the access key and the Record on Demand permission/);
  });
});

describe('CXone with a Recording API status server', () => {
  beforeEach(async () => {
    t = buildCore(cxoneBackend(h.url, true));
    t.core.start();
    await t.core.poller.pollNow();
  });

  it('confirms by reading the status back, and the server answer 409 after do-not-record is shown', async () => {
    expect(t.core.getState().connection.status).toBe('connected');
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice.kind).toBe('on');
    t.core.submit({ type: 'do-not-record', confirmed: true }, 'window');
    await t.core.controller.idle();
    const s = t.core.getState();
    expect(s.controls.doNotRecord.kind).toBe('on');
    expect(s.doNotRecordCall).toBe(s.agent?.activeCall?.callInstance);
    expect(s.controls.voice.kind).toBe('off');
    expect(s.availability.voice).toBe('the customer declined recording for this call');
  });

  it('the refusal ends with its call: a new call can be recorded', async () => {
    t.core.submit({ type: 'do-not-record', confirmed: true }, 'window');
    await t.core.controller.idle();
    await h.control('POST', '/sim/agents/7/hangup');
    await h.control('POST', '/sim/agents/7/call', {});
    await t.core.poller.pollNow();
    expect(t.core.getState().doNotRecordCall).toBeNull();
    expect(t.core.submit({ type: 'voice', action: 'start' }, 'window').accepted).toBe(true);
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice.kind).toBe('on');
  });
});

describe('CXone tokens', () => {
  it('fetches one token, refreshes it before expiry, and retries once on a 401', async () => {
    await h.control('POST', '/sim/settings', { tokenTtlSeconds: 120 });
    let now = Date.now();
    t = buildCore(cxoneBackend(h.url, false, () => now));
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    await t.core.controller.idle();
    t.core.submit({ type: 'voice', action: 'stop' }, 'window');
    await t.core.controller.idle();
    let tokenCalls = (await events()).filter((e) => e.path === '/auth/token');
    expect(tokenCalls).toHaveLength(1);
    // Past the refresh margin (a minute before expiry): the next command refreshes first.
    now += 61_000;
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    await t.core.controller.idle();
    tokenCalls = (await events()).filter((e) => e.path === '/auth/token');
    expect(tokenCalls).toHaveLength(2);
    // The server forgets the token (401): one refresh and one retry, invisible to the agent.
    await h.control('POST', '/sim/faults', { path: '/interaction-recording-management-service/interactions/stop-recording-on-demand', status: 401, times: 1 });
    t.core.submit({ type: 'voice', action: 'stop' }, 'window');
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice.kind).toBe('off');
    expect(await onDemandCalls()).toEqual([
      'start-recording-on-demand 200',
      'stop-recording-on-demand 200',
      'start-recording-on-demand 200',
      'stop-recording-on-demand 401',
      'stop-recording-on-demand 200',
    ]);
  });

  it('a wrong access key is reported as not authorized, naming what to check', async () => {
    const backend = cxoneBackend(h.url, false);
    (backend as unknown as { tokens: { credentials: { accessKeySecret: string } } }).tokens.credentials.accessKeySecret = 'wrong';
    t = buildCore(backend);
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    await t.core.controller.idle();
    expect(t.core.getState().lastError?.message).toMatch(/not authorized \(401\) — check the access key and the app registration/);
  });
});
