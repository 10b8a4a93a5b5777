/**
 * Issue 21 against a real RabbitMQ: a simulator cluster whose nodes sync blackouts through the
 * broker (src-main/simulator/cluster.ts), a broker these tests start and stop by its pid.
 * - the cluster itself: a blackout on one node reaches the others through the broker; a node cut
 *   off the broker goes on answering, unsynced;
 * - RecordKey: the first server down mid-pause with sync working: the pause is shown on with the
 *   second server's status as evidence, nothing is sent again, and the automatic resume lands on
 *   the second server at the deadline;
 * - the broker down for the whole call: RecordKey does not rely on sync, and the pause is sent
 *   again to the second server to end at its original deadline.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FailoverRecordingApi } from '../../../src-main/backends/onprem/failover-recording-api';
import { FailoverPolicySchema } from '../../../src-main/core/failover-policy';
import { verdictFor } from '../../../src-main/core/verdict';
import { startCluster, type RunningCluster } from '../../../src-main/simulator/cluster';
import { buildCore, stopCore, type CoreUnderTest } from '../../support/core-harness';
import { startBroker, type Broker } from '../../support/rabbitmq-broker';
import { TEST_AGENT } from '../../support/simulator-harness';

let broker: Broker;
let cluster: RunningCluster;
let t: CoreUnderTest | undefined;

beforeAll(async () => {
  broker = await startBroker();
  cluster = await startCluster({ nodes: 2, amqpUrl: broker.url, warn: () => {} });
}, 120_000);
afterAll(async () => {
  await cluster?.close();
  await broker?.stop();
}, 60_000);
afterEach(async () => {
  await stopCore(t);
  t = undefined;
  // A node cut off by a test joins the broker again (once the broker is stopped, this quietly fails).
  for (const node of cluster.nodes) if (!node.onBroker) await node.reconnect().catch(() => {});
});

const CALL = 'c0ffee00-00000001-00000007@127.0.0.1';
type SimEvent = { method: string; path: string; body: string; status: number | string };

async function freshCall(): Promise<void> {
  await cluster.control('POST', '/sim/reset');
  await cluster.control('POST', '/sim/agents', TEST_AGENT);
  await cluster.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true, callInstance: CALL });
}

const node = (i: number) => cluster.nodes[i].sim;
const blackoutOn = async (i: number) => (await (await fetch(`${node(i).url}/sim/agents/${TEST_AGENT.agentId}`)).json() as { blackout: unknown }).blackout;
const post = (i: number, path: string, body: unknown) => fetch(node(i).url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const events = async (i: number) => (await (await fetch(`${node(i).url}/sim/events`)).json()) as SimEvent[];

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function failoverCore(maxBlackoutSeconds: number) {
  const config = (baseUrl: string) => ({ baseUrl, agent: { kind: 'Phone' as const, value: TEST_AGENT.agentPhone }, auth: { type: 'none' as const }, timeoutMs: 1000 });
  const backend = new FailoverRecordingApi([config(node(0).url), config(node(1).url)], FailoverPolicySchema.parse({ probeEveryMs: 50 }));
  t = buildCore(backend, { maxBlackoutSeconds, syncGraceMs: 1500 });
  t.core.start();
  return t;
}

describe('a simulator cluster synced over a real RabbitMQ', () => {
  it('a blackout started on one node reaches the other through the broker; one cut off the broker is not told', async () => {
    await freshCall();
    const body = { AgentIdentifier: 'Phone', Value: TEST_AGENT.agentPhone };
    expect((await post(0, '/api/Blackout/StartForAgent', body)).status).toBe(200);
    await until(async () => (await blackoutOn(1)) !== null, 'the blackout synced to node 2');
    expect((await post(1, '/api/Blackout/StopForAgent', body)).status).toBe(200);
    await until(async () => (await blackoutOn(0)) === null, 'the stop synced to node 1');
    await cluster.nodes[1].cutOff();
    expect((await post(0, '/api/Blackout/StartForAgent', body)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await blackoutOn(1)).toBeNull();
    // Cut off, it still answers.
    expect((await fetch(`${node(1).url}/api/Agent?agentIdentifier=Phone&value=${TEST_AGENT.agentPhone}`)).status).toBe(200);
  });
});

describe('RecordKey across the cluster', () => {
  it('the first server down mid-pause, sync working: shown on by the second server\'s status, nothing sent again, resumed there at the deadline', async () => {
    await freshCall();
    failoverCore(4);
    await t!.core.poller.pollNow();
    t!.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t!.core.controller.idle();
    const deadline = t!.core.getState().pause.current!.deadline;
    await until(async () => (await blackoutOn(1)) !== null, 'the pause synced to the second server');
    await fetch(`${node(0).url}/sim/faults`, { method: 'POST', body: JSON.stringify({ path: '*', drop: true }) });
    await fetch(`${node(1).url}/sim/events`, { method: 'DELETE' });
    await t!.core.poller.pollNow();
    await t!.core.poller.pollNow();
    await until(() => t!.core.getState().server === node(1).url && t!.core.getState().connection.status === 'connected', 'the second server read');
    const state = t!.core.getState();
    expect(state.controls.blackout).toMatchObject({ kind: 'on', evidence: 'status' });
    expect(verdictFor(state, Date.now())).toMatchObject({ pause: 'paused' });
    expect(state.pause.current).toMatchObject({ deadline, movedFrom: null });
    await until(async () => (await blackoutOn(1)) === null, 'the automatic resume on the second server', 10_000);
    expect(Date.now() - Date.parse(deadline)).toBeLessThan(1500);
    const posts = (await events(1)).filter((e) => e.method === 'POST').map((e) => e.path);
    expect(posts).toEqual(['/api/Blackout/StopForAgent']);
    await fetch(`${node(0).url}/sim/faults`, { method: 'DELETE' });
  });

  // Last in the file: it stops the broker itself.
  it('the broker down for the whole call: the pause is sent to the second server again, to end at its original deadline', async () => {
    await freshCall();
    await broker.stop();
    await until(() => cluster.nodes.every((n) => !n.onBroker), 'the nodes to lose the broker');
    failoverCore(6);
    await t!.core.poller.pollNow();
    t!.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t!.core.controller.idle();
    const deadline = t!.core.getState().pause.current!.deadline;
    expect(await blackoutOn(1)).toBeNull();
    await fetch(`${node(0).url}/sim/faults`, { method: 'POST', body: JSON.stringify({ path: '*', drop: true }) });
    await t!.core.poller.pollNow();
    await t!.core.poller.pollNow();
    await until(async () => (await blackoutOn(1)) !== null, 'the pause sent again to the second server');
    await t!.core.controller.idle();
    const stop = (await events(1)).find((e) => e.path === '/api/Blackout/StopForAgent');
    expect(JSON.parse(stop!.body)).toMatchObject({ BlackoutStopTime: deadline });
    await until(async () => (await blackoutOn(1)) === null, 'the end on the second server', 12_000);
    expect(Date.now() - Date.parse(deadline)).toBeLessThan(1500);
    await fetch(`${node(0).url}/sim/faults`, { method: 'DELETE' });
  });
});
