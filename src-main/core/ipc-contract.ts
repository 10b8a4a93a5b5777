/**
 * The one contract between the core and every front end (tray, window over IPC, the browser
 * harness over a WebSocket, the CLI): the AppState they are shown and the intents they may
 * send, as zod schemas with inferred types. Main, preload and renderer all import this file.
 */
import { z } from 'zod';
import { AgentSnapshotSchema } from './agent-snapshot';
import { ControlNameSchema, ControlStateSchema } from './control-state-schema';
import { BackendErrorSchema } from './result-schema';
import { HttpUrlSchema } from './http-url-schema';
import { CHECK_MARK_NAMES } from './agent-words';

export { CONTROL_NAMES } from './control-state';
export { ControlNameSchema, ControlStateSchema } from './control-state-schema';
export type { ControlName, ControlState } from './control-state';

export const ConnectionStatusSchema = z.enum([
  'connecting',
  'connected',
  'reconnecting',
  'unreachable',
  'unauthorized',
  'agent-unknown',
  'no-status', // the backend cannot report call state (CXone without a status server)
  'misconfigured', // the settings cannot be used: nothing is sent anywhere until they are fixed
]);
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

/** Who or what ended (or is ending) a pause. */
export const PauseEnderSchema = z.enum(['agent', 'maximum', 'call-ended', 'quit', 'server']);
export type PauseEnder = z.infer<typeof PauseEnderSchema>;

/** A pause that may be on: it always has a deadline, and RecordKey resumes by itself at it. */
export const PauseRecordSchema = z.object({
  /** When the start was first sent (a scheduled start: when it takes effect). Never moves. */
  startedAt: z.string(),
  deadline: z.string(),
  /** Where the pause came from: this run's start, a record left by the last run, or the server's status. */
  origin: z.enum(['this-run', 'last-run', 'server']),
  /** Whether it was ever shown as on (so its end is worth telling). */
  claimed: z.boolean(),
  /** The call it was started on (it follows the agent, not the call). */
  callInstance: z.string().nullable(),
  /** Since when the agent has had no call at all (active or held). */
  noCallSince: z.string().nullable(),
  /** A call that started after a gap with no call, while the pause may still be on: said loudly. */
  newCallWhilePaused: z.string().nullable(),
  endingBy: PauseEnderSchema.nullable(),
  /** Why the automatic resume cannot be sent now (e.g. the server wants a call); it is sent again when it can. */
  resumeBlocked: z.string().nullable(),
  /**
   * After a failover: the server the pause was on, while the server now in use has not shown it
   * (sync between servers may be late or broken). Its "no pause" does not end the pause; if it
   * does not show it within the sync grace, the pause is sent to it again, to its old deadline.
   */
  movedFrom: z.object({ server: z.string(), at: z.string() }).nullable().default(null),
});
export type PauseRecord = z.infer<typeof PauseRecordSchema>;

export const PauseSchema = z.object({
  maxSeconds: z.number().int().positive(),
  /** How long the agent may have no call at all before a pause ends by itself. */
  noCallGraceMs: z.number().int().min(0),
  /** Admin policy: a pause outlives the call (then only the deadline ends it). */
  keepAcrossCalls: z.boolean(),
  current: PauseRecordSchema.nullable(),
  lastEnded: z.object({ at: z.string(), by: PauseEnderSchema }).nullable(),
});

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
    /**
     * Whether this server's status shows pauses: learnt once it showed a paused value (and
     * remembered), set by an admin, or documented by the vendor (CXone's Mask). Until then "no
     * pause in the status" proves nothing.
     */
    statusShowsPauses: z.enum(['learnt', 'admin', 'documented']).nullable(),
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
  /** Per control, why it cannot be used now (null: it can). Computed by the core, so no front end guesses. */
  availability: z.record(ControlNameSchema, z.string().nullable()),
  pause: PauseSchema,
  /** The call instance for which the customer's refusal was confirmed. */
  doNotRecordCall: z.string().nullable(),
  lastError: z.object({ message: z.string(), at: z.string(), control: ControlNameSchema.nullable(), error: BackendErrorSchema.optional() }).nullable(),
  /** Problems outside the recording server: hotkeys taken, settings reset, no key store. */
  notices: z.array(z.object({ id: z.string(), level: z.enum(['info', 'warning', 'error']), message: z.string() })),
  /**
   * Where the status comes from: the site relay (its data fresh and from the server in use) or
   * RecordKey's own reads. Commands and their confirming reads are always direct.
   */
  statusSource: z.object({
    via: z.enum(['direct', 'relay']),
    /** The relay in use, or configured (null: none). */
    relay: z.string().nullable(),
    /** Why the status is read directly although a relay is configured. */
    note: z.string().nullable(),
  }),
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
  // More time for a pause that holds, up to the maximum in total (RecordKey's own deadline; nothing is sent).
  z.object({ type: z.literal('pause-extend') }),
  z.object({ type: z.literal('refresh') }),
]);
export type Intent = z.infer<typeof IntentSchema>;

