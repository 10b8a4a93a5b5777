/**
 * The one answer to "is this call being recorded, and did the pause take effect?", for the
 * window's banner, the tray's tooltip and first menu line, and the CLI. Built from the
 * AppState alone, with the evidence in plain words. The most urgent fact wins:
 *
 * 1. a pause that was asked for and is NOT on yet (retrying, or failed): the customer may be
 *    reading a card number into a live recording;
 * 2. a pause that may be on, with its countdown;
 * 3. the state cannot be known (no connection, or the status says nothing);
 * 4. the customer declined;
 * 5. the voice recording: on, off, starting, stopping, or a failure.
 */
import { CONTROL_LABELS, EVIDENCE_WORDS, formatCountdown, holdsOn, mayBeOn, type ControlState } from './control-state';
import type { AppState } from './ipc-contract';

export type BannerTone = 'recording' | 'paused' | 'alert' | 'off' | 'unknown' | 'declined';

export interface Banner {
  tone: BannerTone;
  /** Upper case, a few words: "PAUSED 2:31", "NOT PAUSED — retrying". */
  headline: string;
  /** The same in a sentence, for the tray menu's first line: "Paused — resumes in 2:31". */
  sentence: string;
  /** Why RecordKey believes it, in plain words. */
  evidence: string;
  /** Milliseconds to the automatic resume while a pause may be on. */
  resumesInMs: number | null;
  demo: boolean;
}

function evidenceOf(c: ControlState): string {
  if (c.kind === 'on' || c.kind === 'off') return c.evidence === 'assumed' ? `not confirmed: ${c.reason}` : EVIDENCE_WORDS[c.evidence];
  if (c.kind === 'pending') return c.lastError ? `the server answered: ${c.lastError.message}` : 'waiting for the server to answer';
  if (c.kind === 'failed') return c.error.message;
  return 'RecordKey has no confirmation from the server';
}

function connectionProblem(state: AppState): string | null {
  if (state.connection.status === 'misconfigured') return state.connection.message ?? 'the server settings cannot be used';
  if (!state.capabilities.canReportStatus) return null;
  if (state.connection.status === 'connected') return null;
  if (state.connection.status === 'connecting') return 'connecting to the recording server';
  return state.connection.message ?? 'the recording server cannot be reached';
}

export function bannerFor(state: AppState, now: number): Banner {
  const demo = state.demo;
  const make = (tone: BannerTone, headline: string, sentence: string, evidence: string, resumesInMs: number | null = null): Banner => ({ tone, headline, sentence, evidence, resumesInMs, demo });
  const pause = state.controls.blackout;

  // 1. A pause asked for that is not on: loud at once, from the first failed attempt.
  if (pause.kind === 'pending' && pause.target === 'on' && pause.lastError) {
    return make('alert', 'NOT PAUSED — retrying', `Not paused — retrying (${pause.lastError.message})`, `${pause.lastError.message}; RecordKey keeps trying until the pause is confirmed`);
  }
  if (pause.kind === 'failed' && pause.target === 'on' && !mayBeOn(pause)) {
    return make('alert', 'NOT PAUSED', `Not paused — ${pause.error.message}`, `${pause.error.message}; the recording goes on: press Pause again`);
  }
  if (pause.kind === 'pending' && pause.target === 'on') {
    return make('alert', 'NOT PAUSED YET', 'Not paused yet — waiting for the server', 'the pause is sent; until the server answers, the recording goes on');
  }

  // 2. A pause that may be on: its countdown, and the evidence it rests on.
  const current = state.pause.current;
  if (current && holdsOn(pause)) {
    const left = Math.max(0, Date.parse(current.deadline) - now);
    const resumeFailed = pause.kind === 'failed' && pause.target === 'off';
    const headline = resumeFailed ? `RESUME FAILED — PAUSED ${formatCountdown(left)}` : `PAUSED ${formatCountdown(left)}`;
    return make('paused', headline, `Paused — resumes in ${formatCountdown(left)}`, evidenceOf(pause), left);
  }

  // 3. Nothing can be known.
  const problem = connectionProblem(state);
  if (problem) return make('unknown', 'STATE UNKNOWN', 'Recording state unknown', problem);

  // 4. The customer declined.
  if (state.controls.doNotRecord.kind === 'on') {
    return make('declined', 'DECLINED — NOT RECORDED', 'Customer declined — not recorded', evidenceOf(state.controls.doNotRecord));
  }

  // 5. The recording itself.
  const voice = state.controls.voice;
  switch (voice.kind) {
    case 'on':
      return make('recording', 'RECORDING', 'Recording', evidenceOf(voice));
    case 'off':
      return make('off', state.agent?.activeCall || !state.capabilities.canReportStatus ? 'NOT RECORDED' : 'NOT RECORDED — NO CALL', 'Not recorded', evidenceOf(voice));
    case 'pending':
      return make(voice.lastError ? 'alert' : 'unknown', voice.target === 'on' ? 'STARTING…' : 'STOPPING…', `${voice.target === 'on' ? 'Starting' : 'Stopping'} the recording`, evidenceOf(voice));
    case 'failed':
      return make('alert', voice.target === 'on' ? 'NOT RECORDING — START FAILED' : 'STOP FAILED — MAY STILL RECORD', `${CONTROL_LABELS.voice.title}: ${voice.target === 'on' ? 'start' : 'stop'} failed`, evidenceOf(voice));
    default:
      return make('unknown', 'STATE UNKNOWN', 'Recording state unknown', evidenceOf(voice));
  }
}
