/**
 * What the core asks of a recording server, whichever product it is. The on-premise
 * Recording API supports every command and can be polled; CXone Record on Demand supports
 * start/stop/do-not-record and has no status endpoint of its own.
 */
import type { AgentSnapshot } from '../core/agent-snapshot';
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

export interface RecordingBackend {
  readonly kind: 'onprem' | 'cxone';
  /** Where requests go, for messages ("server unreachable at …"). */
  readonly serverLabel: string;
  /** Whether `getAgent` can report the agent's calls and recordings. */
  readonly canReportStatus: boolean;
  getAgent(): Promise<Result<AgentSnapshot>>;
  execute(command: BackendCommand): Promise<Result<CommandOutcome>>;
  /** null when supported; otherwise why not, in words for the agent. */
  unsupported(type: BackendCommandType): string | null;
  close(): void;
}
