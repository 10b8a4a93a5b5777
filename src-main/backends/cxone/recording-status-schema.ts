/**
 * get-recording-status's answer on the wire: `{ contactId, segmentId, interactionId,
 * statusReason, recordingStatusToAgent, recordingStatusFromAgent }`. Keys are matched
 * case-insensitively and unknown keys ignored (as for the Recording API); ids may be numbers.
 * The values themselves are read in core/cxone-status.ts.
 */
import { z } from 'zod';
import type { CxoneRecordingStatus } from '../../core/agent-snapshot';

const Id = z.union([z.string(), z.number()]).transform(String);

const WireSchema = z.object({
  contactid: Id,
  segmentid: Id.optional(),
  interactionid: Id.optional(),
  statusreason: z.string().min(1),
  recordingstatustoagent: z.string().min(1),
  recordingstatusfromagent: z.string().nullish(),
});

function lowerKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
}

export function parseRecordingStatus(body: unknown): { ok: true; value: CxoneRecordingStatus } | { ok: false; problem: string } {
  const parsed = WireSchema.safeParse(lowerKeys(body));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `get-recording-status answered ${issue.path.join('.') || 'a body'} that is not what NICE publishes (${issue.message})` };
  }
  const w = parsed.data;
  return {
    ok: true,
    value: {
      contactId: w.contactid,
      segmentId: w.segmentid ?? '',
      interactionId: w.interactionid ?? '',
      statusReason: w.statusreason,
      recordingStatusToAgent: w.recordingstatustoagent,
      recordingStatusFromAgent: w.recordingstatusfromagent ?? null,
    },
  };
}
