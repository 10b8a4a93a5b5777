import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/sim/reset');
  await h.control('POST', '/sim/agents', TEST_AGENT);
  await h.control('POST', '/sim/agents', { agentId: 8, agentPhone: '805004' });
});

describe('GET /api/Agent', () => {
  it('answers in the published shape: PascalCase, numeric AgentId, call with lower-case metadata', async () => {
    await h.control('POST', '/sim/agents/7/call', { ani: '0207946', dnis: '0800111', direction: 'I', record: true });
    const agent = await h.agentStatus();
    expect(agent).toMatchObject({
      AgentId: 7,
      BusinessUnit: 1,
      AgentPhone: '805003',
      SystemUsername: 'pat',
      CrmUsername: 'pat.crm',
      Username: 'pat@example.test',
      InactiveCalls: [],
      DesktopOnlySessions: [],
    });
    expect(typeof agent.DeviceId).toBe('string');
    const call = agent.ActiveCall!;
    expect(call.CallInstance).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}@/);
    expect(call.CallState).toBe('OnCall');
    expect(call.Metadata).toMatchObject({ ani: '0207946', dnis: '0800111', calldirection: 'I', callinstance: call.CallInstance });
    expect(call.Metadata.starttime).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(Object.keys(call.Metadata)).toEqual(expect.arrayContaining(['user1', 'user15', 'keepdays', 'archiveaction', 'sessionid']));
    expect(call.Recordings).toEqual([{ RecordingIdentifier: expect.stringMatching(/^[0-9a-f-]{36}$/), IsDuplicate: false, RecordingState: 'Recording' }]);
  });

  it.each([
    ['Id', '7'],
    ['id', '7'],
    ['CrmUsername', 'pat.crm'],
    ['PHONE', '805003'],
    ['SystemUsername', 'pat'],
    ['username', 'pat@example.test'],
  ])('finds the agent by %s=%s', async (kind, value) => {
    const response = await h.get(`/api/Agent?AgentIdentifier=${kind}&Value=${encodeURIComponent(value)}`);
    expect(response.status).toBe(200);
    expect((await response.json()).AgentId).toBe(7);
  });

  it('answers 404 for an unknown agent, an unknown identifier kind and missing parameters', async () => {
    expect((await h.get('/api/Agent?agentIdentifier=Phone&value=999')).status).toBe(404);
    expect((await h.get('/api/Agent?agentIdentifier=Badge&value=7')).status).toBe(404);
    expect((await h.get('/api/Agent?agentIdentifier=Phone')).status).toBe(404);
    expect((await h.get('/api/Agent')).status).toBe(404);
  });

  it('GetAll lists every agent, and 404 when the tracker is empty', async () => {
    const all = await (await h.get('/api/Agent/GetAll')).json();
    expect(all.map((a: { AgentId: number }) => a.AgentId).sort()).toEqual([7, 8]);
    await h.control('POST', '/sim/reset');
    expect((await h.get('/api/agent/getall')).status).toBe(404);
  });

  it('matches paths case-insensitively, as the reference spells /api/blackout/ both ways', async () => {
    expect((await h.get('/API/AGENT?agentIdentifier=Id&value=7')).status).toBe(200);
  });
});

