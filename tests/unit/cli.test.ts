import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/run-cli';
import { resetWorld } from '../support/core-harness';
import { startHarness, TEST_AGENT, type Harness } from '../support/simulator-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => resetWorld(h, { record: false }));

const CXONE_ENV = {
  RECORDKEY_CXONE_CLIENT_ID: 'recordkey-demo',
  RECORDKEY_CXONE_CLIENT_SECRET: 'demo-client-secret',
  RECORDKEY_CXONE_ACCESS_KEY_ID: 'AK7',
  RECORDKEY_CXONE_ACCESS_KEY_SECRET: 'secret-7',
};

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const onprem = (...rest: string[]) => ['--server', h.url, '--agent', `Phone=${TEST_AGENT.agentPhone}`, ...rest];
const cxone = (...rest: string[]) => ['--server', h.url, '--backend', 'cxone', '--token-url', `${h.url}/auth/token`, '--cxone-user', '1234007', ...rest];

describe('npm run cli', () => {
  it('status shows the call at a glance', async () => {
    await resetWorld(h, { ani: '02079460123', dnis: '08001234', direction: 'I' });
    const { code, out } = await cli(onprem('status'));
    expect(code).toBe(0);
    expect(out).toMatch(/^Agent\s+Phone 805003 \(pat@example.test, id 7\)$/m);
    expect(out.split('\n')[0]).toBe('NOT RECORDED — This call is not being recorded');
    // One date format everywhere: the server's starttime shown as local time with its offset.
    expect(out).toMatch(/^Call\s+On a call · inbound · 02079460123 → 08001234 · since (\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d [+-]\d\d:\d\d$/m);
    expect(out).toMatch(/^As of\s+(\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d [+-]\d\d:\d\d$/m);
    expect(out).toMatch(/^Voice\s+Not recording \(confirmed by the server\)$/m);
    // This server has not shown a pause yet, so no pause in its status proves nothing: only that RecordKey paused nothing.
    expect(out).toMatch(/^Pause\s+Not paused by RecordKey \(this server's status cannot show a pause/m);
  });

  it('--json status is the documented stable shape', async () => {
    await resetWorld(h, { record: true });
    const { code, out } = await cli(onprem('--json', 'status'));
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json).sort()).toEqual(['agent', 'at', 'blackoutDeadline', 'command', 'connection', 'evidence', 'message', 'ok', 'recording', 'verdict']);
    expect(json).toMatchObject({ ok: true, command: 'status', connection: 'connected', recording: { voice: 'on', screen: 'off', blackout: 'unknown', duplicate: 'off', doNotRecord: 'unsupported' }, evidence: { voice: 'status', blackout: null } });
    expect(json.agent.activeCall.callInstance).toEqual(expect.any(String));
  });

  it('record start|update|stop, duplicate and screen drive the server and confirm', async () => {
    expect((await cli(onprem('record', 'start', '--call-id', 'r1'))).out).toBe('record start: Recording (confirmed by the server)');
    expect((await cli(onprem('record', 'update', '--meta', 'user2=1234567890', '--call-id', 'r1'))).code).toBe(0);
    expect((await h.agentStatus()).ActiveCall!.Metadata.user2).toBe('1234567890');
    expect((await cli(onprem('duplicate', 'start'))).code).toBe(0);
    expect((await cli(onprem('screen', 'start', '--meta', 'user1=API Initiated'))).code).toBe(0);
    expect((await cli(onprem('screen', 'update', '--meta', 'user1=later'))).code).toBe(0);
    expect((await h.agentStatus()).ActiveCall!.Recordings.map((r) => [r.IsDuplicate, r.RecordingState]).sort()).toEqual([
      [false, 'Recording'],
      [false, 'ScreenRecording'],
      [true, 'Recording'],
    ]);
    for (const args of [['duplicate', 'stop'], ['screen', 'stop'], ['record', 'stop']]) expect((await cli(onprem(...args))).code).toBe(0);
    expect((await h.agentStatus()).ActiveCall!.Recordings).toEqual([]);
  });

  it('--pipelining sends the confirming read behind the command on one connection', async () => {
    await h.control('DELETE', '/sim/events');
    expect((await cli(onprem('--pipelining', 'record', 'start'))).out).toBe('record start: Recording (confirmed by the server)');
    const events = await h.control<Array<{ method: string; path: string; pipelined?: true }>>('GET', '/sim/events');
    const start = events.findIndex((e) => e.path === '/api/Record/StartForAgent');
    expect(events.slice(start).map((e) => `${e.method} ${e.path}${e.pipelined ? ' (pipelined)' : ''}`)).toEqual(['POST /api/Record/StartForAgent', 'GET /api/Agent (pipelined)']);
  });

  it('blackout start --for schedules the resume on the server itself', async () => {
    await cli(onprem('record', 'start'));
    const { code, out } = await cli(onprem('blackout', 'start', '--for', '30'));
    expect(code).toBe(0);
    expect(out).toMatch(/resumes recording in 30 s/);
    expect((await h.agentStatus()).ActiveCall!.Recordings[0].RecordingState).toBe('BlackedOut');
    await h.control('POST', '/sim/clock', { advanceMs: 31_000 });
    expect((await h.agentStatus()).ActiveCall!.Recordings[0].RecordingState).toBe('Recording');
  });

  it('an intent already in effect is done (exit 0), so scripts can be idempotent', async () => {
    await cli(onprem('record', 'start'));
    const again = await cli(onprem('--json', 'record', 'start'));
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ ok: true, command: 'record start', state: 'on' });
  });

  it('exit 3 for no active call and for an unknown agent', async () => {
    await h.control('POST', '/sim/agents/7/hangup');
    const noCall = await cli(onprem('--json', 'record', 'start'));
    expect(noCall.code).toBe(3);
    expect(JSON.parse(noCall.out)).toMatchObject({ ok: false, error: { message: 'refused: no active call to record' }, exitCode: 3 });
    expect((await cli(['--server', h.url, '--agent', 'Phone=000', 'status'])).code).toBe(3);
  });

  it('exit 4 for a server error, unreachable server or timeout; exit 5 for not authorized', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', status: 500, times: 1 });
    const failed = await cli(onprem('record', 'start'));
    expect(failed.code).toBe(4);
    expect(failed.err).toMatch(/record start: Start failed \(server error 500/);
    expect((await cli(['--server', 'http://127.0.0.1:1', '--agent', 'Id=7', 'status'])).code).toBe(4);
    await h.control('POST', '/sim/faults', { path: '/api/Agent', latencyMs: 1500, times: 1 });
    expect((await cli(onprem('--timeout', '500', 'status'))).code).toBe(4);
    await h.control('POST', '/sim/faults', { path: '/api/Agent', status: 401, times: 1 });
    expect((await cli(onprem('status'))).code).toBe(5);
  });

  it('exit 2 with a one-line reason for bad arguments', async () => {
    for (const args of [
      [],
      ['status'],
      ['--server', h.url, 'status'],
      onprem('record'),
      onprem('record', 'jump'),
      onprem('--agent', 'Badge=1', 'status'),
      onprem('record', 'update', '--meta', 'user99=x'),
      onprem('blackout', 'start', '--for', 'ever'),
      onprem('blackout', 'start', '--start-time', 'tomorrow'),
      onprem('--timeout', '1', 'status'),
      onprem('--frobnicate'),
      ['--server', 'not a url', '--agent', 'Id=1', 'status'],
    ]) {
      const { code, err } = await cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(err.split('\n')[0], args.join(' ')).toMatch(/^recordkey: \S/);
      if (args.length) expect(err.split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  // Issue 20, Why 7: Node's advice about positional arguments, "give a command" for a missing value, "baseUrl: …".
  it('says each argument error in its own words, naming the option and what it takes', async () => {
    const said = async (...args: string[]) => (await cli(args)).err;
    expect(await said('--frobnicate', 'status')).toBe('recordkey: unknown option --frobnicate: run with --help for the options');
    expect(await said('--server')).toBe('recordkey: --server needs a value: the address of the recording server, e.g. https://recording.example.com');
    expect(await said('--server', h.url, '--agent', 'status')).toBe('recordkey: --agent needs KIND=VALUE, e.g. Phone=805003 (got "status"; was the value left out?)');
    expect(await said('--server', 'ftp://x', '--agent', 'Phone=1', 'status')).toBe('recordkey: --server: the server address must start with http:// or https:// (got "ftp://x")');
    expect(await said(...onprem('jump'))).toMatch(/^recordkey: unknown command "jump": the commands are status, watch, /);
  });

  it('doctor says what is wrong and what to fix', async () => {
    const good = await cli(onprem('doctor'));
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/✓ agent known\s+Phone 805003 is agent 7, on a call/);
    const unknown = await cli(['--server', h.url, '--agent', 'Phone=000', 'doctor']);
    expect(unknown.code).toBe(3);
    expect(unknown.out).toMatch(/✗ agent known .*check the agent identifier/);
    await h.control('POST', '/sim/faults', { path: '/api/Agent', malformed: true, times: 1 });
    const wrongUrl = await cli(onprem('doctor'));
    expect(wrongUrl.out).toMatch(/✗ is a Recording API .*check the URL/);
  });

  it('blackout stop is sent while the server is paused, even where its status cannot show the pause', async () => {
    await resetWorld(h, { record: false });
    await h.control('POST', '/sim/settings', { statusShowsBlackouts: false });
    await h.command('/api/Blackout/StartForAgent');
    const stop = await cli(onprem('blackout', 'stop'));
    expect(stop.code).toBe(0);
    expect((await h.control<{ blackout: unknown }>('GET', '/sim/agents/7')).blackout).toBeNull();
  });

  it('--timeout bounds the whole command, retries included, and long retries show progress on stderr', async () => {
    await resetWorld(h, { record: true });
    await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', status: 503 });
    const started = Date.now();
    const result = await cli(onprem('--timeout', '1500', 'blackout', 'start'));
    expect(Date.now() - started).toBeLessThan(4000);
    expect(result.code).toBe(4);
    expect(result.err).toMatch(/blackout start: retrying \(attempt 2\): server error 503/);
    await h.control('DELETE', '/sim/faults');
  });

  it('drives CXone exactly as on-premise (secrets from the environment): record, blackout, status, do-not-record, doctor', async () => {
    const start = await cli(cxone('record', 'start'), CXONE_ENV);
    expect(start.out).toBe('record start: Recording (confirmed by the server)');
    const pause = await cli(cxone('blackout', 'start'), CXONE_ENV);
    expect(pause.out).toBe('blackout start: Paused: the recording is silent (confirmed by the server)');
    const status = await cli(cxone('status'), CXONE_ENV);
    expect(status.out).toMatch(/^Pause\s+Paused: the recording is silent \(confirmed by the server\)$/m);
    expect(status.out).toMatch(/^Screen\s+Not known \(CXone's status does not show the screen\)$/m);
    const resume = await cli(cxone('blackout', 'stop'), CXONE_ENV);
    expect(resume.out).toBe('blackout stop: Not paused (confirmed by the server)');
    const dnr = await cli(cxone('--json', 'do-not-record'), CXONE_ENV);
    expect(JSON.parse(dnr.out)).toMatchObject({ ok: true, state: 'on' });
    // A new process reads the refusal from the status (CustomerDisconsent) and refuses locally.
    const refused = await cli(cxone('record', 'start'), CXONE_ENV);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe('record start: refused: the customer declined recording for this call');
    const doctor = await cli(cxone('doctor'), CXONE_ENV);
    expect(doctor.code).toBe(0);
    expect(doctor.out.split('\n').map((l) => l.slice(0, 24).trim())).toEqual(['! encryption', '✓ CXone credentials', '✓ status permission', '✓ pause evidence', '✓ masking permission', '✓ on-demand permission']);
    const noSecret = await cli(cxone('status'), { ...CXONE_ENV, RECORDKEY_CXONE_ACCESS_KEY_SECRET: '' });
    expect(noSecret.code).toBe(2);
    expect(noSecret.err).toMatch(/access key secret is required/);
  });

  it('CXone doctor names each missing permission, and what RecordKey does without the status one', async () => {
    await h.control('POST', '/sim/agents', { agentId: TEST_AGENT.agentId, cxoneStatusPermitted: false, cxoneMaskPermitted: false });
    const doctor = await cli(cxone('doctor'), CXONE_ENV);
    expect(doctor.code).toBe(5); // not authorized
    expect(doctor.out).toMatch(/^✗ status permission\s+the CXone user lacks .*get-recording-status.*\(403\).*every claim rests on a command's answer/m);
    expect(doctor.out).toMatch(/^✗ masking permission\s+the CXone user lacks the Multi-ACD Masking API permission \(403\)/m);
  });
});

describe('npm run cli -- agents', () => {
  it('lists the agents the server knows, as text and as JSON, without an --agent', async () => {
    await h.control('POST', '/sim/agents', { agentId: 8, agentPhone: '805004', systemUsername: 'sam', username: 'sam@example.test' });
    const text = await cli(['--server', h.url, 'agents']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^7\s+pat\s+pat@example.test\s+phone 805003 {2}on a call$/m);
    expect(text.out).toMatch(/^8\s+sam\s+sam@example.test\s+phone 805004$/m);
    const json = JSON.parse((await cli(['--server', h.url, '--json', 'agents'])).out);
    expect(json).toMatchObject({ ok: true, command: 'agents', agents: expect.arrayContaining([expect.objectContaining({ agentId: '8', systemUsername: 'sam' })]) });
  });

  it('a server whose GetAll fails: the reason and exit code 4', async () => {
    await h.control('POST', '/sim/faults', { path: '/api/Agent/GetAll', status: 500, times: 1 });
    const result = await cli(['--server', h.url, 'agents']);
    expect(result.code).toBe(4);
    expect(result.err).toMatch(/^agents: server error 500/);
  });
});
