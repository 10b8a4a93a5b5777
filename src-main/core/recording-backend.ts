/**
 * What the core asks of a recording server, whichever product it is. The on-premise
 * Recording API supports every command and is polled at /api/Agent; CXone supports start,
 * stop, do-not-record and pause (mask/unmask) and is polled at get-recording-status, unless
 * the tenant withholds that permission (then its commands rest on their answers).
 */
import type { AgentSnapshot } from '../core/agent-snapshot';
import type { ControlName } from './ipc-contract';
import type { Event } from './emitter';
import type { CommandOutcome, Result } from './result';

export type CallMetadata = Record<string, string>;

export type BackendCommand =
  | { type: 'voice-start'; callIdentifier?: string; metadata?: CallMetadata }
  | { type: 'voice-stop'; callIdentifier?: string; metadata?: CallMetadata }
  | { type: 'voice-update'; callIdentifier?: string; metadata: CallMetadata }
  | { type: 'duplicate-start'; callIdentifier?: string; metadata?: CallMetadata }
  | { type: 'duplicate-stop'; callIdentifier?: string; metadata?: CallMetadata }
  | { type: 'screen-start'; metadata?: CallMetadata }
  | { type: 'screen-update'; metadata: CallMetadata }
  | { type: 'screen-stop'; metadata?: CallMetadata }
  | { type: 'blackout-start'; startTime?: string; timeOffset?: number }
  | { type: 'blackout-stop'; stopTime?: string; timeOffset?: number }
  | { type: 'do-not-record' };

export type BackendCommandType = BackendCommand['type'];

/** RecordKey moved from one server of the list to another: which, why, and when. */
export interface ServerSwitch {
  from: string;
  to: string;
  reason: string;
  at: number;
  /** Whether `to` is the first server of the list (back where RecordKey belongs). */
  toFirst: boolean;
}

/** A server other than the one in use was told to resume a pause it may have held. */
export interface RemoteResume {
  server: string;
  answer: 'resumed' | 'no pause there';
  at: number;
}

export interface RecordingBackend {
  readonly kind: 'onprem' | 'cxone';
  /** Where requests go now, for messages ("server unreachable at …"). */
  readonly serverLabel: string;
  /** Every server of the list, when the backend has one (failover-recording-api.ts); the first is where it starts. */
  readonly servers?: readonly string[];
  /** Whether `getAgent` can report the agent's calls and recordings (the core learns at run time if that changes: see 'no-status'). */
  readonly canReportStatus: boolean;
  /**
   * The controls its status shows, when it is not all of voice, screen, duplicate and pause
   * (CXone's status says nothing of the screen, but shows the customer's refusal).
   */
  readonly statusShows?: readonly ControlName[];
  /** Whether its status is documented to show a pause (CXone's Mask); otherwise RecordKey learns it. */
  readonly statusDocumentsPauses?: boolean;
  /**
   * Whether a pause belongs to the interaction (CXone's mask) rather than to the agent (an
   * on-premise blackout survives calls): then "no active interaction" (404) to a resume means
   * the pause ended with it.
   */
  readonly pauseEndsWithInteraction?: boolean;
  getAgent(): Promise<Result<AgentSnapshot>>;
  execute(command: BackendCommand): Promise<Result<CommandOutcome>>;
  /**
   * The command with the status read that confirms it pipelined behind it on one connection
   * (the server answers in order, after carrying the command out). `read` is null when it was
   * not pipelined; then the core reads the status itself.
   */
  executeAndRead?(command: BackendCommand): Promise<{ answer: Result<CommandOutcome>; read: Result<AgentSnapshot> | null }>;
  /** The server answered a pipelined read before carrying out the command before it: stop pipelining to it. */
  stopPipelining?(): void;
  /** A backend over a list of servers announces each move to another one (failover-recording-api.ts). */
  readonly onSwitch?: Event<[ServerSwitch]>;
  /** …and each resume it delivered to another server of the list that may have held the pause. */
  readonly onRemoteResume?: Event<[RemoteResume]>;
  /** null when supported; otherwise why not, in words for the agent. */
  unsupported(type: BackendCommandType): string | null;
  close(): void;
}
