/**
 * `npm run bench [-- --quick] [-- --only name,name]`: every figure set against a baseline
 * measured in the same run; a table on stdout and bench/results/<time>.json with the machine.
 */
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { table, round } from './bench-kit';
import { commandLatency } from './command-latency';
import { fleet } from './fleet';
import { footprint } from './footprint';
import { pollingLoad } from './polling-load';
import { simulatorThroughput } from './simulator-throughput';

const BENCHES = ['throughput', 'latency', 'polling', 'footprint', 'fleet'] as const;

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
    const row = (name: string, s: { p50: number; p95: number; p99: number; n: number }) => [name, s.n, round(s.p50, 2), round(s.p95, 2), round(s.p99, 2)];
    out(table(`Command latency, intent → confirmed (${r.commands} commands)`, ['client', 'n', 'p50 ms', 'p95 ms', 'p99 ms'], [row('RecordKey', r.recordkeyMs), row('bare round trip (floor)', r.bareRoundTripMs), row('naive 1 s poller', r.naiveMs)]));
    out(`ratio to the floor: p50 ${r.ratioToBare.p50}×, p99 ${r.ratioToBare.p99}×; to the naive poller: p50 ${r.ratioToNaive.p50}×, p99 ${r.ratioToNaive.p99}×`);
  }
  if (only.includes('polling')) {
    const r = await pollingLoad(quick);
    results.polling = r;
    const q = r.requestsPerAgentMinute;
    out(table(`Polling load (${r.agents} agents each, ${r.seconds} s per phase)`, ['client', 'idle req/agent-min', 'on call req/agent-min'], [['RecordKey', q.idle, q.onCall], ['naive 1 s poller', q.naiveIdle, q.naiveOnCall]]));
    out(`idle load ratio: ${r.idleLoadRatio} (goal ≤ 0.2)`);
    const s = r.stalenessOnCallMs;
    const a = r.stalenessIdleCallArrivalMs;
    out(table('Staleness: server change → shown', ['case', 'client', 'n', 'p50 ms', 'p99 ms'], [
      ['on a call', 'RecordKey', s.recordkey.n, round(s.recordkey.p50), round(s.recordkey.p99)],
      ['on a call', 'naive', s.naive.n, round(s.naive.p50), round(s.naive.p99)],
      ['idle → call arrives', 'RecordKey', a.recordkey.n, round(a.recordkey.p50), round(a.recordkey.p99)],
      ['idle → call arrives', 'naive', a.naive.n, round(a.naive.p50), round(a.naive.p99)],
    ]));
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
    out(table('Fleet: N agent cores in one process against one simulator process', ['N', 'server req/s', 'sim CPU %', 'sim MiB', 'cores CPU %', 'cores MiB', 'commands', 'success', 'lost', 'staleness p99 ms'], rows.map((r) => [r.agents, r.serverRequestsPerSecond, r.simulatorCpuPercent, r.simulatorRssMb, r.clientCpuPercent, r.clientRssMb, r.commands, r.successRate, r.lost, round(r.stalenessMs.p99)])));
  }

  const seconds = round((Date.now() - started) / 1000);
  out(`\nwhole run: ${seconds} s`);
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`;
  writeFileSync(file, JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30), node: process.version, platform: process.platform }, quick, seconds, results }, null, 2));
  out(`results: ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack}\n`);
  process.exit(1);
});
