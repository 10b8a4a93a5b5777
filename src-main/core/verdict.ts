/**
 * The one verdict: what the agent is told, computed once from the AppState (and now). The
 * window's banner and cards, the tray's icon, menu and tooltip, notifications and the CLI all
 * render it and decide nothing themselves, so they cannot disagree.
 *
 * It answers "can I take the card number now?" first. A pause is called PAUSED only on
 * evidence: the server's status shows it, or the server's documented OK to the pause on a
 * server whose status cannot show pauses. A pause that may be on without that evidence
 * (sent, no answer; carried over from the last run) keeps its countdown, its automatic resume
 * and its Resume (mayBeOn, for the machinery), but is told as NOT CONFIRMED: do not take card
 * details yet. The most urgent fact wins:
 *
 * 1. the pause: asked for and not on yet, on without evidence, on, resuming, or its resume failed;
 * 2. the state cannot be known (no connection);
 * 3. the customer declined;
 * 4. the voice recording: on, off, starting, stopping, or a failure.
 */
import { CARD_WORDS, callStateWords, CONNECTION_WORDS, CONTROL_LABELS, countdownWords, EVIDENCE_SENTENCES, EVIDENCE_WORDS, PAUSE_ACTION_WORDS, PHASE_WORDS, VERDICT_WORDS } from './agent-words';
import type { CallSnapshot } from './agent-snapshot';
import { CONTROL_NAMES, formatCountdown, isOn, isPending, type ControlName, type ControlState, type Known } from './control-state';
import type { AppState } from './ipc-contract';
import type { BackendError } from './result';
import { formatLocalTime, parseServerTime } from './time-format';

export type VerdictTone = 'recording' | 'paused' | 'alert' | 'off' | 'unknown' | 'declined';

/** What every front end says of the pause: only these three, and the same one everywhere. */
export type PauseVerdict = 'paused' | 'not-paused' | 'unconfirmed';

