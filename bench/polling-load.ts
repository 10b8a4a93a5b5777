/**
 * Requests per agent-minute when idle and on a call, and staleness (a change on the server →
 * the AppState shows it), for RecordKey's adaptive poller against a fixed 1 s poller, in one run.
 */
import { RecordingApiClient } from '../src-main/backends/onprem/recording-api-client';
import { createAgentCore, type AgentCore } from '../src-main/core/agent-core';
import { MemoryAuditSink } from '../src-main/core/audit-log';
import { control, round, sleep, startChild, summarize, type Summary } from './bench-kit';
import { NaivePoller } from './naive-client';

export interface PollingLoadResult {
  agents: number;
  seconds: number;
  requestsPerAgentMinute: { idle: number; onCall: number; naiveIdle: number; naiveOnCall: number };
  idleLoadRatio: number;
  stalenessOnCallMs: { recordkey: Summary; naive: Summary };
  stalenessIdleCallArrivalMs: { recordkey: Summary; naive: Summary };
}

function core(url: string, id: number): AgentCore {
  return createAgentCore({
    backend: new RecordingApiClient({ baseUrl: url, agent: { kind: 'Id', value: String(id) }, auth: { type: 'none' }, timeoutMs: 5000 }),
    agentLabel: `bench ${id}`,
    audit: new MemoryAuditSink(),
  });
}

/** Changes the server state for each agent at random moments and times until each client shows it. */
async function staleness(
  url: string,
  ids: number[],
  rounds: number,
  change: (id: number, k: number) => Promise<void>,
  shows: (id: number, k: number) => Promise<void>,
): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    ids.map(async (id) => {
      for (let k = 0; k < rounds; k++) {
        await sleep(200 + Math.random() * 1500);
        const seen = shows(id, k);
        const t0 = performance.now();
        await change(id, k);
        await seen;
        samples.push(performance.now() - t0);
      }
    }),
  );
  void url;
  return samples;
}

export async function pollingLoad(quick: boolean): Promise<PollingLoadResult> {
  const sim = await startChild('src-main/simulator/cli.ts', ['--port', '0'], 'listening on');
  const agents = quick ? 10 : 30;
  const seconds = quick ? 6 : 36;
  const ours = Array.from({ length: agents }, (_, i) => 200 + i);
  const theirs = Array.from({ length: agents }, (_, i) => 400 + i);
  try {
    for (const id of [...ours, ...theirs]) await control(sim.url, 'POST', '/sim/agents', { agentId: id });
    const cores = new Map(ours.map((id) => [id, core(sim.url, id)]));
    const naive = new Map(theirs.map((id) => [id, new NaivePoller(sim.url, id, Math.random() * 1000)]));
    for (const c of cores.values()) c.start();
    await sleep(1000);

    const count = () => ({ ours: [...cores.values()].reduce((a, c) => a + c.poller.pollCount, 0), theirs: [...naive.values()].reduce((a, n) => a + n.polls, 0) });
    let before = count();
    await sleep(seconds * 1000);
    let after = count();
    const minutes = (seconds / 60) * agents;
    const idle = (after.ours - before.ours) / minutes;
    const naiveIdle = (after.theirs - before.theirs) / minutes;

    // Idle → a call arrives: how long until each client shows it.
    const arrivals = await staleness(
      sim.url,
      ours,
      1,
      (id) => control(sim.url, 'POST', `/sim/agents/${id}/call`, {}).then(() => undefined),
      (id) => new Promise((resolve) => {
        const c = cores.get(id)!;
        const off = c.subscribe((s) => s.agent?.activeCall && (off.dispose(), resolve()));
      }),
    );
    const naiveArrivals = await staleness(
      sim.url,
      theirs,
      1,
      (id) => control(sim.url, 'POST', `/sim/agents/${id}/call`, {}).then(() => undefined),
      (id) => naive.get(id)!.nextPollShowing((s) => s.activeCall !== null),
    );

    before = count();
    await sleep(seconds * 1000);
    after = count();
    const onCall = (after.ours - before.ours) / minutes;
    const naiveOnCall = (after.theirs - before.theirs) / minutes;

    // On a call: recording started or stopped on the server (a policy, another tool) → shown.
    const rounds = quick ? 3 : 10;
    const record = (id: number, k: number) =>
      fetch(`${sim.url}/api/Record/${k % 2 === 0 ? 'StartForAgent' : 'StopForAgent'}`, { method: 'POST', body: JSON.stringify({ AgentIdentifier: 'Id', Value: String(id) }) }).then(() => undefined);
    const onCallOurs = await staleness(sim.url, ours, rounds, record, (id, k) => new Promise((resolve) => {
      const c = cores.get(id)!;
      const want = k % 2 === 0 ? 'on' : 'off';
      const off = c.subscribe((s) => s.controls.voice.kind === want && (off.dispose(), resolve()));
    }));
    const onCallNaive = await staleness(sim.url, theirs, rounds, record, (id, k) => naive.get(id)!.nextPollShowing((s) => (s.activeCall?.recordings.length ?? 0) > 0 === (k % 2 === 0)));

    for (const c of cores.values()) c.stop();
    for (const n of naive.values()) n.stop();
    return {
      agents,
      seconds,
      requestsPerAgentMinute: { idle: round(idle), onCall: round(onCall), naiveIdle: round(naiveIdle), naiveOnCall: round(naiveOnCall) },
      idleLoadRatio: round(idle / naiveIdle, 3),
      stalenessOnCallMs: { recordkey: summarize(onCallOurs), naive: summarize(onCallNaive) },
      stalenessIdleCallArrivalMs: { recordkey: summarize(arrivals), naive: summarize(naiveArrivals) },
    };
  } finally {
    sim.stop();
  }
}
