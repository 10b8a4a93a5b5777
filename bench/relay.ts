/**
 * The site relay at site scale, every figure beside direct polling by the same desktops in the
 * same run: a simulator with 10,000 agents at a contact centre's pace (about half on a call,
 * about 20 calls starting a second), 10,000 real RecordKey desktops (agent cores with their
 * relay feeds) in two worker processes, one relay process.
 *
 * Phases, in order: the GetAll's cost; desktops via the relay (Recording API load, call-arrival
 * staleness, relay memory per connection, its event-loop lag); the relay killed and restarted
 * (load during the outage, time until every desktop is back on it); the relay gone for good
 * (the same desktops polling directly: load and staleness); three replicas on a real RabbitMQ
 * (still one GetAll a second).
 *
 * Open files: each worker holds a WebSocket and an HTTP connection per desktop, and the relay
 * one per desktop; children are started under `ulimit -n` raised to the hard limit (20,000
 * here), which is enough for 5,000 desktops a worker.
 */
import { userInfo } from 'node:os';
import { existsSync } from 'node:fs';
import { control, processUsage, round, sleep, startChild, summarize, workerPid, type Child, type Summary } from './bench-kit';

export interface RelayBenchResult {
  agents: number;
  desktops: number;
  windowSeconds: number;
  getAll: { ms: Summary; bytes: number; oneAgentStatusMs: Summary };
  viaRelay: { apiRequestsPerSecond: number; requestsByPath: Record<string, number>; getAllPerSecond: number; stalenessMs: Summary; relayRssMb: number; relayIdleRssMb: number; relayKiBPerConnection: number; relayCpuPercent: number; loopLagP99Ms: number };
  direct: { apiRequestsPerSecond: number; stalenessMs: Summary };
  /** Recording API requests a second via the relay ÷ directly, and via the relay per poller (target ≤ 1.05). */
  loadRatio: number;
  /** After the restart: when half, 99 % and all of the desktops were back on the relay (ms from the restart). */
  restart: { outageApiRequestsPerSecond: number; halfBackMs: number; p99BackMs: number; allBackMs: number; relayReadyMs: number; allConnectedMs: number; desktopProcessesCpuPercent: number };
  replicas: { replicas: number; getAllPerSecond: number } | { skipped: string };
}

const PROBES = 200;
const WORKERS = 2;
const FIRST_ID = 1001;

interface Worker {
  child: Child;
  /** The newest status line's figures. */
  status: { relay: number; direct: number; connected: number };
  held: Array<{ agentId: number; call: string; at: number }>;
}

/** Starts a tsx script under the raised open-file limit, waiting for its line. */
function startRaised(script: string, args: string[], prefix: string | RegExp): Promise<Child> {
  return startChild(script, args, prefix, { raiseOpenFiles: true });
}

function watch(child: Child): Worker {
  const worker: Worker = { child, status: { relay: 0, direct: 0, connected: 0 }, held: [] };
  let read = 0;
  const timer = setInterval(() => {
    for (; read < child.lines.length; read++) {
      const line = child.lines[read];
      if (line.startsWith('status ')) worker.status = JSON.parse(line.slice(7)) as Worker['status'];
      else if (line.startsWith('held ')) {
        const [, id, call, at] = line.split(' ');
        worker.held.push({ agentId: Number(id), call, at: Number(at) });
      }
    }
  }, 100);
  timer.unref();
  return worker;
}

/** Recording API requests a second over the next `ms`, and (from the simulator's log of the last 5,000) which ones. */
async function requestsOver(simUrl: string, ms: number): Promise<number> {
  return (await requestsWithPaths(simUrl, ms)).perSecond;
}

async function requestsWithPaths(simUrl: string, ms: number): Promise<{ perSecond: number; byPath: Record<string, number> }> {
  const before = (await control<{ requests: number }>(simUrl, 'GET', '/sim/stats')).requests;
  const from = Date.now();
  await sleep(ms);
  const after = (await control<{ requests: number }>(simUrl, 'GET', '/sim/stats')).requests;
  const byPath: Record<string, number> = {};
  for (const e of await control<Array<{ method: string; path: string }>>(simUrl, 'GET', `/sim/events?since=${before}`)) byPath[`${e.method} ${e.path}`] = (byPath[`${e.method} ${e.path}`] ?? 0) + 1;
  return { perSecond: (after - before) / ((Date.now() - from) / 1000), byPath };
}

/** Places a call on every probe at a moment drawn uniformly over the window; returns when each was placed. */
async function callArrivals(simUrl: string, probeIds: number[], windowMs: number): Promise<Map<number, number>> {
  const placed = new Map<number, number>();
  await Promise.all(
    probeIds.map(async (id) => {
      await sleep(Math.random() * windowMs);
      placed.set(id, Date.now());
      await control(simUrl, 'POST', `/sim/agents/${id}/call`, { record: true });
    }),
  );
  return placed;
}

