/**
 * Intent → confirmed AppState (the control shows the target with the server's status as its
 * evidence), for voice, screen and pause start/stop against the simulator in its own process,
 * in the configuration RecordKey ships: a durable audit log (fsync) on disk. Set against the
 * two physical floors, a bare POST and a bare POST followed by the GET that reads the status,
 * each over one keep-alive connection. All four clients take turns command by command, in a
 * fresh random order every time, each with its own agent, so a busier moment of the machine
 * falls on all of them alike. Run on loopback and again through a proxy that adds ~10 ms of
 * round trip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordingApiClient } from '../src-main/backends/onprem/recording-api-client';
import { createAgentCore, type AgentCore } from '../src-main/core/agent-core';
import { AuditLog } from '../src-main/core/audit-log';
import type { ControlName, Intent } from '../src-main/core/ipc-contract';
import { control, round, shuffle, startChild, summarize, type Summary } from './bench-kit';

const CYCLE: Array<{ control: ControlName; target: 'on' | 'off'; intent: Intent; path: string }> = [
  { control: 'voice', target: 'on', intent: { type: 'voice', action: 'start' }, path: '/api/Record/StartForAgent' },
  { control: 'screen', target: 'on', intent: { type: 'screen', action: 'start' }, path: '/api/ScreenRecord/StartForAgent' },
  { control: 'blackout', target: 'on', intent: { type: 'blackout', action: 'start' }, path: '/api/Blackout/StartForAgent' },
  { control: 'blackout', target: 'off', intent: { type: 'blackout', action: 'stop' }, path: '/api/Blackout/StopForAgent' },
  { control: 'screen', target: 'off', intent: { type: 'screen', action: 'stop' }, path: '/api/ScreenRecord/StopForAgent' },
  { control: 'voice', target: 'off', intent: { type: 'voice', action: 'stop' }, path: '/api/Record/StopForAgent' },
];

const CLIENTS = ['recordkey', 'recordkeyPipelined', 'barePost', 'barePostGet', 'barePipelined'] as const;
type ClientName = (typeof CLIENTS)[number];

export interface LatencyRun {
  network: string;
  commandsPerClient: number;
  ms: Record<ClientName, Summary>;
  /** RecordKey as shipped against a bare POST+GET (targets: p50 ≤ 1.3, p99 ≤ 1.5). */
  shippedToPostGet: { p50: number; p99: number };
  /** RecordKey with the confirming read pipelined against a bare POST (target: p50 ≤ 1.2). */
  pipelinedToPost: { p50: number; p99: number };
  /** The same against the floor of pipelining itself: POST and GET in one write on a raw socket. */
  pipelinedToBarePipelined: { p50: number; p99: number };
  /** Audit groups written and fsynced by the shipped client, per command. */
  fsyncsPerCommand: number;
}

export interface CommandLatencyResult {
  loopback: LatencyRun;
  delayed: LatencyRun;
}

function bareRequest(url: string, agent: Agent, method: 'GET' | 'POST', body?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = request(url, { method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Client {
  run(step: (typeof CYCLE)[number]): Promise<number>;
  close(): void;
}

function recordkeyClient(url: string, agentId: number, pipelining: boolean, auditDir: string): Client & { core: AgentCore; audit: AuditLog } {
  const audit = new AuditLog(auditDir);
  const core = createAgentCore({
    backend: new RecordingApiClient({ baseUrl: url, agent: { kind: 'Id', value: String(agentId) }, auth: { type: 'none' }, timeoutMs: 5000, pipelining }),
    agentLabel: `bench ${agentId}`,
    audit,
    maxBlackoutSeconds: 3600,
    // An admin who knows this server's status shows pauses: then a pause is confirmed by status like the rest.
    statusShowsPauses: 'admin',
  });
  return {
    core,
    audit,
    async run(step) {
      const confirmed = new Promise<void>((resolve) => {
        const off = core.subscribe((s) => {
          const c = s.controls[step.control];
          if (c.kind === step.target && c.evidence === 'status') {
            off.dispose();
            resolve();
          }
        });
      });
      const t0 = performance.now();
      const receipt = core.submit(step.intent, 'cli');
      if (!receipt.accepted) throw new Error(`bench command refused: ${receipt.reason}`);
      await confirmed;
      const ms = performance.now() - t0;
      await core.controller.idle();
      return ms;
    },
    close() {
      core.stop();
      audit.close();
    },
  };
}

function bareClient(url: string, agentId: number, withRead: boolean): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const body = JSON.stringify({ AgentIdentifier: 'Id', Value: String(agentId) });
  const status = `${url}/api/Agent?agentIdentifier=Id&value=${agentId}`;
  return {
    async run(step) {
      const t0 = performance.now();
      await bareRequest(url + step.path, agent, 'POST', body);
      if (withRead) await bareRequest(status, agent, 'GET');
      return performance.now() - t0;
    },
    close: () => agent.destroy(),
  };
}

/**
 * The floor of pipelining: the POST and the GET in one write on a raw keep-alive socket, done
 * when both answers are in (the simulator always sends Content-Length).
 */
async function barePipelinedClient(url: string, agentId: number): Promise<Client> {
  const { port, hostname } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.setNoDelay(true);
  await new Promise((resolve) => socket.once('connect', resolve));
  const body = JSON.stringify({ AgentIdentifier: 'Id', Value: String(agentId) });
  const host = `host: ${hostname}:${port}\r\n`;
  const read = `GET /api/Agent?agentIdentifier=Id&value=${agentId} HTTP/1.1\r\n${host}\r\n`;
  let buffered = Buffer.alloc(0);
  let waiting: { answers: number; resolve: () => void } | null = null;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0 || !waiting) return;
      const length = Number(/content-length: *(\d+)/i.exec(buffered.subarray(0, end).toString('latin1'))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      buffered = buffered.subarray(end + 4 + length);
      if (--waiting.answers === 0) {
        const done = waiting.resolve;
        waiting = null;
        done();
      }
    }
  });
  return {
    async run(step) {
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        waiting = { answers: 2, resolve };
        socket.write(`POST ${step.path} HTTP/1.1\r\n${host}content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}${read}`);
      });
      return performance.now() - t0;
    },
    close: () => socket.destroy(),
  };
}

