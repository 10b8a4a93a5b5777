/**
 * The normalized picture of one agent that every backend produces and everything else reads:
 * camelCase, no wire quirks. Also part of the IPC contract, so it is a zod schema.
 */
import { z } from 'zod';

export const RecordingSnapshotSchema = z.object({
  id: z.string(),
  isDuplicate: z.boolean(),
  /** RecordingState as the server sent it: its values are not published (recording-vocabulary.ts reads them). */
  state: z.string(),
});

export const CallSnapshotSchema = z.object({
  callInstance: z.string(),
  callState: z.string(),
  direction: z.enum(['inbound', 'outbound', 'unknown']),
  ani: z.string(),
  dnis: z.string(),
  /** `starttime` from the metadata, as the server wrote it (MM/dd/yyyy HH:mm:ss, no zone). */
  startTime: z.string(),
  metadata: z.record(z.string(), z.string()),
  recordings: z.array(RecordingSnapshotSchema),
});

/**
 * CXone's read-back (get-recording-status), as the server sent it: the recording of the agent's
 * latest interaction and why it is in that state. Values are matched in cxone-status.ts.
 */
export const CxoneRecordingStatusSchema = z.object({
  contactId: z.string(),
  segmentId: z.string(),
  interactionId: z.string(),
  statusReason: z.string(),
  recordingStatusToAgent: z.string(),
  recordingStatusFromAgent: z.string().nullable(),
});
export type CxoneRecordingStatus = z.infer<typeof CxoneRecordingStatusSchema>;

export const AgentSnapshotSchema = z.object({
  agentId: z.string(),
  businessUnit: z.string(),
  agentPhone: z.string(),
  systemUsername: z.string(),
  crmUsername: z.string(),
  username: z.string(),
  deviceId: z.string(),
  deviceAlias: z.string(),
  activeCall: CallSnapshotSchema.nullable(),
  inactiveCalls: z.array(CallSnapshotSchema),
  desktopOnlySessions: z.array(CallSnapshotSchema),
  /** Present when the snapshot comes from CXone's get-recording-status: its interaction (the active call), or null when it has none. */
  cxone: CxoneRecordingStatusSchema.nullable().optional(),
});

export type RecordingSnapshot = z.infer<typeof RecordingSnapshotSchema>;
export type CallSnapshot = z.infer<typeof CallSnapshotSchema>;
export type AgentSnapshot = z.infer<typeof AgentSnapshotSchema>;

export const IDENTIFIER_KINDS = ['Id', 'CrmUsername', 'Phone', 'SystemUsername', 'Username'] as const;
export const AgentRefSchema = z.object({
  kind: z.enum(IDENTIFIER_KINDS),
  value: z.string().trim().min(1, 'the agent identifier value is empty'),
});
export type AgentRef = z.infer<typeof AgentRefSchema>;

export function describeAgent(agent: AgentRef): string {
  return `agent ${agent.kind}=${agent.value}`;
}