function staleness(placed: Map<number, number>, workers: Worker[], since: number): number[] {
  const samples: number[] = [];
  for (const [id, at] of placed) {
    const held = workers.flatMap((w) => w.held).find((h) => h.agentId === id && h.at >= since);
    if (held) samples.push(held.at - at);
  }
  return samples;
}

async function hangUpProbes(simUrl: string, probeIds: number[]): Promise<void> {
  await Promise.all(probeIds.map((id) => control(simUrl, 'POST', `/sim/agents/${id}/hangup`, {}).catch(() => {})));
}

async function relayMetric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = text.match(new RegExp(`^${name} (\\S+)$`, 'm'));
  return m ? Number(m[1]) : NaN;
}

const RELAY_READY = /"wsUrl":"(ws:\/\/[^"]+)"/;

async function startRelayChild(simUrl: string, listen: string, extra: string[] = []): Promise<{ child: Child; wsUrl: string; httpUrl: string; pid: number }> {
  const child = await startRaised('src-main/relay/cli.ts', ['--server', simUrl, '--listen', listen, '--poll-ms', '1000', '--max-connections', '20000', ...extra], RELAY_READY);
  return { child, wsUrl: child.url, httpUrl: child.url.replace(/^ws/, 'http').replace(/\/v1\/agents$/, ''), pid: workerPid(child.process, 'src-main/relay/cli.ts') };
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

export async function relayBench(quick: boolean): Promise<RelayBenchResult> {
  const agents = quick ? 2000 : 10_000;
  const windowMs = quick ? 8000 : 20_000;
  const sim = await startRaised('src-main/simulator/cli.ts', ['--port', '0', '--demo', '--demo-agents', String(agents - PROBES), '--demo-pace', 'site'], 'listening on');
  const children: Child[] = [sim];
  try {
    const probeIds = Array.from({ length: PROBES }, (_, i) => FIRST_ID + agents - PROBES + i);
    for (const agentId of probeIds) await control(sim.url, 'POST', '/sim/agents', { agentId, agentPhone: String(900000 + agentId) });

    // The GetAll's cost, beside one agent's status.
    const getAllMs: number[] = [];
    const oneMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 10; i++) {
      let t = performance.now();
      const body = await (await fetch(`${sim.url}/api/Agent/GetAll`)).arrayBuffer();
      getAllMs.push(performance.now() - t);
      bytes = body.byteLength;
      t = performance.now();
      await (await fetch(`${sim.url}/api/Agent?agentIdentifier=Id&value=${FIRST_ID}`)).arrayBuffer();
      oneMs.push(performance.now() - t);
    }

    // Desktops via the relay.
    let relay = await startRelayChild(sim.url, '127.0.0.1:0');
    children.push(relay.child);
    const listen = new URL(relay.httpUrl).host;
    await sleep(3000);
    const relayIdleRssMb = processUsage(relay.pid).rssMb;
    const perWorker = agents / WORKERS;
    const workers: Worker[] = [];
    for (let w = 0; w < WORKERS; w++) {
      const ids = Array.from({ length: perWorker }, (_, i) => FIRST_ID + w * perWorker + i);
      const probes = probeIds.filter((id) => ids.includes(id));
      const child = await startRaised('bench/relay-desktops.ts', [sim.url, relay.wsUrl, String(ids[0]), String(perWorker), probes.join(',')], 'ready');
      children.push(child);
      workers.push(watch(child));
    }
    const everyoneVia = (n = agents) => workers.reduce((sum, w) => sum + w.status.relay, 0) >= n;
    await until(() => everyoneVia(), 60_000);
    await sleep(2000);
    await relayMetric(relay.httpUrl, 'recordkey_relay_nodejs_eventloop_lag_p99_seconds'); // resets the lag histogram
    const cpuBefore = processUsage(relay.pid).cpuSeconds;
    const started = Date.now();
    const [{ perSecond: viaRequests, byPath: viaByPath }, placedVia] = await Promise.all([requestsWithPaths(sim.url, windowMs), callArrivals(sim.url, probeIds, windowMs - 3000)]);
    const elapsed = (Date.now() - started) / 1000;
    const relayCpuPercent = ((processUsage(relay.pid).cpuSeconds - cpuBefore) / elapsed) * 100;
    const loopLagP99Ms = (await relayMetric(relay.httpUrl, 'recordkey_relay_nodejs_eventloop_lag_p99_seconds')) * 1000;
    const relayRssMb = processUsage(relay.pid).rssMb;
    const getAllPerSecond = (await relayMetric(relay.httpUrl, 'recordkey_relay_getall_duration_seconds_count')) / ((Date.now() - started) / 1000 + 5);
    await sleep(2000);
    const viaStaleness = staleness(placedVia, workers, started);
    await hangUpProbes(sim.url, probeIds);
    await sleep(3000);

    // The relay killed and restarted on the same address, 2 s later, as systemd's RestartSec=2 does
    // (README); the load is counted from the kill until every desktop is back on the relay.
    const requestsAtKill = (await control<{ requests: number }>(sim.url, 'GET', '/sim/stats')).requests;
    // How busy the desktops' own processes are meanwhile (200 % is both cores): 10,000 desktops polling directly share this machine.
    const desktopPids = workers.map((w) => workerPid(w.child.process, 'bench/relay-desktops.ts'));
    const desktopCpuAtKill = desktopPids.reduce((sum, pid) => sum + processUsage(pid).cpuSeconds, 0);
    relay.child.stop();
    const killedAt = Date.now();
    await sleep(2000);
    const restartAt = Date.now();
    relay = await startRelayChild(sim.url, listen);
    children.push(relay.child);
    const readyAt = Date.now();
    // The relay's own count: every desktop connected again (the desktops' own "via relay" follows once each has its snapshot).
    const connectedAll = until(async () => ((await (await fetch(`${relay.httpUrl}/healthz`)).json()) as { connections: number }).connections >= agents, 30_000).then(() => Date.now());
    const back = (share: number) => workers.reduce((sum, w) => sum + w.status.relay, 0) >= share * agents;
    await until(() => back(0.5), 30_000);
    const halfAt = Date.now();
    await until(() => back(0.99), 30_000);
    const p99At = Date.now();
    await until(() => back(1), 30_000);
    const backAt = Date.now();
    const allConnectedAt = await connectedAll;
    const outageRequests = ((await control<{ requests: number }>(sim.url, 'GET', '/sim/stats')).requests - requestsAtKill) / ((backAt - killedAt) / 1000);
    const desktopProcessesCpuPercent = ((desktopPids.reduce((sum, pid) => sum + processUsage(pid).cpuSeconds, 0) - desktopCpuAtKill) / ((Date.now() - killedAt) / 1000)) * 100;

    // The relay gone for good: the same desktops poll directly.
    relay.child.stop();
    await until(() => workers.every((w) => w.status.direct === perWorker), 15_000);
    await sleep(7000);
    const directStarted = Date.now();
    const [directRequests, placedDirect] = await Promise.all([requestsOver(sim.url, windowMs), callArrivals(sim.url, probeIds, windowMs - 7000)]);
    await sleep(1000);
    const directStaleness = staleness(placedDirect, workers, directStarted);
    for (const w of workers) w.child.stop();

    // Three replicas on a real RabbitMQ.
    const replicas = await threeReplicas(sim.url, children);

    return {
      agents,
      desktops: agents,
      windowSeconds: windowMs / 1000,
      getAll: { ms: summarize(getAllMs), bytes, oneAgentStatusMs: summarize(oneMs) },
      viaRelay: {
        apiRequestsPerSecond: round(viaRequests, 2),
        requestsByPath: viaByPath,
        getAllPerSecond: round(getAllPerSecond, 2),
        stalenessMs: summarize(viaStaleness),
        relayRssMb: round(relayRssMb),
        relayIdleRssMb: round(relayIdleRssMb),
        relayKiBPerConnection: round(((relayRssMb - relayIdleRssMb) * 1024) / agents, 1),
        relayCpuPercent: round(relayCpuPercent),
        loopLagP99Ms: round(loopLagP99Ms, 1),
      },
      direct: { apiRequestsPerSecond: round(directRequests), stalenessMs: summarize(directStaleness) },
      loadRatio: round(viaRequests / directRequests, 5),
      restart: { outageApiRequestsPerSecond: round(outageRequests), halfBackMs: halfAt - restartAt, p99BackMs: p99At - restartAt, allBackMs: backAt - restartAt, relayReadyMs: readyAt - restartAt, allConnectedMs: allConnectedAt - restartAt, desktopProcessesCpuPercent: round(desktopProcessesCpuPercent) },
      replicas,
    };
  } finally {
    for (const c of children) c.stop();
  }
}