export const IntentSourceSchema = z.enum(['hotkey', 'tray', 'window', 'cli', 'timer', 'second-instance', 'shutdown']);
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
  /** The call it happened on, if any (the history filters to this call). */
  callInstance: z.string().nullable().optional(),
  /** An intent's one outcome line (the plain history shows these). */
  outcome: z.boolean().optional(),
  /** For a pause that ended by itself: who ended it. */
  endedBy: z.string().optional(),
  /** For what happened on another server of the list: which. */
  server: z.string().optional(),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

import { IPC, VIEW_NAMES } from './ipc-channels';
export { IPC };

/** "Find me": where to ask, and how to authenticate (a secret typed but not saved yet, else the saved one). */
export const FindAgentsRequestSchema = z.object({
  baseUrl: HttpUrlSchema,
  authType: z.enum(['none', 'basic', 'header']).default('none'),
  username: z.string().default(''),
  headerName: z.string().default(''),
  secret: z.string().optional(),
});
export type FindAgentsRequest = z.input<typeof FindAgentsRequestSchema>;

export const FindAgentsResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), agents: z.array(z.object({ agentId: z.string(), label: z.string() })), suggested: z.number().int().nullable() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type FindAgentsResult = z.infer<typeof FindAgentsResultSchema>;

/** "Test connection": one line per check, as `doctor` prints them. */
export const TestConnectionResultSchema = z.object({
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), mark: z.enum(CHECK_MARK_NAMES), detail: z.string() })),
});
export type TestConnectionResult = z.infer<typeof TestConnectionResultSchema>;

/** The audit log's chain, as `audit verify` reports it: intact, broken (where and why), or not kept on disk. */
export const AuditVerdictSchema = z.object({ status: z.enum(['intact', 'broken', 'not-kept']), summary: z.string(), notes: z.array(z.string()) });
export type AuditVerdict = z.infer<typeof AuditVerdictSchema>;

/** How many history lines a front end gets unless it asks for a number, and the most it may ask for. */
export const DEFAULT_HISTORY_COUNT = 50;
export const MAX_HISTORY_COUNT = 500;
export const HistoryCountSchema = z.number().int().min(1).max(MAX_HISTORY_COUNT).default(DEFAULT_HISTORY_COUNT);

/**
 * The one map of renderer → main requests: channel → the schema of its arguments. The shell's
 * ValidatedIpcMain is the only way to register a handler, and it takes the schema from here,
 * so a channel cannot be handled unvalidated. A settings patch is checked here for shape only:
 * the runtime parses it against the settings schema (a layer above core) and answers with
 * per-field errors the Settings view shows next to each field.
 */
export const IPC_REQUESTS = {
  [IPC.getState]: z.tuple([]),
  [IPC.sendIntent]: z.tuple([IntentSchema]),
  [IPC.getHistory]: z.tuple([HistoryCountSchema.optional()]),
  [IPC.verifyAudit]: z.tuple([]),
  [IPC.getSettings]: z.tuple([]),
  [IPC.setSettings]: z.tuple([z.record(z.string(), z.unknown())]),
  [IPC.findAgents]: z.tuple([FindAgentsRequestSchema]),
  [IPC.testConnection]: z.tuple([z.record(z.string(), z.unknown())]),
} as const;
export type IpcRequestChannel = keyof typeof IPC_REQUESTS;
export type IpcRequestArgs<C extends IpcRequestChannel> = z.infer<(typeof IPC_REQUESTS)[C]>;

export const ViewNameSchema = z.enum(VIEW_NAMES);
export type ViewName = z.infer<typeof ViewNameSchema>;
