import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSimulatorArgs } from '../../../src-main/simulator/args';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/sim/reset');
  await h.control('POST', '/sim/agents', TEST_AGENT);
});

const status = () => h.get('/api/Agent?agentIdentifier=Id&value=7');

describe('fault injection', () => {
  it.each([500, 504, 425, 202])('answers an injected %i for the next N requests of that route only', async (code) => {
    await h.control('POST', '/sim/faults', { path: '/api/agent', status: code, times: 2 });
    expect((await status()).status).toBe(code);
    expect((await h.get('/api/Agent/GetAll')).status).toBe(200);
    expect((await status()).status).toBe(code);
    expect((await status()).status).toBe(200);
  });

  it('does not perform the command when it answers with an injected status', async () => {
    await h.control('POST', '/sim/agents/7/call', {});
    await h.control('POST', '/sim/faults', { path: '/api/record/*', method: 'POST', status: 500, times: 1 });
    expect((await h.command('/api/Record/StartForAgent', {}, ['Id', '7'])).status).toBe(500);
    expect((await h.agentStatus('Id', '7')).ActiveCall!.Recordings).toEqual([]);
  });

  it('applies a rate, reproducibly from the seed', async () => {
    await h.control('POST', '/sim/faults', { path: '*', status: 503, rate: 0.5 });
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) codes.push((await status()).status);
    const failures = codes.filter((c) => c === 503).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });

  it('adds latency', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/agent', latencyMs: 300, times: 1 });
    const started = performance.now();
    expect((await status()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('sends a malformed body with a 200', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/agent', malformed: true, times: 1 });
    const response = await status();
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  it('drops the connection', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/agent', drop: true, times: 1 });
    await expect(status()).rejects.toThrow();
    expect((await status()).status).toBe(200);
  });

  it('rejects a fault with nothing to do, saying what is missing', async () => {
    const response = await h.post('/sim/faults', { path: '*' });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/status, latencyMs, malformed, drop, html or notHttp/);
  });

  it('lists and clears faults', async () => {
    await h.control('POST', '/sim/faults', { path: '*', status: 500 });
    expect(await h.control<unknown[]>('GET', '/sim/faults')).toHaveLength(1);
    await h.control('DELETE', '/sim/faults');
    expect((await status()).status).toBe(200);
  });
});

describe('event log', () => {
  it('records every API request with its answer, and which were faults', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/agent', status: 500, times: 1 });
    await status();
    await status();
    await h.command('/api/Record/StartForAgent', {}, ['Id', '7']);
    const events = await h.control<Array<{ seq: number; method: string; path: string; status: number; fault: boolean; body: string }>>('GET', '/sim/events');
    expect(events.map((e) => [e.method, e.path, e.status, e.fault])).toEqual([
      ['GET', '/api/Agent', 500, true],
      ['GET', '/api/Agent', 200, false],
      ['POST', '/api/Record/StartForAgent', 404, false],
    ]);
    expect(events[2].body).toContain('"AgentIdentifier":"Id"');
    const later = await h.control<unknown[]>('GET', `/sim/events?since=${events[1].seq}`);
    expect(later).toHaveLength(1);
  });
});

describe('control API', () => {
  it('answers 400 with the offending field for a bad body and 409 for an impossible call action', async () => {
    const bad = await h.post('/sim/agents', { agentId: 'seven' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/agentId/);
    expect((await h.post('/sim/agents/7/hold')).status).toBe(409);
    expect((await h.post('/sim/agents/99/call', {})).status).toBe(404);
    await h.control('POST', '/sim/agents/7/call', {});
    expect((await h.post('/sim/agents/7/call', {})).status).toBe(409);
  });

  it('answers a ringing call and starts its policy recording only when answered', async () => {
    await h.control('POST', '/sim/agents/7/call', { ringing: true, record: true });
    expect((await h.agentStatus('Id', '7')).ActiveCall).toMatchObject({ CallState: 'Ringing', Recordings: [] });
    await h.control('POST', '/sim/agents/7/answer');
    expect((await h.agentStatus('Id', '7')).ActiveCall!.Recordings).toHaveLength(1);
  });

  it('405 for a wrong method, 404 for an unknown endpoint', async () => {
    expect((await h.post('/api/Agent', {})).status).toBe(405);
    expect((await h.get('/api/Nothing')).status).toBe(404);
  });
});

describe('state file', () => {
  it('keeps the tracker across a restart, as the reference says', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rk-sim-')), 'state.json');
    const first = await startHarness({ stateFile: file });
    await first.control('POST', '/sim/agents', TEST_AGENT);
    await first.control('POST', '/sim/agents/7/call', { ani: '0207' });
    await first.command('/api/Record/StartForAgent', { CallMetadata: { user4: 'kept' } }, ['Id', '7']);
    const before = await first.agentStatus('Id', '7');
    await first.close();
    const second = await startHarness({ stateFile: file });
    try {
      expect(await second.agentStatus('Id', '7')).toEqual(before);
    } finally {
      await second.close();
    }
  });

  it('starts empty, with a warning, from an unreadable state file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rk-sim-')), 'state.json');
    writeFileSync(file, '{"version": 1, "agents": "oops"');
    const warnings: string[] = [];
    const sim = await startHarness({ stateFile: file, warn: (m) => warnings.push(m) });
    try {
      expect(warnings[0]).toMatch(/ignoring unreadable state file/);
      expect((await sim.get('/api/Agent/GetAll')).status).toBe(404);
    } finally {
      await sim.close();
    }
  });
});

