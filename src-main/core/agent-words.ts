/**
 * Every word RecordKey says to an agent about the recording, in one table: the verdict's
 * headlines and instructions, the controls' names and states, the evidence in plain words,
 * the connection, the call's state and how a pause ended. Written for an agent mid-call:
 * short, the action first, the evidence a line away, no raw server values. The window, the
 * tray, notifications, History and the CLI all take their words from here (through verdict.ts).
 */
import type { ControlName } from './control-state-schema';
import type { ConnectionStatus, PauseEnder } from './ipc-contract';

export interface ControlLabel {
  /** In a sentence: "the pause", "voice recording". */
  noun: string;
  /** A card or menu title. */
  title: string;
  /** Its state in a word or two, on the card: "Recording", "Not paused". */
  onWord: string;
  offWord: string;
  /** Menu items (the tray), where the control is not named around them. */
  start: string;
  stop: string;
  /** Buttons on the control's own card in the window. */
  startButton: string;
  stopButton: string;
  /** What an agent did, in History: "Pause", "Resume". */
  startDone: string;
  stopDone: string;
}

export const CONTROL_LABELS: Record<ControlName, ControlLabel> = {
  voice: { noun: 'voice recording', title: 'Voice recording', onWord: 'Recording', offWord: 'Not recording', start: 'Start voice recording', stop: 'Stop voice recording', startButton: 'Start', stopButton: 'Stop', startDone: 'Start recording', stopDone: 'Stop recording' },
  screen: { noun: 'screen recording', title: 'Screen recording', onWord: 'Recording the screen', offWord: 'Not recording the screen', start: 'Start screen recording', stop: 'Stop screen recording', startButton: 'Start', stopButton: 'Stop', startDone: 'Start screen recording', stopDone: 'Stop screen recording' },
  blackout: { noun: 'pause', title: 'Pause for card details', onWord: 'Paused', offWord: 'Not paused', start: 'Pause for card details', stop: 'Resume recording', startButton: 'Pause', stopButton: 'Resume', startDone: 'Pause', stopDone: 'Resume' },
  duplicate: { noun: 'duplicate recording', title: 'Duplicate recording', onWord: 'Duplicating', offWord: 'No duplicate', start: 'Start duplicate recording', stop: 'Stop duplicate recording', startButton: 'Start', stopButton: 'Stop', startDone: 'Start duplicate', stopDone: 'Stop duplicate' },
  doNotRecord: { noun: 'customer refusal', title: 'Customer declined recording', onWord: 'Declined: not recorded', offWord: 'Not declined', start: 'Customer declined recording…', stop: 'Declined', startButton: 'Customer declined…', stopButton: 'Declined', startDone: 'Customer declined recording', stopDone: 'Customer declined recording' },
};

/** The evidence behind an on or off, in plain words (the line under a claim). */
export const EVIDENCE_WORDS = {
  status: 'confirmed by the server',
  answer: 'the server said OK; its status cannot show this',
  assumed: 'not confirmed',
} as const;

/** A command still out, on its card. */
export const PHASE_WORDS = {
  sending: 'sent, waiting for the server',
  retrying: 'the server did not take it yet; retrying',
  confirming: 'checking with the server',
} as const;

/**
 * The verdict: what the agent is told at the top of every front end. `headline` is upper case
 * and a few words; `sentence` is the same for a menu line or a tooltip; `instruction` answers
 * "can I take the card number now?".
 */
