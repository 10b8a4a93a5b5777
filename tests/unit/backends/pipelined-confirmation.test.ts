/**
 * The confirming read pipelined behind a command, over real HTTP against the simulator: it is
 * sent before the command's answer arrives and confirms in one round trip; a server that runs
 * pipelined requests side by side, or closes its connection after each answer, is detected,
 * the command is confirmed by the ordinary read loop, and that server is not pipelined again.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimEvent } from '../../../src-main/simulator/event-log';
import { buildCore, onPremBackend, resetWorld, stopCore, type CoreUnderTest } from '../../support/core-harness';
import { startHarness, type Harness } from '../../support/simulator-harness';

let h: Harness | undefined;
let t: CoreUnderTest | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  await stopCore(t);
  t = undefined;
  await h?.close();
  h = undefined;
  proxy?.closeAllConnections();
  proxy?.close();
  proxy = undefined;
});

const events = (harness: Harness) => harness.control<SimEvent[]>('GET', '/sim/events');
const apiEvents = async (harness: Harness) => (await events(harness)).filter((e) => e.path.startsWith('/api/')).map((e) => `${e.method} ${e.path}${e.pipelined ? ' (pipelined)' : ''}`);

async function voice(core: CoreUnderTest['core'], action: 'start' | 'stop'): Promise<void> {
  core.submit({ type: 'voice', action }, 'hotkey');
  await core.controller.idle();
}

async function started(options: Parameters<typeof startHarness>[0] = {}, baseUrl?: (simUrl: string) => Promise<string>): Promise<CoreUnderTest> {
  h = await startHarness(options);
  await resetWorld(h, { record: false });
  const url = baseUrl ? await baseUrl(h.url) : h.url;
  t = buildCore(onPremBackend(url, 2000, { pipelining: true }));
  t.core.start();
  await t.core.poller.pollNow();
  await h.control('DELETE', '/sim/events');
  return t;
}

describe('the confirming read pipelined behind a command', () => {
  it('leaves before the command is answered and confirms it: one POST, one read, nothing more', async () => {
    const { core, audit } = await started();
    // A slow command: the read is on the wire behind it the whole time, and still shows its effect.
    await h!.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', latencyMs: 150, times: 1 });
    await voice(core, 'start');
    expect(core.getState().controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
    expect(await apiEvents(h!)).toEqual(['POST /api/Record/StartForAgent', 'GET /api/Agent (pipelined)']);
    expect(audit.records.at(-1)).toMatchObject({ action: 'voice start', result: 'confirmed' });
    // And the next command pipelines too: the connection stays open.
    await h!.control('DELETE', '/sim/events');
    await voice(core, 'stop');
    expect(await apiEvents(h!)).toEqual(['POST /api/Record/StopForAgent', 'GET /api/Agent (pipelined)']);
    expect(core.getState().controls.voice).toMatchObject({ kind: 'off', evidence: 'status' });
  });

  it('a server that runs pipelined requests side by side: the early read is not trusted, the read loop confirms, and that server is not pipelined again', async () => {
    const { core, audit } = await started({ pipelinedInTurn: false });
    await h!.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', latencyMs: 100, times: 1 });
    await voice(core, 'start');
    // The log is in the order the server finished them: the pipelined read was carried out before
    // the command (from the state before it); the read after it showed the recording.
    expect(await apiEvents(h!)).toEqual(['GET /api/Agent (pipelined)', 'POST /api/Record/StartForAgent', 'GET /api/Agent']);
    expect(core.getState().controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
    expect(audit.records.at(-1)).toMatchObject({ action: 'voice start', result: 'confirmed' });
    await h!.control('DELETE', '/sim/events');
    await voice(core, 'stop');
    expect(await apiEvents(h!)).toEqual(['POST /api/Record/StopForAgent', 'GET /api/Agent']);
    expect(core.getState().controls.voice).toMatchObject({ kind: 'off', evidence: 'status' });
  });

  it('a server that closes the connection after each answer: confirmed by the read loop, and not pipelined again', async () => {
    // A front end that answers "Connection: close" (HTTP/1.0 style) in front of the simulator.
    const { core } = await started({}, (simUrl) => closingProxy(simUrl));
    await voice(core, 'start');
    expect(core.getState().controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
    await h!.control('DELETE', '/sim/events');
    await voice(core, 'stop');
    expect(await apiEvents(h!)).toEqual(['POST /api/Record/StopForAgent', 'GET /api/Agent']);
    expect(core.getState().controls.voice).toMatchObject({ kind: 'off', evidence: 'status' });
  });

  it('a read that left earlier but answers later (a slow poll) cannot overwrite a newer read with the older state', async () => {
    const { core } = await started();
    const reader = onPremBackend(h!.url);
    const older = core.poller.beginRead();
    const before = await reader.getAgent();
    await h!.command('/api/Record/StartForAgent');
    const newer = core.poller.beginRead();
    core.poller.apply(newer, await reader.getAgent());
    expect(core.getState().controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
    core.poller.apply(older, before);
    expect(core.getState().controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
    reader.close();
  });
});

/** Forwards to the simulator and answers every request with "Connection: close". */
async function closingProxy(target: string): Promise<string> {
  proxy = createServer((req, res) => {
    const upstream = httpRequest(target + req.url, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}
