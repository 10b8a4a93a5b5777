/**
 * Issue 21: failover across a site's Recording API servers, over real HTTP against a simulator
 * cluster whose nodes sync blackouts through a real RabbitMQ this file starts (and stops by its
 * pid). A server that goes down drops every connection and is off the broker; sync is "broken"
 * by cutting a node off the broker while it answers on, and the broker itself is stopped for the
 * last scenario. The pause-truth invariants hold throughout: no PAUSED without the current
 * server's evidence, no pause past its maximum plus one poll and one retry, every intent one outcome.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli';
import { memoryInProcess } from '../../../src-main/runtime/runtime-memory';
import { startTestRuntime } from '../../support/test-runtime';
import { FailoverRecordingApi } from '../../../src-main/backends/onprem/failover-recording-api';
import { FailoverPolicySchema } from '../../../src-main/core/failover-policy';
import type { ServerSwitch } from '../../../src-main/core/recording-backend';
import { verdictFor } from '../../../src-main/core/verdict';
import { buildCore, stopCore, type CoreUnderTest } from '../../support/core-harness';
import { startSite, type Site } from '../../support/cluster-harness';
import { TEST_AGENT, type Harness } from '../../support/simulator-harness';
import { recordOutcome } from '../../support/outcome';
import { until } from '../../support/wait-for';

let site: Site;
let a: Harness;
let b: Harness;
let t: CoreUnderTest | undefined;
let backend: FailoverRecordingApi | undefined;

beforeAll(async () => {
  site = await startSite(2);
  [a, b] = site.nodes;
}, 120_000);
afterAll(async () => {
  await site?.close();
}, 60_000);
beforeEach(async () => {
  await site.heal();
  await site.freshCall();
});
afterEach(async () => {
  await stopCore(t);
  t = undefined;
  backend?.close();
  backend = undefined;
});

type SimEvent = { at: string; method: string; path: string; body: string; status: number | string };
const down = (h: Harness) => site.down(h);
const up = (h: Harness) => site.up(h);
const blackoutOf = async (h: Harness) => (await h.control<{ blackout: unknown }>('GET', `/sim/agents/${TEST_AGENT.agentId}`)).blackout;
const postsTo = async (h: Harness) => (await h.control<SimEvent[]>('GET', '/sim/events')).filter((e) => e.method === 'POST');
const agentConfig = (baseUrl: string) => ({ baseUrl, agent: { kind: 'Phone' as const, value: TEST_AGENT.agentPhone }, auth: { type: 'none' as const }, timeoutMs: 1000 });

function failoverCore(policy: Partial<ReturnType<typeof FailoverPolicySchema.parse>> = {}, core: Parameters<typeof buildCore>[1] = {}) {
  backend = new FailoverRecordingApi([agentConfig(a.url), agentConfig(b.url)], FailoverPolicySchema.parse(policy));
  const switches: ServerSwitch[] = [];
  backend.onSwitch((s) => switches.push(s));
  t = buildCore(backend, core);
  t.core.start();
  return switches;
}

/** The scenario's measured outcome, in the test report (annotations): which server answered, how long the pause really lasted. */
function pauseLength(startedAt: string, deadline: string, maxSeconds: number, endedAt: number): string {
  return `the pause (maximum ${maxSeconds} s) lasted ${((endedAt - Date.parse(startedAt)) / 1000).toFixed(2)} s, ending ${endedAt - Date.parse(deadline)} ms after its deadline`;
}


