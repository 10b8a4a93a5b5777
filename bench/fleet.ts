/**
 * A fleet of N real agent cores in one worker process against one simulator process running
 * the demo call cycle for N agents: server requests/s, each side's CPU and memory, command
 * success, staleness p99 and lost commands. Where a side nears a full core, it saturates.
 */
import { control, processUsage, round, startChild, summarize, workerPid, type Summary } from './bench-kit';

export interface FleetRow {
  agents: number;
  seconds: number;
  serverRequestsPerSecond: number;
  simulatorCpuPercent: number;
  simulatorRssMb: number;
  clientCpuPercent: number;
  clientRssMb: number;
  commands: number;
  successRate: number;
  lost: number;
  stalenessMs: Summary;
  /** The worker's event-loop delay (monitorEventLoopDelay, 10 ms resolution): target p99 < 50 ms at 2,000 agents. */
  loopLagMs: { p50: number; p99: number; max: number };
}

export async function fleet(quick: boolean, only?: number[]): Promise<FleetRow[]> {
  // Past 2000 to find where this machine saturates, and which side first.
  const sizes = only ?? (quick ? [2000] : [100, 500, 1000, 2000, 4000, 6000]);
  const seconds = quick ? 6 : 25;
  const rows: FleetRow[] = [];
  for (const agents of sizes) {
    const sim = await startChild('src-main/simulator/cli.ts', ['--port', '0', '--demo', '--demo-agents', String(agents)], 'listening on');
    try {
      const simPid = workerPid(sim.process, 'src-main/simulator/cli.ts');
      const simBefore = processUsage(simPid);
      const requestsBefore = (await control<{ requests: number }>(sim.url, 'GET', '/sim/stats')).requests;
      const worker = await startChild('bench/fleet-worker.ts', [sim.url, String(agents), String(seconds)], 'ready');
      const result = await new Promise<{ polls: number; submitted: number; confirmed: number; failed: number; lost: number; lostDetail: unknown[]; staleness: number[]; loopLagMs: { p50: number; p99: number; max: number }; cpuSeconds: number; rssMb: number; elapsed: number }>((resolve, reject) => {
        const check = setInterval(() => {
          const line = worker.lines.find((l) => l.startsWith('result '));
          if (line) {
            clearInterval(check);
            resolve(JSON.parse(line.slice('result '.length)));
          }
        }, 100);
        worker.process.on('exit', (code) => code !== 0 && reject(new Error(`fleet worker exited ${code}`)));
      });
      if (result.lost) process.stderr.write(`fleet ${agents}: ${result.lost} commands lost; their state: ${JSON.stringify(result.lostDetail)}\n`);
      const simAfter = processUsage(simPid);
      const requests = (await control<{ requests: number }>(sim.url, 'GET', '/sim/stats')).requests - requestsBefore;
      worker.stop();
      rows.push({
        agents,
        seconds: round(result.elapsed),
        serverRequestsPerSecond: round(requests / result.elapsed),
        simulatorCpuPercent: round(((simAfter.cpuSeconds - simBefore.cpuSeconds) / result.elapsed) * 100),
        simulatorRssMb: round(simAfter.rssMb),
        clientCpuPercent: round((result.cpuSeconds / result.elapsed) * 100),
        clientRssMb: round(result.rssMb),
        commands: result.submitted,
        successRate: result.submitted ? round(result.confirmed / result.submitted, 4) : 1,
        lost: result.lost,
        stalenessMs: summarize(result.staleness),
        loopLagMs: { p50: round(result.loopLagMs.p50), p99: round(result.loopLagMs.p99), max: round(result.loopLagMs.max) },
      });
    } finally {
      sim.stop();
    }
  }
  return rows;
}
