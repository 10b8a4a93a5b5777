import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CxoneClient } from '../../../src-main/backends/cxone/cxone-client';
import { RecordingApiClient } from '../../../src-main/backends/onprem/recording-api-client';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

describe('TLS is always verified; a company CA can be added', () => {
  let url: string;
  let caFile: string;
  let close: () => void;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    // A self-signed certificate for 127.0.0.1, made with the system's openssl.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    caFile = cert;
    const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ AgentId: 7, ActiveCall: null }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const client = (extraCaFile?: string, pipelining = false) => new RecordingApiClient({ baseUrl: url, agent: { kind: 'Id', value: '7' }, auth: { type: 'none' }, timeoutMs: 3000, extraCaFile, pipelining });

  it('refuses a certificate it cannot verify, saying what to do', async () => {
    const result = await client().getAgent();
    expect(result).toMatchObject({ ok: false, error: { kind: 'unreachable', message: expect.stringMatching(/certificate of https:\/\/127\.0\.0\.1:\d+ could not be verified .*add your company CA file/) } });
  });

  it('accepts it once its CA is configured', async () => {
    const result = await client(caFile).getAgent();
    expect(result).toMatchObject({ ok: true, value: { agentId: '7', activeCall: null } });
  });

  it('the pipelining connection verifies the same way, and trusts the same company CA', async () => {
    const refused = await client(undefined, true).executeAndRead({ type: 'voice-start' });
    expect(refused.answer).toMatchObject({ ok: false, error: { kind: 'unreachable', message: expect.stringMatching(/certificate of https:\/\/127\.0\.0\.1:\d+ could not be verified .*add your company CA file/) } });
    const trusted = await client(caFile, true).executeAndRead({ type: 'voice-start' });
    expect(trusted).toMatchObject({ answer: { ok: true, value: 'done' }, read: { ok: true, value: { agentId: '7' } } });
  });
});

describe('CXone client paths are configurable', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ cxone: { pathPrefix: '/v1', userIdParam: 'userId' } });
    await h.control('POST', '/sim/agents', TEST_AGENT);
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, {});
  });
  afterAll(() => h.close());

  const cxone = (pathPrefix: string, userIdParam: 'user-id' | 'userId') =>
    new CxoneClient(
      { apiBaseUrl: h.url, tokenUrl: `${h.url}/auth/token`, clientId: 'recordkey-demo', clientSecret: 'demo-client-secret', accessKeyId: 'AK7', accessKeySecret: 'secret-7', userId: '1234007', pathPrefix, userIdParam, timeoutMs: 3000 },
      Date.now,
    );

  it('reaches a server that uses the /v1 prefix and a userId parameter', async () => {
    expect(await cxone('/v1', 'userId').execute({ type: 'voice-start' })).toEqual({ ok: true, value: 'done' });
  });

  it('the reference form against that server is a clear error, not a silent success', async () => {
    const result = await cxone('', 'user-id').execute({ type: 'voice-stop' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});

describe('CXone mask/status family and tenant discovery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ cxone: { statusPathPrefix: '', statusUserIdParam: 'user-id' } });
    await h.control('POST', '/sim/agents', TEST_AGENT);
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true });
  });
  afterAll(() => h.close());

  const credentials = { tokenUrl: '', clientId: 'recordkey-demo', clientSecret: 'demo-client-secret', accessKeyId: 'AK7', accessKeySecret: 'secret-7', userId: '1234007', pathPrefix: '', userIdParam: 'user-id' as const, timeoutMs: 3000 };

  it('the mask/status family has its own prefix and parameter', async () => {
    const client = new CxoneClient({ ...credentials, tokenUrl: `${h.url}/auth/token`, apiBaseUrl: h.url, statusPathPrefix: '', statusUserIdParam: 'user-id' }, Date.now);
    expect(await client.execute({ type: 'blackout-start' })).toEqual({ ok: true, value: 'done' });
    expect(await client.getAgent()).toMatchObject({ ok: true, value: { cxone: { statusReason: 'Mask' } } });
    expect(await client.execute({ type: 'blackout-stop' })).toEqual({ ok: true, value: 'done' });
    // The published form (/v1, userId) against this server: a clear error, not a silent success.
    const published = new CxoneClient({ ...credentials, tokenUrl: `${h.url}/auth/token`, apiBaseUrl: h.url }, Date.now);
    expect(await published.execute({ type: 'blackout-start' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('finds the API host from the tenant id (asked once), and names the tenant when it is unknown', async () => {
    await h.control('DELETE', '/sim/events');
    const client = new CxoneClient({ ...credentials, tokenUrl: `${h.url}/auth/token`, tenantId: 'recordkey-demo-tenant', discoveryUrl: h.url, statusPathPrefix: '', statusUserIdParam: 'user-id' }, Date.now);
    expect(client.serverLabel).toBe('CXone tenant recordkey-demo-tenant');
    expect(await client.getAgent()).toMatchObject({ ok: true, value: { cxone: { statusReason: 'Policy' } } });
    expect(await client.execute({ type: 'voice-stop' })).toEqual({ ok: true, value: 'done' });
    const lookups = (await h.control<Array<{ path: string }>>('GET', '/sim/events')).filter((e) => e.path.includes('well-known'));
    expect(lookups).toHaveLength(1);
    const unknown = new CxoneClient({ ...credentials, tokenUrl: `${h.url}/auth/token`, tenantId: 'nobody', discoveryUrl: h.url }, Date.now);
    expect(await unknown.getAgent()).toMatchObject({ ok: false, error: { message: expect.stringMatching(/CXone tenant nobody/) } });
    // A host typed in wins over the lookup.
    const typed = new CxoneClient({ ...credentials, tokenUrl: `${h.url}/auth/token`, apiBaseUrl: h.url, tenantId: 'nobody', discoveryUrl: 'http://127.0.0.1:9', statusPathPrefix: '', statusUserIdParam: 'user-id' }, Date.now);
    expect((await typed.getAgent()).ok).toBe(true);
  });
});
