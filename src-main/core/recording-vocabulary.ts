/**
 * What a server's `RecordingState` values mean. The Recording API does not publish them, so
 * RecordKey matches each value exactly (case-insensitively) against a vocabulary: the values
 * the simulator and known servers use, plus any an admin adds in settings or policy. A value
 * outside it means "unknown": it is never read as recording, not recording, paused or not.
 */
import { z } from 'zod';
import type { AgentSnapshot, CallSnapshot } from './agent-snapshot';

const StateValue = z.string().trim().min(1).max(64);

export const RecordingVocabularySchema = z.object({
  voiceRecording: z.array(StateValue).max(20).default([]),
  voicePaused: z.array(StateValue).max(20).default([]),
  screenRecording: z.array(StateValue).max(20).default([]),
  screenPaused: z.array(StateValue).max(20).default([]),
});
export type RecordingVocabulary = z.infer<typeof RecordingVocabularySchema>;

export const DEFAULT_VOCABULARY: RecordingVocabulary = {
  voiceRecording: ['Recording'],
  voicePaused: ['BlackedOut'],
  screenRecording: ['ScreenRecording'],
  screenPaused: ['ScreenBlackedOut'],
};

/** The defaults plus what an admin added. */
export function vocabularyWith(extra: Partial<RecordingVocabulary> | undefined): RecordingVocabulary {
  const merged = { ...DEFAULT_VOCABULARY };
  for (const key of Object.keys(merged) as Array<keyof RecordingVocabulary>) merged[key] = [...DEFAULT_VOCABULARY[key], ...(extra?.[key] ?? [])];
  return merged;
}

export type RecordingMeaning = { media: 'voice' | 'screen'; paused: boolean } | null;

export function classifyRecordingState(vocabulary: RecordingVocabulary, value: string): RecordingMeaning {
  const v = value.trim().toLowerCase();
  const has = (list: string[]) => list.some((known) => known.toLowerCase() === v);
  if (has(vocabulary.voicePaused)) return { media: 'voice', paused: true };
  if (has(vocabulary.screenPaused)) return { media: 'screen', paused: true };
  if (has(vocabulary.voiceRecording)) return { media: 'voice', paused: false };
  if (has(vocabulary.screenRecording)) return { media: 'screen', paused: false };
  return null;
}

export type Observed = 'on' | 'off' | 'unknown';

/** What one status answer shows, before RecordKey's knowledge of the server is applied. */
export interface StatusObservation {
  voice: Observed;
  screen: Observed;
  duplicate: Observed;
  /** A recording showed a paused value. */
  pausedSeen: boolean;
  /** Recordings whose value RecordKey knows (so they would show a pause on a server that shows pauses). */
  knownRecordings: number;
  /** Values RecordKey does not know, as the server wrote them. */
  unknownValues: string[];
  /** Whether the status shows the customer's refusal (CXone's CustomerDisconsent); 'unknown' where it cannot show it. */
  declined: Observed;
  /** A recording failure the server reports (CXone's RecordingFailure), in words; null if none. */
  failure: string | null;
}

export function observeSnapshot(snapshot: AgentSnapshot, vocabulary: RecordingVocabulary): StatusObservation {
  const call: CallSnapshot | null = snapshot.activeCall;
  const recordings = [...(call?.recordings ?? []), ...snapshot.desktopOnlySessions.flatMap((s) => s.recordings)];
  const unknownValues = new Set<string>();
  let voice = false;
  let screen = false;
  let pausedSeen = false;
  let knownRecordings = 0;
  let unknownVoiceOrScreen = false;
  for (const r of recordings) {
    const meaning = classifyRecordingState(vocabulary, r.state);
    if (!meaning) {
      unknownValues.add(r.state);
      if (!r.isDuplicate) unknownVoiceOrScreen = true;
      continue;
    }
    knownRecordings += 1;
    pausedSeen ||= meaning.paused;
    if (r.isDuplicate) continue;
    const onCall = call?.recordings.includes(r) ?? false;
    if (meaning.media === 'voice' && onCall) voice = true;
    if (meaning.media === 'screen') screen = true;
  }
  return {
    voice: voice ? 'on' : unknownVoiceOrScreen ? 'unknown' : 'off',
    screen: screen ? 'on' : unknownVoiceOrScreen ? 'unknown' : 'off',
    duplicate: call?.recordings.some((r) => r.isDuplicate) ? 'on' : 'off',
    pausedSeen,
    knownRecordings,
    unknownValues: [...unknownValues],
    declined: 'unknown',
    failure: null,
  };
}

/**
 * The pause as this status shows it. A paused value is proof; no paused value proves "not
 * paused" only on a server known to show pauses, and only while it shows recordings whose
 * values RecordKey knows (a call with no recording cannot show a pause at all).
 */
export function observedPause(observation: StatusObservation, statusShowsPauses: boolean): Observed {
  if (observation.pausedSeen) return 'on';
  if (statusShowsPauses && observation.knownRecordings > 0 && observation.unknownValues.length === 0) return 'off';
  return 'unknown';
}
