/**
 * Requests per agent-minute when idle and on a call, and staleness (a change on the server →
 * the AppState shows it), for RecordKey's adaptive poller against a fixed 1 s poller, in one run.
 *
 * Staleness depends on where in its poll period a change lands, so every change lands at a
 * moment drawn uniformly over one whole period of the client's poll (6 s idle, 1 s on a call),
 * each agent on its own: the figures cover every phase, not one. Load and staleness are
 * measured at the same time on separate agents.
 */
import { RecordingApiClient } from '../src-main/backends/onprem/recording-api-client';
import { createAgentCore, type AgentCore } from '../src-main/core/agent-core';
import { MemoryAuditSink } from '../src-main/core/audit-log';
import { DEFAULT_POLL_INTERVALS } from '../src-main/core/poll-schedule';
import { control, round, sleep, startChild, summarize, type Summary } from './bench-kit';
import { NaivePoller } from './naive-client';

export interface PollingLoadResult {
  agents: number;
  /** Agents per client whose changes are timed (one call arrival each, then `rounds` recording changes). */
  probes: number;
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

/** For each agent, `rounds` changes, each at a moment uniform over `periodMs`; times until the client shows each. */
async function staleness(ids: number[], rounds: number, periodMs: number, change: (id: number, k: number) => Promise<void>, shows: (id: number, k: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    ids.map(async (id) => {
      for (let k = 0; k < rounds; k++) {
        await sleep(Math.random() * periodMs);
        const seen = shows(id, k);
        const t0 = performance.now();
        await change(id, k);
        await seen;
        samples.push(performance.now() - t0);
      }
    }),
  );
  return samples;
}

const onCall = (s: ReturnType<AgentCore['getState']>) => s.agent?.activeCall !== null && s.agent?.activeCall !== undefined;

export async function pollingLoad(quick: boolean): Promise<PollingLoadResult> {
  const sim = await startChild('src-main/simulator/cli.ts', ['--port', '0'], 'listening on');
  const agents = quick ? 10 : 30;
  const seconds = quick ? 6 : 36;
  const probes = quick ? 30 : 150;
  const rounds = quick ? 3 : 10;
  let next = 200;
  const group = (n: number) => ({ ours: Array.from({ length: n }, () => next++), theirs: Array.from({ length: n }, () => next++) });
  // Four sets of agents per client, all measured in one window: load idle, load on a call,
  // a call arriving on an idle desktop, a recording changed on the server during a call.
  const idleLoad = group(agents);
  const busyLoad = group(agents);
  const arrival = group(probes);
  const recording = group(probes);
  try {
    const all = [idleLoad, busyLoad, arrival, recording].flatMap((g) => [...g.ours, ...g.theirs]);
    for (const id of all) await control(sim.url, 'POST', '/sim/agents', { agentId: id });
    for (const id of [...busyLoad.ours, ...busyLoad.theirs, ...recording.ours, ...recording.theirs]) await control(sim.url, 'POST', `/sim/agents/${id}/call`, {});
    const oursIds = [idleLoad, busyLoad, arrival, recording].flatMap((g) => g.ours);
    const theirsIds = [idleLoad, busyLoad, arrival, recording].flatMap((g) => g.theirs);
    const cores = new Map(oursIds.map((id) => [id, core(sim.url, id)]));
    const naive = new Map(theirsIds.map((id) => [id, new NaivePoller(sim.url, id, Math.random() * 1000)]));
    for (const c of cores.values()) c.start();
    await sleep(1500);

    const count = (g: { ours: number[]; theirs: number[] }) => ({
      ours: g.ours.reduce((a, id) => a + cores.get(id)!.poller.pollCount, 0),
      theirs: g.theirs.reduce((a, id) => a + naive.get(id)!.polls, 0),
    });
    const callArrives = (id: number) => control(sim.url, 'POST', `/sim/agents/${id}/call`, {}).then(() => undefined);
    const record = (id: number, k: number) =>
      fetch(`${sim.url}/api/Record/${k % 2 === 0 ? 'StartForAgent' : 'StopForAgent'}`, { method: 'POST', body: JSON.stringify({ AgentIdentifier: 'Id', Value: String(id) }) }).then(() => undefined);

    const before = { idle: count(idleLoad), busy: count(busyLoad) };
    const t0 = performance.now();
    const [arrivals, naiveArrivals, onCallOurs, onCallNaive] = await Promise.all([
      staleness(arrival.ours, 1, DEFAULT_POLL_INTERVALS.idleMs, callArrives, (id) => new Promise((resolve) => {
        const off = cores.get(id)!.subscribe((s) => onCall(s) && (off.dispose(), resolve()));
      })),
      staleness(arrival.theirs, 1, DEFAULT_POLL_INTERVALS.idleMs, callArrives, (id) => naive.get(id)!.nextPollShowing((s) => s.activeCall !== null)),
      staleness(recording.ours, rounds, DEFAULT_POLL_INTERVALS.activeMs, record, (id, k) => new Promise((resolve) => {
        const want = k % 2 === 0 ? 'on' : 'off';
        const off = cores.get(id)!.subscribe((s) => s.controls.voice.kind === want && (off.dispose(), resolve()));
      })),
      staleness(recording.theirs, rounds, DEFAULT_POLL_INTERVALS.activeMs, record, (id, k) => naive.get(id)!.nextPollShowing((s) => (s.activeCall?.recordings.length ?? 0) > 0 === (k % 2 === 0))),
      sleep(seconds * 1000),
    ]);
    const minutes = ((performance.now() - t0) / 60_000) * agents;
    const after = { idle: count(idleLoad), busy: count(busyLoad) };
    const rate = (a: number, b: number) => round((a - b) / minutes);

    for (const c of cores.values()) c.stop();
    for (const n of naive.values()) n.stop();
    const idle = rate(after.idle.ours, before.idle.ours);
    const naiveIdle = rate(after.idle.theirs, before.idle.theirs);
    return {
      agents,
      probes,
      seconds: round(minutes * 60 / agents),
      requestsPerAgentMinute: { idle, onCall: rate(after.busy.ours, before.busy.ours), naiveIdle, naiveOnCall: rate(after.busy.theirs, before.busy.theirs) },
      idleLoadRatio: round(idle / naiveIdle, 3),
      stalenessOnCallMs: { recordkey: summarize(onCallOurs), naive: summarize(onCallNaive) },
      stalenessIdleCallArrivalMs: { recordkey: summarize(arrivals), naive: summarize(naiveArrivals) },
    };
  } finally {
    sim.stop();
  }
}
