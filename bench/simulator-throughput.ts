/**
 * How many `GET /api/Agent` a second the simulator answers, against a bare Node HTTP server
 * sending a body of the same size, both driven by the same load loop in this process, in
 * short slices that alternate in random order (a busy moment falls on both alike).
 */
import { Agent, request } from 'node:http';
import { control, round, shuffle, startChild } from './bench-kit';

export interface ThroughputResult {
  seconds: number;
  connections: number;
  simulatorRequestsPerSecond: number;
  bareServerRequestsPerSecond: number;
  ratio: number;
}

/** Requests answered in `seconds` of load over `agent`'s keep-alive connections. */
async function load(url: string, agent: Agent, seconds: number, connections: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      request(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      })
        .on('error', reject)
        .end();
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        await one();
        done += 1;
      }
    }),
  );
  return done;
}

export async function simulatorThroughput(quick: boolean): Promise<ThroughputResult> {
  const seconds = quick ? 2 : 10;
  const connections = 32;
  const sim = await startChild('src-main/simulator/cli.ts', ['--port', '0'], 'listening on');
  try {
    await control(sim.url, 'POST', '/sim/agents', { agentId: 7 });
    await control(sim.url, 'POST', '/sim/agents/7/call', { record: true });
    const path = '/api/Agent?agentIdentifier=Id&value=7';
    const body = await (await fetch(sim.url + path)).text();
    const bare = await startChild('bench/bare-server.ts', [Buffer.from(body).toString('base64')], 'listening on');
    const targets = { sim: { url: sim.url + path, agent: new Agent({ keepAlive: true, maxSockets: connections }), done: 0 }, bare: { url: bare.url + path, agent: new Agent({ keepAlive: true, maxSockets: connections }), done: 0 } };
    const slices = seconds * 4;
    for (let i = 0; i < slices; i++) {
      for (const target of shuffle([targets.sim, targets.bare])) target.done += await load(target.url, target.agent, 0.25, connections);
    }
    for (const target of Object.values(targets)) target.agent.destroy();
    bare.stop();
    const simRate = targets.sim.done / seconds;
    const bareRate = targets.bare.done / seconds;
    return { seconds, connections, simulatorRequestsPerSecond: round(simRate), bareServerRequestsPerSecond: round(bareRate), ratio: round(simRate / bareRate, 2) };
  } finally {
    sim.stop();
  }
}
