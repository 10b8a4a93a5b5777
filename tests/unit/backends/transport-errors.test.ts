import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPremBackend } from '../../support/core-harness';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';
import { RecordingApiClient, commandBody } from '../../../src-main/backends/onprem/recording-api-client';
import { PipelinedConnection } from '../../../src-main/backends/pipelined-connection';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.control('POST', '/sim/agents', TEST_AGENT);
});
afterAll(() => h.close());

describe('transport failures become errors a person can act on', () => {
  it('connection refused: server unreachable at the address', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise((r) => server.close(r));
    const result = await onPremBackend(`http://127.0.0.1:${port}`).getAgent();
    expect(result).toEqual({ ok: false, error: { kind: 'unreachable', message: `server unreachable at http://127.0.0.1:${port} (connection refused)` } });
  });

  it('a slow server: timed out after the configured time', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/Agent', latencyMs: 800, times: 1 });
    const result = await onPremBackend(h.url, 300).getAgent();
    expect(result).toEqual({ ok: false, error: { kind: 'timeout', message: `timed out after 0.3 s waiting for ${h.url}` } });
  });

  it('an agent the server does not know', async () => {
    const client = new RecordingApiClient({ baseUrl: h.url, agent: { kind: 'Phone', value: '000' }, auth: { type: 'none' }, timeoutMs: 2000 });
    const result = await client.getAgent();
    expect(!result.ok && result.error).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/agent Phone=000 is not in the server's tracker \(404\)/) });
  });

  it('a URL that is not http(s) is refused before any request', async () => {
    const client = new RecordingApiClient({ baseUrl: 'ftp://example.test', agent: { kind: 'Id', value: '1' }, auth: { type: 'none' }, timeoutMs: 2000 });
    expect(await client.getAgent()).toMatchObject({ ok: false, error: { kind: 'bad-request', message: expect.stringMatching(/http:\/\/ or https:\/\//) } });
  });

  it('sends Basic or header credentials when configured', async () => {
    const seen: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization ?? (req.headers['x-api-key'] as string | undefined));
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new RecordingApiClient({ baseUrl: url, agent: { kind: 'Id', value: '1' }, auth: { type: 'basic', username: 'rk', password: 'pw' }, timeoutMs: 2000 }).getAgent();
    await new RecordingApiClient({ baseUrl: url, agent: { kind: 'Id', value: '1' }, auth: { type: 'header', name: 'X-Api-Key', value: 'k1' }, timeoutMs: 2000 }).getAgent();
    await new Promise((r) => server.close(r));
    expect(seen).toEqual([`Basic ${Buffer.from('rk:pw').toString('base64')}`, 'k1']);
  });
});

describe('command bodies follow the reference', () => {
  it('writes the documented keys and leaves out the optional ones not given', () => {
    expect(commandBody({ kind: 'Phone', value: '805003' }, { type: 'voice-update', metadata: { user2: '1234567890' } })).toEqual({
      AgentIdentifier: 'Phone',
      Value: '805003',
      CallMetadata: { user2: '1234567890' },
    });
    expect(commandBody({ kind: 'Id', value: '1' }, { type: 'blackout-start', startTime: '2026-11-21T10:00:00+00:00', timeOffset: 5 })).toEqual({
      AgentIdentifier: 'Id',
      Value: '1',
      BlackoutStartTime: '2026-11-21T10:00:00+00:00',
      TimeOffset: 5,
    });
    expect(commandBody({ kind: 'Id', value: '1' }, { type: 'duplicate-start', callIdentifier: '111222' })).toEqual({ AgentIdentifier: 'Id', Value: '1', CallIdentifier: '111222' });
  });
});

describe('the pipelining connection says its failures the same way', () => {
  const connection = (url: string, timeoutMs = 2000) => new PipelinedConnection(new URL(url).origin, { timeoutMs });

  it('connection refused, a timeout, and an answer larger than 4 MiB', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 800);
      res.writeHead(200, { 'content-type': 'application/json' }).end('x'.repeat(4 * 1024 * 1024 + 1));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const live = connection(url, 300);
    await live.whenLoaded();
    expect(await live.send({ method: 'GET', url: `${url}/big` })).toEqual({ ok: false, error: { kind: 'bad-response', message: "the server's answer was larger than 4 MiB" } });
    expect(await live.send({ method: 'GET', url: `${url}/slow` })).toEqual({ ok: false, error: { kind: 'timeout', message: `timed out after 0.3 s waiting for ${url}` } });
    live.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    const refused = connection(url);
    await refused.whenLoaded();
    expect(await refused.send({ method: 'GET', url: `${url}/` })).toEqual({ ok: false, error: { kind: 'unreachable', message: `server unreachable at ${url} (connection refused)` } });
    refused.close();
  });
});
