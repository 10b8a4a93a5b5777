/**
 * The one contract between the core and every front end (tray, window over IPC, the browser
 * harness over a WebSocket, the CLI): the AppState they are shown and the intents they may
 * send, as zod schemas with inferred types. Main, preload and renderer all import this file.
 */
import { z } from 'zod';
import { AgentSnapshotSchema } from './agent-snapshot';

export const CONTROL_NAMES = ['voice', 'screen', 'blackout', 'duplicate', 'doNotRecord'] as const;
export const ControlNameSchema = z.enum(CONTROL_NAMES);
export type ControlName = z.infer<typeof ControlNameSchema>;

export const ControlStatusSchema = z.enum(['off', 'pending-on', 'on', 'pending-off', 'failed']);
export type ControlStatus = z.infer<typeof ControlStatusSchema>;

export const ControlStateSchema = z.object({
  status: ControlStatusSchema,
  /** What the last command asked for; kept with `failed` so a retry knows what to retry. */
  target: z.enum(['on', 'off']).nullable(),
  /** The last state the server showed or confirmed: the truth behind a failure. */
  confirmed: z.enum(['on', 'off', 'unknown']),
  /** Why the last command failed, in words for the agent. */
  error: z.string().nullable(),
  /** The kind of that failure (not-found, unreachable, unauthorized, …), for exit codes and icons. */
  errorKind: z.string().nullable(),
  /** Why the control cannot be used right now; null when it can. */
  unavailable: z.string().nullable(),
  /** The server took the command; RecordKey is reading its status back to confirm it. */
  awaitingConfirmation: z.boolean(),
  since: z.string(),
});
export type ControlState = z.infer<typeof ControlStateSchema>;

export const ConnectionStatusSchema = z.enum([
  'connecting',
  'connected',
  'reconnecting',
  'unreachable',
  'unauthorized',
  'agent-unknown',
  'no-status', // the backend cannot report call state (CXone without a status server)
]);
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

export const AppStateSchema = z.object({
  demo: z.boolean(),
  backend: z.enum(['onprem', 'cxone']),
  server: z.string(),
  agentLabel: z.string(),
  connection: z.object({
    status: ConnectionStatusSchema,
    message: z.string().nullable(),
    lastOkAt: z.string().nullable(),
    consecutiveFailures: z.number().int().min(0),
  }),
  capabilities: z.object({
    /** Whether the backend reports calls and recordings (so commands are confirmed by reading back). */
    canReportStatus: z.boolean(),
    /** Per control, why this backend cannot do it at all; null when it can. */
    unsupported: z.record(ControlNameSchema, z.string().nullable()),
  }),
  agent: AgentSnapshotSchema.nullable(),
  snapshotAt: z.string().nullable(),
  controls: z.object({
    voice: ControlStateSchema,
    screen: ControlStateSchema,
    blackout: ControlStateSchema,
    duplicate: ControlStateSchema,
    doNotRecord: ControlStateSchema,
  }),
  blackout: z.object({
    startedAt: z.string().nullable(),
    /** When RecordKey ends the pause by itself (the maximum pause length). */
    deadline: z.string().nullable(),
    maxSeconds: z.number().int().positive(),
    /** The length asked for by the pause being started (at most maxSeconds). */
    plannedSeconds: z.number().int().positive().nullable(),
    /** Who is ending the current pause, so lastEndedBy can say it once it is confirmed. */
    endingBy: z.enum(['agent', 'timer']).nullable(),
    callEndedWhilePaused: z.boolean(),
    /** How the last pause ended, so the agent learns when the server or the timer ended it. */
    lastEndedBy: z.enum(['agent', 'timer', 'server']).nullable(),
  }),
  /** The call instance for which the customer's refusal was confirmed. */
  doNotRecordCall: z.string().nullable(),
  lastError: z.object({ message: z.string(), at: z.string(), control: ControlNameSchema.nullable() }).nullable(),
  /** Problems outside the recording server: hotkeys taken, settings reset, no key store. */
  notices: z.array(z.object({ id: z.string(), level: z.enum(['info', 'warning', 'error']), message: z.string() })),
});
export type AppState = z.infer<typeof AppStateSchema>;

const Action = z.enum(['start', 'stop', 'toggle']);
const CUSTOM_FIELD = /^user([1-9]|1[0-5])$/;
export const CallDataSchema = z
  .record(z.string().regex(CUSTOM_FIELD, 'call data fields are user1 … user15'), z.string().max(256, 'at most 256 characters'))
  .refine((m) => Object.keys(m).length > 0, 'give at least one field');
const CallIdentifier = z.string().trim().min(1).max(128);
const DateTimeOffset = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date and time with its offset, e.g. 2026-11-21T10:00:00+00:00');

export const IntentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('voice'), action: Action, callIdentifier: CallIdentifier.optional(), metadata: CallDataSchema.optional() }),
  z.object({ type: z.literal('screen'), action: Action, metadata: CallDataSchema.optional() }),
  z.object({
    type: z.literal('blackout'),
    action: Action,
    /** Shorter than the configured maximum pause length; never longer. */
    forSeconds: z.number().int().min(1).max(3600).optional(),
    startTime: DateTimeOffset.optional(),
    stopTime: DateTimeOffset.optional(),
    timeOffset: z.number().int().min(-86_400).max(86_400).optional(),
  }),
  z.object({ type: z.literal('duplicate'), action: Action, callIdentifier: CallIdentifier.optional() }),
  z.object({ type: z.literal('call-data'), target: z.enum(['voice', 'screen']), metadata: CallDataSchema, callIdentifier: CallIdentifier.optional() }),
  // The agent must confirm: the customer's refusal cannot be undone for the contact.
  z.object({ type: z.literal('do-not-record'), confirmed: z.literal(true) }),
  z.object({ type: z.literal('retry'), control: ControlNameSchema }),
  z.object({ type: z.literal('refresh') }),
]);
export type Intent = z.infer<typeof IntentSchema>;

export const IntentSourceSchema = z.enum(['hotkey', 'tray', 'window', 'cli', 'timer', 'second-instance']);
export type IntentSource = z.infer<typeof IntentSourceSchema>;

/** What the core answers to an intent: accepted into the queue, or refused with a reason. */
export const IntentReceiptSchema = z.object({ accepted: z.boolean(), reason: z.string().nullable() });
export type IntentReceipt = z.infer<typeof IntentReceiptSchema>;

export const AuditEntryViewSchema = z.object({
  time: z.string(),
  source: z.string(),
  action: z.string(),
  result: z.string(),
  error: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

export { IPC } from './ipc-channels';

export const ViewNameSchema = z.enum(['status', 'history', 'settings']);
export type ViewName = z.infer<typeof ViewNameSchema>;
