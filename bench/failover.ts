/**
 * Failover (issue 21), measured against two simulators on 127.0.0.1 whose blackout sync is
 * broken (independent processes' worlds, in this process):
 *
 * - failover time: from the first server going down to the first command confirmed by the
 *   second server's status (a pause pressed the moment the first goes down, so it is retried
 *   into the failover), set against the request timeout; the first server either drops its
 *   connections (a crashed process) or hangs (a timeout each time);
 * - how much longer than asked a pause lasts across a failover: a pause confirmed on the first
 *   server, the first gone, the pause sent again to the second; its end on the second server
 *   against the original deadline (target: no later than the deadline plus one poll).
 */
import { summarize, round, type Summary } from './bench-kit';
import { FailoverRecordingApi } from '../src-main/backends/onprem/failover-recording-api';
import { createAgentCore, type AgentCore } from '../src-main/core/agent-core';
import { MemoryAuditSink } from '../src-main/core/audit-log';
import { PollIntervalsSchema } from '../src-main/core/poll-schedule';
import { startSimulator, type RunningSimulator } from '../src-main/simulator/server';

const AGENT = { agentId: 7, agentPhone: '805003', username: 'pat@example.test' };
const REQUEST_TIMEOUT_MS = 1000;
const POLL_MS = 1000;

export interface FailoverResult {
  requestTimeoutMs: number;
  pollMs: number;
  droppedMs: Summary;
  hangingMs: Summary;
  /** How far past its original deadline the pause ended on the second server (negative: before). */
  pauseOvershootMs: Summary;
}

async function control(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(sim.url + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
}

async function blackoutOf(sim: RunningSimulator): Promise<unknown> {
  const response = await fetch(`${sim.url}/sim/agents/${AGENT.agentId}`);
  return ((await response.json()) as { blackout: unknown }).blackout;
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('bench: timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function core(a: RunningSimulator, b: RunningSimulator, maxBlackoutSeconds: number): AgentCore {
  const config = (baseUrl: string) => ({ baseUrl, agent: { kind: 'Phone' as const, value: AGENT.agentPhone }, auth: { type: 'none' as const }, timeoutMs: REQUEST_TIMEOUT_MS });
  const backend = new FailoverRecordingApi([config(a.url), config(b.url)]);
  return createAgentCore({ backend, agentLabel: 'Phone 805003', audit: new MemoryAuditSink(), maxBlackoutSeconds, intervals: PollIntervalsSchema.parse({ activeMs: POLL_MS, idleMs: POLL_MS * 6 }) });
}

async function freshWorlds(sims: RunningSimulator[]): Promise<void> {
  for (const sim of sims) {
    await control(sim, 'POST', '/sim/reset');
    await control(sim, 'POST', '/sim/agents', AGENT);
    await control(sim, 'POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
  }
}

/** One failover: the first server goes down as the agent presses Pause; ms until the second confirms it. */
async function failoverOnce(a: RunningSimulator, b: RunningSimulator, how: 'drop' | 'hang'): Promise<number> {
  await freshWorlds([a, b]);
  const c = core(a, b, 180);
  c.start();
  try {
    await until(() => c.getState().connection.status === 'connected', 5000);
    const downAt = Date.now();
    await control(a, 'POST', '/sim/faults', how === 'drop' ? { path: '*', drop: true } : { path: '*', latencyMs: REQUEST_TIMEOUT_MS * 3 });
    c.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await until(() => {
      const pause = c.getState().controls.blackout;
      return c.getState().server === b.url && pause.kind === 'on' && pause.evidence === 'status';
    }, 30_000);
    return Date.now() - downAt;
  } finally {
    await c.controller.idle();
    c.stop();
    await control(a, 'DELETE', '/sim/faults');
  }
}

/** One pause across a failover with sync broken: ms past its original deadline at which it ended on the second server. */
async function overshootOnce(a: RunningSimulator, b: RunningSimulator): Promise<number> {
  await freshWorlds([a, b]);
  const c = core(a, b, 6);
  c.start();
  try {
    await until(() => c.getState().connection.status === 'connected', 5000);
    c.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await until(() => c.getState().controls.blackout.kind === 'on', 5000);
    const deadline = Date.parse(c.getState().pause.current!.deadline);
    await control(a, 'POST', '/sim/faults', { path: '*', drop: true });
    await until(async () => (await blackoutOf(b)) !== null, 15_000);
    await until(async () => (await blackoutOf(b)) === null, 15_000);
    return Date.now() - deadline;
  } finally {
    await c.controller.idle();
    c.stop();
    await control(a, 'DELETE', '/sim/faults');
  }
}

export async function failover(quick: boolean): Promise<FailoverResult> {
  const [a, b] = await Promise.all([startSimulator({ host: '127.0.0.1', port: 0, warn: () => {} }), startSimulator({ host: '127.0.0.1', port: 0, warn: () => {} })]);
  try {
    const runs = quick ? 2 : 15;
    const dropped: number[] = [];
    const hanging: number[] = [];
    // Interleaved, so a slow moment of the machine falls on both kinds alike.
    for (let i = 0; i < runs; i++) {
      dropped.push(await failoverOnce(a, b, 'drop'));
      hanging.push(await failoverOnce(a, b, 'hang'));
    }
    const overshoot: number[] = [];
    for (let i = 0; i < (quick ? 1 : 5); i++) overshoot.push(await overshootOnce(a, b));
    return { requestTimeoutMs: REQUEST_TIMEOUT_MS, pollMs: POLL_MS, droppedMs: summarize(dropped), hangingMs: summarize(hanging), pauseOvershootMs: summarize(overshoot.map((ms) => round(ms, 0))) };
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}