export const VERDICT_WORDS = {
  paused: { headline: (left: string) => `PAUSED ${left}`, sentence: 'Paused — safe to take card details', instruction: 'Safe to take card details' },
  pauseNotConfirmed: { headline: 'PAUSE NOT CONFIRMED', sentence: 'Pause not confirmed — do not take card details yet', instruction: 'Do not take card details yet' },
  pauseSending: { headline: 'NOT PAUSED YET', sentence: 'Not paused yet — do not take card details', instruction: 'Do not take card details yet: waiting for the server' },
  pauseRetrying: { headline: 'NOT PAUSED — RETRYING', sentence: 'Not paused — do not take card details (retrying)', instruction: 'Do not take card details' },
  pauseFailed: { headline: 'NOT PAUSED', sentence: 'Not paused — do not take card details', instruction: 'Do not take card details: press Pause again' },
  resuming: { headline: 'RESUMING…', sentence: 'Resuming — do not take card details', instruction: 'Do not take card details: the recording is resuming' },
  resumeFailed: { headline: (left: string) => `RESUME FAILED — PAUSED ${left}`, sentence: 'Resume failed — still paused', instruction: 'Still paused: press Resume again' },
  callEnded: { headline: (left: string) => `CALL ENDED — PAUSE ENDS IN ${left}`, sentence: 'Call ended — the pause ends by itself', instruction: 'The pause ends by itself' },
  callEndedKept: { headline: (left: string) => `CALL ENDED — PAUSED ${left}`, sentence: 'Call ended — still paused', instruction: 'Kept across calls by your administrator: press Resume when done' },
  unknown: { headline: 'STATE UNKNOWN', sentence: 'Recording state unknown — do not take card details', instruction: 'Do not take card details: RecordKey cannot see the recording' },
  declined: { headline: 'DECLINED — NOT RECORDED', sentence: 'Customer declined — not recorded', instruction: 'Not recorded: the customer declined' },
  recording: { headline: 'RECORDING', sentence: 'Recording', instruction: 'Press Pause before the customer gives card details' },
  notRecorded: { headline: 'NOT RECORDED', sentence: 'Not recorded', instruction: 'This call is not being recorded' },
  noCall: { headline: 'NOT RECORDED — NO CALL', sentence: 'Not recorded — no call', instruction: 'No call: nothing is being recorded' },
  starting: { headline: 'STARTING…', sentence: 'Starting the recording', instruction: 'Not recording yet' },
  stopping: { headline: 'STOPPING…', sentence: 'Stopping the recording', instruction: 'Still recording until the server confirms' },
  startFailed: { headline: 'NOT RECORDING — START FAILED', sentence: 'Not recording — start failed', instruction: 'Press Start again, or tell your supervisor' },
  stopFailed: { headline: 'STOP FAILED — MAY STILL RECORD', sentence: 'Stop failed — may still be recording', instruction: 'Press Stop again' },
} as const;

/** A control's card: its state in a word or two (the evidence goes on the line under it). */
export const CARD_WORDS = {
  notKnown: 'Not known',
  starting: 'Starting…',
  stopping: 'Stopping…',
  startFailed: 'Start failed',
  stopFailed: 'Stop failed',
  lastKnown: (words: string) => `Last known: ${words}`,
  silent: 'Silent (paused)',
  mayHear: 'Recording (pause not confirmed)',
  paused: 'Paused: the recording is silent',
  resuming: 'Resuming…',
  resumeFailed: 'Resume failed: still paused',
  pauseNotConfirmed: 'Not confirmed: do not take card details',
  notPausedYet: 'Not paused yet',
  pauseRetrying: 'Not paused: retrying',
  pauseFailed: 'Not paused: the pause failed',
  notPausedByRecordKey: 'Not paused by RecordKey',
} as const;

/** Fixed evidence sentences (the line under a claim); the rest is the server's own message. */
export const EVIDENCE_SENTENCES = {
  silent: 'nothing is heard in the recording while paused',
  mayHear: 'the pause is not confirmed, so the recording may still hear the customer',
  noCall: 'no call',
  pauseSent: 'the pause is sent; until the server answers, the recording goes on',
  resumeSent: 'waiting for the server to confirm the resume',
  noConfirmation: 'RecordKey has no confirmation from the server',
  okNotShown: 'the server said OK, but its status does not show the pause yet',
  notCurrent: (evidence: string) => `not current — ${evidence}`,
  retrying: (error: string) => `${error}; RecordKey keeps trying until the pause is confirmed`,
  startRefused: (error: string) => `${error}; the recording goes on`,
  notConfirmed: (why: string) => `not confirmed: ${why}`,
} as const;