describe('the simulator cluster', () => {
  it('a blackout started on one node reaches the other through the broker; a node cut off the broker is not told, and answers on', async () => {
    expect((await a.command('/api/Blackout/StartForAgent')).status).toBe(200);
    await until(async () => (await blackoutOf(b)) !== null, 'the blackout synced to the second node');
    expect((await b.command('/api/Blackout/StopForAgent')).status).toBe(200);
    await until(async () => (await blackoutOf(a)) === null, 'the stop synced to the first node');
    await site.cutOff(b);
    expect(await b.control('GET', '/sim/broker')).toEqual({ onBroker: false });
    expect((await a.command('/api/Blackout/StartForAgent')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await blackoutOf(b)).toBeNull();
    expect((await b.agentStatus()).ActiveCall).not.toBeNull();
    // A restart that forgot its state: the node's blackouts are gone, the other node keeps its own.
    await a.control('POST', '/sim/forget-blackouts');
    expect(await blackoutOf(a)).toBeNull();
  });
});

describe('failover across the server list', () => {
  it('the first server down mid-call: status and commands go on on the second, and each move is audited and said', async ({ task }) => {
    const switches = failoverCore();
    await t!.core.poller.pollNow();
    expect(t!.core.getState()).toMatchObject({ server: a.url, connection: { status: 'connected' } });
    await down(a);
    await t!.core.poller.pollNow();
    // One failure is not a failover.
    expect(switches).toEqual([]);
    await t!.core.poller.pollNow();
    expect(switches).toEqual([expect.objectContaining({ from: a.url, to: b.url, toFirst: false })]);
    await until(() => t!.core.getState().connection.status === 'connected', 'the second server read');
    expect(t!.core.getState().server).toBe(b.url);
    t!.core.submit({ type: 'screen', action: 'start' }, 'window');
    await t!.core.controller.idle();
    expect(t!.core.getState().controls.screen).toMatchObject({ kind: 'on', evidence: 'status' });
    expect((await b.agentStatus()).ActiveCall!.Recordings.map((r) => r.RecordingState)).toContain('ScreenRecording');
    recordOutcome(task, `moved after 2 failed polls; the status and the screen start answered by the second server ${b.url}, confirmed by its status`);
    expect(t!.audit.records.filter((r) => r.action === 'server changed')).toEqual([expect.objectContaining({ detail: { from: a.url, to: b.url } })]);
    expect(t!.core.getState().notices).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'server-changed', message: expect.stringMatching(new RegExp(`^Using ${b.url.replace(/[.]/g, '\\.')}: `)) })]));
  });

  it('a pause the first server showed is only "may be on" on the second until it shows it: never PAUSED on evidence from another server', async () => {
    await site.cutOff(b);
    failoverCore();
    await t!.core.poller.pollNow();
    t!.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t!.core.controller.idle();
    expect(verdictFor(t!.core.getState(), Date.now()).pause).toBe('paused');
    const deadline = t!.core.getState().pause.current!.deadline;
    await down(a);
    await t!.core.poller.pollNow();
    await t!.core.poller.pollNow();
    await until(() => t!.core.getState().server === b.url, 'the move to the second server');
    // The second server never heard of the pause (sync broken): not PAUSED, the deadline kept.
    const state = t!.core.getState();
    expect(verdictFor(state, Date.now())).toMatchObject({ headline: 'PAUSE NOT CONFIRMED', pause: 'unconfirmed' });
    expect(state.pause.current?.deadline).toBe(deadline);
  });

  it('the first server down mid-pause, sync working: shown on by the second server\'s status, nothing sent again, resumed there at the deadline', async ({ task }) => {
    failoverCore({ probeEveryMs: 50 }, { maxBlackoutSeconds: 4, syncGraceMs: 1500 });
    await t!.core.poller.pollNow();
    t!.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t!.core.controller.idle();
    const deadline = t!.core.getState().pause.current!.deadline;
    await until(async () => (await blackoutOf(b)) !== null, 'the pause synced to the second server');
    await down(a);
    await b.control('DELETE', '/sim/events');
    await t!.core.poller.pollNow();
    await t!.core.poller.pollNow();
    await until(() => t!.core.getState().server === b.url && t!.core.getState().connection.status === 'connected', 'the second server read');
    const state = t!.core.getState();
    expect(state.controls.blackout).toMatchObject({ kind: 'on', evidence: 'status' });
    expect(verdictFor(state, Date.now())).toMatchObject({ pause: 'paused' });
    expect(state.pause.current).toMatchObject({ deadline, movedFrom: null });
    const startedAt = state.pause.current!.startedAt;
    await until(async () => (await blackoutOf(b)) === null, 'the automatic resume on the second server', 10_000);
    const endedAt = Date.now();
    expect(endedAt - Date.parse(deadline)).toBeLessThan(1500);
    expect((await postsTo(b)).map((e) => e.path)).toEqual(['/api/Blackout/StopForAgent']);
    recordOutcome(task, `PAUSED on the second server's status (synced over RabbitMQ), nothing sent again; ${pauseLength(startedAt, deadline, 4, endedAt)} on the second server`);
    // One intent, one outcome: the timer's resume, confirmed by the second server's status.
    expect(t!.audit.records.filter((r) => r.action === 'blackout stop').map((r) => r.result)).toEqual(['intent', 'sent', 'confirmed']);
  });

  it('the first server down mid-pause, sync broken: the pause is sent to the second to end at the original deadline, and ends on time on every server that had it', async ({ task }) => {
    await site.cutOff(b);
    failoverCore({ probeEveryMs: 50 }, { maxBlackoutSeconds: 4, syncGraceMs: 300 });
    await t!.core.poller.pollNow();
    t!.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t!.core.controller.idle();
    const { deadline, startedAt } = t!.core.getState().pause.current!;
    await down(a);
    await t!.core.poller.pollNow();
    await t!.core.poller.pollNow();
    await until(() => t!.core.getState().server === b.url && t!.core.getState().connection.status === 'connected', 'the second server read');
    const claimAfterMove = verdictFor(t!.core.getState(), Date.now()).headline;
    // The second server does not show it (no sync), which does not end it; after the grace it is sent there again.
    expect(t!.core.getState().pause.current).toMatchObject({ deadline, movedFrom: { server: a.url } });
    await until(async () => (await blackoutOf(b)) !== null, 'the pause sent again to the second server');
    await t!.core.controller.idle();
    const sent = await postsTo(b);
    expect(sent.map((e) => e.path)).toEqual(['/api/Blackout/StartForAgent', '/api/Blackout/StopForAgent']);
    expect(JSON.parse(sent[1].body)).toMatchObject({ BlackoutStopTime: deadline });
    await t!.core.poller.pollNow();
    expect(verdictFor(t!.core.getState(), Date.now())).toMatchObject({ pause: 'paused' });
    expect(t!.core.getState().pause.current).toMatchObject({ deadline, movedFrom: null });
    // It ends at the original deadline on the second server, within a poll and a retry.
    await until(async () => (await blackoutOf(b)) === null, 'the end of the pause on the second server', 8000);
    const endedAt = Date.now();
    expect(endedAt - Date.parse(deadline)).toBeLessThan(1500);
    recordOutcome(task, `after the move "${claimAfterMove}" until the second server showed the pause sent again (StopForAgent with BlackoutStopTime ${deadline}), then PAUSED; ${pauseLength(startedAt, deadline, 4, endedAt)} on the second server; the first, down meanwhile, got the resume when it answered again`);
    // The first server comes back still holding the pause (it never heard of the resume): it gets the resume too.
    expect(await blackoutOf(a)).not.toBeNull();
    await up(a);
    await until(async () => {
      await t!.core.poller.pollNow();
      return (await blackoutOf(a)) === null;
    }, 'the resume delivered to the first server');
    expect(t!.audit.records.some((r) => r.action === 'pause ended on another server' && r.detail?.server === a.url)).toBe(true);
  });

  it('a resume owed to a server that was down is dropped when a new pause starts (it would end that pause), and owed again when it ends', async () => {
    const stopsAt = async (h: Harness) => (await postsTo(h)).filter((e) => e.path === '/api/Blackout/StopForAgent').length;
    backend = new FailoverRecordingApi([agentConfig(a.url), agentConfig(b.url)], FailoverPolicySchema.parse({ probeEveryMs: 50 }));
    expect((await backend.execute({ type: 'blackout-start' })).ok).toBe(true);
    await down(a);
    await backend.getAgent();
    await backend.getAgent();
    expect(backend.serverLabel).toBe(b.url);
    expect((await backend.execute({ type: 'blackout-start' })).ok).toBe(true);
    expect((await backend.execute({ type: 'blackout-stop' })).ok).toBe(true);
    // The agent pauses again before the first server is back: nothing may end this pause there.
    expect((await backend.execute({ type: 'blackout-start' })).ok).toBe(true);
    await up(a);
    await a.control('DELETE', '/sim/events');
    for (let i = 0; i < 5; i++) {
      await backend.getAgent();
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(await stopsAt(a)).toBe(0);
    // The new pause ends: now the first server is owed the resume, and gets it.
    expect((await backend.execute({ type: 'blackout-stop' })).ok).toBe(true);
    for (let i = 0; i < 10 && (await stopsAt(a)) === 0; i++) {
      await new Promise((r) => setTimeout(r, 60));
      await backend.getAgent();
    }
    expect(await stopsAt(a)).toBe(1);
  });

  it('a 4xx is the server\'s answer: an agent one server does not know is no reason to move', async ({ task }) => {
    await a.control('POST', '/sim/reset');
    const switches = failoverCore();
    for (let i = 0; i < 4; i++) await t!.core.poller.pollNow();
    expect(switches).toEqual([]);
    expect(t!.core.getState()).toMatchObject({ server: a.url, connection: { status: 'agent-unknown' } });
    recordOutcome(task, `4 polls answered 404 by the first server only: no switch, the window says "${verdictFor(t!.core.getState(), Date.now()).headline}" (agent not found)`);
  });

  it('all servers down: the window says so and claims nothing', async ({ task }) => {
    failoverCore();
    await t!.core.poller.pollNow();
    await Promise.all([down(a), down(b)]);
    for (let i = 0; i < 6; i++) await t!.core.poller.pollNow();
    const verdict = verdictFor(t!.core.getState(), Date.now());
    expect(verdict).toMatchObject({ headline: 'STATE UNKNOWN' });
    // Whatever a server once confirmed is shown as the last thing known, never as current.
    const claims = Object.values(verdict.cards).filter((c) => /confirmed by the server/.test(c.evidence ?? ''));
    expect(claims.every((c) => c.words.startsWith('Last known: ') && c.evidence!.startsWith('not current'))).toBe(true);
    recordOutcome(task, `headline "${verdict.headline}"; ${claims.length} cards say only what was last known, none confirmed now`);
  });

  it('returns to the first server only after it answered well for the whole period; a flapping one is not returned to', async ({ task }) => {
    const switches = failoverCore({ returnAfterMs: 400, probeEveryMs: 50 });
    await t!.core.poller.pollNow();
    await down(a);
    await t!.core.poller.pollNow();
    await t!.core.poller.pollNow();
    expect(switches).toHaveLength(1);
    // The first server flaps: up for less than the healthy period, then down again.
    await up(a);
    for (let i = 0; i < 5; i++) {
      await t!.core.poller.pollNow();
      await new Promise((r) => setTimeout(r, 60));
    }
    await down(a);
    for (let i = 0; i < 10; i++) {
      await t!.core.poller.pollNow();
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(switches).toHaveLength(1);
    // Up for good: back to the first server once, after the healthy period.
    await up(a);
    await until(async () => {
      await t!.core.poller.pollNow();
      return switches.length === 2;
    }, 'the return to the first server');
    expect(switches[1]).toMatchObject({ to: a.url, toFirst: true });
    await until(() => t!.core.getState().connection.status === 'connected', 'the first server read');
    expect(t!.core.getState().notices.some((n) => n.id === 'server-changed')).toBe(false);
    recordOutcome(task, `${switches.length} switches in all: away once, back once after 400 ms of good answers; the flap (up under 400 ms) caused none`);
  });
});

