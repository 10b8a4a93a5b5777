/**
 * One process for the footprint benchmark: `core` runs one agent core (the real poller,
 * controller and timer) against the simulator for the given seconds; `bare` only keeps a
 * Node process alive as long. Prints its memory and CPU.
 */
import { RecordingApiClient } from '../src-main/backends/onprem/recording-api-client';
import { createAgentCore } from '../src-main/core/agent-core';
import { MemoryAuditSink } from '../src-main/core/audit-log';

const [mode, url, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg);

async function main(): Promise<void> {
  const start = process.cpuUsage();
  if (mode === 'core') {
    const core = createAgentCore({
      backend: new RecordingApiClient({ baseUrl: url, agent: { kind: 'Id', value: '7' }, auth: { type: 'none' }, timeoutMs: 5000 }),
      agentLabel: 'footprint',
      audit: new MemoryAuditSink(),
    });
    core.start();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    process.stdout.write(`result ${JSON.stringify(report(start, core.poller.pollCount))}\n`);
    core.stop();
  } else {
    const keepAlive = setInterval(() => {}, 1000);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    clearInterval(keepAlive);
    process.stdout.write(`result ${JSON.stringify(report(start, 0))}\n`);
  }
}

function report(start: NodeJS.CpuUsage, polls: number) {
  const cpu = process.cpuUsage(start);
  const memory = process.memoryUsage();
  return { cpuMs: (cpu.user + cpu.system) / 1000, rssMb: memory.rss / 1048576, heapUsedMb: memory.heapUsed / 1048576, polls };
}

process.stdout.write('ready now\n');
void main().then(() => process.exit(0));