describe('Record commands', () => {
  it('Start needs a call: 404 without one, 200 and a recording with one', async () => {
    expect((await h.command('/api/Record/StartForAgent')).status).toBe(404);
    await h.control('POST', '/sim/agents/7/call', { record: false });
    expect((await h.agentStatus()).ActiveCall!.Recordings).toEqual([]);
    expect((await h.command('/api/Record/StartForAgent')).status).toBe(200);
    expect((await h.agentStatus()).ActiveCall!.Recordings).toHaveLength(1);
  });

  it('matches JSON keys and identifier kinds case-insensitively', async () => {
    await h.control('POST', '/sim/agents/7/call', {});
    const response = await h.post('/api/record/startforagent', { agentidentifier: 'phone', VALUE: 805003 });
    expect(response.status).toBe(200);
    expect((await h.agentStatus()).ActiveCall!.Recordings).toHaveLength(1);
  });

  it('answers 404 when a body parameter is missing, and 400 with a message for a body that is not JSON', async () => {
    await h.control('POST', '/sim/agents/7/call', {});
    expect((await h.post('/api/Record/StartForAgent', { AgentIdentifier: 'Phone' })).status).toBe(404);
    expect((await h.post('/api/Record/StartForAgent', {})).status).toBe(404);
    const bad = await h.post('/api/Record/StartForAgent', '{"AgentIdentifier": "Phone", ');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/not valid JSON/);
  });

  it('writes user1..user15 from CallMetadata, Update merges, other keys are ignored', async () => {
    await h.control('POST', '/sim/agents/7/call', {});
    await h.command('/api/Record/StartForAgent', { CallMetadata: { user1: 'API Initiated', ani: 'forged', USER2: 'x' } });
    await h.command('/api/Record/UpdateForAgent', { CallMetadata: { user2: '1234567890', user3: 'c' } });
    const metadata = (await h.agentStatus()).ActiveCall!.Metadata;
    expect(metadata).toMatchObject({ user1: 'API Initiated', user2: '1234567890', user3: 'c' });
    expect(metadata.ani).toBe('');
  });

  it('CallIdentifier names a recording for later calls; Stop ends it', async () => {
    await h.control('POST', '/sim/agents/7/call', {});
    await h.command('/api/Record/StartForAgent', { CallIdentifier: 'rec-42' });
    expect((await h.command('/api/Record/StopForAgent', { CallIdentifier: 'other' })).status).toBe(404);
    expect((await h.command('/api/Record/StopForAgent', { CallIdentifier: 'rec-42' })).status).toBe(200);
    expect((await h.agentStatus()).ActiveCall!.Recordings).toEqual([]);
    expect((await h.command('/api/Record/StopForAgent')).status).toBe(404);
  });

  it('Update needs a recording to update', async () => {
    await h.control('POST', '/sim/agents/7/call', {});
    expect((await h.command('/api/Record/UpdateForAgent', { CallMetadata: { user1: 'a' } })).status).toBe(404);
  });

  it('StartDuplicate needs the agent to be recorded already, then adds an IsDuplicate recording; StopDuplicate ends it', async () => {
    await h.control('POST', '/sim/agents/7/call', { record: false });
    expect((await h.command('/api/Record/StartDuplicateForAgent')).status).toBe(404);
    await h.command('/api/Record/StartForAgent');
    expect((await h.command('/api/Record/StartDuplicateForAgent')).status).toBe(200);
    const recordings = (await h.agentStatus()).ActiveCall!.Recordings;
    expect(recordings.map((r) => r.IsDuplicate).sort()).toEqual([false, true]);
    expect((await h.command('/api/Record/StopDuplicateForAgent')).status).toBe(200);
    expect((await h.agentStatus()).ActiveCall!.Recordings.map((r) => r.IsDuplicate)).toEqual([false]);
    expect((await h.command('/api/Record/StopDuplicateForAgent')).status).toBe(404);
  });

  it('StartDuplicate with a CallIdentifier duplicates that call, even one on hold', async () => {
    await h.control('POST', '/sim/agents/7/call', { record: true });
    const held = (await h.agentStatus()).ActiveCall!.CallInstance;
    await h.control('POST', '/sim/agents/7/hold');
    await h.control('POST', '/sim/agents/7/call', { record: false });
    expect((await h.command('/api/Record/StartDuplicateForAgent', { CallIdentifier: held })).status).toBe(200);
    const agent = await h.agentStatus();
    expect(agent.ActiveCall!.Recordings).toEqual([]);
    const inactive = agent.InactiveCalls as Array<{ CallInstance: string; CallState: string; Recordings: Array<{ IsDuplicate: boolean }> }>;
    expect(inactive[0].CallInstance).toBe(held);
    expect(inactive[0].CallState).toBe('OnHold');
    expect(inactive[0].Recordings.some((r) => r.IsDuplicate)).toBe(true);
    expect((await h.command('/api/Record/StartDuplicateForAgent', { CallIdentifier: 'nope' })).status).toBe(404);
  });

  it('hanging up ends the call and its recordings', async () => {
    await h.control('POST', '/sim/agents/7/call', { record: true });
    await h.control('POST', '/sim/agents/7/hangup');
    expect((await h.agentStatus()).ActiveCall).toBeNull();
  });
});

describe('ScreenRecord commands', () => {
  it('records the screen with the active call, updates its metadata and stops', async () => {
    await h.control('POST', '/sim/agents/7/call', {});
    expect((await h.command('/api/ScreenRecord/StartForAgent', { CallMetadata: { user1: 'API Initiated' } })).status).toBe(200);
    let call = (await h.agentStatus()).ActiveCall!;
    expect(call.Recordings.map((r) => r.RecordingState)).toEqual(['ScreenRecording']);
    expect(call.Metadata.user1).toBe('API Initiated');
    expect((await h.command('/api/ScreenRecord/UpdateForAgent', { CallMetadata: { user1: 'updated' } })).status).toBe(200);
    expect((await h.agentStatus()).ActiveCall!.Metadata.user1).toBe('updated');
    expect((await h.command('/api/ScreenRecord/StopForAgent')).status).toBe(200);
    call = (await h.agentStatus()).ActiveCall!;
    expect(call.Recordings).toEqual([]);
  });

  it('without a call it is a desktop-only session', async () => {
    await h.command('/api/ScreenRecord/StartForAgent');
    const agent = await h.agentStatus();
    expect(agent.ActiveCall).toBeNull();
    const sessions = agent.DesktopOnlySessions as Array<{ CallState: string; Recordings: Array<{ RecordingState: string }> }>;
    expect(sessions).toHaveLength(1);
    expect(sessions[0].Recordings[0].RecordingState).toBe('ScreenRecording');
    await h.command('/api/ScreenRecord/StopForAgent');
    expect((await h.agentStatus()).DesktopOnlySessions).toEqual([]);
  });

  it('Update and Stop answer 404 when nothing is being recorded', async () => {
    expect((await h.command('/api/ScreenRecord/UpdateForAgent')).status).toBe(404);
    expect((await h.command('/api/ScreenRecord/StopForAgent')).status).toBe(404);
  });
});
