/**
 * The one verdict, for each state an agent must tell apart (built by the real reducer): can the
 * agent take card details now, is the call recorded, and on what evidence. Issue 20's items 1,
 * 2, 6, 8 and 9 are pinned here: an unanswered pause is never headlined PAUSED, the tray agrees
 * with the banner, a hang-up while paused is in the banner, and no raw server value is shown.
 */
import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../src-main/core/state-reducer';
import { verdictFor } from '../../../src-main/core/verdict';
import { buildTrayMenu } from '../../../src-main/desktop/tray-menu-model';
import { trayIconFor } from '../../../src-main/desktop/tray-icon';
import { formatStatus } from '../../../src-main/cli/format-status';
import { idle, onCall, stateFrom, T0 } from '../../component/fake-bridge';

const sent = (control: 'voice' | 'blackout' | 'doNotRecord', target: 'on' | 'off' = 'on'): CoreEvent => ({ type: 'command-sent', control, target, at: T0 });
const err500 = { kind: 'server-error' as const, message: 'server error 500', status: 500 };
const dropped = { kind: 'unreachable' as const, message: 'server unreachable at https://rec.example.test (the connection was dropped)' };
const menuOf = (state: ReturnType<typeof stateFrom>, now = T0) => buildTrayMenu(state, { now, startAtLogin: true, hotkeys: {} });

