/**
 * `npm run bench [-- --quick] [-- --only name,name]`: every figure set against a baseline
 * measured in the same run; a table on stdout and bench/results/<time>.json with the machine.
 */
import { execFileSync } from 'node:child_process';
import { cpus, hostname, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { table, round } from './bench-kit';
import { commandLatency } from './command-latency';
import { firstPaint } from './first-paint';
import { fleet } from './fleet';
import { footprint } from './footprint';
import { failover } from './failover';
import { pollingLoad } from './polling-load';
import { relayBench } from './relay';
import { simulatorThroughput } from './simulator-throughput';

const BENCHES = ['throughput', 'latency', 'polling', 'paint', 'footprint', 'fleet', 'failover', 'relay'] as const;

/** Said beside a ratio with a target; a benchmark never fails the build. */
const verdict = (ratio: number, target: number) => (ratio <= target ? `(target ≤ ${target}: met)` : `(target ≤ ${target}: MISSED)`);

/** Which code was measured: the commit, and whether the tree had changes on top of it. */
function gitCommit(): { commit: string; dirty: boolean } | null {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, 'fleet-sizes': { type: 'string' } } });
  const quick = values.quick ?? false;
  const only = values.only ? values.only.split(',') : [...BENCHES];
  const unknown = only.filter((o) => !BENCHES.includes(o as (typeof BENCHES)[number]));
  if (unknown.length) {
    process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; choose from ${BENCHES.join(', ')}\n`);
    process.exit(2);
  }
  const started = Date.now();
  const results: Record<string, unknown> = {};
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`RecordKey benchmarks${quick ? ' (quick)' : ''} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);

  if (only.includes('throughput')) {
    const r = await simulatorThroughput(quick);
    results.throughput = r;
    out(table('Simulator GET /api/Agent throughput (32 keep-alive connections)', ['server', 'req/s', 'vs bare'], [['simulator', r.simulatorRequestsPerSecond, r.ratio], ['bare node http', r.bareServerRequestsPerSecond, 1]]));
  }
  if (only.includes('latency')) {
    const r = await commandLatency(quick);
    results.latency = r;
    for (const run of [r.loopback, r.delayed]) {
      const row = (name: string, s: { p50: number; p95: number; p99: number; n: number }) => [name, s.n, round(s.p50, 2), round(s.p95, 2), round(s.p99, 2)];
      out(
        table(`Command latency, intent → confirmed by status (${run.network}; clients interleaved in random order)`, ['client', 'n', 'p50 ms', 'p95 ms', 'p99 ms'], [
          row('RecordKey as shipped (durable audit)', run.ms.recordkey),
          row('RecordKey, confirming read pipelined', run.ms.recordkeyPipelined),
          row('floor: bare POST + GET', run.ms.barePostGet),
          row('floor: bare POST', run.ms.barePost),
          row('floor: bare POST + GET pipelined', run.ms.barePipelined),
        ]),
      );
      out(`shipped ÷ bare POST+GET: p50 ${run.shippedToPostGet.p50}× ${verdict(run.shippedToPostGet.p50, 1.3)}, p99 ${run.shippedToPostGet.p99}× ${verdict(run.shippedToPostGet.p99, 1.5)}`);
      out(`pipelined ÷ bare POST: p50 ${run.pipelinedToPost.p50}× ${verdict(run.pipelinedToPost.p50, 1.2)}, p99 ${run.pipelinedToPost.p99}×; ÷ bare pipelined POST+GET: p50 ${run.pipelinedToBarePipelined.p50}×, p99 ${run.pipelinedToBarePipelined.p99}×`);
      out(`audit fsyncs per command (shipped): ${run.fsyncsPerCommand}`);
    }
  }
  if (only.includes('polling')) {
    const r = await pollingLoad(quick);
    results.polling = r;
    const q = r.requestsPerAgentMinute;
    out(table(`Polling load (${r.agents} agents per client and state, over ${r.seconds} s)`, ['client', 'idle req/agent-min', 'on call req/agent-min'], [['RecordKey', q.idle, q.onCall], ['naive 1 s poller', q.naiveIdle, q.naiveOnCall]]));
    out(`idle load ratio: ${r.idleLoadRatio} (goal ≤ 0.2)`);
    const s = r.stalenessOnCallMs;
    const a = r.stalenessIdleCallArrivalMs;
    out(table('Staleness: server change → shown (each change at a uniformly random moment of the poll period)', ['case', 'client', 'n', 'p50 ms', 'p99 ms'], [
      ['on a call', 'RecordKey', s.recordkey.n, round(s.recordkey.p50), round(s.recordkey.p99)],
      ['on a call', 'naive', s.naive.n, round(s.naive.p50), round(s.naive.p99)],
      ['idle → call arrives', 'RecordKey', a.recordkey.n, round(a.recordkey.p50), round(a.recordkey.p99)],
      ['idle → call arrives', 'naive', a.naive.n, round(a.naive.p50), round(a.naive.p99)],
    ]));
  }
  if (only.includes('paint')) {
    const r = await firstPaint(quick);
    results.paint = r;
    if ('skipped' in r) out(`\nFirst paint: skipped, ${r.skipped}`);
    else {
      out(table(`Status window: navigation → recording state painted (headless Chromium, ${r.loads} loads each, interleaved)`, ['page', 'p50 ms', 'p99 ms'], [['status window: banner with the state', round(r.appMs.p50), round(r.appMs.p99)], ['status window: whole (controls too)', round(r.wholeWindowMs.p50), round(r.wholeWindowMs.p99)], ['blank page, same shell', round(r.blankMs.p50), round(r.blankMs.p99)]]));
      out(`banner ratio: p50 ${r.ratio.p50}× ${verdict(r.ratio.p50, 2)}, p99 ${r.ratio.p99}×; whole window p50 ${round(r.wholeWindowMs.p50 / r.blankMs.p50, 2)}×`);
      out(`window script ${Math.round(r.bundle.bytes / 1024)} KiB minified: ${r.bundle.shares.slice(0, 6).map((s) => `${s.source} ${s.percent} %`).join(', ')}`);
    }
  }
  if (only.includes('footprint')) {
    const r = await footprint(quick);
    results.footprint = r;
    out(table(`Footprint over ${r.seconds} s (idle agent)`, ['process', 'RSS MiB', 'heap MiB', 'CPU ms', 'CPU % of a core'], [
      ['one agent core', r.core.rssMb, r.core.heapUsedMb, r.core.cpuMs, r.cpuPercentOfOneCore.core],
      ['bare node', r.bare.rssMb, r.bare.heapUsedMb, r.bare.cpuMs, r.cpuPercentOfOneCore.bare],
    ]));
    out(`RSS ratio ${r.rssRatio}× (+${r.extraRssMb} MiB)`);
  }
  if (only.includes('fleet')) {
    const sizes = values['fleet-sizes']?.split(',').map(Number);
    if (sizes?.some((n) => !Number.isInteger(n) || n < 1 || n > 20_000)) {
      process.stderr.write('bench: --fleet-sizes takes whole numbers from 1 to 20000, e.g. 100,2000\n');
      process.exit(2);
    }
    const rows = await fleet(quick, sizes);
    results.fleet = rows;
    out(table('Fleet: N agent cores in one process against one simulator process', ['N', 'server req/s', 'sim CPU %', 'sim MiB', 'cores CPU %', 'cores MiB', 'commands', 'success', 'lost', 'staleness p99 ms', 'loop lag p99 ms'], rows.map((r) => [r.agents, r.serverRequestsPerSecond, r.simulatorCpuPercent, r.simulatorRssMb, r.clientCpuPercent, r.clientRssMb, r.commands, r.successRate, r.lost, round(r.stalenessMs.p99), r.loopLagMs.p99])));
    const at2000 = rows.find((r) => r.agents === 2000);
    if (at2000) out(`2,000 agents: ${at2000.lost} lost ${at2000.lost === 0 ? '(target 0: met)' : '(target 0: MISSED)'}, loop lag p99 ${at2000.loopLagMs.p99} ms ${at2000.loopLagMs.p99 < 50 ? '(target < 50: met)' : '(target < 50: MISSED)'}`);
  }

  if (only.includes('failover')) {
    const r = await failover(quick);
    results.failover = r;
    const row = (name: string, s: { p50: number; p99: number; n: number }) => [name, s.n, round(s.p50), round(s.p99), round(s.p50 / r.requestTimeoutMs, 2), round(s.p99 / r.requestTimeoutMs, 2)];
    out(table(`Failover: the first of two servers goes down as Pause is pressed → the pause confirmed by the second (request timeout ${r.requestTimeoutMs} ms)`, ['first server', 'n', 'p50 ms', 'p99 ms', 'p50 ÷ timeout', 'p99 ÷ timeout'], [row('drops connections', r.droppedMs), row('hangs (timeouts)', r.hangingMs)]));
    const worst = r.pauseOvershootMs.p99;
    out(`pause across a failover (sync broken): ended ${round(r.pauseOvershootMs.p50, 0)} ms (p50), ${round(worst, 0)} ms (worst) after its original deadline; ${worst <= r.pollMs ? `(target ≤ one poll, ${r.pollMs} ms: met)` : `(target ≤ one poll, ${r.pollMs} ms: MISSED)`}`);
  }

  if (only.includes('relay')) {
    const r = await relayBench(quick);
    results.relay = r;
    const s = (x: { p50: number; p99: number; n: number }) => `${round(x.p50)} / ${round(x.p99)} (n ${x.n})`;
    out(table(`Site relay: ${r.desktops} desktops, ${r.agents} agents at a contact centre's pace, ${r.windowSeconds} s windows (same run)`, ['status from', 'Recording API req/s', 'call arrival → held, p50 / p99 ms'], [
      ['the relay (one GetAll a second)', r.viaRelay.apiRequestsPerSecond, s(r.viaRelay.stalenessMs)],
      ['direct polling (1 s on a call, 6 s idle)', r.direct.apiRequestsPerSecond, s(r.direct.stalenessMs)],
    ]));
    out(`relay ÷ direct load: ${r.loadRatio}×; per poller ${r.viaRelay.apiRequestsPerSecond} req/s ${verdict(r.viaRelay.apiRequestsPerSecond, 1.05)}; call-arrival p99 ${round(r.viaRelay.stalenessMs.p99)} ms ${verdict(r.viaRelay.stalenessMs.p99, 1500)}`);
    out(`GetAll of ${r.agents} agents: ${Math.round(r.getAll.bytes / 1024)} KiB, p50 ${round(r.getAll.ms.p50)} ms, p99 ${round(r.getAll.ms.p99)} ms (one agent's status: p50 ${round(r.getAll.oneAgentStatusMs.p50, 2)} ms)`);
    out(`relay: ${r.viaRelay.relayKiBPerConnection} KiB per connection ${verdict(r.viaRelay.relayKiBPerConnection, 20)} (RSS ${r.viaRelay.relayIdleRssMb} → ${r.viaRelay.relayRssMb} MiB), CPU ${r.viaRelay.relayCpuPercent} % of a core, event-loop lag p99 ${r.viaRelay.loopLagP99Ms} ms`);
    const sec = (ms: number) => round(ms / 1000);
    out(`relay killed, restarted 2 s later: ${r.restart.outageApiRequestsPerSecond} req/s from the kill until all were back (direct polling: ${r.direct.apiRequestsPerSecond}); after the restart (relay ready at ${sec(r.restart.relayReadyMs)} s) all ${r.desktops} connected to it at ${sec(r.restart.allConnectedMs)} s; desktops back on its data: half at ${sec(r.restart.halfBackMs)} s, 99 % at ${sec(r.restart.p99BackMs)} s, all at ${sec(r.restart.allBackMs)} s; the desktops' processes meanwhile at ${r.restart.desktopProcessesCpuPercent} % CPU of this machine's ${cpus().length * 100} % ${r.restart.allBackMs <= 10_000 ? '(target all ≤ 10 s: met)' : '(target all ≤ 10 s: MISSED)'}`);
    out('replicas' in r.replicas ? `three replicas on RabbitMQ: ${r.replicas.getAllPerSecond} GetAll a second ${verdict(r.replicas.getAllPerSecond, 1.05)}` : `three replicas: skipped, ${r.replicas.skipped}`);
  }

  const seconds = round((Date.now() - started) / 1000);
  out(`\nwhole run: ${seconds} s`);
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`;
  const machine = { host: hostname(), cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30), loadAverageAtEnd: loadavg().map((l) => round(l, 2)), node: process.version, platform: process.platform, arch: process.arch };
  writeFileSync(file, JSON.stringify({ machine, git: gitCommit(), startedAt: new Date(started).toISOString(), quick, seconds, results }, null, 2));
  out(`results: ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack}\n`);
  process.exit(1);
});