async function threeReplicas(simUrl: string, children: Child[]): Promise<RelayBenchResult['replicas']> {
  if (!existsSync('/usr/sbin/rabbitmq-server')) return { skipped: 'rabbitmq-server is not installed (apt-get install rabbitmq-server)' };
  if (userInfo().uid !== 0) return { skipped: 'starting rabbitmq-server needs root' };
  const { startBroker } = await import('../tests/support/rabbitmq-broker');
  const broker = await startBroker();
  try {
    const replicas: Array<Awaited<ReturnType<typeof startRelayChild>>> = [];
    for (let i = 0; i < 3; i++) {
      const r = await startRelayChild(simUrl, '127.0.0.1:0', ['--amqp', broker.url]);
      children.push(r.child);
      replicas.push(r);
    }
    const polling = async () => (await Promise.all(replicas.map(async (r) => ((await (await fetch(`${r.httpUrl}/healthz`)).json()) as { polling: boolean }).polling))).filter(Boolean).length;
    await until(async () => (await polling()) === 1, 20_000);
    await sleep(3000);
    const perSecond = await requestsOver(simUrl, 10_000);
    for (const r of replicas) r.child.stop();
    return { replicas: 3, getAllPerSecond: round(perSecond, 2) };
  } finally {
    await broker.stop();
  }
}