describe('the verdict', () => {
  it.each([
    ['recording, confirmed', [onCall(['Recording'])], { tone: 'recording', headline: 'RECORDING', evidence: 'confirmed by the server', pause: 'not-paused' }],
    ['on a call, not recorded', [onCall([])], { tone: 'off', headline: 'NOT RECORDED' }],
    ['no call', [idle()], { tone: 'off', headline: 'NOT RECORDED — NO CALL', sentence: 'Not recorded — no call' }],
    ['paused, confirmed', [onCall(['BlackedOut'])], { tone: 'paused', headline: 'PAUSED 2:00', instruction: 'Safe to take card details', pause: 'paused' }],
    ['unreachable', [onCall(['Recording']), { type: 'poll-failed', error: { kind: 'unreachable', message: 'server unreachable at https://rec.example.test' }, at: T0 }], { tone: 'unknown', headline: 'STATE UNKNOWN', evidence: 'server unreachable at https://rec.example.test' }],
    ['a voice start that failed', [onCall([]), sent('voice'), { type: 'control', control: 'voice', event: { type: 'errored', error: err500, at: T0 } }], { tone: 'alert', headline: 'NOT RECORDING — START FAILED' }],
  ] as const)('%s', (_name, events, expected) => {
    expect(verdictFor(stateFrom([...events]), T0)).toMatchObject(expected);
  });

  it('a pause start is loud from its first failed attempt: NOT PAUSED, do not take card details', () => {
    const state = stateFrom([onCall(['Recording']), sent('blackout'), { type: 'control', control: 'blackout', event: { type: 'retrying', error: err500, at: T0 } }]);
    expect(verdictFor(state, T0)).toMatchObject({ tone: 'alert', headline: 'NOT PAUSED — RETRYING', instruction: 'Do not take card details', pause: 'not-paused', countdown: null });
  });

  it('a pause start still in flight is not called paused, and has no countdown', () => {
    expect(verdictFor(stateFrom([onCall(['Recording']), sent('blackout')]), T0)).toMatchObject({ tone: 'alert', headline: 'NOT PAUSED YET', countdown: null });
  });

  // Issue 20, Why 1: StartForAgent's connection dropped every time; after the retries the pause is "assumed on".
  it('an unanswered pause is headlined NOT CONFIRMED, never PAUSED: do not take card details; the countdown stays, secondary', () => {
    const state = stateFrom([onCall(['Recording']), sent('blackout'), { type: 'control', control: 'blackout', event: { type: 'errored', error: dropped, at: T0 + 20_000 } }]);
    expect(state.controls.blackout).toMatchObject({ kind: 'on', evidence: 'assumed' });
    const verdict = verdictFor(state, T0 + 20_000);
    expect(verdict).toMatchObject({ tone: 'alert', headline: 'PAUSE NOT CONFIRMED', instruction: 'Do not take card details yet', pause: 'unconfirmed' });
    expect(verdict.headline).not.toMatch(/^PAUSED/);
    expect(verdict.countdown).toMatchObject({ ms: 100_000, words: 'Resumes by itself in 1:40' });
    expect(verdict.cards.voice.words).toBe('Recording (pause not confirmed)');
    expect(verdict.cards.blackout.words).toMatch(/^Not confirmed/);
  });

  // Issue 20, Why 2: the tray took "paused" from pause.current, set at the first send.
  it('the tray agrees with the banner while a pause start is pending or retrying: no paused icon, no "Resume"', () => {
    for (const state of [
      stateFrom([onCall(['Recording']), sent('blackout')]),
      stateFrom([onCall(['Recording']), sent('blackout'), { type: 'control', control: 'blackout', event: { type: 'retrying', error: err500, at: T0 } }]),
    ]) {
      expect(state.pause.current).not.toBeNull();
      const verdict = verdictFor(state, T0);
      expect(trayIconFor(verdict)).not.toMatch(/^paused/);
      const menu = menuOf(state);
      expect(menu[0]).toMatchObject({ id: 'state', label: expect.stringMatching(/^Not paused/) });
      expect(menu.find((i) => i.type !== 'separator' && i.id === 'blackout')).toMatchObject({ label: 'Cancel pause (not paused yet)' });
    }
  });

  it('a pause that rests on the answer of a server whose status cannot show pauses is confirmed, and counts down from exactly its length', () => {
    const state = stateFrom([onCall(['Recording']), sent('blackout'), { type: 'control', control: 'blackout', event: { type: 'answered', statusCanShow: false, at: T0 } }], { statusShowsPauses: null });
    const verdict = verdictFor(state, T0);
    expect(verdict).toMatchObject({ tone: 'paused', headline: 'PAUSED 2:00', pause: 'paused', countdown: { ms: 120_000 } });
    expect(verdict.evidence).toBe('the server said OK; its status cannot show this');
    expect(verdictFor(state, T0 + 1000).headline).toBe('PAUSED 1:59');
  });

  it('an OK the status could have confirmed but did not is not enough to say PAUSED', () => {
    const state = stateFrom([onCall(['Recording']), sent('blackout'), { type: 'control', control: 'blackout', event: { type: 'answered', statusCanShow: true, at: T0 } }, { type: 'control', control: 'blackout', event: { type: 'confirm-ended', answer: 'done', at: T0 } }]);
    expect(state.controls.blackout).toMatchObject({ kind: 'on', evidence: 'answer' });
    expect(verdictFor(state, T0)).toMatchObject({ headline: 'PAUSE NOT CONFIRMED', pause: 'unconfirmed' });
  });

  it('a failed resume keeps the pause showing, with its countdown', () => {
    const state = stateFrom([onCall(['BlackedOut']), sent('blackout', 'off'), { type: 'control', control: 'blackout', event: { type: 'errored', error: err500, at: T0 } }]);
    expect(verdictFor(state, T0 + 30_000)).toMatchObject({ tone: 'paused', headline: 'RESUME FAILED — PAUSED 1:30', pause: 'paused' });
  });

  // Issue 20, Why 6: the hang-up while paused was told 790 px down, in the call details.
  it('a hang-up while paused is in the banner and the tray: "Call ended — pause ends in 0:05"', () => {
    const state = stateFrom([onCall(['BlackedOut']), { ...idle(), at: T0 + 1000 } as CoreEvent]);
    const verdict = verdictFor(state, T0 + 1000);
    expect(verdict.headline).toBe('CALL ENDED — PAUSE ENDS IN 0:05');
    expect(menuOf(state, T0 + 1000)[0]).toMatchObject({ label: 'Call ended — the pause ends by itself · resumes by itself in 0:05' });
    const kept = stateFrom([onCall(['BlackedOut']), { ...idle(), at: T0 + 1000 } as CoreEvent], { keepPauseAcrossCalls: true });
    expect(verdictFor(kept, T0 + 1000)).toMatchObject({ headline: 'CALL ENDED — PAUSED 1:59', instruction: 'Kept across calls by your administrator: press Resume when done' });
  });

  // Issue 20, Why 7 (first part): the CLI printed "Voice Recording (confirmed …)" above "Pause Paused".
  it('the CLI is one more renderer: while paused the voice line says silent; unknown calls are never "no active call"', () => {
    const paused = formatStatus(stateFrom([onCall(['Recording', 'BlackedOut'])]), true, T0);
    expect(paused.split('\n')[0]).toBe('PAUSED 2:00 — Safe to take card details');
    expect(paused).toMatch(/^Voice +Silent \(paused\)/m);
    expect(paused).not.toMatch(/^Voice +Recording/m);
    const unreachable = formatStatus(stateFrom([{ type: 'poll-failed', error: { kind: 'unreachable', message: 'server unreachable at https://x (connection refused)' }, at: T0 }]), true, T0);
    expect(unreachable).not.toMatch(/no active call|No call/);
    expect(unreachable).toMatch(/^Call +Not known/m);
    const unknownAgent = formatStatus(stateFrom([{ type: 'poll-failed', error: { kind: 'not-found', message: 'not in the tracker (404)', status: 404 }, at: T0 }]), true, T0);
    expect(unknownAgent).toMatch(/^Call +Not known — agent not found/m);
  });

  // Issue 20, Why 9: words an agent cannot act on.
  it('says "On a call", never the raw OnCall; no bare "unknown"; nothing starts with the evidence taxonomy', () => {
    const state = stateFrom([onCall(['Recording'])]);
    const verdict = verdictFor(state, T0);
    expect(verdict.call).toMatch(/^On a call/);
    const text = formatStatus(state, true, T0);
    expect(text).not.toMatch(/OnCall(?!\))/);
    expect(text).toMatch(/fe0b6231.* \(server: OnCall\)/);
    for (const card of Object.values(verdict.cards)) {
      expect(card.words).not.toMatch(/^unknown/i);
      expect(card.words).not.toMatch(/confirmed by|accepted by/);
    }
  });

  it('without a live status every card, the pause included, says "last known", never "confirmed"', () => {
    const state = stateFrom([onCall(['Recording']), { type: 'poll-failed', error: { kind: 'unreachable', message: 'down' }, at: T0 }]);
    const cards = verdictFor(state, T0).cards;
    expect(cards.voice.words).toBe('Last known: Recording');
    expect(cards.blackout.words).toBe('Last known: Not paused');
    for (const card of Object.values(cards)) expect(card.evidence ?? '').not.toMatch(/^confirmed/);
  });

  it('declined, and DEMO badged', () => {
    const declined = stateFrom([onCall([]), sent('doNotRecord'), { type: 'control', control: 'doNotRecord', event: { type: 'answered', statusCanShow: false, at: T0 } }], { backend: 'cxone', demo: true });
    expect(verdictFor(declined, T0)).toMatchObject({ tone: 'declined', headline: 'DECLINED — NOT RECORDED', demo: true });
  });
});
