/**
 * Issue 22: the site relay against simulators over real HTTP, with real WebSocket clients.
 * - what a subscriber gets: its own agent's snapshot at once, then only its changes, and a
 *   heartbeat a second carrying the GetAll's time; never another agent's;
 * - one GetAll a period whatever the number of subscribers, with the desktop's failover rules;
 * - /healthz and /metrics;
 * - security: read-only, a token, garbage, oversized and binary frames, a second subscribe,
 *   an unknown protocol, no subscribe, too many connections, a reader that does not read.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RELAY_CLOSE } from '../../../src-main/core/relay-protocol';
import { AgentTable } from '../../../src-main/relay/agent-table';
import { RelayHub, type Subscriber } from '../../../src-main/relay/relay-hub';
import { RelayMetrics } from '../../../src-main/relay/relay-metrics';
import type { RunningRelay } from '../../../src-main/relay/start-relay';
import { relayClient, startTestRelay, type RelayClient } from '../../support/relay-harness';
import { until } from '../../support/wait-for';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

const OTHER = { agentId: 8, agentPhone: '805004', username: 'sam@example.test', systemUsername: 'sam', crmUsername: 'sam.crm' };
let a: Harness;
let b: Harness;
let relay: RunningRelay | undefined;
const clients: RelayClient[] = [];

beforeAll(async () => {
  [a, b] = await Promise.all([startHarness(), startHarness()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});
beforeEach(async () => {
  for (const h of [a, b]) {
    await h.control('POST', '/sim/reset');
    await h.control('POST', '/sim/agents', TEST_AGENT);
    await h.control('POST', '/sim/agents', OTHER);
  }
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await relay?.close();
  relay = undefined;
});

function client(headers: Record<string, string> = {}): RelayClient {
  const c = relayClient(relay!.server.wsUrl, headers);
  clients.push(c);
  return c;
}

const getAlls = async (h: Harness) => (await h.control<Array<{ path: string }>>('GET', '/sim/events')).filter((e) => /getall/i.test(e.path)).length;

describe('what a subscriber gets', () => {
  it('its own agent at once, then only when that agent changed, and a heartbeat a second with the GetAll time', async () => {
    relay = await startTestRelay([a.url]);
    const pat = client();
    pat.subscribe('Phone', TEST_AGENT.agentPhone);
    await until(() => pat.snapshots().length === 1, 'the first snapshot');
    const first = pat.snapshots()[0];
    expect(first).toMatchObject({ protocol: 1, server: a.url, agent: { agentId: '7', agentPhone: '805003', activeCall: null } });
    expect(Date.now() - Date.parse(first.polledAt!)).toBeLessThan(2000);
    // Another agent's call is not Pat's news.
    await a.control('POST', `/sim/agents/${OTHER.agentId}/call`, { record: true });
    await until(() => pat.messages.filter((m) => m.type === 'heartbeat').length >= 2, 'two heartbeats');
    expect(pat.snapshots()).toHaveLength(1);
    const heartbeat = pat.messages.filter((m) => m.type === 'heartbeat').at(-1)!;
    expect(Date.parse(heartbeat.polledAt!)).toBeGreaterThan(Date.parse(first.polledAt!));
    // Pat's call is.
    await a.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true });
    await until(() => pat.snapshots().length === 2, 'the snapshot with the call');
    expect(pat.snapshots()[1].agent?.activeCall?.recordings.map((r) => r.state)).toContain('Recording');
    expect(pat.unreadable).toEqual([]);
  });

  it('an agent the tracker does not have: null, then the agent once it appears', async () => {
    relay = await startTestRelay([a.url]);
    const nobody = client();
    nobody.subscribe('Username', 'new@example.test');
    await until(() => nobody.snapshots().length === 1, 'the first answer');
    expect(nobody.snapshots()[0].agent).toBeNull();
    await a.control('POST', '/sim/agents', { agentId: 9, username: 'new@example.test' });
    await until(() => nobody.snapshots().length === 2, 'the agent appearing');
    expect(nobody.snapshots()[1].agent).toMatchObject({ agentId: '9' });
  });

  it('one GetAll a period whatever the number of subscribers; the relay sends no command', async () => {
    relay = await startTestRelay([a.url], { pollEveryMs: 250 });
    await a.control('DELETE', '/sim/events');
    for (let i = 0; i < 20; i++) client().subscribe('Phone', i % 2 ? TEST_AGENT.agentPhone : OTHER.agentPhone);
    await new Promise((r) => setTimeout(r, 2000));
    const events = await a.control<Array<{ method: string; path: string }>>('GET', '/sim/events');
    expect(events.every((e) => e.method === 'GET' && /getall/i.test(e.path))).toBe(true);
    // 2 s at one GetAll each 250 ms: 8, give or take the edges.
    expect(events.length).toBeGreaterThanOrEqual(6);
    expect(events.length).toBeLessThanOrEqual(9);
  });

  it('fails over like the desktop: the first server down twice, GetAll from the second, and the snapshots say so', async () => {
    relay = await startTestRelay([a.url, b.url]);
    const pat = client();
    pat.subscribe('Phone', TEST_AGENT.agentPhone);
    await until(() => pat.snapshots().length === 1, 'the first snapshot');
    await a.control('POST', '/sim/faults', { path: '*', drop: true });
    await until(() => pat.messages.at(-1)?.server === b.url, 'data from the second server');
    expect(await getAlls(b)).toBeGreaterThan(0);
    await a.control('DELETE', '/sim/faults');
  });
});

describe('health and metrics', () => {
  it('/healthz is 200 while the data is fresh and 503 once every server is gone; /metrics counts connections and GetAll', async () => {
    relay = await startTestRelay([a.url]);
    const pat = client();
    pat.subscribe('Phone', TEST_AGENT.agentPhone);
    await until(() => pat.snapshots().length === 1, 'the first snapshot');
    const healthy = await fetch(`${relay.server.url}/healthz`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({ status: 'ok', polling: true, agents: 2, connections: 1, server: a.url });
    const metrics = await (await fetch(`${relay.server.url}/metrics`)).text();
    expect(metrics).toMatch(/^recordkey_relay_connections 1$/m);
    expect(metrics).toMatch(/^recordkey_relay_agents 2$/m);
    expect(metrics).toMatch(/^recordkey_relay_getall_duration_seconds_count [1-9]\d*$/m);
    expect(metrics).toMatch(/^recordkey_relay_getall_bytes [1-9]\d*$/m);
    await a.control('POST', '/sim/faults', { path: '*', status: 503 });
    await until(async () => (await fetch(`${relay!.server.url}/healthz`)).status === 503, 'healthz to say the data is stale', 6000);
    await a.control('DELETE', '/sim/faults');
  });
});

describe('security', () => {
  it('with a token: no token is closed 4401, a wrong Bearer is refused before the upgrade, the right one is served', async () => {
    const token = 'a-long-shared-token-for-tests';
    relay = await startTestRelay([a.url], { token });
    const none = client();
    none.subscribe('Phone', TEST_AGENT.agentPhone);
    expect(await none.closed).toMatchObject({ code: RELAY_CLOSE.unauthorized });
    expect(none.snapshots()).toEqual([]);
    const wrong = client({ authorization: 'Bearer not-the-token' });
    await expect(wrong.opened).rejects.toThrow(/401/);
    const inMessage = client();
    inMessage.subscribe('Phone', TEST_AGENT.agentPhone, { token });
    const inHeader = client({ authorization: `Bearer ${token}` });
    inHeader.subscribe('Phone', TEST_AGENT.agentPhone);
    await until(() => inMessage.snapshots().length === 1 && inHeader.snapshots().length === 1, 'both served');
  });

  it('bad messages close with a reason, never a crash; the relay serves on', async () => {
    relay = await startTestRelay([a.url], { subscribeWithinMs: 300 });
    const cases: Array<[string, (c: RelayClient) => void, number, RegExp]> = [
      ['garbage', (c) => c.ws.send('}{ not json'), RELAY_CLOSE.badMessage, /not JSON/],
      ['a command', (c) => c.ws.send(JSON.stringify({ type: 'blackout', action: 'start' })), RELAY_CLOSE.badMessage, /bad subscribe/],
      ['an unknown identifier', (c) => c.ws.send(JSON.stringify({ type: 'subscribe', protocol: 1, agent: { kind: 'Email', value: 'x' } })), RELAY_CLOSE.badMessage, /agent\.kind/],
      ['another protocol', (c) => c.ws.send(JSON.stringify({ type: 'subscribe', protocol: 2, agent: { kind: 'Phone', value: '1' } })), RELAY_CLOSE.unsupportedProtocol, /speaks 1/],
      ['binary', (c) => c.ws.send(Buffer.from([1, 2, 3])), RELAY_CLOSE.badMessage, /binary/],
      ['an oversized frame', (c) => c.ws.send('x'.repeat(64 * 1024)), RELAY_CLOSE.tooBig, /.*/],
      ['nothing at all', () => {}, RELAY_CLOSE.subscribeTimeout, /no subscribe within/],
    ];
    for (const [what, send, code, reason] of cases) {
      const c = client();
      await c.opened;
      send(c);
      const closed = await c.closed;
      expect({ what, code: closed.code }).toEqual({ what, code });
      expect(closed.reason).toMatch(reason);
    }
    const twice = client();
    twice.subscribe('Phone', TEST_AGENT.agentPhone);
    await until(() => twice.snapshots().length === 1, 'the subscribe');
    twice.ws.send(JSON.stringify({ type: 'subscribe', protocol: 1, agent: { kind: 'Phone', value: OTHER.agentPhone } }));
    expect(await twice.closed).toMatchObject({ code: RELAY_CLOSE.badMessage, reason: expect.stringMatching(/already subscribed/) });
    // Still serving.
    const after = client();
    after.subscribe('Phone', TEST_AGENT.agentPhone);
    await until(() => after.snapshots().length === 1, 'a client served after all that');
    expect((await fetch(`${relay.server.url}/metrics`)).status).toBe(200);
  });

  it('bounds its connections: past the limit the upgrade is refused with 503', async () => {
    relay = await startTestRelay([a.url], { maxConnections: 2 });
    const [one, two] = [client(), client()];
    await Promise.all([one.opened, two.opened]);
    await expect(client().opened).rejects.toThrow(/503/);
  });

  it('a reader that stops reading does not hold the others up', async () => {
    relay = await startTestRelay([a.url]);
    const stuck = client();
    stuck.subscribe('Phone', TEST_AGENT.agentPhone);
    await until(() => stuck.snapshots().length === 1, 'the stuck client subscribed');
    (stuck.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const reader = client();
    reader.subscribe('Phone', TEST_AGENT.agentPhone);
    await until(() => reader.snapshots().length === 1, 'the reader subscribed');
    await a.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true });
    await until(() => reader.snapshots().length === 2, 'the reader told of the call');
  });

  it('a subscriber whose unsent messages pass 1 MiB is closed (4429); heartbeats are skipped before that', () => {
    const table = new AgentTable();
    table.replaceAll([], { version: 1, polledAt: Date.now(), server: 'http://rec' });
    const hub = new RelayHub(table, new RelayMetrics());
    const sent: Buffer[] = [];
    const closes: number[] = [];
    const slow: Subscriber & { buffered: number } = { buffered: 0, send: (t) => sent.push(t), close: (code) => closes.push(code) };
    hub.subscribe(slow, { kind: 'Phone', value: '805003' });
    expect(sent).toHaveLength(1);
    slow.buffered = 100 * 1024;
    hub.heartbeat();
    expect(sent).toHaveLength(1);
    slow.buffered = 2 * 1024 * 1024;
    hub.heartbeat();
    expect(closes).toEqual([RELAY_CLOSE.tooSlow]);
    expect(hub.subscriberCount).toBe(0);
  });
});
