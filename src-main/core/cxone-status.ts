/**
 * What CXone's get-recording-status shows (spec README, "CXone (cloud), beyond the Record on
 * Demand reference"), in the control model's terms. Values are matched exactly and
 * case-insensitively; one RecordKey does not know is "unknown", never a guess.
 *
 * - statusReason `Mask`: the pause is on (the recording continues, silent).
 * - `CustomerDisconsent`: the customer declined; final for that contactId.
 * - `StopOnDemand`: voice stopped by a stop on demand (here or elsewhere).
 * - `Hold`: the interaction is on hold.
 * - recordingStatusToAgent `Recording` / `PoorRecordingQuality`: recorded; `Stopped` /
 *   `NoRecording`: not recorded; `RecordingFailure`: not recorded, and said loudly.
 * The status says nothing of the screen, so screen stays "unknown" (confirmed by answers).
 */
import type { CxoneRecordingStatus } from './agent-snapshot';
import type { Observed, StatusObservation } from './recording-vocabulary';

export const CXONE_STATUS_REASONS = ['Policy', 'Hold', 'Mask', 'RecordOnDemand', 'BusinessData', 'StopOnDemand', 'CustomerDisconsent'] as const;
export const CXONE_RECORDING_STATUSES = ['Recording', 'Stopped', 'RecordingFailure', 'NoRecording', 'PoorRecordingQuality'] as const;

const known = <T extends string>(list: readonly T[], value: string): T | null => list.find((v) => v.toLowerCase() === value.trim().toLowerCase()) ?? null;

/** No interaction (404): nothing is recorded, and the status still says nothing of the screen. */
const NO_INTERACTION: StatusObservation = { voice: 'off', screen: 'unknown', duplicate: 'off', pausedSeen: false, knownRecordings: 0, unknownValues: [], declined: 'unknown', failure: null };

export function observeCxoneStatus(status: CxoneRecordingStatus | null): StatusObservation {
  if (!status) return NO_INTERACTION;
  const reason = known(CXONE_STATUS_REASONS, status.statusReason);
  const recording = known(CXONE_RECORDING_STATUSES, status.recordingStatusToAgent);
  const unknownValues = [...(reason ? [] : [status.statusReason]), ...(recording ? [] : [status.recordingStatusToAgent])];
  const recorded: Observed = recording === null ? 'unknown' : recording === 'Recording' || recording === 'PoorRecordingQuality' ? 'on' : 'off';
  const voice: Observed = reason === 'StopOnDemand' || reason === 'CustomerDisconsent' ? 'off' : recorded;
  return {
    voice,
    screen: 'unknown',
    duplicate: 'off',
    pausedSeen: reason === 'Mask',
    // A mask shows only on a recorded interaction: "not masked" is evidence only while it is recorded.
    knownRecordings: reason !== null && voice === 'on' ? 1 : 0,
    unknownValues,
    declined: reason === null ? 'unknown' : reason === 'CustomerDisconsent' ? 'on' : 'off',
    failure: recording === 'RecordingFailure' ? `CXone reports a recording failure for this interaction (contact ${status.contactId})` : null,
  };
}
