/** "Find me" over real HTTP against the simulator's GET /api/Agent/GetAll, through the runtime as Settings calls it. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matchesLogin } from '../../../src-main/backends/onprem/agent-directory';
import type { RecordKeyRuntime } from '../../../src-main/runtime/recordkey-runtime';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';
import { startTestRuntime } from '../../support/test-runtime';

let h: Harness;
let runtime: RecordKeyRuntime | null = null;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/sim/reset');
  await h.control('POST', '/sim/agents', TEST_AGENT);
  await h.control('POST', '/sim/agents', { agentId: 8, agentPhone: '805004', systemUsername: 'sam', username: 'sam@example.test' });
});
afterEach(async () => {
  await runtime?.stop();
  runtime = null;
});

describe('Find me', () => {
  it("lists the server's agents and suggests the one whose user name is the login name", async () => {
    runtime = await startTestRuntime({ loginName: 'CORP\\sam' });
    const result = await runtime.findAgents({ baseUrl: h.url });
    expect(result).toEqual({
      ok: true,
      agents: [
        { agentId: '7', label: 'pat@example.test · phone 805003 · id 7' },
        { agentId: '8', label: 'sam@example.test · phone 805004 · id 8' },
      ],
      suggested: 1,
    });
  });

  it('suggests nobody when no user name matches', async () => {
    runtime = await startTestRuntime({ loginName: 'somebody-else' });
    expect(await runtime.findAgents({ baseUrl: h.url })).toMatchObject({ ok: true, suggested: null });
  });

  it('a server whose GetAll fails answers with the reason (Settings keeps the manual field)', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/Agent/GetAll', status: 500, times: 1 });
    runtime = await startTestRuntime({ loginName: 'pat' });
    expect(await runtime.findAgents({ baseUrl: h.url })).toEqual({ ok: false, error: expect.stringMatching(/server error 500/) });
    expect(await runtime.findAgents({ baseUrl: 'not a url' })).toMatchObject({ ok: false, error: expect.stringMatching(/not a valid request/) });
  });

  it('matches SystemUsername or Username (also before @), ignoring case and a DOMAIN\\ prefix', () => {
    expect(matchesLogin({ systemUsername: 'PAT', username: '' }, 'pat')).toBe(true);
    expect(matchesLogin({ systemUsername: '', username: 'pat@example.test' }, 'Pat')).toBe(true);
    expect(matchesLogin({ systemUsername: 'CORP\\pat', username: '' }, 'pat')).toBe(true);
    expect(matchesLogin({ systemUsername: 'patrick', username: '' }, 'pat')).toBe(false);
    expect(matchesLogin({ systemUsername: '', username: '' }, '')).toBe(false);
  });
});

describe('Test connection (the doctor checks, for unsaved settings)', () => {
  it('checks the settings as edited, with what is wrong named', async () => {
    runtime = await startTestRuntime({ loginName: 'pat' });
    const good = await runtime.testConnection({ settings: { connection: { backend: 'onprem', baseUrl: h.url, agent: { kind: 'Phone', value: TEST_AGENT.agentPhone } } } });
    expect(good.checks.map((c) => [c.name, c.ok])).toEqual([
      ['server reachable', true],
      ['credentials accepted', true],
      ['agent known', true],
      ['pause evidence', true],
    ]);
    const unknownAgent = await runtime.testConnection({ settings: { connection: { backend: 'onprem', baseUrl: h.url, agent: { kind: 'Phone', value: '999' } } } });
    expect(unknownAgent.checks.at(-1)).toMatchObject({ name: 'agent known', ok: false });
    expect((await runtime.testConnection({ settings: { connection: null } })).checks).toEqual([{ name: 'server', ok: true, mark: 'proved', detail: expect.stringMatching(/demo mode/) }]);
    // Nothing was saved: the runtime still runs its demo.
    expect(runtime.currentSettings.connection).toBeNull();
  });
});
