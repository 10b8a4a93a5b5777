import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordKeyRuntime } from '../../../src-main/runtime/recordkey-runtime';
import { readPolicy } from '../../../src-main/settings/admin-policy';
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

  it('a corrupt settings file is backed up, defaults are used, and the agent is told', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-settings-'));
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{"version": 2, "connection": ');
    runtime = await startTestRuntime({ settings: settingsInMemoryOrFile(file) });
    const notice = runtime.getState().notices.find((n) => n.id === 'settings');
    expect(notice?.message).toMatch(/Your settings could not be read \(the settings file is not a settings object\); RecordKey started with the defaults\. The old file was kept as .*settings\.json\.corrupt-\d+/);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(2);
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
    expect(runtime.getState().controls.screen.unavailable).toBe('turned off by your administrator');
    expect(runtime.send({ type: 'screen', action: 'start' }, 'hotkey')).toEqual({ accepted: false, reason: 'turned off by your administrator' });
  });

  it('incomplete server settings fall back to demo mode with an error saying what to fix', async () => {
    runtime = await startTestRuntime({}, { version: 2, connection: { backend: 'cxone', apiBaseUrl: 'https://api.example.test', clientId: 'c', accessKeyId: 'k', userId: 'u' } });
    expect(runtime.demo).toBe(true);
    expect(runtime.getState().notices.find((n) => n.id === 'connection')?.message).toMatch(/server settings are incomplete .*clientSecret.*Running in demo mode until then/);
  });

  it('stopping lets a command in flight finish, so a pause pressed just before quitting is not lost', async () => {
    await h.control('POST', '/sim/reset');
    await h.control('POST', '/sim/agents', TEST_AGENT);
    await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true });
    const r = await startTestRuntime({}, { version: 2, connection: { backend: 'onprem', baseUrl: h.url, agent: { kind: 'Phone', value: TEST_AGENT.agentPhone } } });
    await until(() => r.getState().connection.status === 'connected', 'the connection');
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', latencyMs: 300, times: 1 });
    expect(r.send({ type: 'blackout', action: 'start' }, 'hotkey').accepted).toBe(true);
    await r.stop();
    expect((await h.agentStatus()).ActiveCall!.Recordings[0].RecordingState).toBe('BlackedOut');
    expect(r.getState().controls.blackout.status).toBe('on');
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