async function measure(network: string, url: string, cycles: number, firstAgent: number): Promise<LatencyRun> {
  const ids = CLIENTS.map((_, i) => firstAgent + i);
  for (const id of ids) {
    await control(url, 'POST', '/sim/agents', { agentId: id });
    await control(url, 'POST', `/sim/agents/${id}/call`, {});
  }
  const auditDir = mkdtempSync(join(tmpdir(), 'rk-bench-audit-'));
  const shipped = recordkeyClient(url, ids[0], false, join(auditDir, 'shipped'));
  const pipelined = recordkeyClient(url, ids[1], true, join(auditDir, 'pipelined'));
  const clients: Record<ClientName, Client> = {
    recordkey: shipped,
    recordkeyPipelined: pipelined,
    barePost: bareClient(url, ids[2], false),
    barePostGet: bareClient(url, ids[3], true),
    barePipelined: await barePipelinedClient(url, ids[4]),
  };
  const samples = Object.fromEntries(CLIENTS.map((n) => [n, [] as number[]])) as Record<ClientName, number[]>;
  try {
    for (const c of [shipped, pipelined]) {
      c.core.start();
      await c.core.poller.pollNow();
    }
    // One warm-up cycle each: connections open, code compiled.
    for (const step of CYCLE) for (const name of CLIENTS) await clients[name].run(step);
    const fsyncsBefore = shipped.audit.stats.fsyncs;
    for (let c = 0; c < cycles; c++) {
      for (const step of CYCLE) {
        for (const name of shuffle([...CLIENTS])) samples[name].push(await clients[name].run(step));
      }
    }
    const fsyncsPerCommand = round((shipped.audit.stats.fsyncs - fsyncsBefore) / (cycles * CYCLE.length), 2);
    const ms = Object.fromEntries(CLIENTS.map((n) => [n, summarize(samples[n])])) as Record<ClientName, Summary>;
    const ratio = (a: Summary, b: Summary) => ({ p50: round(a.p50 / b.p50, 2), p99: round(a.p99 / b.p99, 2) });
    return {
      network,
      commandsPerClient: cycles * CYCLE.length,
      ms,
      shippedToPostGet: ratio(ms.recordkey, ms.barePostGet),
      pipelinedToPost: ratio(ms.recordkeyPipelined, ms.barePost),
      pipelinedToBarePipelined: ratio(ms.recordkeyPipelined, ms.barePipelined),
      fsyncsPerCommand,
    };
  } finally {
    for (const c of Object.values(clients)) c.close();
    rmSync(auditDir, { recursive: true, force: true });
  }
}

export async function commandLatency(quick: boolean): Promise<CommandLatencyResult> {
  const sim = await startChild('src-main/simulator/cli.ts', ['--port', '0'], 'listening on');
  const proxy = await startChild('bench/delay-proxy.ts', [new URL(sim.url).port, '5'], 'listening on');
  try {
    const loopback = await measure('loopback', sim.url, quick ? 25 : 200, 7);
    const delayed = await measure('proxy, +10 ms round trip', proxy.url, quick ? 5 : 30, 30);
    return { loopback, delayed };
  } finally {
    proxy.stop();
    sim.stop();
  }
}
