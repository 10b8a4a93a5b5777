import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../src-main/core/ipc-contract';
import { AppStateSchema } from '../../../src-main/core/ipc-contract';
import { initialState, reduce, type CoreEvent, type CoreIdentity } from '../../../src-main/core/state-reducer';
import { agent, call, poll } from '../../support/snapshots';

const T0 = Date.parse('2026-11-21T10:00:00Z');
const identity: CoreIdentity = {
  demo: false,
  backend: 'onprem',
  server: 'https://rec.example.test',
  agentLabel: 'Phone 805003',
  maxBlackoutSeconds: 120,
      noCallGraceMs: 5000,
      keepPauseAcrossCalls: false,
  canReportStatus: true,
  statusShowsPauses: null,
  unsupported: { voice: null, screen: null, blackout: null, duplicate: null, doNotRecord: 'not here' },
};

const run = (events: CoreEvent[], start: AppState = initialState(identity, T0)) => events.reduce(reduce, start);
const sent = (target: 'on' | 'off', at = T0): CoreEvent => ({ type: 'command-sent', control: 'blackout', target, at });
const answered = (statusCanShow: boolean, at = T0): CoreEvent => ({ type: 'control', control: 'blackout', event: { type: 'answered', statusCanShow, at } });

describe('state reducer', () => {
  it('starts unknown, never "off": nothing is claimed before the server has spoken', () => {
    const s = initialState(identity, T0);
    expect(Object.values(s.controls).map((c) => c.kind)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(AppStateSchema.safeParse(s).success).toBe(true);
  });

  it('a status read settles each control on status evidence', () => {
    const s = run([poll(agent(call(['Recording'])), T0)]);
    expect(s.controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
    expect(s.controls.screen).toMatchObject({ kind: 'off', evidence: 'status' });
    // A server not (yet) known to show pauses: "Recording" proves nothing about the pause.
    expect(s.controls.blackout.kind).toBe('unknown');
  });

  it('an unknown RecordingState is unknown, never read as paused or as recording', () => {
    const s = run([poll(agent(call(['BlackoutEnded'])), T0)], initialState({ ...identity, statusShowsPauses: 'admin' }, T0));
    expect(s.controls.voice.kind).toBe('unknown');
    expect(s.controls.blackout.kind).toBe('unknown');
  });

  it('the first paused value teaches RecordKey that this server shows pauses; after that, no pause shown is evidence', () => {
    const learnt = run([poll(agent(call(['BlackedOut'])), T0)]);
    expect(learnt.capabilities.statusShowsPauses).toBe('learnt');
    expect(learnt.controls.blackout).toMatchObject({ kind: 'on', evidence: 'status' });
    const ended = reduce(learnt, poll(agent(call(['Recording'])), T0 + 1000));
    expect(ended.controls.blackout).toMatchObject({ kind: 'off', evidence: 'status' });
    expect(ended.pause.current).toBeNull();
    expect(ended.pause.lastEnded).toEqual({ at: new Date(T0 + 1000).toISOString(), by: 'server' });
  });

  it('a pause start fixes the deadline when it is first sent; the answer is the evidence where the status cannot show it', () => {
    const s = run([poll(agent(call(['Recording'])), T0), sent('on', T0 + 10), answered(false, T0 + 900)]);
    expect(s.controls.blackout).toMatchObject({ kind: 'on', evidence: 'answer' });
    expect(s.pause.current).toMatchObject({ startedAt: new Date(T0 + 10).toISOString(), deadline: new Date(T0 + 10 + 120_000).toISOString() });
  });

  it('on a server known to show pauses, a status that disagrees after the answer fails the start: nothing is paused', () => {
    const start = initialState({ ...identity, statusShowsPauses: 'admin' }, T0);
    const s = run(
      [
        poll(agent(call(['Recording'])), T0),
        sent('on'),
        answered(true),
        poll(agent(call(['Recording'])), T0 + 100),
        { type: 'control', control: 'blackout', event: { type: 'confirm-ended', answer: 'done', at: T0 + 200 } },
      ],
      start,
    );
    expect(s.controls.blackout).toMatchObject({ kind: 'failed', target: 'on', lastKnown: { value: 'off', evidence: 'status' } });
    expect(s.pause.current).toBeNull();
    expect(s.lastError?.control).toBe('blackout');
    // A later pause that works makes the old failure stale: the notice goes with it.
    const later = run([sent('on'), answered(true), poll(agent(call(['BlackedOut'])), T0 + 5000)], s);
    expect(later.controls.blackout.kind).toBe('on');
    expect(later.lastError).toBeNull();
  });

  it('a stop whose answer was lost leaves the pause assumed on, with its deadline', () => {
    const s = run([
      poll(agent(call(['Recording'])), T0),
      sent('on'),
      answered(false),
      sent('off', T0 + 5000),
      { type: 'control', control: 'blackout', event: { type: 'errored', error: { kind: 'timeout', message: 'no answer within 5 s' }, at: T0 + 10_000 } },
    ]);
    expect(s.controls.blackout).toMatchObject({ kind: 'on', evidence: 'assumed' });
    expect(s.pause.current?.deadline).toBe(new Date(T0 + 120_000).toISOString());
  });

  it('a failure clears as soon as the server shows what was asked for', () => {
    const s = run([
      poll(agent(call([])), T0),
      { type: 'command-sent', control: 'voice', target: 'on', at: T0 },
      { type: 'control', control: 'voice', event: { type: 'errored', error: { kind: 'server-error', message: 'server error 500', status: 500 }, at: T0 } },
    ]);
    expect(s.controls.voice).toMatchObject({ kind: 'failed', lastKnown: { value: 'off' } });
    const recovered = reduce(s, poll(agent(call(['Recording'])), T0 + 1000));
    expect(recovered.controls.voice).toMatchObject({ kind: 'on', evidence: 'status' });
  });

  it('a hold is not the end of a call; no call at all starts the grace; a call after a gap is flagged', () => {
    const paused = run([poll(agent(call(['Recording'], 'a')), T0), sent('on'), answered(false)]);
    const held = reduce(paused, poll(agent(null, [call(['Recording'], 'a')]), T0 + 1000));
    expect(held.pause.current?.noCallSince).toBeNull();
    const gone = reduce(held, poll(agent(null), T0 + 2000));
    expect(gone.pause.current?.noCallSince).toBe(new Date(T0 + 2000).toISOString());
    const next = reduce(gone, poll(agent(call(['Recording'], 'b')), T0 + 3000));
    expect(next.pause.current).toMatchObject({ noCallSince: null, newCallWhilePaused: 'b', callInstance: 'b' });
  });

  it('marks state stale: reconnecting after one failure, unreachable after three, misconfigured when nothing can be sent', () => {
    const error = { kind: 'unreachable' as const, message: 'connection refused' };
    const once = run([poll(agent(call(['Recording'])), T0), { type: 'poll-failed', error, at: T0 + 1000 }]);
    expect(once.connection.status).toBe('reconnecting');
    expect(once.agent?.activeCall).not.toBeNull();
    const thrice = run([{ type: 'poll-failed', error, at: T0 + 2000 }, { type: 'poll-failed', error, at: T0 + 3000 }], once);
    expect(thrice.connection.status).toBe('unreachable');
    const misconfigured = run([{ type: 'poll-failed', error: { kind: 'not-configured', message: 'the server address is not http(s)' }, at: T0 }]);
    expect(misconfigured.connection.status).toBe('misconfigured');
    expect(misconfigured.availability.blackout).toMatch(/not connected: the server address is not http\(s\)/);
  });

  it('explains every unavailable control, and keeps the pause available while unreachable', () => {
    const idle = run([poll(agent(null), T0)]);
    expect(idle.availability.voice).toBe('no active call to record');
    expect(idle.availability.doNotRecord).toBe('not here');
    const down = run([{ type: 'poll-failed', error: { kind: 'unreachable', message: 'refused' }, at: T0 }]);
    expect(down.availability.voice).toMatch(/not connected/);
    expect(down.availability.blackout).toBeNull();
  });
});
