/**
 * What only CXone does, over real HTTP against the simulator (the scenarios both backends
 * share are in controller-backends.test.ts): the customer's refusal read back from the status
 * and bound to its contact, masking rules (422, an unrecorded call, 202 processing), hold and
 * recording failure in the status, a tenant without the status permission, tokens.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCore, cxoneBackend, resetWorld, type CoreUnderTest, stopCore } from '../../support/core-harness';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

let h: Harness;
let t: CoreUnderTest;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await resetWorld(h, { record: true });
});
afterEach(() => stopCore(t));

const events = () => h.control<Array<{ method: string; path: string; status: number | string; query: string }>>('GET', '/sim/events');
const cxoneCalls = async () => (await events()).filter((e) => e.path.includes('/interactions/') && !e.path.endsWith('get-recording-status')).map((e) => `${e.path.split('/').pop()} ${e.status}`);
const agent = (body: Record<string, unknown>) => h.control('POST', '/sim/agents', { agentId: TEST_AGENT.agentId, ...body });

async function startCore(options: Parameters<typeof cxoneBackend>[1] = {}): Promise<void> {
  t = buildCore(cxoneBackend(h.url, options));
  t.core.start();
  await t.core.poller.pollNow();
}

describe('CXone status (get-recording-status)', () => {
  beforeEach(() => startCore());

  it('shows the interaction, keyed by its contactId, and pauses are documented to show (Mask)', () => {
    const s = t.core.getState();
    expect(s.connection.status).toBe('connected');
    expect(s.capabilities).toMatchObject({ canReportStatus: true, statusShowsPauses: 'documented' });
    expect(s.agent?.activeCall?.callInstance).toMatch(/^contact-\d+$/);
    expect(s.agent?.cxone).toMatchObject({ statusReason: 'Policy', recordingStatusToAgent: 'Recording' });
    expect(s.controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
    // The status says nothing of the screen: it is not claimed either way.
    expect(s.controls.screen.kind).toBe('unknown');
  });

  it("the screen rests on the answers (CXone records it only with voice): a stop on demand ends both", async () => {
    t.core.submit({ type: 'screen', action: 'start' }, 'window');
    await t.core.controller.idle();
    expect(t.core.getState().controls.screen).toMatchObject({ kind: 'on', evidence: 'answer' });
    t.core.submit({ type: 'voice', action: 'stop' }, 'window');
    await t.core.controller.idle();
    const s = t.core.getState();
    expect(s.controls.voice).toMatchObject({ kind: 'off', evidence: 'status' });
    expect(s.controls.screen).toMatchObject({ kind: 'off', evidence: 'answer' });
  });

  it('do-not-record is confirmed by the status (CustomerDisconsent) and final for that contact', async () => {
    t.core.submit({ type: 'do-not-record', confirmed: true }, 'window');
    await t.core.controller.idle();
    const s = t.core.getState();
    expect(s.controls.doNotRecord).toMatchObject({ kind: 'on', evidence: 'status' });
    expect(s.doNotRecordCall).toBe(s.agent?.activeCall?.callInstance);
    expect(s.controls.voice).toMatchObject({ kind: 'off', evidence: 'status' });
    expect(t.core.submit({ type: 'voice', action: 'start' }, 'hotkey')).toEqual({ accepted: false, reason: 'the customer declined recording for this call' });
    // A new contact can be recorded again.
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/hangup`);
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: false });
    await t.core.poller.pollNow();
    expect(t.core.getState().doNotRecordCall).toBeNull();
    expect(t.core.submit({ type: 'voice', action: 'start' }, 'window').accepted).toBe(true);
  });

  it("a refusal recorded elsewhere (another client) shows at the next poll, so RecordKey never offers to record", async () => {
    const credentials = await h.control<{ clientId: string; clientSecret: string; accessKeyId: string; accessKeySecret: string; userId: string }>('GET', `/sim/cxone/credentials/${TEST_AGENT.agentId}`);
    const other = cxoneBackend(h.url);
    await other.execute({ type: 'do-not-record' });
    other.close();
    await t.core.poller.pollNow();
    const s = t.core.getState();
    expect(credentials.userId).toBe(String(1234000 + TEST_AGENT.agentId));
    expect(s.controls.doNotRecord).toMatchObject({ kind: 'on', evidence: 'status' });
    expect(s.availability.voice).toBe('the customer declined recording for this call');
  });

  it('a mask still processing (202) is not sent again: the status confirms it once the server is done', async () => {
    await h.control('POST', '/sim/settings', { processingDelayMs: 150 });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'on', evidence: 'status' });
    expect(await cxoneCalls()).toEqual(['mask 202']);
  });

  it('422: an internal call cannot be masked; said at once, not retried, and no pause is claimed', async () => {
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/hangup`);
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true, internal: true });
    await t.core.poller.pollNow();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    const s = t.core.getState();
    expect(s.controls.blackout).toMatchObject({ kind: 'failed', error: { message: 'masking is not available on internal calls (422)' } });
    expect(s.pause.current).toBeNull();
    expect(await cxoneCalls()).toEqual(['mask 422']);
  });

  it('masking a call that is not recorded does nothing at the server: the pause rests on the answer, with its countdown', async () => {
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/hangup`);
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: false });
    await t.core.poller.pollNow();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    const s = t.core.getState();
    expect(s.agent?.cxone).toMatchObject({ statusReason: 'Policy', recordingStatusToAgent: 'NoRecording' });
    expect(s.controls.blackout).toMatchObject({ kind: 'on', evidence: 'answer' });
    expect(s.pause.current?.deadline).toBeTruthy();
  });

  it('a hang-up during a mask ends the pause with the interaction (the resume finds none: 404), and says so', async () => {
    t.core.stop();
    t = buildCore(cxoneBackend(h.url), { noCallGraceMs: 100 });
    t.core.start();
    await t.core.poller.pollNow();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'on', evidence: 'status' });
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/hangup`);
    await t.core.poller.pollNow();
    for (let i = 0; i < 50 && t.core.getState().pause.current; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await t.core.controller.idle();
    }
    const s = t.core.getState();
    expect(s.controls.blackout.kind).toBe('off');
    expect(s.pause).toMatchObject({ current: null, lastEnded: { by: 'call-ended' } });
    expect(await cxoneCalls()).toEqual(['mask 200', 'unmask 404']);
  });

  it('hold shows as on hold; a recording failure is said loudly and the voice is not claimed recorded', async () => {
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/hold`);
    await t.core.poller.pollNow();
    expect(t.core.getState().agent?.activeCall?.callState).toBe('OnHold');
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/recording-failure`);
    await t.core.poller.pollNow();
    const s = t.core.getState();
    expect(s.controls.voice).toMatchObject({ kind: 'off', evidence: 'status' });
    expect(s.notices).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'recording-failure', level: 'error', message: expect.stringMatching(/recording failure.*not being recorded/) })]));
  });
});

describe('a tenant without the status permission (403 on get-recording-status)', () => {
  beforeEach(async () => {
    await agent({ cxoneStatusPermitted: false });
    await startCore();
  });

  it('falls back to answers, says so, and stops polling', async () => {
    const s = t.core.getState();
    expect(s.connection).toMatchObject({ status: 'no-status', message: expect.stringMatching(/lacks .*get-recording-status.*\(403\)/) });
    expect(s.capabilities).toMatchObject({ canReportStatus: false, statusShowsPauses: null });
    const polls = (await events()).filter((e) => e.path.endsWith('get-recording-status')).length;
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'on', evidence: 'answer' });
    expect(t.core.getState().pause.current).not.toBeNull();
    t.core.submit({ type: 'screen', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    // Voice and screen together (CXone records the screen only with voice): both from the answer.
    expect([t.core.getState().controls.voice.kind, t.core.getState().controls.screen.kind]).toEqual(['on', 'on']);
    expect((await events()).filter((e) => e.path.endsWith('get-recording-status'))).toHaveLength(polls);
  });
});

describe('CXone with a Recording API status server instead', () => {
  beforeEach(() => startCore({ statusServer: true }));

  it('confirms by the Recording API status; do-not-record then rests on the answer, bound to the call', async () => {
    t.core.submit({ type: 'do-not-record', confirmed: true }, 'window');
    await t.core.controller.idle();
    const s = t.core.getState();
    expect(s.controls.doNotRecord).toMatchObject({ kind: 'on', evidence: 'answer' });
    expect(s.doNotRecordCall).toBe(s.agent?.activeCall?.callInstance);
    expect(s.controls.voice.kind).toBe('off');
  });
});

describe('permissions and tokens', () => {
  it('403 on a command names the permission it needs', async () => {
    await agent({ cxonePermitted: false, cxoneMaskPermitted: false });
    await startCore();
    t.core.submit({ type: 'voice', action: 'stop' }, 'window');
    await t.core.controller.idle();
    expect(t.core.getState().lastError?.message).toBe('not authorized (403) — the CXone user lacks the Multi-ACD Record on Demand API permission');
    t.core.submit({ type: 'blackout', action: 'start' }, 'window');
    await t.core.controller.idle();
    expect(t.core.getState().lastError?.message).toBe('not authorized (403) — the CXone user lacks the Multi-ACD Masking API permission');
  });

  it('fetches one token, refreshes it before expiry, and retries once on a 401', async () => {
    await h.control('POST', '/sim/settings', { tokenTtlSeconds: 120 });
    let now = Date.now();
    t = buildCore(cxoneBackend(h.url, { now: () => now }));
    t.core.submit({ type: 'voice', action: 'stop' }, 'window');
    await t.core.controller.idle();
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    await t.core.controller.idle();
    expect((await events()).filter((e) => e.path === '/auth/token')).toHaveLength(1);
    // Past the refresh margin (a minute before expiry): the next request refreshes first.
    now += 61_000;
    t.core.submit({ type: 'voice', action: 'stop' }, 'window');
    await t.core.controller.idle();
    expect((await events()).filter((e) => e.path === '/auth/token')).toHaveLength(2);
    // The server forgets the token (401): one refresh and one retry, invisible to the agent.
    await h.control('POST', '/sim/faults', { path: '/interaction-recording-management-service/interactions/start-recording-on-demand', status: 401, times: 1 });
    t.core.submit({ type: 'voice', action: 'start' }, 'window');
    await t.core.controller.idle();
    expect(t.core.getState().controls.voice.kind).toBe('on');
    expect((await cxoneCalls()).filter((c) => c.startsWith('start'))).toEqual(['start-recording-on-demand 200', 'start-recording-on-demand 401', 'start-recording-on-demand 200']);
  });

  it('a wrong access key is reported as not authorized, naming what to check', async () => {
    const backend = cxoneBackend(h.url);
    (backend as unknown as { tokens: { credentials: { accessKeySecret: string } } }).tokens.credentials.accessKeySecret = 'wrong';
    t = buildCore(backend);
    t.core.start();
    await t.core.poller.pollNow();
    expect(t.core.getState().connection).toMatchObject({ status: 'unauthorized', message: expect.stringMatching(/not authorized \(401\) — check the access key and the app registration/) });
  });
});
