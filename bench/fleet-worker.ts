/**
 * One process running N real agent cores (headless) against the simulator's demo fleet:
 * each starts voice recording once per call it sees, and a few probe agents measure
 * staleness on changes the worker itself makes. Prints one JSON line with its figures.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RecordingApiClient } from '../src-main/backends/onprem/recording-api-client';
import { createAgentCore, type AgentCore } from '../src-main/core/agent-core';
import type { AuditSink } from '../src-main/core/audit-log';
import { control, sleep } from './bench-kit';

const [url, countArg, secondsArg] = process.argv.slice(2);
const count = Number(countArg);
const seconds = Number(secondsArg);
const PROBES = 10;

// The fleet measures the core and the server; thousands of in-memory audit trails would only measure the garbage collector.
const audit: AuditSink = { append() {}, recent: () => [] };

function build(id: number): AgentCore {
  return createAgentCore({
    backend: new RecordingApiClient({ baseUrl: url, agent: { kind: 'Id', value: String(id) }, auth: { type: 'none' }, timeoutMs: 10_000 }),
    agentLabel: String(id),
    audit,
  });
}

async function main(): Promise<void> {
  const submitted = { n: 0 };
  const outcomes = { confirmed: 0, failed: 0 };
  const cores: AgentCore[] = [];
  /** Commands are issued only while measuring; afterwards the worker lets the last ones finish. */
  let measuring = true;
  /** Cores with a command not yet confirmed or failed, to say what became of any that are lost. */
  const open = new Set<AgentCore>();
  const handled = new Set<string>();
  for (let i = 0; i < count; i++) {
    const c = build(1001 + i);
    // One voice toggle per call (start if the policy does not record it, stop if it does): a
    // realistic command rate, and every command must end confirmed or failed.
    c.subscribe((s) => {
      const call = s.agent?.activeCall;
      const voice = s.controls.voice.kind;
      if (!measuring || !call || call.callState !== 'OnCall' || handled.has(call.callInstance) || (voice !== 'off' && voice !== 'on')) return;
      handled.add(call.callInstance);
      const target = voice === 'on' ? 'off' : 'on';
      if (c.submit({ type: 'voice', action: target === 'on' ? 'start' : 'stop' }, 'cli').accepted) {
        submitted.n += 1;
        open.add(c);
        const off = c.subscribe((t) => {
          const v = t.controls.voice.kind;
          if (v === target || v === 'failed') {
            off.dispose();
            open.delete(c);
            if (v === target) outcomes.confirmed += 1;
            else outcomes.failed += 1;
          }
        });
      }
    });
    cores.push(c);
  }
  const probeIds = Array.from({ length: PROBES }, (_, i) => 90_001 + i);
  for (const id of probeIds) {
    await control(url, 'POST', '/sim/agents', { agentId: id });
    await control(url, 'POST', `/sim/agents/${id}/call`, {});
  }
  const probes = probeIds.map(build);
  const started = process.cpuUsage();
  // How late the worker's event loop runs its callbacks: what an agent would feel as a slow hotkey.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const t0 = Date.now();
  for (const c of [...cores, ...probes]) c.start();

  // Probes sit on a call; a recording is started or stopped on the server behind their back
  // (as a policy would), and each probe times how long until its AppState shows it.
  const staleness: number[] = [];
  const probing = Promise.all(
    probes.map(async (probe, i) => {
      await sleep(2000);
      for (let k = 0; Date.now() - t0 < seconds * 1000 - 3000; k++) {
        await sleep(300 + Math.random() * 1200);
        const want = k % 2 === 0 ? 'on' : 'off';
        const seen = new Promise<void>((resolve) => {
          const off = probe.subscribe((s) => s.controls.voice.kind === want && (off.dispose(), resolve()));
        });
        const at = performance.now();
        await fetch(`${url}/api/Record/${want === 'on' ? 'StartForAgent' : 'StopForAgent'}`, { method: 'POST', body: JSON.stringify({ AgentIdentifier: 'Id', Value: String(probeIds[i]) }) });
        await seen;
        staleness.push(performance.now() - at);
      }
    }),
  );
  await sleep(seconds * 1000);
  await probing;
  const cpu = process.cpuUsage(started);
  loopDelay.disable();
  const loopLagMs = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  const polls = [...cores, ...probes].reduce((a, c) => a + c.poller.pollCount, 0);
  measuring = false;
  // Let commands in flight finish: a command still running is not lost, one that never ends is.
  await Promise.race([Promise.all(cores.map((c) => c.controller.idle())), sleep(60_000)]);
  for (const c of [...cores, ...probes]) c.stop();
  const pending = submitted.n - outcomes.confirmed - outcomes.failed;
  const lostDetail = [...open].slice(0, 5).map((c) => ({ voice: c.getState().controls.voice, connection: c.getState().connection.status, call: c.getState().agent?.activeCall?.callState ?? null }));
  process.stdout.write(
    `result ${JSON.stringify({ polls, submitted: submitted.n, ...outcomes, lost: pending, lostDetail, staleness, loopLagMs, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssMb: process.memoryUsage().rss / 1048576, elapsed: (Date.now() - t0) / 1000 })}\n`,
  );
}

process.stdout.write('ready now\n');
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`fleet worker: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
