import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCore, onPremBackend, resetWorld, type CoreUnderTest, stopCore } from '../../support/core-harness';
import { startHarness, type Harness } from '../../support/simulator-harness';

let h: Harness;
let t: CoreUnderTest;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await resetWorld(h);
  t = buildCore(onPremBackend(h.url));
  t.core.start();
  await t.core.poller.pollNow();
});
afterEach(() => stopCore(t));

const events = () => h.control<Array<{ method: string; path: string; status: number | string }>>('GET', '/sim/events');
const recordingStates = async () => (await h.agentStatus()).ActiveCall?.Recordings.map((r) => r.RecordingState) ?? [];

describe('commands are confirmed by the server before they are shown as fact', () => {
  it('voice start: pending at once, on only after the command and a status read that agrees', async () => {
    expect(t.core.getState().controls.voice.kind).toBe('off');
    const receipt = t.core.submit({ type: 'voice', action: 'toggle' }, 'hotkey');
    expect(receipt).toEqual({ accepted: true, reason: null });
    expect(t.core.getState().controls.voice.kind).toBe('pending');
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
    expect(t.statusesOf('voice')).toEqual(['off', 'pending', 'on']);
    expect(await recordingStates()).toEqual(['Recording']);
    const log = await events();
    const start = log.findIndex((e) => e.path === '/api/Record/StartForAgent');
    expect(log.slice(start + 1).some((e) => e.path === '/api/Agent')).toBe(true);
  });

  it('every control on the on-premise server: screen, duplicate, pause, and stops', async () => {
    for (const intent of [
      { type: 'voice', action: 'start' },
      { type: 'screen', action: 'start' },
      { type: 'duplicate', action: 'start' },
      { type: 'blackout', action: 'start' },
    ] as const) {
      t.core.submit(intent, 'window');
      await t.core.controller.idle();
    }
    const s = t.core.getState();
    expect([s.controls.voice.kind, s.controls.screen.kind, s.controls.duplicate.kind, s.controls.blackout.kind]).toEqual(['on', 'on', 'on', 'on']);
    // The simulator shows blackouts, so RecordKey learnt that this server's status shows pauses.
    expect(s.capabilities.statusShowsPauses).toBe('learnt');
    expect((await recordingStates()).sort()).toEqual(['BlackedOut', 'BlackedOut', 'ScreenBlackedOut']);
    for (const intent of [
      { type: 'blackout', action: 'stop' },
      { type: 'duplicate', action: 'stop' },
      { type: 'screen', action: 'stop' },
      { type: 'voice', action: 'stop' },
    ] as const) {
      t.core.submit(intent, 'tray');
      await t.core.controller.idle();
    }
    const after = t.core.getState();
    expect([after.controls.voice.kind, after.controls.screen.kind, after.controls.duplicate.kind, after.controls.blackout.kind]).toEqual(['off', 'off', 'off', 'off']);
    expect(after.pause.lastEnded?.by).toBe('agent');
    expect(after.pause.current).toBeNull();
    expect(await recordingStates()).toEqual([]);
  });

  it('adds call data to the recording (only field names reach the audit log)', async () => {
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    t.core.submit({ type: 'call-data', target: 'voice', metadata: { user2: '4111 1111 1111 1111' } }, 'window');
    await t.core.controller.idle();
    expect((await h.agentStatus()).ActiveCall!.Metadata.user2).toBe('4111 1111 1111 1111');
    expect(JSON.stringify(t.audit.records)).not.toContain('4111');
    expect(JSON.stringify(t.audit.records)).toContain('user2');
  });

  it('on a server known to show pauses, a pause answered 200 but not applied is reported failed, not shown as paused', async () => {
    t.core.stop();
    t = buildCore(onPremBackend(h.url), { statusShowsPauses: 'admin' });
    t.core.start();
    await t.core.poller.pollNow();
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    await t.core.controller.idle();
    // The PCI failure: a 200 that did nothing.
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', status: 200, times: 1 });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    const blackout = t.core.getState().controls.blackout;
    expect(blackout).toMatchObject({ kind: 'failed', target: 'on', lastKnown: { value: 'off', evidence: 'status' } });
    expect(blackout.kind === 'failed' && blackout.error.message).toMatch(/status still shows the pause off/);
    expect(t.core.getState().pause.current).toBeNull();
    expect(t.core.getState().lastError?.control).toBe('blackout');
    expect(t.audit.records.some((r) => r.result === 'failed' && r.detail?.outcome === true)).toBe(true);
  });
});

