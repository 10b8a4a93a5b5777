/**
 * Issue 20, Why 3 and 4: only the server's answer is an answer. Over real HTTP against the
 * simulator: a web page answering in the server's place (a captive portal, a proxy's login
 * page) is never taken as the server's OK, and something that does not speak HTTP at all
 * fails a command at once, with nothing left "may be on".
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verdictFor } from '../../../src-main/core/verdict';
import { buildCore, cxoneBackend, onPremBackend, resetWorld, stopCore, type CoreUnderTest } from '../../support/core-harness';
import { startHarness, type Harness } from '../../support/simulator-harness';

let h: Harness;
let t: CoreUnderTest | undefined;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => resetWorld(h, { record: true }));
afterEach(async () => {
  await stopCore(t);
  t = undefined;
});

const events = () => h.control<Array<{ method: string; path: string; status: number | string; fault: boolean }>>('GET', '/sim/events');

describe('a web page in the server\'s place is not the server\'s answer', () => {
  it('a pause sent while a login page answers 200 is never shown paused; once the server answers, it is confirmed', async () => {
    // A server whose status cannot show pauses: there, the server's own 200 is the evidence. A web page's 200 must not be.
    await h.control('POST', '/sim/settings', { statusShowsBlackouts: false });
    t = buildCore(onPremBackend(h.url));
    t.core.start();
    await t.core.poller.pollNow();
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', html: true, times: 3 });
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();

    const sawPausedWhileThePageAnswered = t.states.slice(0, t.states.findIndex((s) => s.controls.blackout.kind === 'on')).some((s) => verdictFor(s, Date.now()).pause === 'paused');
    expect(sawPausedWhileThePageAnswered).toBe(false);
    const retried = t.states.find((s) => s.controls.blackout.kind === 'pending' && s.controls.blackout.lastError);
    expect(retried?.controls.blackout).toMatchObject({ lastError: { kind: 'bad-response', message: 'a web page answered ("Network login"), not the Recording API (a proxy or login page in the way?)' } });
    expect(verdictFor(retried!, Date.now())).toMatchObject({ headline: 'NOT PAUSED — RETRYING', instruction: 'Do not take card details' });
    // The fourth attempt reached the server: now it is the server's answer.
    const starts = (await events()).filter((e) => e.path === '/api/Blackout/StartForAgent');
    expect(starts.map((e) => e.fault)).toEqual([true, true, true, false]);
    expect(t.core.getState().controls.blackout).toMatchObject({ kind: 'on', evidence: 'answer' });
    expect(verdictFor(t.core.getState(), Date.now()).pause).toBe('paused');
  });

  it('a status read answered by a web page is a failed read, and the connection line says what answered', async () => {
    t = buildCore(onPremBackend(h.url));
    t.core.start();
    await t.core.poller.pollNow();
    await h.control('POST', '/sim/faults', { path: '/api/Agent', html: true });
    await t.core.poller.pollNow();
    const state = t.core.getState();
    expect(state.connection).toMatchObject({ status: 'reconnecting', message: 'a web page answered ("Network login"), not the Recording API (a proxy or login page in the way?)' });
    expect(verdictFor(state, Date.now())).toMatchObject({ headline: 'STATE UNKNOWN' });
  });

  it("a proxy's 502 page is summarised in words, never shown raw", async () => {
    await h.control('POST', '/sim/faults', { path: '/api/Agent', html: true, status: 502 });
    const read = await onPremBackend(h.url).getAgent();
    expect(read).toEqual({ ok: false, error: { kind: 'server-error', status: 502, message: '502 Bad Gateway from a proxy in front of the server: the Recording API behind it does not answer' } });
  });

  it('CXone: a mask answered by a login page is an unknown outcome, retried, never "masked"', async () => {
    const backend = cxoneBackend(h.url);
    await h.control('POST', '/sim/faults', { path: '/interaction-recording-management-service/v1/interactions/mask', html: true, times: 1 });
    const first = await backend.execute({ type: 'blackout-start' });
    expect(first).toEqual({ ok: false, error: { kind: 'bad-response', message: 'a web page answered ("Network login"), not CXone (a proxy or login page in the way?)' } });
    backend.close();
  });
});

describe('something that does not speak HTTP', () => {
  it('a pause sent to it fails at once: one attempt, no "may be on", NOT PAUSED', async () => {
    t = buildCore(onPremBackend(h.url));
    t.core.start();
    await t.core.poller.pollNow();
    await h.control('DELETE', '/sim/events');
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', notHttp: true });
    const started = Date.now();
    t.core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    const state = t.core.getState();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(state.controls.blackout).toMatchObject({ kind: 'failed', target: 'on', error: { kind: 'not-http', message: expect.stringMatching(/does not speak HTTP \(HPE_/) } });
    expect(state.pause.current).toBeNull();
    expect(verdictFor(state, Date.now())).toMatchObject({ headline: 'NOT PAUSED', pause: 'not-paused', countdown: null });
    expect((await events()).filter((e) => e.path === '/api/Blackout/StartForAgent')).toHaveLength(1);
  });

  it('an SSH port given as the server: the status read says so, in words', async () => {
    const sockets = new Set<Socket>();
    const ssh: Server = createServer((socket) => {
      sockets.add(socket);
      socket.end('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n');
    });
    await new Promise<void>((resolve) => ssh.listen(0, '127.0.0.1', resolve));
    const { port } = ssh.address() as AddressInfo;
    const backend = onPremBackend(`http://127.0.0.1:${port}`);
    try {
      const read = await backend.getAgent();
      expect(read).toMatchObject({ ok: false, error: { kind: 'not-http', message: expect.stringContaining(`what answers at http://127.0.0.1:${port} does not speak HTTP`) } });
    } finally {
      backend.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => ssh.close(resolve));
    }
  });
});

