/**
 * The audit log's vocabulary: every `action` and `result` a line may carry, as typed values
 * from one table, and the one function that builds a record. History is derived from these
 * typed values (history-lines.ts), never from parsing free text back, so every intent that
 * has an audit line has a History line.
 */
import { CONTROL_NAMES, type ControlName } from './control-state';
import type { AppState, Intent } from './ipc-contract';
import type { BackendCommand, BackendCommandType } from './recording-backend';

const TOGGLED = ['voice', 'screen', 'blackout', 'duplicate'] as const;
type Toggled = (typeof TOGGLED)[number];
const VERBS = ['start', 'stop', 'toggle'] as const;

/** What a line is about: an intent or command, or something RecordKey saw or did by itself. */
export const AUDIT_ACTIONS = [
  ...TOGGLED.flatMap((c) => VERBS.map((v) => `${c} ${v}` as const)),
  'voice call data',
  'screen call data',
  'do-not-record',
  ...CONTROL_NAMES.map((c) => `retry ${c}` as const),
  'pause extend',
  'refresh',
  // Seen or done without an intent of the agent's.
  ...CONTROL_NAMES.flatMap((c) => [`${c} on by the server`, `${c} off by the server`] as const),
  'call started',
  'call ended',
  'found pause running',
  'pause ended',
  'new call while paused',
  'automatic resume waiting',
  'status shows pauses',
  'server changed',
  'pause ended on another server',
  'pause reminder',
  'RecordKey started',
  'RecordKey quit',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** How an intent ended: its one outcome line. */
export const OUTCOMES = ['confirmed', 'accepted', 'assumed', 'failed', 'refused', 'superseded', 'unchanged', 'done'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What a line says happened: a step of an intent, its outcome, or an event. */
export const AUDIT_RESULTS = ['intent', 'sent', 'retrying', 'scheduled', 'found-running', ...OUTCOMES, 'state-changed', 'reminder', 'run-start', 'run-end'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface AuditRecord {
  time: string;
  agent: string;
  callInstance: string | null;
  action: AuditAction;
  /** Who asked: hotkey, tray, window, cli, timer, shutdown, second-instance; or observed, app. */
  source: string;
  result: AuditResult;
  error: string | null;
  /** Ties an intent to its steps and its one outcome line. */
  intentId?: string;
  detail?: Record<string, string | number | boolean | string[]>;
}

/** The fields a writer gives; the envelope (time, agent, call) comes from the clock and the state. */
export type AuditFields = Pick<AuditRecord, 'action' | 'source' | 'result'> & Partial<Pick<AuditRecord, 'error' | 'intentId' | 'detail'>>;

/** The one way to build a record: every writer (controller, state changes, reminders, runs) uses it. */
export function auditRecord(at: number, state: Pick<AppState, 'agentLabel' | 'agent'> | null, fields: AuditFields): AuditRecord {
  const record: AuditRecord = {
    time: new Date(at).toISOString(),
    agent: state?.agentLabel ?? '',
    callInstance: state?.agent?.activeCall?.callInstance ?? null,
    action: fields.action,
    source: fields.source,
    result: fields.result,
    error: fields.error ?? null,
  };
  if (fields.intentId !== undefined) record.intentId = fields.intentId;
  if (fields.detail !== undefined && Object.keys(fields.detail).length > 0) record.detail = fields.detail;
  return record;
}

const COMMAND_ACTIONS: Record<BackendCommandType, AuditAction> = {
  'voice-start': 'voice start',
  'voice-stop': 'voice stop',
  'voice-update': 'voice call data',
  'screen-start': 'screen start',
  'screen-stop': 'screen stop',
  'screen-update': 'screen call data',
  'blackout-start': 'blackout start',
  'blackout-stop': 'blackout stop',
  'duplicate-start': 'duplicate start',
  'duplicate-stop': 'duplicate stop',
  'do-not-record': 'do-not-record',
};

export function commandAction(command: Pick<BackendCommand, 'type'>): AuditAction {
  return COMMAND_ACTIONS[command.type];
}

export function intentAction(intent: Intent): AuditAction {
  switch (intent.type) {
    case 'refresh':
      return 'refresh';
    case 'call-data':
      return `${intent.target} call data`;
    case 'do-not-record':
      return 'do-not-record';
    case 'retry':
      return `retry ${intent.control}`;
    case 'pause-extend':
      return 'pause extend';
    default:
      return `${intent.type satisfies Toggled} ${intent.action}`;
  }
}

export function serverChangeAction(control: ControlName, value: 'on' | 'off'): AuditAction {
  return `${control} ${value} by the server`;
}

/** Whether a string read back from a log is one of ours (logs written by older versions may not be). */
export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
