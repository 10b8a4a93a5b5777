/**
 * Intent → confirmed AppState, for voice, screen and pause start/stop against the simulator
 * on 127.0.0.1, set against (a) the bare round trip of the same HTTP request, the physical
 * floor, and (b) a naive client that waits for its next 1 s poll — all in one run.
 */
import { Agent, request } from 'node:http';
import { RecordingApiClient } from '../src-main/backends/onprem/recording-api-client';
import { createAgentCore } from '../src-main/core/agent-core';
import { MemoryAuditSink } from '../src-main/core/audit-log';
import type { ControlName, Intent } from '../src-main/core/ipc-contract';
import { control, round, sleep, startChild, summarize, type Summary } from './bench-kit';
import { NaivePoller } from './naive-client';

const CYCLE: Array<{ control: ControlName; target: 'on' | 'off'; intent: Intent }> = [
  { control: 'voice', target: 'on', intent: { type: 'voice', action: 'start' } },
  { control: 'screen', target: 'on', intent: { type: 'screen', action: 'start' } },
  { control: 'blackout', target: 'on', intent: { type: 'blackout', action: 'start' } },
  { control: 'blackout', target: 'off', intent: { type: 'blackout', action: 'stop' } },
  { control: 'screen', target: 'off', intent: { type: 'screen', action: 'stop' } },
  { control: 'voice', target: 'off', intent: { type: 'voice', action: 'stop' } },
];

export interface CommandLatencyResult {
  commands: number;
  recordkeyMs: Summary;
  bareRoundTripMs: Summary;
  naiveMs: Summary;
  ratioToBare: { p50: number; p99: number };
  ratioToNaive: { p50: number; p99: number };
}

function bareRoundTrip(url: string, agent: Agent, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url + path, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - t0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function commandLatency(quick: boolean): Promise<CommandLatencyResult> {
  const sim = await startChild('src-main/simulator/cli.ts', ['--port', '0'], 'listening on');
  try {
    await control(sim.url, 'POST', '/sim/agents', { agentId: 7, agentPhone: '805003' });
    await control(sim.url, 'POST', '/sim/agents/7/call', {});
    const core = createAgentCore({
      backend: new RecordingApiClient({ baseUrl: sim.url, agent: { kind: 'Id', value: '7' }, auth: { type: 'none' }, timeoutMs: 5000 }),
      agentLabel: 'bench',
      audit: new MemoryAuditSink(),
      maxBlackoutSeconds: 3600,
    });
    core.start();
    await core.poller.pollNow();
    const cycles = quick ? 10 : 84;
    const ours: number[] = [];
    for (let c = 0; c < cycles; c++) {
      for (const step of CYCLE) {
        const confirmed = new Promise<void>((resolve) => {
          const off = core.subscribe((s) => {
            if (s.controls[step.control].kind === step.target) {
              off.dispose();
              resolve();
            }
          });
        });
        const t0 = performance.now();
        const receipt = core.submit(step.intent, 'cli');
        if (!receipt.accepted) throw new Error(`bench command refused: ${receipt.reason}`);
        await confirmed;
        ours.push(performance.now() - t0);
        await core.controller.idle();
      }
    }
    core.stop();

    // The floor: the same POSTs, raw, over one keep-alive connection.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const paths = ['/api/Record/StartForAgent', '/api/ScreenRecord/StartForAgent', '/api/Blackout/StartForAgent', '/api/Blackout/StopForAgent', '/api/ScreenRecord/StopForAgent', '/api/Record/StopForAgent'];
    const body = JSON.stringify({ AgentIdentifier: 'Id', Value: '7' });
    const bare: number[] = [];
    for (let c = 0; c < cycles; c++) for (const path of paths) bare.push(await bareRoundTrip(sim.url, agent, path, body));
    agent.destroy();

    // The naive client: command, then wait for its next 1 s poll to show it. Agents run side by side to keep this short.
    const naiveAgents = quick ? 10 : 25;
    const perAgent = quick ? 3 : 8;
    for (let i = 0; i < naiveAgents; i++) {
      await control(sim.url, 'POST', '/sim/agents', { agentId: 100 + i });
      await control(sim.url, 'POST', `/sim/agents/${100 + i}/call`, {});
    }
    const naive: number[] = [];
    await Promise.all(
      Array.from({ length: naiveAgents }, async (_, i) => {
        const poller = new NaivePoller(sim.url, 100 + i, Math.random() * 1000);
        for (let k = 0; k < perAgent; k++) {
          const on = k % 2 === 0;
          // A press at a random moment: right after a poll, every press would wait a whole second.
          await sleep(Math.random() * 1000);
          const t0 = performance.now();
          const sent = await poller.client.execute({ type: on ? 'voice-start' : 'voice-stop' });
          if (!sent.ok) throw new Error(sent.error.message);
          await poller.nextPollShowing((s) => (s.activeCall?.recordings.some((r) => r.state === 'Recording') ?? false) === on);
          naive.push(performance.now() - t0);
        }
        poller.stop();
      }),
    );

    const r = summarize(ours);
    const b = summarize(bare);
    const n = summarize(naive);
    return {
      commands: ours.length,
      recordkeyMs: r,
      bareRoundTripMs: b,
      naiveMs: n,
      ratioToBare: { p50: round(r.p50 / b.p50, 2), p99: round(r.p99 / b.p99, 2) },
      ratioToNaive: { p50: round(r.p50 / n.p50, 3), p99: round(r.p99 / n.p99, 3) },
    };
  } finally {
    sim.stop();
  }
}
