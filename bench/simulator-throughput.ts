/**
 * How many `GET /api/Agent` a second the simulator answers, against a bare Node HTTP server
 * sending a body of the same size, both driven by the same load loop in this process.
 */
import { Agent, request } from 'node:http';
import { control, round, startChild } from './bench-kit';

export interface ThroughputResult {
  seconds: number;
  connections: number;
  simulatorRequestsPerSecond: number;
  bareServerRequestsPerSecond: number;
  ratio: number;
}

async function load(url: string, seconds: number, connections: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
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
  agent.destroy();
  return done / seconds;
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
    const simRate = await load(sim.url + path, seconds, connections);
    const bare = await startChild('bench/bare-server.ts', [Buffer.from(body).toString('base64')], 'listening on');
    const bareRate = await load(bare.url + path, seconds, connections);
    bare.stop();
    return { seconds, connections, simulatorRequestsPerSecond: round(simRate), bareServerRequestsPerSecond: round(bareRate), ratio: round(simRate / bareRate, 2) };
  } finally {
    sim.stop();
  }
}