describe('presses and ordering', () => {
  it('presses while a command is out are coalesced: the last one wins, none is dropped, each intent gets one outcome', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', latencyMs: 100, times: 1 });
    const receipts = [
      t.core.submit({ type: 'voice', action: 'toggle' }, 'hotkey'), // start: sent
      t.core.submit({ type: 'voice', action: 'toggle' }, 'hotkey'), // stop: waits
      t.core.submit({ type: 'voice', action: 'toggle' }, 'hotkey'), // start: replaces the stop
      t.core.submit({ type: 'voice', action: 'toggle' }, 'hotkey'), // stop: replaces that
    ];
    expect(receipts.every((r) => r.accepted)).toBe(true);
    await t.core.controller.idle();
    const posts = (await events()).filter((e) => e.method === 'POST').map((e) => e.path);
    expect(posts).toEqual(['/api/Record/StartForAgent', '/api/Record/StopForAgent']);
    expect(t.core.getState().controls.voice.kind).toBe('off');
    const intents = t.audit.records.filter((r) => r.result === 'intent').map((r) => r.intentId);
    const outcomes = t.audit.records.filter((r) => r.detail?.outcome === true);
    expect(intents).toHaveLength(4);
    for (const id of intents) expect(outcomes.filter((o) => o.intentId === id)).toHaveLength(1);
    expect(outcomes.map((o) => o.result).sort()).toEqual(['confirmed', 'confirmed', 'superseded', 'superseded']);
  });

  it('commands for different controls run one at a time, in the order pressed', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', latencyMs: 150, times: 1 });
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    t.core.submit({ type: 'screen', action: 'start' }, 'hotkey');
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    const posts = (await events()).filter((e) => e.method === 'POST').map((e) => e.path);
    expect(posts).toEqual(['/api/Record/StartForAgent', '/api/ScreenRecord/StartForAgent', '/api/Blackout/StartForAgent']);
  });

  it('refuses locally, with the reason, what the state does not allow', async () => {
    expect(t.core.submit({ type: 'duplicate', action: 'start' }, 'tray')).toEqual({
      accepted: false,
      reason: 'the call is not being recorded, so there is nothing to duplicate',
    });
    expect(t.core.submit({ type: 'do-not-record', confirmed: true }, 'tray').reason).toMatch(/no do-not-record command/);
    expect(t.core.submit({ type: 'retry', control: 'voice' }, 'window').reason).toMatch(/no failed voice recording/);
    await h.control('POST', '/sim/agents/7/hangup');
    await t.core.poller.pollNow();
    expect(t.core.submit({ type: 'voice', action: 'start' }, 'hotkey').reason).toBe('no active call to record');
    expect((await events()).filter((e) => e.method === 'POST')).toEqual([]);
  });
});

