import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordKeyRuntime } from '../../../src-main/runtime/recordkey-runtime';
import { readPolicy } from '../../../src-main/settings/admin-policy';
import { memoryInFile } from '../../../src-main/runtime/runtime-memory';
import { MemoryAuditSink } from '../../../src-main/core/audit-log';
import { settingsInMemoryOrFile } from '../../../src-main/web-harness/memory-persistence';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';
import { startTestRuntime } from '../../support/test-runtime';

let runtime: RecordKeyRuntime | null = null;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.control('POST', '/sim/agents', TEST_AGENT);
});
afterAll(() => h.close());
afterEach(async () => {
  await runtime?.stop();
  runtime = null;
});

const until = async (check: () => boolean, what: string) => {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('RecordKey runtime', () => {
  it('without a server, runs demo mode against its own simulator, badged DEMO', async () => {
    runtime = await startTestRuntime();
    expect(runtime.demo).toBe(true);
    expect(runtime.simulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(runtime.getState()).toMatchObject({ demo: true, agentLabel: 'Phone 805003' });
    await until(() => runtime!.getState().connection.status === 'connected', 'the demo connection');
  });

  it('fails closed: unreadable settings never switch a configured installation into DEMO', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-settings-'));
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{"version": 2, "connection": ');
    runtime = await startTestRuntime({ settings: settingsInMemoryOrFile(file) });
    expect(runtime.demo).toBe(false);
    await until(() => runtime!.getState().connection.status === 'misconfigured', 'the misconfigured state');
    const s = runtime.getState();
    expect(s.demo).toBe(false);
    expect(s.connection.message).toMatch(/the settings could not be read \(the settings file is not a settings object\); nothing is sent until they are fixed in Settings\. The old file was kept as .*settings\.json\.corrupt-\d+/);
    expect(s.availability.blackout).toMatch(/^not connected: /);
    expect(runtime.send({ type: 'blackout', action: 'start' }, 'hotkey')).toMatchObject({ accepted: false, reason: expect.stringMatching(/^not connected/) });
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    // Choosing demo in Settings is what turns DEMO on.
    await runtime.updateSettings({ settings: { connection: null } });
    expect(runtime.demo).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(2);
  });

  it('a server address that is not http(s) stays disconnected with an error naming it, never DEMO', async () => {
    runtime = await startTestRuntime({}, { version: 2, connection: { backend: 'onprem', baseUrl: 'ftp://rec.example.test', agent: { kind: 'Phone', value: '805003' } } });
    expect(runtime.demo).toBe(false);
    await until(() => runtime!.getState().connection.status === 'misconfigured', 'the misconfigured state');
    expect(runtime.getState().connection.message).toMatch(/baseUrl/);
  });

  it('says when there is no secure key store, and refuses to save secrets', async () => {
    runtime = await startTestRuntime({ secrets: { storage: 'unavailable', read: () => ({}), write: () => {} } });
    expect(runtime.getState().notices.find((n) => n.id === 'secrets')?.message).toMatch(/no secure key store/);
    const result = await runtime.updateSettings({ secrets: { onpremPassword: 'pw' } });
    expect(result).toEqual({ ok: false, errors: [{ path: 'secrets.onpremPassword', message: 'cannot be saved: this computer offers no secure key store' }] });
  });

  it('switches from demo to the configured server when the settings say so, keeping the listeners', async () => {
    runtime = await startTestRuntime();
    const seen: boolean[] = [];
    runtime.subscribe((s) => seen.push(s.demo));
    const result = await runtime.updateSettings({ settings: { connection: { backend: 'onprem', baseUrl: h.url, agent: { kind: 'Phone', value: TEST_AGENT.agentPhone } } } });
    expect(result.ok).toBe(true);
    expect(runtime.demo).toBe(false);
    await until(() => runtime!.getState().connection.status === 'connected', 'the real connection');
    expect(runtime.getState()).toMatchObject({ demo: false, server: h.url, agent: { agentPhone: '805003' } });
    expect(seen).toContain(false);
  });

  it('an admin policy locks settings against IPC changes and turns controls off in the core', async () => {
    const policy = readPolicy(JSON.stringify({ version: 1, lock: ['connection'], allowedControls: ['voice', 'blackout'] }), 'p');
    runtime = await startTestRuntime({ policy });
    expect(await runtime.updateSettings({ settings: { connection: null } })).toEqual({ ok: false, errors: [{ path: 'connection', message: 'locked by your administrator' }] });
    expect(runtime.settingsView()).toMatchObject({ locked: ['connection'], disallowedControls: ['screen', 'duplicate', 'doNotRecord'] });
    expect(runtime.getState().availability.screen).toBe('turned off by your administrator');
    expect(runtime.send({ type: 'screen', action: 'start' }, 'hotkey')).toEqual({ accepted: false, reason: 'turned off by your administrator' });
  });

  it('incomplete server settings stay disconnected with an error saying what to fix', async () => {
    runtime = await startTestRuntime({}, { version: 2, connection: { backend: 'cxone', apiBaseUrl: 'https://api.example.test', clientId: 'c', accessKeyId: 'k', userId: 'u' } });
    expect(runtime.demo).toBe(false);
    expect(runtime.getState().notices.find((n) => n.id === 'connection')?.message).toMatch(/Not connected: the server settings are incomplete .*clientSecret.*open Settings to fix them/);
  });

  it('quitting lets a pause in flight land, then resumes it before going, and audits both runs', async () => {
    await h.control('POST', '/sim/reset');
    await h.control('POST', '/sim/agents', TEST_AGENT);
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true });
    const r = await startTestRuntime({}, { version: 2, connection: { backend: 'onprem', baseUrl: h.url, agent: { kind: 'Phone', value: TEST_AGENT.agentPhone } } });
    await until(() => r.getState().connection.status === 'connected', 'the connection');
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', latencyMs: 300, times: 1 });
    expect(r.send({ type: 'blackout', action: 'start' }, 'hotkey').accepted).toBe(true);
    await r.stop();
    const posts = (await h.control<Array<{ method: string; path: string; status: number }>>('GET', '/sim/events')).filter((e) => e.method === 'POST');
    expect(posts.map((e) => `${e.path} ${e.status}`)).toEqual(['/api/Blackout/StartForAgent 200', '/api/Blackout/StopForAgent 200']);
    expect((await h.agentStatus()).ActiveCall!.Recordings[0].RecordingState).toBe('Recording');
    const runEnd = r.history(500).find((e) => e.result === 'run-end');
    expect(runEnd).toMatchObject({ action: 'RecordKey quit', error: null });
  });

  it('a restart mid-pause continues the countdown from the remembered deadline, and audits the interrupted run', async () => {
    await h.control('POST', '/sim/reset');
    await h.control('POST', '/sim/agents', TEST_AGENT);
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true });
    const settings = { version: 2, connection: { backend: 'onprem', baseUrl: h.url, agent: { kind: 'Phone', value: TEST_AGENT.agentPhone } } };
    const memory = memoryInFile(join(mkdtempSync(join(tmpdir(), 'rk-memory-')), 'recording-state.json'));
    const audit = new MemoryAuditSink();
    const first = await startTestRuntime({ memory, audit }, settings);
    await until(() => first.getState().connection.status === 'connected', 'the connection');
    first.send({ type: 'blackout', action: 'start' }, 'hotkey');
    await until(() => first.getState().controls.blackout.kind === 'on', 'the pause');
    const deadline = first.getState().pause.current!.deadline;
    // A crash: the process is gone without resuming (no stop()).
    (first as unknown as { core: { stop(): void } }).core.stop();
    const second = await startTestRuntime({ memory, audit }, settings);
    try {
      expect(second.getState().pause.current).toMatchObject({ deadline, origin: 'last-run' });
      const starts = audit.records.filter((r) => r.result === 'run-start');
      expect(starts.at(-1)?.detail).toMatchObject({ lastRun: 'interrupted' });
      expect(audit.records.some((r) => r.action === 'found pause running')).toBe(true);
    } finally {
      await second.stop();
    }
    expect(memory.read().data.pause).toBeNull();
  });

  it('tells the shell about saved settings, with the previous ones, so hotkeys and start-at-login apply at once', async () => {
    runtime = await startTestRuntime();
    const seen: Array<[boolean, boolean]> = [];
    runtime.onSettingsChanged((now, before) => seen.push([now.startAtLogin, before.startAtLogin]));
    await runtime.updateSettings({ settings: { startAtLogin: false } });
    await runtime.updateSettings({ settings: { maxBlackoutSeconds: 5 } });
    expect(seen).toEqual([[false, true]]);
  });

  it('rejects a malformed intent or source with the reason, never throwing', async () => {
    runtime = await startTestRuntime();
    expect(runtime.send(null, 'hotkey')).toMatchObject({ accepted: false, reason: expect.stringMatching(/^not a valid request/) });
    expect(runtime.send({ type: 'refresh' }, 'telepathy')).toMatchObject({ accepted: false, reason: expect.stringMatching(/^not a valid request/) });
    expect(runtime.history(10)).toEqual(expect.any(Array));
  });
});
