/**
 * Issue 22, the desktop's side: RecordKey's core with the relay feed (backends/relay/relay-feed.ts)
 * against a real relay and a simulator over real HTTP.
 * - while the relay is usable its snapshots stand in for polls: no direct status reads, a new
 *   call held within a poll of the relay, and the window says the status comes via the relay;
 * - a pause is still sent and confirmed by a direct read (never by relay data);
 * - the relay stopped: direct polling at once, the window says why, and a pause keeps its
 *   countdown and ends by its deadline;
 * - relay data from another server than the one in use is not used.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RelayFeed } from '../../../src-main/backends/relay/relay-feed';
import { runCli } from '../../../src-main/cli/run-cli';
import { freePort } from '../../support/free-port';
import { PollIntervalsSchema } from '../../../src-main/core/poll-schedule';
import { verdictFor } from '../../../src-main/core/verdict';
import type { RunningRelay } from '../../../src-main/relay/start-relay';
import { buildCore, onPremBackend, resetWorld, stopCore, type CoreUnderTest } from '../../support/core-harness';
import { recordOutcome } from '../../support/outcome';
import { startTestRelay } from '../../support/relay-harness';
import { until } from '../../support/wait-for';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

let a: Harness;
let b: Harness;
let relay: RunningRelay | undefined;
let t: CoreUnderTest | undefined;

beforeAll(async () => {
  [a, b] = await Promise.all([startHarness(), startHarness()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});
beforeEach(async () => {
  await resetWorld(a, null);
  await resetWorld(b, null);
});
afterEach(async () => {
  await stopCore(t);
  t = undefined;
  await relay?.close();
  relay = undefined;
});

type SimEvent = { at: string; method: string; path: string };
const directReads = async (h: Harness) => (await h.control<SimEvent[]>('GET', '/sim/events')).filter((e) => e.method === 'GET' && /^\/api\/agent$/i.test(e.path));

/** A desktop polling as in production (1 s on a call, 6 s idle), with the relay feed. */
function desktop(relayUrl: string, server: Harness = a, maxBlackoutSeconds = 30) {
  const feed = new RelayFeed({ urls: [relayUrl], agent: { kind: 'Phone', value: TEST_AGENT.agentPhone } });
  t = buildCore(onPremBackend(server.url), { feed, intervals: PollIntervalsSchema.parse({}), maxBlackoutSeconds });
  t.core.start();
  return t;
}

describe('a desktop with the site relay', () => {
  it('takes its status from the relay while it is usable: no direct reads, a new call held within a relay poll, and says so', async () => {
    relay = await startTestRelay([a.url], { pollEveryMs: 500 });
    desktop(relay.server.wsUrl);
    await until(() => t!.core.getState().statusSource.via === 'relay', 'the status via the relay');
    expect(t!.core.getState().statusSource).toEqual({ via: 'relay', relay: relay.server.wsUrl, note: null });
    // Longer than the idle poll period (6 s): the direct read scheduled before the relay answered is not made either.
    await a.control('DELETE', '/sim/events');
    await new Promise((r) => setTimeout(r, 6500));
    expect(await directReads(a)).toEqual([]);
    const placed = Date.now();
    await a.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true });
    await until(() => t!.core.getState().agent?.activeCall !== null, 'the call on the desktop', 3000);
    expect(Date.now() - placed).toBeLessThan(1500);
    expect(t!.core.getState().controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
    // The evidence's time is when the relay asked the server, not when the desktop heard it.
    expect(Date.parse(t!.core.getState().snapshotAt!)).toBeLessThanOrEqual(Date.now());
  });

  it('a pause is still confirmed by a direct read, and the relay then shows it', async () => {
    await a.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true });
    relay = await startTestRelay([a.url], { pollEveryMs: 500 });
    desktop(relay.server.wsUrl);
    await until(() => t!.core.getState().statusSource.via === 'relay', 'the status via the relay');
    await a.control('DELETE', '/sim/events');
    t!.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t!.core.controller.idle();
    expect(t!.core.getState().controls.blackout).toMatchObject({ kind: 'on', evidence: 'status' });
    const events = await a.control<SimEvent[]>('GET', '/sim/events');
    const start = events.findIndex((e) => e.path === '/api/Blackout/StartForAgent');
    expect(start).toBeGreaterThanOrEqual(0);
    expect(events.slice(start + 1).some((e) => /^\/api\/agent$/i.test(e.path))).toBe(true);
    expect(verdictFor(t!.core.getState(), Date.now()).pause).toBe('paused');
  });

  it('the relay stopped mid-pause: direct polling at once, the window says why, and the pause ends by its deadline', async ({ task }) => {
    await a.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true });
    relay = await startTestRelay([a.url], { pollEveryMs: 500 });
    desktop(relay.server.wsUrl, a, 5);
    await until(() => t!.core.getState().statusSource.via === 'relay', 'the status via the relay');
    t!.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t!.core.controller.idle();
    const deadline = Date.parse(t!.core.getState().pause.current!.deadline);
    await relay.close();
    relay = undefined;
    await until(() => t!.core.getState().statusSource.via === 'direct', 'direct reads');
    expect(t!.core.getState().statusSource.note).toMatch(/^Status read directly: the site relay is not reachable/);
    await a.control('DELETE', '/sim/events');
    await until(async () => (await directReads(a)).length >= 2, 'direct polls at the on-call rate', 3000);
    // The countdown and the automatic resume do not depend on the relay.
    expect(verdictFor(t!.core.getState(), Date.now()).countdown).not.toBeNull();
    await until(() => t!.core.getState().pause.current === null, 'the automatic resume', 8000);
    const overshoot = Date.now() - deadline;
    expect(overshoot).toBeLessThan(1500);
    recordOutcome(task, `relay stopped mid-pause: the pause (maximum 5 s) ended ${overshoot} ms after its deadline, read directly`);
    expect((await a.control<{ blackout: unknown }>('GET', `/sim/agents/${TEST_AGENT.agentId}`)).blackout).toBeNull();
  });

  it('relay data read from another server than the one in use is not used', async () => {
    relay = await startTestRelay([b.url], { pollEveryMs: 500 });
    desktop(relay.server.wsUrl, a);
    await until(() => t!.core.getState().statusSource.note?.includes('reads') ?? false, 'the reason to read directly');
    expect(t!.core.getState().statusSource).toMatchObject({ via: 'direct', note: `Status read directly: the site relay reads ${b.url}, not the server in use` });
  });
});