describe('failures are shown at once, or retried where the customer depends on it', () => {
  it('404: no active call, shown with the agent it concerns', async () => {
    await h.control('POST', '/sim/agents/7/hangup');
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    const voice = t.core.getState().controls.voice;
    expect(voice.kind === 'failed' && voice.error.message).toMatch(/no active call for agent Phone=805003/);
  });

  it.each([
    [500, /server error 500/],
    [504, /timed out handling the request \(504\)/],
  ])('%i on a voice start is surfaced at once, not retried', async (status, message) => {
    await h.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', status, times: 1 });
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    const voice = t.core.getState().controls.voice;
    expect(voice).toMatchObject({ kind: 'failed', lastKnown: { value: 'off' } });
    expect(voice.kind === 'failed' && voice.error.message).toMatch(message);
    expect((await events()).filter((e) => e.path === '/api/Record/StartForAgent')).toHaveLength(1);
  });

  it.each([500, 504])('%i on a pause start is retried until it lands', async (status) => {
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', status, times: 2 });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.blackout.kind).toBe('on');
    expect((await events()).filter((e) => e.path === '/api/Blackout/StartForAgent').map((e) => e.status)).toEqual([status, status, 200]);
  });

  it('a dropped connection on a recording stop is retried', async () => {
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    await h.control('POST', '/sim/faults', { path: '/api/Record/StopForAgent', drop: true, times: 1 });
    t.core.submit({ type: 'voice', action: 'stop' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice.kind).toBe('off');
  });

  it('a privacy-critical command that keeps failing is reported failed at the deadline, and the truth kept', async () => {
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    await h.control('POST', '/sim/faults', { path: '/api/Record/StopForAgent', status: 503 });
    t.core.submit({ type: 'voice', action: 'stop' }, 'hotkey');
    await t.core.controller.idle();
    const voice = t.core.getState().controls.voice;
    expect(voice).toMatchObject({ kind: 'failed', lastKnown: { value: 'on' }, target: 'off' });
    expect(voice.kind === 'failed' && voice.error.message).toMatch(/server error 503.*gave up after 2 s of retries/);
    // Retry, once the server is back.
    await h.control('DELETE', '/sim/faults');
    expect(t.core.submit({ type: 'retry', control: 'voice' }, 'window').accepted).toBe(true);
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice.kind).toBe('off');
  });

  it('a malformed status answer is an error naming the problem, and the previous state is kept as stale', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/Agent', malformed: true, times: 1 });
    await t.core.poller.pollNow();
    const s = t.core.getState();
    expect(s.connection.status).toBe('reconnecting');
    expect(s.connection.message).toMatch(/not a Recording API response: the body is not JSON/);
    expect(s.agent?.activeCall).not.toBeNull();
  });

  it('401 on status polling says to check the credentials', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/Agent', status: 401, times: 1 });
    await t.core.poller.pollNow();
    expect(t.core.getState().connection).toMatchObject({ status: 'unauthorized', message: expect.stringMatching(/not authorized \(401\) — check the Recording API user name and password/) });
  });

  it('the server telling a different story wins: a policy recording shows as on, a stopped one as off', async () => {
    await h.command('/api/Record/StartForAgent');
    await t.core.poller.pollNow();
    expect(t.core.getState().controls.voice.kind).toBe('on');
    await h.command('/api/Record/StopForAgent');
    await t.core.poller.pollNow();
    expect(t.core.getState().controls.voice.kind).toBe('off');
  });
});

describe('pause across calls', () => {
  it('a hold keeps the pause; a hang-up past the grace ends it by itself, and says why', async () => {
    t.core.stop();
    t = buildCore(onPremBackend(h.url), { noCallGraceMs: 200 });
    t.core.start();
    await t.core.poller.pollNow();
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    await h.control('POST', '/sim/agents/7/hold');
    await t.core.poller.pollNow();
    expect(t.core.getState().pause.current?.noCallSince).toBeNull();
    await h.control('POST', '/sim/agents/7/retrieve');
    await h.control('POST', '/sim/agents/7/hangup');
    await t.core.poller.pollNow();
    expect(t.core.getState().pause.current?.noCallSince).not.toBeNull();
    await new Promise((r) => setTimeout(r, 350));
    await t.core.controller.idle();
    expect(t.core.getState().pause.current).toBeNull();
    expect(t.core.getState().pause.lastEnded?.by).toBe('call-ended');
    expect((await events()).filter((e) => e.path === '/api/Blackout/StopForAgent').map((e) => e.status)).toEqual([200]);
  });

  it('reconciles a pause the server ended by its own limit, and audits it', async () => {
    await h.control('POST', '/sim/settings', { maxAgentBlackoutSeconds: 30 });
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'on', evidence: 'status' });
    await h.control('POST', '/sim/clock', { advanceMs: 31_000 });
    await t.core.poller.pollNow();
    expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'off', evidence: 'status' });
    expect(t.core.getState().pause.lastEnded?.by).toBe('server');
    expect(t.audit.records.some((r) => r.result === 'state-changed' && r.action === 'pause ended' && r.detail?.by === 'server')).toBe(true);
  });
});

describe('a 202 where the status cannot show the control', () => {
  it('a pause start accepted (202) on a server that has not shown pauses rests on the answer at once, and a resume is not held up', async () => {
    await h.control('POST', '/sim/settings', { statusShowsBlackouts: false });
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', status: 202, times: 1, applied: true });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    // Not "assumed" after a wait on a status that cannot show a pause: the answer, at once.
    expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'on', evidence: 'answer' });
    expect(t.statusesOf('blackout').filter((k) => k === 'pending')).toHaveLength(1);
    t.core.submit({ type: 'blackout', action: 'stop' }, 'hotkey');
    await t.core.controller.idle();
    expect((await events()).filter((e) => e.path === '/api/Blackout/StartForAgent').map((e) => e.status)).toEqual([202]);
    expect(t.core.getState().pause.current).toBeNull();
  });
});
