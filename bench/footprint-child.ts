/**
 * One process for the footprint benchmark: one agent core (the real poller, controller and
 * timer) against the simulator for the given seconds, with the durable audit log it ships
 * with. footprint.ts bundles it with esbuild and runs it under plain `node`, like its baseline
 * bench/bare-node.mjs, so no loader is counted on either side. Prints its memory and CPU.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordingApiClient } from '../src-main/backends/onprem/recording-api-client';
import { createAgentCore } from '../src-main/core/agent-core';
import { AuditLog } from '../src-main/core/audit-log';

const [url, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg);

async function main(): Promise<void> {
  const start = process.cpuUsage();
  const core = createAgentCore({
    backend: new RecordingApiClient({ baseUrl: url, agent: { kind: 'Id', value: '7' }, auth: { type: 'none' }, timeoutMs: 5000 }),
    agentLabel: 'footprint',
    audit: new AuditLog(mkdtempSync(join(tmpdir(), 'rk-footprint-'))),
  });
  core.start();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  process.stdout.write(`result ${JSON.stringify(report(start, core.poller.pollCount))}\n`);
  core.stop();
}

function report(start: NodeJS.CpuUsage, polls: number) {
  const cpu = process.cpuUsage(start);
  const memory = process.memoryUsage();
  return { cpuMs: (cpu.user + cpu.system) / 1000, rssMb: memory.rss / 1048576, heapUsedMb: memory.heapUsed / 1048576, polls };
}

process.stdout.write('ready now\n');
void main().then(() => process.exit(0));