describe('a restart of RecordKey during a failover', () => {
  it('keeps the pause it had on the second server, with its deadline', async ({ task }) => {
    const memory = memoryInProcess();
    const settings = { version: 2, connection: { backend: 'onprem', baseUrl: a.url, failoverUrls: [b.url], agent: { kind: 'Phone', value: TEST_AGENT.agentPhone } }, polling: { activeMs: 300, idleMs: 600, backoffBaseMs: 300, backoffMaxMs: 1200, jitter: 0 } };
    const first = await startTestRuntime({ memory }, settings);
    try {
      await until(() => first.getState().connection.status === 'connected', 'the first run connected');
      first.send({ type: 'blackout', action: 'start' }, 'hotkey');
      await until(() => first.getState().controls.blackout.kind === 'on', 'the pause');
      const deadline = first.getState().pause.current!.deadline;
      await down(a);
      await until(() => first.getState().server === b.url, 'the move to the second server');
      // A crash: the process is gone without resuming.
      (first as unknown as { core: { stop(): void } }).core.stop();
      expect(memory.data.pause).toMatchObject({ deadline, server: `onprem:${b.url}` });
      const second = await startTestRuntime({ memory }, settings);
      try {
        expect(second.getState().pause.current).toMatchObject({ deadline, origin: 'last-run' });
        recordOutcome(task, `after the crash on the second server, the new run restored the pause with its deadline ${deadline}, shown "${verdictFor(second.getState(), Date.now()).headline}"`);
      } finally {
        await second.stop(500);
      }
    } finally {
      await up(a);
    }
  });
});

