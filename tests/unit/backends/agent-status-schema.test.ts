import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgentListParser, parseAgentList, parseAgentStatus, splitArrayOfObjects } from '../../../src-main/backends/onprem/agent-status-schema';
import { classifyRecordingState, DEFAULT_VOCABULARY, observedPause, observeSnapshot, vocabularyWith } from '../../../src-main/core/recording-vocabulary';

const PUBLISHED = {
  AgentId: 2,
  BusinessUnit: 1,
  AgentPhone: '805003',
  SystemUsername: 'jdoe',
  CrmUsername: 'jdoe.crm',
  Username: 'jdoe@example.com',
  DeviceId: '15',
  DeviceAlias: 'Desk 15',
  ActiveCall: {
    CallInstance: 'fe0b6231-1ffcce90-c84c9c5f@10.100.6.20',
    CallState: 'OnCall',
    Metadata: { ani: '5551234', dnis: '8005550100', calldirection: 'I', starttime: '11/21/2026 10:00:00', user1: 'x' },
    Recordings: [{ RecordingIdentifier: '7b1e1f0e-8c1a-4c59-9d7a-0a4e5f2b6c11', IsDuplicate: false, RecordingState: 'Recording' }],
  },
  InactiveCalls: [],
  DesktopOnlySessions: [],
};