describe('demo mode', () => {
  it('seeds agents and puts a call on the first within seconds', async () => {
    const demo = await startHarness({ demo: true });
    try {
      expect((await demo.get('/api/Agent/GetAll')).status).toBe(200);
      let call = null;
      for (let i = 0; i < 40 && !call; i++) {
        await new Promise((r) => setTimeout(r, 250));
        call = (await demo.agentStatus('Phone', '805003')).ActiveCall;
      }
      expect(call).not.toBeNull();
    } finally {
      await demo.close();
    }
  });
});

describe('oversized bodies', () => {
  it('answers 413 for a body over 1 MiB', async () => {
    const code = await new Promise<number>((resolve, reject) => {
      const req = request(`${h.url}/api/Record/StartForAgent`, { method: 'POST' }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end('x'.repeat(1024 * 1024 + 10));
    });
    expect(code).toBe(413);
  });
});

describe('command-line arguments', () => {
  it('parses every documented flag', () => {
    const parsed = parseSimulatorArgs(['--port', '0', '--host', '127.0.0.1', '--state-file', 's.json', '--demo', '--max-agent-blackout', '120', '--token-ttl', '60', '--cxone-prefix', '/v1', '--cxone-user-param', 'userId', '--cxone-status-prefix', '', '--cxone-status-user-param', 'user-id']);
    expect(parsed).toEqual({
      ok: true,
      cluster: null,
      options: expect.objectContaining({ port: 0, stateFile: 's.json', demo: true, maxAgentBlackoutSeconds: 120, tokenTtlSeconds: 60, cxone: { pathPrefix: '/v1', userIdParam: 'userId', statusPathPrefix: '', statusUserIdParam: 'user-id' } }),
    });
    expect(parseSimulatorArgs(['--cluster', '3', '--amqp', 'amqp://127.0.0.1:5673'])).toMatchObject({ ok: true, cluster: { nodes: 3, amqpUrl: 'amqp://127.0.0.1:5673' } });
  });

  it.each([
    [['--port', 'eighty'], /port/],
    [['--token-ttl', '0'], /token-ttl/],
    [['--frobnicate'], /frobnicate/],
    [['--cxone-user-param', 'uid'], /cxone-user-param/],
    [['--cluster', '3'], /--cluster N and --amqp URL go together/],
    [['--cluster', '3', '--amqp', 'http://x'], /amqp/],
  ])('rejects %j with a message naming the flag', (argv, message) => {
    const parsed = parseSimulatorArgs(argv as string[]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});

describe('sequenced faults', () => {
  it('apply to successive requests, one response-shaping fault per request, latency on top', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/agent', status: 202, times: 1 });
    await h.control('POST', '/sim/faults', { path: '/api/agent', status: 425, times: 1 });
    await h.control('POST', '/sim/faults', { path: '/api/agent', latencyMs: 1, times: 2 });
    expect([(await status()).status, (await status()).status, (await status()).status]).toEqual([202, 425, 200]);
  });
});

describe('a simulator that is not a cluster node', () => {
  it('says so on /sim/broker instead of pretending a broker link, and still forgets its blackouts on request', async () => {
    const broker = await h.get('/sim/broker');
    expect(broker.status).toBe(404);
    expect(await broker.text()).toMatch(/--cluster N --amqp URL/);
    expect((await h.post('/sim/broker', { connected: 'yes' })).status).toBe(400);
    await h.control('POST', '/sim/agents', TEST_AGENT);
    expect((await h.command('/api/Blackout/StartForAgent')).status).toBe(200);
    await h.control('POST', '/sim/forget-blackouts');
    expect((await h.control<{ blackout: unknown }>('GET', `/sim/agents/${TEST_AGENT.agentId}`)).blackout).toBeNull();
  });
});