describe('npm run cli with several --server', () => {
  it('answers from the second server when the first is down, and says that it did', async () => {
    await down(a);
    const out: string[] = [];
    const code = await runCli(['--server', a.url, '--server', b.url, '--agent', `Phone=${TEST_AGENT.agentPhone}`, 'status'], {}, { out: (l) => out.push(l), err: (l) => out.push(l) });
    const text = out.join('\n');
    expect(code).toBe(0);
    expect(text).toMatch(new RegExp(`^Server +connected to ${b.url.replace(/[.]/g, '\\.')}$`, 'm'));
    expect(text).toMatch(new RegExp(`^ +Using ${b.url.replace(/[.]/g, '\\.')}: ${a.url.replace(/[.]/g, '\\.')} failed 2 times in a row`, 'm'));
  });

  it('doctor checks every server of the list, and warns where a password would go unencrypted', async () => {
    await down(a);
    const out: string[] = [];
    const code = await runCli(['--server', a.url, '--server', b.url, '--agent', `Phone=${TEST_AGENT.agentPhone}`, '--user', 'svc', 'doctor'], { RECORDKEY_PASSWORD: 'p' }, { out: (l) => out.push(l), err: (l) => out.push(l) });
    const text = out.join('\n');
    expect(code).toBe(4);
    expect(text).toMatch(/^! encryption +Credentials are sent unencrypted to http:\/\/127\.0\.0\.1:\d+, http:\/\/127\.0\.0\.1:\d+ \(http:\/\/\)/m);
    expect(text).toMatch(/^✗ server reachable \(first server\) /m);
    expect(text).toMatch(/^✓ agent known \(server 2\) /m);
  });
});