describe('doctor and the relay', () => {
  const doctor = async (...relays: string[]) => {
    const out: string[] = [];
    const code = await runCli(['--server', a.url, ...relays.flatMap((r) => ['--relay', r]), '--agent', `Phone=${TEST_AGENT.agentPhone}`, 'doctor'], {}, { out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, text: out.join('\n') };
  };

  it('says the status would come via a relay that answers for the agent, and warns (without failing) about one that does not', async () => {
    relay = await startTestRelay([a.url], { pollEveryMs: 500 });
    const gone = `ws://127.0.0.1:${await freePort()}/v1/agents`;
    const { code, text } = await doctor(relay.server.wsUrl, gone);
    expect(code).toBe(0);
    expect(text).toMatch(new RegExp(`^✓ site relay 1 +Status via the site relay .* \\(data \\d+\\.\\d s old, read from ${a.url.replace(/[.]/g, '\\.')}\\)`, 'm'));
    expect(text).toMatch(new RegExp(`^! site relay 2 +${gone.replace(/[.]/g, '\\.')}: the site relay is not reachable .*; RecordKey will read the status directly`, 'm'));
  });

  it('a relay address that is not ws:// or wss:// is a usage error naming --relay', async () => {
    const { code, text } = await doctor('http://relay.example.test');
    expect(code).toBe(2);
    expect(text).toMatch(/--relay: must start with ws:\/\/ or wss:\/\//);
  });
});

describe('the relay over TLS (wss://)', () => {
  it('serves a desktop that trusts its company CA, and a desktop that does not is refused, never served unverified', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-relay-tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    relay = await startTestRelay([a.url], { tls: { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') } });
    expect(relay.server.wsUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/v1\/agents$/);
    const agent = { kind: 'Phone' as const, value: TEST_AGENT.agentPhone };
    const trusting = new RelayFeed({ urls: [relay.server.wsUrl], agent, extraCaFile: cert });
    const untrusting = new RelayFeed({ urls: [relay.server.wsUrl], agent });
    try {
      const served = new Promise((resolve) => trusting.onSnapshot(resolve));
      const refused = new Promise<string>((resolve) => untrusting.onView((v) => v.link.state === 'down' && resolve(v.link.reason)));
      trusting.start();
      untrusting.start();
      expect(await served).toMatchObject({ server: a.url, agent: { agentPhone: TEST_AGENT.agentPhone } });
      expect(await refused).toMatch(/certificate/);
      expect(untrusting.view.hasAgent).toBeNull();
    } finally {
      trusting.close();
      untrusting.close();
    }
  });
});