describe('parseAgentStatus', () => {
  it('reads the published shape into a normalized snapshot', () => {
    const result = parseAgentStatus(JSON.stringify(PUBLISHED));
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        agentId: '2',
        agentPhone: '805003',
        activeCall: expect.objectContaining({
          callInstance: 'fe0b6231-1ffcce90-c84c9c5f@10.100.6.20',
          direction: 'inbound',
          ani: '5551234',
          dnis: '8005550100',
          startTime: '11/21/2026 10:00:00',
          recordings: [{ id: '7b1e1f0e-8c1a-4c59-9d7a-0a4e5f2b6c11', isDuplicate: false, state: 'Recording' }],
        }),
      }),
    });
  });

  it('reads keys in any case, AgentID as the prose spells it, and ignores unknown keys', () => {
    const body = { agentID: '2', ACTIVECALL: { callinstance: 'c1', callState: 'OnCall', recordings: null, Extra: 1 }, SomethingNew: true };
    const result = parseAgentStatus(JSON.stringify(body));
    expect(result.ok && result.value).toMatchObject({ agentId: '2', agentPhone: '', activeCall: { callInstance: 'c1', recordings: [] }, inactiveCalls: [] });
  });

  it('names the offending field when the body does not fit', () => {
    const bad = { ...PUBLISHED, ActiveCall: { ...PUBLISHED.ActiveCall, Recordings: [{ RecordingIdentifier: 'r', IsDuplicate: 'maybe' }] } };
    const result = parseAgentStatus(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^server answered with something that is not a Recording API response: activecall\.recordings\.0\.isduplicate/);
  });

  it('says when the body is not JSON at all, or has no agent id', () => {
    const html = parseAgentStatus('<html>Proxy error</html>');
    expect(!html.ok && html.error).toMatchObject({ kind: 'bad-response', message: expect.stringMatching(/the body is not JSON \(starts "<html>Proxy error/) });
    const empty = parseAgentStatus('{}');
    expect(!empty.ok && empty.error.message).toMatch(/agentid/);
  });

  it('reads GetAll as a list', () => {
    const result = parseAgentList(JSON.stringify([PUBLISHED, { ...PUBLISHED, AgentId: 3 }]));
    expect(result.ok && result.value.map((a) => a.agentId)).toEqual(['2', '3']);
  });

  it('GetAll parsed again (the site relay, every second): an unchanged agent is the same snapshot, a changed one is read again, a bad one is named by its place', () => {
    const parser = new AgentListParser();
    const first = parser.parse(JSON.stringify([PUBLISHED, { ...PUBLISHED, AgentId: 3 }]));
    const second = parser.parse(JSON.stringify([PUBLISHED, { ...PUBLISHED, AgentId: 3, AgentPhone: '999' }]));
    if (!first.ok || !second.ok) throw new Error('both parse');
    expect(second.value[0]).toBe(first.value[0]);
    expect(second.value[1]).not.toBe(first.value[1]);
    expect(second.value[1]).toMatchObject({ agentId: '3', agentPhone: '999' });
    const bad = parser.parse(JSON.stringify([PUBLISHED, { AgentPhone: '1' }]));
    expect(!bad.ok && bad.error).toMatchObject({ kind: 'bad-response', message: expect.stringMatching(/: 1\.agentid: /) });
    expect(parser.parse('{"not":"a list"}').ok).toBe(false);
  });

  it('cuts a GetAll body into its agents as sent, strings and escapes respected; anything else is not cut', () => {
    const tricky = { AgentId: 1, Username: 'a}b]c{"d', Metadata: { x: '\\"}' }, Calls: [{ a: [1, { b: 2 }] }] };
    const body = ` [ ${JSON.stringify(tricky)} ,\n${JSON.stringify(PUBLISHED)} ] `;
    expect(splitArrayOfObjects(body)).toEqual([JSON.stringify(tricky), JSON.stringify(PUBLISHED)]);
    expect(splitArrayOfObjects('[]')).toEqual([]);
    for (const bad of ['', '{}', '[1,2]', '[{"a":1}', '[{"a":1},]', '[{"a":1}] x', '[{"a":"}]']) expect(splitArrayOfObjects(bad)).toBeNull();
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string(), fc.jsonValue())), (objects) => {
        expect(splitArrayOfObjects(JSON.stringify(objects, null, objects.length % 2 ? 2 : undefined))?.map((t) => JSON.parse(t))).toEqual(objects.map((o) => JSON.parse(JSON.stringify(o))));
      }),
    );
  });

  it('never throws, whatever the server sends: random JSON, random text, truncated bodies', () => {
    const full = JSON.stringify(PUBLISHED);
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.nat(full.length).map((n) => full.slice(0, n)), fc.jsonValue().map((v) => JSON.stringify({ ...PUBLISHED, ActiveCall: v }))), (body) => {
        const result = parseAgentStatus(body);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on deeply mutated published bodies', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('AgentId', 'activecall', 'InactiveCalls', 'DesktopOnlySessions', 'Metadata', 'Recordings'), fc.anything()), (patch) => {
        const result = parseAgentStatus(JSON.stringify({ ...PUBLISHED, ...patch }));
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('RecordingState vocabulary', () => {
  it.each([
    ['Recording', { media: 'voice', paused: false }],
    ['blackedout', { media: 'voice', paused: true }],
    ['ScreenRecording', { media: 'screen', paused: false }],
    ['ScreenBlackedOut', { media: 'screen', paused: true }],
    // Exact matches only: a value that merely contains a known word is unknown, never "paused".
    ['BlackoutEnded', null],
    ['Paused', null],
    ['Archiving', null],
  ])('%s means %j', (state, meaning) => {
    expect(classifyRecordingState(DEFAULT_VOCABULARY, state)).toEqual(meaning);
  });

  it('values an admin adds are matched exactly, case-insensitively', () => {
    const vocabulary = vocabularyWith({ voicePaused: ['Paused'], voiceRecording: ['Active'] });
    expect(classifyRecordingState(vocabulary, 'PAUSED')).toEqual({ media: 'voice', paused: true });
    expect(classifyRecordingState(vocabulary, 'active')).toEqual({ media: 'voice', paused: false });
  });

  it('no pause in the status proves "not paused" only on a server known to show pauses, with a known recording', () => {
    const snapshot = (states: string[]) => ({ agentId: '1', businessUnit: '', agentPhone: '', systemUsername: '', crmUsername: '', username: '', deviceId: '', deviceAlias: '', inactiveCalls: [], desktopOnlySessions: [],
      activeCall: { callInstance: 'c', callState: 'OnCall', direction: 'unknown' as const, ani: '', dnis: '', startTime: '', metadata: {}, recordings: states.map((state, i) => ({ id: `r${i}`, isDuplicate: false, state })) } });
    const seen = (states: string[], shows: boolean) => observedPause(observeSnapshot(snapshot(states), DEFAULT_VOCABULARY), shows);
    expect(seen(['Recording'], false)).toBe('unknown');
    expect(seen(['Recording'], true)).toBe('off');
    expect(seen([], true)).toBe('unknown');
    expect(seen(['Recording', 'Archiving'], true)).toBe('unknown');
    expect(seen(['BlackedOut'], false)).toBe('on');
  });
});