// Last in the file: it stops the broker itself, and no node can rejoin it afterwards.
describe('the broker down for the whole call', () => {
  it('RecordKey does not rely on sync: the pause is sent to the second server again, to end at its original deadline', async ({ task }) => {
    await site.broker.stop();
    await until(() => site.cluster.nodes.every((n) => !n.onBroker), 'the nodes to lose the broker');
    failoverCore({ probeEveryMs: 50 }, { maxBlackoutSeconds: 6, syncGraceMs: 1500 });
    await t!.core.poller.pollNow();
    t!.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t!.core.controller.idle();
    const { deadline, startedAt } = t!.core.getState().pause.current!;
    expect(await blackoutOf(b)).toBeNull();
    await a.control('POST', '/sim/faults', { path: '*', drop: true });
    await t!.core.poller.pollNow();
    await t!.core.poller.pollNow();
    await until(async () => (await blackoutOf(b)) !== null, 'the pause sent again to the second server');
    await t!.core.controller.idle();
    const stop = (await postsTo(b)).find((e) => e.path === '/api/Blackout/StopForAgent');
    expect(JSON.parse(stop!.body)).toMatchObject({ BlackoutStopTime: deadline });
    await until(async () => (await blackoutOf(b)) === null, 'the end on the second server', 12_000);
    const endedAt = Date.now();
    expect(endedAt - Date.parse(deadline)).toBeLessThan(1500);
    recordOutcome(task, `broker stopped: the pause sent again to the second server with BlackoutStopTime ${deadline}; ${pauseLength(startedAt, deadline, 6, endedAt)} there`);
  });
});
