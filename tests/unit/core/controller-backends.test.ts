/**
 * The same scenarios against both backends, over real HTTP against the simulator: every
 * command confirmed by the server's status, faults handled the same way, changes made
 * elsewhere shown within one poll. Backend-specific behaviour (call data and duplicates
 * on-premise; do-not-record, 422, a forbidden status on CXone) stays in
 * controller-onprem.test.ts and controller-cxone.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type BackendUnderTest } from '../../support/backends-under-test';
import { buildCore, resetWorld, type CoreUnderTest, stopCore } from '../../support/core-harness';
import { startHarness, type Harness } from '../../support/simulator-harness';

let h: Harness;
let t: CoreUnderTest;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => stopCore(t));

const events = () => h.control<Array<{ method: string; path: string; status: number | string }>>('GET', '/sim/events');
const statusesAt = async (path: string) => (await events()).filter((e) => e.path.toLowerCase() === path.toLowerCase()).map((e) => e.status);

describe.each(BACKENDS)('$name', (backend: BackendUnderTest) => {
  beforeEach(async () => {
    await resetWorld(h, { record: false });
    t = buildCore(backend.make(h), backend.coreOptions);
    t.core.start();
    await t.core.poller.pollNow();
  });

  const startVoice = async () => {
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice.kind).toBe('on');
  };

  describe('commands are confirmed by the status', () => {
    it('voice start: pending at once, on only after the command and a status read that agrees', async () => {
      expect(t.core.getState().connection.status).toBe('connected');
      expect(t.core.getState().controls.voice.kind).toBe('off');
      t.core.submit({ type: 'voice', action: 'toggle' }, 'hotkey');
      expect(t.core.getState().controls.voice.kind).toBe('pending');
      await t.core.controller.idle();
      expect(t.core.getState().controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
      expect(t.statusesOf('voice')).toEqual(['off', 'pending', 'on']);
      expect((await backend.truth(h)).recorded).toBe(true);
      const log = await events();
      const sent = log.findIndex((e) => e.path === backend.paths.voiceStart);
      expect(log.slice(sent + 1).some((e) => e.path === backend.statusPath)).toBe(true);
    });

    it('pause and resume: each confirmed by the status, with a countdown while paused', async () => {
      await startVoice();
      t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
      await t.core.controller.idle();
      const paused = t.core.getState();
      expect(paused.controls.blackout).toMatchObject({ kind: 'on', evidence: 'status' });
      expect(paused.pause.current?.deadline).toBeTruthy();
      expect((await backend.truth(h)).paused).toBe(true);
      t.core.submit({ type: 'blackout', action: 'stop' }, 'hotkey');
      await t.core.controller.idle();
      expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'off', evidence: 'status' });
      expect(t.core.getState().pause).toMatchObject({ current: null, lastEnded: { by: 'agent' } });
      expect((await backend.truth(h)).paused).toBe(false);
      expect(await statusesAt(backend.paths.pauseStart)).toEqual([200]);
      expect(await statusesAt(backend.paths.pauseStop)).toEqual([200]);
    });

    it('a change made elsewhere (a supervisor stops the recording) shows at the next poll, and is audited', async () => {
      await startVoice();
      await backend.stopElsewhere(h);
      await t.core.poller.pollNow();
      expect(t.core.getState().controls.voice).toMatchObject({ kind: 'off', evidence: 'status' });
      expect(t.audit.records.some((r) => r.result === 'state-changed' && r.action === 'voice off by the server')).toBe(true);
    });

    it('presses while a command is out are coalesced: the last wins, each intent gets one outcome', async () => {
      const receipts = [1, 2, 3, 4].map(() => t.core.submit({ type: 'voice', action: 'toggle' }, 'hotkey'));
      expect(receipts.every((r) => r.accepted)).toBe(true);
      await t.core.controller.idle();
      await t.core.controller.idle();
      expect(t.core.getState().controls.voice.kind).toBe('off');
      expect(await statusesAt(backend.paths.voiceStart)).toEqual([200]);
      expect(await statusesAt(backend.paths.voiceStop)).toEqual([200]);
      expect(t.audit.records.filter((r) => r.detail?.outcome === true)).toHaveLength(4);
    });
  });

  describe('faults', () => {
    it('202 is accepted: not sent again, confirmed by reading the status while the server works', async () => {
      await h.control('POST', '/sim/faults', { path: backend.paths.voiceStart, status: 202, times: 1, applied: true });
      t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
      await t.core.controller.idle();
      expect(t.core.getState().controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
      expect(await statusesAt(backend.paths.voiceStart)).toEqual([202]);
    });

    it('425 (locked by an earlier request) is retried shortly until it lands', async () => {
      await h.control('POST', '/sim/faults', { path: backend.paths.voiceStart, status: 425, times: 2 });
      await startVoice();
      expect(await statusesAt(backend.paths.voiceStart)).toEqual([425, 425, 200]);
    });

    it('500 on a voice start is shown at once, not retried', async () => {
      await h.control('POST', '/sim/faults', { path: backend.paths.voiceStart, status: 500, times: 1 });
      t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
      await t.core.controller.idle();
      expect(t.core.getState().controls.voice).toMatchObject({ kind: 'failed', lastKnown: { value: 'off' }, error: { message: expect.stringMatching(/server error 500/) } });
      expect(await statusesAt(backend.paths.voiceStart)).toEqual([500]);
    });

    it.each([500, 504])('%i on a pause start is retried until it lands (a card number depends on it)', async (status) => {
      await startVoice();
      await h.control('POST', '/sim/faults', { path: backend.paths.pauseStart, status, times: 2 });
      t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
      await t.core.controller.idle();
      expect(t.core.getState().controls.blackout.kind).toBe('on');
      expect(await statusesAt(backend.paths.pauseStart)).toEqual([status, status, 200]);
    });

    it('a dropped connection on a recording stop is retried', async () => {
      await startVoice();
      await h.control('POST', '/sim/faults', { path: backend.paths.voiceStop, drop: true, times: 1 });
      t.core.submit({ type: 'voice', action: 'stop' }, 'hotkey');
      await t.core.controller.idle();
      expect(t.core.getState().controls.voice).toMatchObject({ kind: 'off', evidence: 'status' });
      expect((await backend.truth(h)).recorded).toBe(false);
    });

    it('a stop that keeps failing is reported failed at the deadline, still possibly on, and Retry works once the server is back', async () => {
      await startVoice();
      await h.control('POST', '/sim/faults', { path: backend.paths.voiceStop, status: 503 });
      t.core.submit({ type: 'voice', action: 'stop' }, 'hotkey');
      await t.core.controller.idle();
      expect(t.core.getState().controls.voice).toMatchObject({ kind: 'failed', lastKnown: { value: 'on' }, target: 'off', error: { message: expect.stringMatching(/503.*gave up after 2 s of retries/) } });
      await h.control('DELETE', '/sim/faults');
      expect(t.core.submit({ type: 'retry', control: 'voice' }, 'window').accepted).toBe(true);
      await t.core.controller.idle();
      expect(t.core.getState().controls.voice.kind).toBe('off');
    });

    it('404 on a start: no call, said in words', async () => {
      await h.control('POST', '/sim/agents/7/hangup');
      t.core.submit({ type: 'voice', action: 'start' }, 'window');
      await t.core.controller.idle();
      expect(t.core.getState().lastError?.message).toMatch(/no active (call|interaction)/);
    });

    it('a malformed status answer is a named error, and the last state is kept', async () => {
      await h.control('POST', '/sim/faults', { path: backend.statusPath, malformed: true, times: 1 });
      await t.core.poller.pollNow();
      const s = t.core.getState();
      expect(s.connection.status).toBe('reconnecting');
      expect(s.connection.message).toMatch(/JSON|not what/);
      expect(s.agent?.activeCall).not.toBeNull();
    });

    it('a refused connection: unreachable, and nothing is claimed', async () => {
      await startVoice();
      await h.control('POST', '/sim/faults', { path: backend.statusPath, drop: true });
      for (let i = 0; i < 3; i++) await t.core.poller.pollNow();
      expect(t.core.getState().connection.status).toBe('unreachable');
      await h.control('DELETE', '/sim/faults');
    });
  });
});
