/**
 * The banner's one answer, for each state an agent must tell apart (built by the real reducer):
 * whether the call is recorded, whether a pause really took effect, and on what evidence.
 */
import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../src-main/core/state-reducer';
import { bannerFor } from '../../../src-main/core/recording-banner';
import { idle, onCall, stateFrom, T0 } from '../../component/fake-bridge';

const sent = (control: 'voice' | 'blackout' | 'doNotRecord', target: 'on' | 'off' = 'on'): CoreEvent => ({ type: 'command-sent', control, target, at: T0 });
const err500 = { kind: 'server-error' as const, message: 'server error 500', status: 500 };

describe('the recording banner', () => {
  it.each([
    ['recording, confirmed', [onCall(['Recording'])], { tone: 'recording', headline: 'RECORDING', evidence: "confirmed by the server's status" }],
    ['on a call, not recorded', [onCall([])], { tone: 'off', headline: 'NOT RECORDED' }],
    ['no call', [idle()], { tone: 'off', headline: 'NOT RECORDED — NO CALL' }],
    ['paused, confirmed', [onCall(['BlackedOut'])], { tone: 'paused', headline: 'PAUSED 2:00', sentence: 'Paused — resumes in 2:00' }],
    ['unreachable', [onCall(['Recording']), { type: 'poll-failed', error: { kind: 'unreachable', message: 'server unreachable at https://rec.example.test' }, at: T0 }], { tone: 'unknown', headline: 'STATE UNKNOWN', evidence: 'server unreachable at https://rec.example.test' }],
    ['a voice start that failed', [onCall([]), sent('voice'), { type: 'control', control: 'voice', event: { type: 'errored', error: err500, at: T0 } }], { tone: 'alert', headline: 'NOT RECORDING — START FAILED' }],
  ] as const)('%s', (_name, events, expected) => {
    expect(bannerFor(stateFrom([...events]), T0)).toMatchObject(expected);
  });

  it('a pause start is loud from its first failed attempt: NOT PAUSED — retrying, with the reason', () => {
    const state = stateFrom([onCall(['Recording']), sent('blackout'), { type: 'control', control: 'blackout', event: { type: 'retrying', error: err500, at: T0 } }]);
    expect(bannerFor(state, T0)).toMatchObject({ tone: 'alert', headline: 'NOT PAUSED — retrying', sentence: 'Not paused — retrying (server error 500)' });
  });

  it('a pause start still in flight is not called paused', () => {
    expect(bannerFor(stateFrom([onCall(['Recording']), sent('blackout')]), T0)).toMatchObject({ tone: 'alert', headline: 'NOT PAUSED YET' });
  });

  it('a pause that rests on the answer says so, and counts down from exactly its length', () => {
    const state = stateFrom([onCall(['Recording']), sent('blackout'), { type: 'control', control: 'blackout', event: { type: 'answered', statusCanShow: false, at: T0 } }], { statusShowsPauses: null });
    const banner = bannerFor(state, T0);
    expect(banner).toMatchObject({ tone: 'paused', headline: 'PAUSED 2:00', resumesInMs: 120_000 });
    expect(banner.evidence).toBe('the server accepted it; its status does not show this');
    expect(bannerFor(state, T0 + 1).headline).toBe('PAUSED 2:00');
    expect(bannerFor(state, T0 + 1000).headline).toBe('PAUSED 1:59');
  });

  it('a failed resume keeps the pause showing, with its countdown', () => {
    const state = stateFrom([onCall(['BlackedOut']), sent('blackout', 'off'), { type: 'control', control: 'blackout', event: { type: 'errored', error: err500, at: T0 } }]);
    expect(bannerFor(state, T0 + 30_000)).toMatchObject({ tone: 'paused', headline: 'RESUME FAILED — PAUSED 1:30' });
  });

  it('declined, and DEMO badged', () => {
    const declined = stateFrom([onCall([]), sent('doNotRecord'), { type: 'control', control: 'doNotRecord', event: { type: 'answered', statusCanShow: false, at: T0 } }], { backend: 'cxone', demo: true });
    expect(bannerFor(declined, T0)).toMatchObject({ tone: 'declined', headline: 'DECLINED — NOT RECORDED', demo: true });
  });
});
