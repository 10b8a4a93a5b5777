/**
 * Issue 22, replicas on a real RabbitMQ: relays started as separate processes
 * (`npm run relay -- --amqp …`) against one simulator and a broker this file starts and stops
 * by its pid. Whatever the number of replicas, the simulator sees one GetAll a second; every
 * replica serves its own desktops; the poller killed (SIGKILL) hands the lease on within 5 s;
 * replicas join and leave; the broker restarts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../support/rabbitmq-broker';
import { relayClient, type RelayClient } from '../../support/relay-harness';
import { until } from '../../support/wait-for';
import { recordOutcome } from '../../support/outcome';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

const NODE_ARGS = ['--import', 'tsx', join(process.cwd(), 'src-main', 'relay', 'cli.ts')];

interface Replica {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  healthz(): Promise<{ polling: boolean; status: string }>;
}

let broker: Broker;
let sim: Harness;
const replicas: Replica[] = [];
const clients: RelayClient[] = [];

beforeAll(async () => {
  [broker, sim] = await Promise.all([startBroker(), startHarness()]);
  await sim.control('POST', '/sim/agents', TEST_AGENT);
}, 120_000);
afterAll(async () => {
  for (const r of replicas) r.child.kill('SIGKILL');
  await sim?.close();
  await broker?.stop();
}, 60_000);
afterEach(() => {
  for (const c of clients.splice(0)) c.ws.terminate();
});

function startReplica(): Promise<Replica> {
  const child = spawn(process.execPath, [...NODE_ARGS, '--server', sim.url, '--listen', '127.0.0.1:0', '--poll-ms', '1000', '--snapshot-every-ms', '2000', '--amqp', broker.url], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    child.once('exit', (code) => reject(new Error(`the relay exited (${code}) before it was ready: ${stderr}`)));
    child.stdout!.on('data', (data) => {
      buffer += String(data);
      for (const line of buffer.split('\n').slice(0, -1)) {
        const entry = JSON.parse(line) as { event: string; wsUrl?: string };
        if (entry.event === 'ready' && entry.wsUrl) {
          const url = entry.wsUrl.replace(/^ws/, 'http').replace(/\/v1\/agents$/, '');
          const replica = { child, url, wsUrl: entry.wsUrl, healthz: async () => (await (await fetch(`${url}/healthz`)).json()) as { polling: boolean; status: string } };
          replicas.push(replica);
          resolve(replica);
        }
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
  });
}

const alive = () => replicas.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
async function pollers(): Promise<Replica[]> {
  const states = await Promise.all(alive().map(async (r) => ({ r, h: await r.healthz().catch(() => ({ polling: false, status: 'down' })) })));
  return states.filter((s) => s.h.polling).map((s) => s.r);
}
type SimEvent = { at: string; path: string };
async function getAllsBetween(from: number, to: number): Promise<number> {
  const events = await sim.control<SimEvent[]>('GET', '/sim/events');
  return events.filter((e) => /getall/i.test(e.path) && Date.parse(e.at) >= from && Date.parse(e.at) < to).length;
}
/** GetAll requests at the simulator over the next `ms`. */
async function getAllsOver(ms: number): Promise<number> {
  const from = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  return getAllsBetween(from, Date.now());
}
function subscribeAt(replica: Replica): RelayClient {
  const c = relayClient(replica.wsUrl);
  clients.push(c);
  c.subscribe('Phone', TEST_AGENT.agentPhone);
  return c;
}

describe('relay replicas on RabbitMQ', () => {
  it('three replicas: exactly one polls, the simulator sees one GetAll a second, and every replica serves its desktops', async ({ task }) => {
    await Promise.all([startReplica(), startReplica(), startReplica()]);
    await until(async () => (await pollers()).length === 1, 'one poller elected', 10_000);
    // Over 5 s: 5 GetAll, give or take one at the edges.
    const count = await getAllsOver(5000);
    expect(count).toBeGreaterThanOrEqual(4);
    expect(count).toBeLessThanOrEqual(6);
    expect(await pollers()).toHaveLength(1);
    recordOutcome(task, `three replicas: ${count} GetAll in 5 s at the simulator`);
    const desktops = alive().map(subscribeAt);
    await until(() => desktops.every((d) => d.snapshots().length >= 1), 'every replica serving its desktop', 6000);
    await sim.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true });
    await until(() => desktops.every((d) => d.snapshots().at(-1)?.agent?.activeCall !== null), 'the call reaching every desktop', 4000);
  }, 60_000);

  it('the poller killed: another replica polls within 5 s, and the desktops go on being served', async ({ task }) => {
    const [poller] = await pollers();
    const follower = alive().find((r) => r !== poller)!;
    const desktop = subscribeAt(follower);
    await until(() => desktop.snapshots().length >= 1, 'the desktop served');
    const killedAt = Date.now();
    poller.child.kill('SIGKILL');
    // A surviving replica holds the lease and polls (the GetAll just after the kill may be the dead one's, still in flight).
    await until(async () => (await pollers()).length === 1, 'one new poller', 5000);
    const electedMs = Date.now() - killedAt;
    await until(async () => (await getAllsBetween(killedAt + electedMs, Date.now())) > 0, 'a GetAll from the new poller', 5000);
    const handedOnMs = Date.now() - killedAt;
    expect(handedOnMs).toBeLessThan(5000);
    recordOutcome(task, `the poller SIGKILLed: another replica held the lease ${electedMs} ms later and its GetAll reached the simulator at ${handedOnMs} ms`);
    const heardAt = Date.now();
    await until(() => desktop.messages.some((m) => m.type === 'heartbeat' && m.polledAt !== null && Date.parse(m.polledAt) > heardAt - 1000), 'fresh data at the follower', 5000);
    const count = await getAllsOver(4000);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(5);
  }, 60_000);

  it('replicas joining and leaving change nothing: still one GetAll a second', async () => {
    const joined = await startReplica();
    const [poller] = await pollers();
    const leaving = alive().find((r) => r !== poller && r !== joined)!;
    leaving.child.kill('SIGTERM');
    await until(() => leaving.child.exitCode !== null || leaving.child.signalCode !== null, 'the replica gone');
    const desktop = subscribeAt(joined);
    await until(() => desktop.snapshots().length >= 1, 'the new replica serving (after its first full snapshot)', 6000);
    const count = await getAllsOver(4000);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(5);
    expect(await pollers()).toHaveLength(1);
  }, 60_000);

  it('the broker restarts: the replicas rejoin, one polls again, and desktops get fresh data', async ({ task }) => {
    const desktops = alive().map(subscribeAt);
    await until(() => desktops.every((d) => d.snapshots().length >= 1), 'every desktop served');
    await broker.restart();
    const back = Date.now();
    await until(async () => (await pollers()).length === 1, 'one poller after the restart', 20_000);
    const pollingAgainMs = Date.now() - back;
    await until(() => desktops.every((d) => d.messages.some((m) => m.type === 'heartbeat' && m.polledAt !== null && Date.parse(m.polledAt) > back)), 'fresh data at every replica', 15_000);
    const count = await getAllsOver(4000);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(5);
    recordOutcome(task, `broker back: one replica polling again ${pollingAgainMs} ms later; then ${count} GetAll in 4 s`);
  }, 90_000);
});
