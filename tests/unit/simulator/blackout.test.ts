import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

interface Internal {
  blackout: { active: boolean; startsAt: string; stopsAt: string | null } | null;
}

let h: Harness;
const internal = () => h.control<Internal>('GET', '/sim/agents/7');
const states = async () => (await h.agentStatus()).ActiveCall?.Recordings.map((r) => r.RecordingState) ?? [];
const simNow = async () => Date.parse((await h.control<{ now: string }>('GET', '/sim/clock')).now);
const advance = (ms: number) => h.control('POST', '/sim/clock', { advanceMs: ms });

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/sim/reset');
  await h.control('POST', '/sim/settings', { maxAgentBlackoutSeconds: 0 });
  await h.control('POST', '/sim/agents', TEST_AGENT);
  await h.control('POST', '/sim/agents', { agentId: 8, agentPhone: '805004' });
  await h.control('POST', '/sim/agents/7/call', { record: true });
});

describe('blackout visibility', () => {
  it('shows only through RecordingState, never as an extra top-level field', async () => {
    await h.command('/api/ScreenRecord/StartForAgent');
    expect(await states()).toEqual(['Recording', 'ScreenRecording']);
    expect((await h.command('/api/Blackout/StartForAgent')).status).toBe(200);
    expect(await states()).toEqual(['BlackedOut', 'ScreenBlackedOut']);
    const agent = await h.agentStatus();
    expect(Object.keys(agent).sort()).toEqual(
      ['ActiveCall', 'AgentId', 'AgentPhone', 'BusinessUnit', 'CrmUsername', 'DesktopOnlySessions', 'DeviceAlias', 'DeviceId', 'InactiveCalls', 'SystemUsername', 'Username'].sort(),
    );
    expect((await h.command('/api/blackout/StopForAgent')).status).toBe(200);
    expect(await states()).toEqual(['Recording', 'ScreenRecording']);
  });

  it('answers 404 for an unknown agent and for a stop with no blackout', async () => {
    expect((await h.command('/api/Blackout/StartForAgent', {}, ['Phone', '000'])).status).toBe(404);
    expect((await h.command('/api/Blackout/StopForAgent')).status).toBe(404);
  });
});

describe('the reference four time rules', () => {
  it('neither time nor offset: starts at receipt', async () => {
    const before = await simNow();
    await h.command('/api/Blackout/StartForAgent');
    const b = (await internal()).blackout!;
    expect(Date.parse(b.startsAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(b.startsAt) - before).toBeLessThan(2000);
    expect(b.active).toBe(true);
  });

  it('only TimeOffset: receipt time plus the offset, so a positive offset schedules it', async () => {
    const before = await simNow();
    await h.command('/api/Blackout/StartForAgent', { TimeOffset: 30 });
    const b = (await internal()).blackout!;
    expect(Date.parse(b.startsAt) - before).toBeGreaterThanOrEqual(30_000);
    expect(Date.parse(b.startsAt) - before).toBeLessThan(32_000);
    expect(b.active).toBe(false);
    expect(await states()).toEqual(['Recording']);
    await advance(31_000);
    expect(await states()).toEqual(['BlackedOut']);
  });

  it('both present: the explicit time wins and the offset is ignored', async () => {
    const at = new Date((await simNow()) + 60_000).toISOString().replace('Z', '+00:00');
    await h.command('/api/Blackout/StartForAgent', { BlackoutStartTime: at, TimeOffset: 5 });
    expect(Date.parse((await internal()).blackout!.startsAt)).toBe(Date.parse(at));
  });

  it('a future BlackoutStartTime schedules the blackout; it begins when the time comes', async () => {
    const at = new Date((await simNow()) + 10_000).toISOString();
    await h.command('/api/Blackout/StartForAgent', { BlackoutStartTime: at });
    expect(await states()).toEqual(['Recording']);
    await advance(10_500);
    expect(await states()).toEqual(['BlackedOut']);
  });

  it('a stop time in the future keeps the blackout until then; TimeOffset works for stop too', async () => {
    await h.command('/api/Blackout/StartForAgent');
    await h.command('/api/Blackout/StopForAgent', { TimeOffset: 20 });
    expect(await states()).toEqual(['BlackedOut']);
    await advance(21_000);
    expect(await states()).toEqual(['Recording']);
  });

  it('an explicit stop time wins over TimeOffset', async () => {
    await h.command('/api/Blackout/StartForAgent');
    const at = new Date((await simNow()) + 5_000).toISOString();
    await h.command('/api/Blackout/StopForAgent', { BlackoutStopTime: at, TimeOffset: 600 });
    expect(Date.parse((await internal()).blackout!.stopsAt!)).toBe(Date.parse(at));
  });

  it('rejects a time that is not a DateTimeOffset with 400 and a message', async () => {
    const response = await h.command('/api/Blackout/StartForAgent', { BlackoutStartTime: 'next tuesday' });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/not a DateTimeOffset/);
  });
});

describe('a blackout belongs to the agent, not the call', () => {
  it('survives hold, a new call, and the retrieved call', async () => {
    await h.command('/api/Blackout/StartForAgent');
    await h.control('POST', '/sim/agents/7/hold');
    await h.control('POST', '/sim/agents/7/call', { record: true });
    expect(await states()).toEqual(['BlackedOut']);
    await h.control('POST', '/sim/agents/7/hangup');
    await h.control('POST', '/sim/agents/7/retrieve');
    expect(await states()).toEqual(['BlackedOut']);
  });

  it('stays with the agent after a transfer: the agent who received the call is not blacked out', async () => {
    await h.command('/api/Blackout/StartForAgent');
    await h.control('POST', '/sim/agents/7/transfer', { toAgentId: 8 });
    const receiver = await h.agentStatus('Phone', '805004');
    expect(receiver.ActiveCall!.Recordings.map((r) => r.RecordingState)).toEqual(['Recording']);
    await h.control('POST', '/sim/agents/7/call', { record: true });
    expect(await states()).toEqual(['BlackedOut']);
  });

  it('ends by itself at the server maxagentblackout limit, and pressing again does not extend it', async () => {
    await h.control('POST', '/sim/settings', { maxAgentBlackoutSeconds: 60 });
    await h.command('/api/Blackout/StartForAgent');
    await advance(40_000);
    await h.command('/api/Blackout/StartForAgent');
    await advance(21_000);
    expect(await states()).toEqual(['Recording']);
    expect((await internal()).blackout).toBeNull();
  });
});
