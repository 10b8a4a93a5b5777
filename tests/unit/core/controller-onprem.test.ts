import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCore, onPremBackend, resetWorld, type CoreUnderTest } from '../../support/core-harness';
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
afterEach(() => t.core.stop());

const events = () => h.control<Array<{ method: string; path: string; status: number | string }>>('GET', '/sim/events');
const recordingStates = async () => (await h.agentStatus()).ActiveCall?.Recordings.map((r) => r.RecordingState) ?? [];

describe('commands are confirmed by the server before they are shown as fact', () => {
  it('voice start: pending at once, on only after the command and a status read that agrees', async () => {
    expect(t.core.getState().controls.voice.status).toBe('off');
    const receipt = t.core.submit({ type: 'voice', action: 'toggle' }, 'hotkey');
    expect(receipt).toEqual({ accepted: true, reason: null });
    expect(t.core.getState().controls.voice.status).toBe('pending-on');
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice).toMatchObject({ status: 'on', confirmed: 'on', error: null });
    expect(t.statusesOf('voice')).toEqual(['off', 'pending-on', 'on']);
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
    expect([s.controls.voice.status, s.controls.screen.status, s.controls.duplicate.status, s.controls.blackout.status]).toEqual(['on', 'on', 'on', 'on']);
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
    expect([after.controls.voice.status, after.controls.screen.status, after.controls.duplicate.status, after.controls.blackout.status]).toEqual(['off', 'off', 'off', 'off']);
    expect(after.blackout.lastEndedBy).toBe('agent');
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

  it('a pause the server answered 200 for but did not apply is reported failed, not shown as paused', async () => {
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    await t.core.controller.idle();
    // The PCI failure: a 200 that did nothing.
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', status: 200, times: 1 });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    const blackout = t.core.getState().controls.blackout;
    expect(blackout.status).toBe('failed');
    expect(blackout.confirmed).toBe('off');
    expect(blackout.error).toMatch(/status still shows the pause off/);
    expect(t.core.getState().lastError?.control).toBe('blackout');
    expect(t.audit.records.some((r) => r.result === 'unconfirmed')).toBe(true);
  });
});

describe('presses and ordering', () => {
  it('a second press of the same toggle while pending is ignored, not doubled', async () => {
    const first = t.core.submit({ type: 'voice', action: 'toggle' }, 'hotkey');
    const second = t.core.submit({ type: 'voice', action: 'toggle' }, 'hotkey');
    expect(first.accepted).toBe(true);
    expect(second).toEqual({ accepted: false, reason: expect.stringMatching(/already waiting/) });
    await t.core.controller.idle();
    expect((await events()).filter((e) => e.path === '/api/Record/StartForAgent')).toHaveLength(1);
    expect(t.core.getState().controls.voice.status).toBe('on');
    expect(t.audit.records.some((r) => r.result === 'ignored')).toBe(true);
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
    expect(t.core.getState().controls.voice.error).toMatch(/no active call for agent Phone=805003/);
  });

  it.each([
    [500, /server error 500/],
    [504, /timed out handling the request \(504\)/],
  ])('%i on a voice start is surfaced at once, not retried', async (status, message) => {
    await h.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', status, times: 1 });
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice).toMatchObject({ status: 'failed', confirmed: 'off' });
    expect(t.core.getState().controls.voice.error).toMatch(message);
    expect((await events()).filter((e) => e.path === '/api/Record/StartForAgent')).toHaveLength(1);
  });

  it.each([500, 504])('%i on a pause start is retried until it lands', async (status) => {
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', status, times: 2 });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.blackout.status).toBe('on');
    expect((await events()).filter((e) => e.path === '/api/Blackout/StartForAgent').map((e) => e.status)).toEqual([status, status, 200]);
  });

  it('a dropped connection on a recording stop is retried', async () => {
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    await h.control('POST', '/sim/faults', { path: '/api/Record/StopForAgent', drop: true, times: 1 });
    t.core.submit({ type: 'voice', action: 'stop' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice.status).toBe('off');
  });

  it('202 and 425 are retried until the server finishes', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', status: 202, times: 1 });
    await h.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', status: 425, times: 1 });
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice.status).toBe('on');
    expect((await events()).filter((e) => e.path === '/api/Record/StartForAgent').map((e) => e.status)).toEqual([202, 425, 200]);
  });

  it('a privacy-critical command that keeps failing is reported failed at the deadline, and the truth kept', async () => {
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    await h.control('POST', '/sim/faults', { path: '/api/Record/StopForAgent', status: 503 });
    t.core.submit({ type: 'voice', action: 'stop' }, 'hotkey');
    await t.core.controller.idle();
    const voice = t.core.getState().controls.voice;
    expect(voice).toMatchObject({ status: 'failed', confirmed: 'on', target: 'off' });
    expect(voice.error).toMatch(/server error 503.*gave up on the voice recording after 2 s of retries/);
    // Retry, once the server is back.
    await h.control('DELETE', '/sim/faults');
    expect(t.core.submit({ type: 'retry', control: 'voice' }, 'window').accepted).toBe(true);
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice.status).toBe('off');
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
    expect(t.core.getState().controls.voice.status).toBe('on');
    await h.command('/api/Record/StopForAgent');
    await t.core.poller.pollNow();
    expect(t.core.getState().controls.voice.status).toBe('off');
  });
});

describe('pause across calls', () => {
  it('says so when the call ends while paused, and keeps the pause (it belongs to the agent)', async () => {
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    await h.control('POST', '/sim/agents/7/hangup');
    await t.core.poller.pollNow();
    const s = t.core.getState();
    expect(s.controls.blackout.status).toBe('on');
    expect(s.blackout.callEndedWhilePaused).toBe(true);
    await h.control('POST', '/sim/agents/7/call', { record: true });
    await t.core.poller.pollNow();
    expect(t.core.getState().agent?.activeCall?.recordings[0].blackedOut).toBe(true);
  });

  it('reconciles a pause the server ended by its own limit', async () => {
    await h.control('POST', '/sim/settings', { maxAgentBlackoutSeconds: 30 });
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    await h.control('POST', '/sim/clock', { advanceMs: 31_000 });
    await t.core.poller.pollNow();
    expect(t.core.getState().controls.blackout.status).toBe('off');
    expect(t.core.getState().blackout.lastEndedBy).toBe('server');
  });
});
