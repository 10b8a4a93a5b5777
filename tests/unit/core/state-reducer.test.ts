import { describe, expect, it } from 'vitest';
import type { AgentSnapshot, CallSnapshot } from '../../../src-main/core/agent-snapshot';
import type { AppState } from '../../../src-main/core/ipc-contract';
import { AppStateSchema } from '../../../src-main/core/ipc-contract';
import { initialState, reduce, type CoreEvent } from '../../../src-main/core/state-reducer';

const T0 = Date.parse('2026-11-21T10:00:00Z');
const identity = {
  demo: false,
  backend: 'onprem' as const,
  server: 'https://rec.example.test',
  agentLabel: 'Phone 805003',
  maxBlackoutSeconds: 120,
  canReportStatus: true,
  unsupported: { voice: null, screen: null, blackout: null, duplicate: null, doNotRecord: 'not here' },
};

function call(states: string[] = [], instance = 'c1'): CallSnapshot {
  return {
    callInstance: instance,
    callState: 'OnCall',
    direction: 'inbound',
    ani: '1',
    dnis: '2',
    startTime: '',
    metadata: {},
    recordings: states.map((state, i) => ({
      id: `r${i}`,
      isDuplicate: false,
      state,
      media: state.startsWith('Screen') ? 'screen' : 'voice',
      blackedOut: state.includes('BlackedOut') ? true : state === 'Recording' || state === 'ScreenRecording' ? false : null,
    })),
  } as CallSnapshot;
}

function agent(active: CallSnapshot | null): AgentSnapshot {
  return { agentId: '7', businessUnit: '1', agentPhone: '805003', systemUsername: '', crmUsername: '', username: '', deviceId: '', deviceAlias: '', activeCall: active, inactiveCalls: [], desktopOnlySessions: [] };
}

const run = (events: CoreEvent[], start: AppState = initialState(identity, T0)) => events.reduce(reduce, start);
const poll = (a: AgentSnapshot, at = T0): CoreEvent => ({ type: 'poll-ok', snapshot: a, at });

describe('state reducer', () => {
  it('every state it produces fits the IPC contract', () => {
    const s = run([poll(agent(call(['Recording']))), { type: 'command-started', control: 'blackout', target: 'on', at: T0, source: 'hotkey' }]);
    expect(AppStateSchema.safeParse(s).success).toBe(true);
  });

  it('a status that disagrees keeps an accepted command pending; one that agrees confirms it', () => {
    const accepted = run([
      poll(agent(call(['Recording']))),
      { type: 'command-started', control: 'blackout', target: 'on', at: T0, source: 'hotkey' },
      { type: 'command-accepted', control: 'blackout', target: 'on', at: T0 },
    ]);
    const stillRecording = reduce(accepted, poll(agent(call(['Recording'])), T0 + 100));
    expect(stillRecording.controls.blackout).toMatchObject({ status: 'pending-on', confirmed: 'off' });
    const paused = reduce(stillRecording, poll(agent(call(['BlackedOut'])), T0 + 200));
    expect(paused.controls.blackout).toMatchObject({ status: 'on', confirmed: 'on' });
    expect(paused.blackout).toMatchObject({ startedAt: new Date(T0 + 200).toISOString(), deadline: new Date(T0 + 200 + 120_000).toISOString() });
  });

  it('a status that cannot show the pause (nothing recorded) leaves the 200 as the evidence', () => {
    const s = run([
      poll(agent(call([]))),
      { type: 'command-started', control: 'blackout', target: 'on', at: T0, source: 'hotkey' },
      { type: 'command-accepted', control: 'blackout', target: 'on', at: T0 },
      poll(agent(call([]))),
    ]);
    expect(s.controls.blackout).toMatchObject({ status: 'on', confirmed: 'on' });
  });

  it('a pause the server shows that RecordKey did not start (e.g. after a restart) is adopted, with a deadline', () => {
    const s = run([poll(agent(call(['BlackedOut'])))]);
    expect(s.controls.blackout.status).toBe('on');
    expect(s.blackout.deadline).not.toBeNull();
  });

  it('a failure keeps what the server last showed, and clears once the server shows the target', () => {
    const failed = run([
      poll(agent(call(['Recording']))),
      { type: 'command-started', control: 'voice', target: 'off', at: T0, source: 'hotkey' },
      { type: 'command-failed', control: 'voice', target: 'off', message: 'server error 500', kind: 'server-error', at: T0 },
      poll(agent(call(['Recording']))),
    ]);
    expect(failed.controls.voice).toMatchObject({ status: 'failed', confirmed: 'on', error: 'server error 500', errorKind: 'server-error' });
    expect(failed.lastError).toMatchObject({ message: 'server error 500', control: 'voice' });
    const resolved = reduce(failed, poll(agent(call([]))));
    expect(resolved.controls.voice).toMatchObject({ status: 'off', error: null });
  });

  it('marks state stale: reconnecting after one failure, unreachable after three, with the last snapshot kept', () => {
    const error = { kind: 'unreachable' as const, message: 'server unreachable at https://rec.example.test (connection refused)' };
    const once = run([poll(agent(call(['Recording']))), { type: 'poll-failed', error, at: T0 }]);
    expect(once.connection.status).toBe('reconnecting');
    const thrice = run([{ type: 'poll-failed', error, at: T0 }, { type: 'poll-failed', error, at: T0 }], once);
    expect(thrice.connection).toMatchObject({ status: 'unreachable', consecutiveFailures: 3, message: error.message });
    expect(thrice.agent?.activeCall?.callInstance).toBe('c1');
  });

  it('explains every unavailable control, and keeps pause available while unreachable', () => {
    const idle = run([poll(agent(null))]);
    expect(idle.controls.voice.unavailable).toBe('no active call to record');
    expect(idle.controls.duplicate.unavailable).toBe('no active call to duplicate');
    expect(idle.controls.doNotRecord.unavailable).toBe('not here');
    const down = run([{ type: 'poll-failed', error: { kind: 'unreachable', message: 'down' }, at: T0 }]);
    expect(down.controls.voice.unavailable).toBe('not connected: down');
    expect(down.controls.blackout.unavailable).toBeNull();
  });

  it('notices are set and cleared by id', () => {
    const s = run([
      { type: 'notice-set', notice: { id: 'hotkey', level: 'warning', message: 'Ctrl+Alt+P is taken' } },
      { type: 'notice-set', notice: { id: 'hotkey', level: 'warning', message: 'Ctrl+Alt+B is taken' } },
    ]);
    expect(s.notices).toEqual([{ id: 'hotkey', level: 'warning', message: 'Ctrl+Alt+B is taken' }]);
    expect(reduce(s, { type: 'notice-cleared', id: 'hotkey' }).notices).toEqual([]);
  });
});