/** The pause's own button and tray item while a pause is on its way or may be on. */
export const PAUSE_ACTION_WORDS = {
  cancelButton: 'Cancel pause',
  cancelItem: 'Cancel pause (not paused yet)',
  resumeItem: (left: string) => `${CONTROL_LABELS.blackout.stop} (resumes by itself in ${left})`,
  resumeUnconfirmedItem: (left: string) => `${CONTROL_LABELS.blackout.stop} (pause not confirmed; resumes by itself in ${left})`,
} as const;

/** The countdown under a pause: the automatic resume is secondary to whether the pause is on. */
export const countdownWords = (left: string) => `Resumes by itself in ${left}`;

export const CONNECTION_WORDS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  unreachable: 'Server unreachable',
  unauthorized: 'Not authorized',
  'agent-unknown': 'Agent not found',
  'no-status': 'Connected (no call status)',
  misconfigured: 'Not connected: settings need fixing',
};

/** Where the status comes from (the window's header, the tray's tooltip, `doctor`). */
export const STATUS_SOURCE_WORDS = {
  viaRelay: (relay: string) => `Status via the site relay ${relay}`,
  direct: 'Status read directly from the server',
  directBecause: (why: string) => `Status read directly: ${why}`,
  relayConnecting: 'connecting to the site relay',
  relayDown: (why: string) => `the site relay is not reachable (${why})`,
  relayOld: (seconds: number) => `the site relay's data is ${seconds} s old`,
  relayOtherServer: (server: string) => `the site relay reads ${server}, not the server in use`,
  relayNoAgent: 'the site relay does not have this agent',
  relayNoData: 'the site relay has no status yet',
} as const;

/** The server's CallState values RecordKey has words for; any other is shown as given, in the details. */
export const CALL_STATE_WORDS: Record<string, string> = {
  oncall: 'On a call',
  ringing: 'Ringing',
  onhold: 'On hold',
  hold: 'On hold',
  held: 'On hold',
  dialing: 'Dialling',
  connected: 'On a call',
  wrapup: 'After-call work',
};

export function callStateWords(raw: string): string {
  if (!raw) return 'On a call';
  return CALL_STATE_WORDS[raw.replace(/[\s_-]/g, '').toLowerCase()] ?? 'On a call';
}

/** How a pause ended: what happened, and why. */
const PAUSE_ENDED_WORDS: Record<PauseEnder, { what: string; why: string }> = {
  agent: { what: 'Resumed', why: 'you resumed it' },
  maximum: { what: 'Resumed automatically', why: 'maximum pause reached' },
  'call-ended': { what: 'Resumed automatically', why: 'the call ended' },
  quit: { what: 'Resumed', why: 'RecordKey was quitting' },
  server: { what: 'Pause ended by the server', why: 'its own time limit, or another client' },
};

/** "Resumed automatically at 14:02:05 +00:00 — maximum pause reached" (the time left out where the line has its own). */
export function pauseEndedWords(by: PauseEnder, time?: string): string {
  const w = PAUSE_ENDED_WORDS[by];
  return `${w.what}${time ? ` at ${time}` : ''} — ${w.why}`;
}

export function isPauseEnder(value: string): value is PauseEnder {
  return value in PAUSE_ENDED_WORDS;
}

/** A check's outcome (doctor, Test connection): it proved something, it failed, it could not tell yet, or it works at a cost worth knowing. */
export const CHECK_MARK_NAMES = ['proved', 'failed', 'unproven', 'warning'] as const;
export type CheckMark = (typeof CHECK_MARK_NAMES)[number];

/** The mark before a check, the same in the CLI and in Settings' Test connection: ✓ only for what was proved. */
export const CHECK_MARKS: Record<CheckMark, string> = { proved: '✓', failed: '✗', unproven: '?', warning: '!' };