/** The tray's icons: one per state an agent must tell apart at 16 px. */
export const TRAY_STATES = ['disconnected', 'idle', 'on-call', 'recording', 'recording-screen', 'paused', 'declined', 'pending', 'error'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

export type CardTone = 'neutral' | 'active' | 'paused' | 'pending' | 'failed';
export type CardIcon = 'recording' | 'off' | 'unknown' | 'pending' | 'alert' | 'paused' | 'declined';

/** One control's card (and CLI line): its state in a word or two, and why RecordKey believes it. */
export interface CardLine {
  words: string;
  evidence: string | null;
  tone: CardTone;
  icon: CardIcon;
}

export interface Verdict {
  tone: VerdictTone;
  /** Upper case, a few words: "PAUSED 2:31", "PAUSE NOT CONFIRMED". */
  headline: string;
  /** The answer to "can I take the card number now?", or what to do. */
  instruction: string;
  /** The same as the headline in a sentence, for a menu line or a tooltip. */
  sentence: string;
  /** Why RecordKey believes it, in plain words. */
  evidence: string;
  pause: PauseVerdict;
  /** Where the pause stands in detail; `alarm` when the agent must be told even while looking at another app. */
  pauseStage: PauseStage;
  alarm: boolean;
  /** While a pause may be on: the time to the automatic resume (secondary to the headline). */
  countdown: { ms: number; words: string } | null;
  demo: boolean;
  /** The call, in words ("On a call · 555 → 800"), or why it is not known; null where the server reports no calls. */
  call: string | null;
  cards: Record<ControlName, CardLine>;
  tray: {
    state: TrayState;
    /** A red corner: a command failed, or a pause is being retried. */
    badge: boolean;
    /** The menu's first line. */
    stateLine: string;
    /** The pause item's label (without its hotkey or availability). */
    pauseItem: string;
  };
}

/**
 * Where the pause stands, the one reading of it for every front end. `confirmed` needs the
 * server's status, or its documented OK on a server whose status cannot show pauses.
 */
export type PauseStage = PauseTruth['kind'];

/** The stages that interrupt the agent (a notification): a pause that is not on when it should be, or will not end. */
const ALARMING: ReadonlySet<PauseStage> = new Set(['retrying', 'start-failed', 'unconfirmed', 'resume-failed']);

type PauseTruth =
  | { kind: 'none' }
  | { kind: 'sending' }
  | { kind: 'retrying'; error: BackendError }
  | { kind: 'start-failed'; error: BackendError }
  | { kind: 'unconfirmed'; why: string }
  | { kind: 'confirmed'; evidence: string }
  | { kind: 'resuming'; evidence: string }
  | { kind: 'resume-failed'; error: BackendError };

/** Whether this server's status can show a pause now (else its documented OK is the evidence). */
function statusShowsPauses(state: AppState): boolean {
  return state.capabilities.canReportStatus && state.capabilities.statusShowsPauses !== null;
}

/** The evidence words of an on that counts as confirmed for the pause, or null when it does not. */
function pauseEvidence(state: AppState, known: Known): string | null {
  if (known.value !== 'on') return null;
  if (known.evidence === 'status') return EVIDENCE_WORDS.status;
  if (known.evidence === 'answer' && !statusShowsPauses(state)) return EVIDENCE_WORDS.answer;
  return null;
}

function pauseTruth(state: AppState): PauseTruth {
  const c = state.controls.blackout;
  switch (c.kind) {
    case 'on': {
      const evidence = pauseEvidence(state, { value: 'on', evidence: c.evidence });
      if (evidence) return { kind: 'confirmed', evidence };
      return { kind: 'unconfirmed', why: c.evidence === 'assumed' ? c.reason : EVIDENCE_SENTENCES.okNotShown };
    }
    case 'pending': {
      if (c.target === 'on') return c.lastError ? { kind: 'retrying', error: c.lastError } : { kind: 'sending' };
      const evidence = pauseEvidence(state, c.lastKnown);
      if (evidence) return { kind: 'resuming', evidence };
      return c.lastKnown.value === 'off' ? { kind: 'none' } : { kind: 'unconfirmed', why: 'a resume is being sent for a pause that was never confirmed' };
    }
    case 'failed':
      if (c.target === 'on') {
        if (c.lastKnown.value !== 'on') return { kind: 'start-failed', error: c.error };
        const evidence = pauseEvidence(state, c.lastKnown);
        return evidence ? { kind: 'confirmed', evidence } : { kind: 'unconfirmed', why: c.error.message };
      }
      if (c.lastKnown.value === 'off') return { kind: 'none' };
      return pauseEvidence(state, c.lastKnown) ? { kind: 'resume-failed', error: c.error } : { kind: 'unconfirmed', why: `the resume failed (${c.error.message}) for a pause that was never confirmed` };
    default:
      return { kind: 'none' };
  }
}

const PAUSE_VERDICT: Record<PauseTruth['kind'], PauseVerdict> = {
  none: 'not-paused',
  sending: 'not-paused',
  retrying: 'not-paused',
  'start-failed': 'not-paused',
  unconfirmed: 'unconfirmed',
  confirmed: 'paused',
  resuming: 'paused',
  'resume-failed': 'paused',
};

function connectionProblem(state: AppState): string | null {
  if (state.connection.status === 'misconfigured') return state.connection.message ?? 'the server settings cannot be used';
  if (!state.capabilities.canReportStatus) return null;
  if (state.connection.status === 'connected') return null;
  if (state.connection.status === 'connecting') return 'connecting to the recording server';
  return state.connection.message ?? 'the recording server cannot be reached';
}

/** Whether what the cards show may be out of date: then they say "last known". */
export function isStale(state: AppState): boolean {
  return state.capabilities.canReportStatus && state.connection.status !== 'connected';
}

type Head = Pick<Verdict, 'tone' | 'headline' | 'instruction' | 'sentence' | 'evidence'>;

function head(tone: VerdictTone, words: { headline: string; sentence: string; instruction: string }, evidence: string): Head {
  return { tone, headline: words.headline, sentence: words.sentence, instruction: words.instruction, evidence };
}

function pauseHead(state: AppState, truth: PauseTruth, left: string): Head | null {
  const W = VERDICT_WORDS;
  const pause = state.pause.current;
  switch (truth.kind) {
    case 'none':
      return null;
    case 'sending':
      return head('alert', W.pauseSending, EVIDENCE_SENTENCES.pauseSent);
    case 'retrying':
      return head('alert', W.pauseRetrying, EVIDENCE_SENTENCES.retrying(truth.error.message));
    case 'start-failed':
      return head('alert', W.pauseFailed, EVIDENCE_SENTENCES.startRefused(truth.error.message));
    case 'unconfirmed':
      return head('alert', W.pauseNotConfirmed, EVIDENCE_SENTENCES.notConfirmed(truth.why));
    case 'resuming':
      return head('alert', W.resuming, EVIDENCE_SENTENCES.resumeSent);
    case 'resume-failed':
      return head('paused', { ...W.resumeFailed, headline: W.resumeFailed.headline(left) }, truth.error.message);
    case 'confirmed': {
      if (pause?.noCallSince) {
        const kept = state.pause.keepAcrossCalls;
        const words = kept ? W.callEndedKept : W.callEnded;
        return head('paused', { ...words, headline: words.headline(left) }, truth.evidence);
      }
      return head('paused', { ...W.paused, headline: W.paused.headline(left) }, truth.evidence);
    }
  }
}

/** The time left to the pause's automatic resume: its deadline, or the end of the no-call grace if sooner. */
function pauseLeftMs(state: AppState, now: number): number | null {
  const pause = state.pause.current;
  if (!pause) return null;
  let ends = Date.parse(pause.deadline);
  if (pause.noCallSince && !state.pause.keepAcrossCalls) ends = Math.min(ends, Date.parse(pause.noCallSince) + state.pause.noCallGraceMs);
  return Math.max(0, ends - now);
}

function recordingHead(state: AppState): Head {
  const W = VERDICT_WORDS;
  const problem = connectionProblem(state);
  if (problem) return head('unknown', W.unknown, problem);
  if (state.controls.doNotRecord.kind === 'on') return head('declined', W.declined, evidenceOf(state.controls.doNotRecord) ?? '');
  const voice = state.controls.voice;
  const evidence = evidenceOf(voice) ?? EVIDENCE_SENTENCES.noConfirmation;
  switch (voice.kind) {
    case 'on':
      return head('recording', W.recording, evidence);
    case 'off':
      return head('off', state.agent?.activeCall || !state.capabilities.canReportStatus ? W.notRecorded : W.noCall, evidence);
    case 'pending':
      return head(voice.lastError ? 'alert' : 'unknown', voice.target === 'on' ? W.starting : W.stopping, evidence);
    case 'failed':
      return head('alert', voice.target === 'on' ? W.startFailed : W.stopFailed, evidence);
    default:
      return head('unknown', W.unknown, evidence);
  }
}

// ---- the cards -------------------------------------------------------------------------------

function evidenceOf(c: ControlState): string | null {
  switch (c.kind) {
    case 'on':
    case 'off':
      return c.evidence === 'assumed' ? `${EVIDENCE_WORDS.assumed}: ${c.reason}` : EVIDENCE_WORDS[c.evidence];
    case 'pending':
      return c.lastError ? `${PHASE_WORDS[c.phase]} (${c.lastError.message})` : PHASE_WORDS[c.phase];
    case 'failed': {
      const truth = c.lastKnown.value === 'unknown' ? 'its state is not known' : `the server shows it ${c.lastKnown.value}`;
      return `${c.error.message} — ${truth}`;
    }
    default:
      return null;
  }
}

/** Why a control is not known, so "not known" is never a bare word. */
function unknownEvidence(state: AppState, name: ControlName): string {
  if (name === 'blackout' && state.capabilities.statusShowsPauses === null) return "this server's status cannot show a pause: RecordKey goes by the server's answers";
  if (name === 'screen' && state.backend === 'cxone') return "CXone's status does not show the screen";
  if (!state.capabilities.canReportStatus) return 'this server does not report it';
  return 'the server has not shown it yet';
}

const ICON: Record<ControlState['kind'], CardIcon> = { on: 'recording', off: 'off', unknown: 'unknown', pending: 'pending', failed: 'alert' };

/** Without a live status, a claim resting on it is only the last thing known: said so, and not shown as current. */
function asLastKnown(state: AppState, c: ControlState, line: CardLine): CardLine {
  const stale = isStale(state) && (c.kind === 'on' || c.kind === 'off') && c.evidence === 'status';
  return stale ? { ...line, words: CARD_WORDS.lastKnown(line.words), evidence: EVIDENCE_SENTENCES.notCurrent(line.evidence ?? ''), tone: 'pending' } : line;
}

function cardFor(state: AppState, name: ControlName, truth: PauseTruth): CardLine {
  const c = state.controls[name];
  const label = CONTROL_LABELS[name];
  if (name === 'blackout') return asLastKnown(state, c, pauseCard(state, truth));
  const paused = PAUSE_VERDICT[truth.kind] !== 'not-paused';
  // While a pause is or may be on, a recording is silent (or may be): never "Recording" then.
  if ((name === 'voice' || name === 'screen') && c.kind === 'on' && paused) {
    const sure = PAUSE_VERDICT[truth.kind] === 'paused';
    return { words: sure ? CARD_WORDS.silent : CARD_WORDS.mayHear, evidence: sure ? EVIDENCE_SENTENCES.silent : EVIDENCE_SENTENCES.mayHear, tone: sure ? 'paused' : 'pending', icon: sure ? 'paused' : 'pending' };
  }
  let line: CardLine;
  switch (c.kind) {
    case 'unknown':
      line = { words: CARD_WORDS.notKnown, evidence: unknownEvidence(state, name), tone: 'pending', icon: 'unknown' };
      break;
    case 'on':
    case 'off':
      line = { words: c.kind === 'on' ? label.onWord : label.offWord, evidence: evidenceOf(c), tone: c.kind === 'on' ? 'active' : 'neutral', icon: name === 'doNotRecord' && c.kind === 'on' ? 'declined' : ICON[c.kind] };
      break;
    case 'pending':
      line = { words: c.target === 'on' ? CARD_WORDS.starting : CARD_WORDS.stopping, evidence: evidenceOf(c), tone: 'pending', icon: 'pending' };
      break;
    case 'failed':
      line = { words: c.target === 'on' ? CARD_WORDS.startFailed : CARD_WORDS.stopFailed, evidence: evidenceOf(c), tone: 'failed', icon: 'alert' };
      break;
  }
  return asLastKnown(state, c, line);
}

function pauseCard(state: AppState, truth: PauseTruth): CardLine {
  const c = state.controls.blackout;
  switch (truth.kind) {
    case 'confirmed':
      return { words: CARD_WORDS.paused, evidence: truth.evidence, tone: 'paused', icon: 'paused' };
    case 'resuming':
      return { words: CARD_WORDS.resuming, evidence: truth.evidence, tone: 'pending', icon: 'pending' };
    case 'resume-failed':
      return { words: CARD_WORDS.resumeFailed, evidence: truth.error.message, tone: 'failed', icon: 'alert' };
    case 'unconfirmed':
      return { words: CARD_WORDS.pauseNotConfirmed, evidence: truth.why, tone: 'failed', icon: 'alert' };
    case 'sending':
      return { words: CARD_WORDS.notPausedYet, evidence: PHASE_WORDS.sending, tone: 'pending', icon: 'pending' };
    case 'retrying':
      return { words: CARD_WORDS.pauseRetrying, evidence: truth.error.message, tone: 'failed', icon: 'alert' };
    case 'start-failed':
      return { words: CARD_WORDS.pauseFailed, evidence: truth.error.message, tone: 'failed', icon: 'alert' };
    case 'none':
      if (c.kind === 'unknown') {
        // With no call there is nothing to pause; otherwise what RecordKey knows is only that it paused nothing.
        if (state.capabilities.canReportStatus && state.capabilities.statusShowsPauses !== null && !state.agent?.activeCall) return { words: CONTROL_LABELS.blackout.offWord, evidence: EVIDENCE_SENTENCES.noCall, tone: 'neutral', icon: 'off' };
        return { words: CARD_WORDS.notPausedByRecordKey, evidence: unknownEvidence(state, 'blackout'), tone: 'neutral', icon: 'off' };
      }
      return { words: CONTROL_LABELS.blackout.offWord, evidence: evidenceOf(c), tone: 'neutral', icon: 'off' };
  }
}

// ---- the call, the tray --------------------------------------------------------------------------

/** The call in words: its state ("On a call", never the raw `OnCall`), the parties, since when. */
export function describeCall(call: CallSnapshot, now: number): string {
  const direction = call.direction === 'unknown' ? '' : ` · ${call.direction}`;
  const parties = call.ani || call.dnis ? ` · ${call.ani || '?'} → ${call.dnis || '?'}` : '';
  const started = parseServerTime(call.startTime);
  const since = started !== null ? ` · since ${formatLocalTime(started, now)}` : call.startTime ? ` · since ${call.startTime}` : '';
  return `${callStateWords(call.callState)}${direction}${parties}${since}`;
}

function callLine(state: AppState, now: number): string | null {
  if (!state.capabilities.canReportStatus) return null;
  const call = state.agent?.activeCall;
  if (isStale(state)) {
    const since = state.connection.lastOkAt ? `last seen ${formatLocalTime(state.connection.lastOkAt, now)}` : 'nothing seen yet';
    return `Not known — ${CONNECTION_WORDS[state.connection.status].toLowerCase()} (${call ? `on a call when ${since}` : since})`;
  }
  return call ? describeCall(call, now) : 'No call';
}

function trayState(state: AppState, truth: PauseTruth): TrayState {
  const c = state.controls;
  const verdict = PAUSE_VERDICT[truth.kind];
  if (verdict === 'paused') return 'paused';
  if (verdict === 'unconfirmed' || truth.kind === 'sending' || truth.kind === 'retrying') return 'pending';
  const reportsCalls = state.capabilities.canReportStatus;
  if (state.connection.status === 'misconfigured') return 'disconnected';
  if (reportsCalls && state.connection.status !== 'connected') return state.connection.status === 'connecting' ? 'pending' : 'disconnected';
  if (CONTROL_NAMES.some((n) => isPending(c[n]))) return 'pending';
  if (c.doNotRecord.kind === 'on') return 'declined';
  if (isOn(c.voice) && isOn(c.screen)) return 'recording-screen';
  if (isOn(c.voice) || isOn(c.screen)) return 'recording';
  if (reportsCalls && !state.agent?.activeCall) return 'idle';
  return 'on-call';
}

function pauseItem(truth: PauseTruth, countdown: string | null): string {
  switch (truth.kind) {
    case 'sending':
    case 'retrying':
      return PAUSE_ACTION_WORDS.cancelItem;
    case 'unconfirmed':
      return PAUSE_ACTION_WORDS.resumeUnconfirmedItem(countdown ?? '');
    case 'confirmed':
    case 'resuming':
    case 'resume-failed':
      return PAUSE_ACTION_WORDS.resumeItem(countdown ?? '');
    default:
      return CONTROL_LABELS.blackout.start;
  }
}

export function verdictFor(state: AppState, now: number): Verdict {
  const truth = pauseTruth(state);
  const leftMs = PAUSE_VERDICT[truth.kind] === 'not-paused' ? null : pauseLeftMs(state, now);
  const left = leftMs === null ? null : formatCountdown(leftMs);
  const top = pauseHead(state, truth, left ?? '') ?? recordingHead(state);
  const cards = Object.fromEntries(CONTROL_NAMES.map((n) => [n, cardFor(state, n, truth)])) as Record<ControlName, CardLine>;
  const failed = CONTROL_NAMES.some((n) => state.controls[n].kind === 'failed');
  const countdown = leftMs === null ? null : { ms: leftMs, words: countdownWords(left!) };
  return {
    ...top,
    pause: PAUSE_VERDICT[truth.kind],
    pauseStage: truth.kind,
    alarm: ALARMING.has(truth.kind),
    countdown,
    demo: state.demo,
    call: callLine(state, now),
    cards,
    tray: {
      state: trayState(state, truth),
      badge: failed || truth.kind === 'retrying',
      stateLine: countdown ? `${top.sentence} · ${countdown.words.toLowerCase()}` : top.sentence,
      pauseItem: pauseItem(truth, left),
    },
  };
}
