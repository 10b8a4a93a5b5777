import { formatCountdown } from '../../src-main/core/control-state';
import type { AppState, PauseEnder } from '../../src-main/core/ipc-contract';

const ENDED_BY: Record<PauseEnder, string> = {
  agent: 'you resumed it',
  maximum: 'RecordKey resumed it at the maximum pause length',
  'call-ended': 'RecordKey resumed it because the call ended',
  quit: 'RecordKey resumed it when it quit',
  server: 'the server ended it (its own time limit, or another client)',
};

/** The countdown to the automatic resume while a pause may be on, and how the last pause ended. */
export function BlackoutCountdown({ state, now }: { state: AppState; now: number }) {
  const pause = state.pause.current;
  if (!pause) {
    const ended = state.pause.lastEnded;
    return ended ? (
      <p className="muted" data-testid="pause-ended">
        Last pause ended at {new Date(ended.at).toLocaleTimeString()}: {ENDED_BY[ended.by]}.
      </p>
    ) : null;
  }
  const left = Date.parse(pause.deadline) - now;
  return (
    <>
      <p className="countdown" role="timer" aria-live="off" aria-label={`Recording resumes automatically in ${formatCountdown(left)}`}>
        Resumes in <strong data-testid="blackout-countdown">{formatCountdown(left)}</strong>
      </p>
      {pause.resumeBlocked && <p className="warning">{pause.resumeBlocked}</p>}
      {pause.newCallWhilePaused && (
        <p className="error" role="alert">
          A new call started while the pause may still be on: resume now if this customer should be recorded.
        </p>
      )}
    </>
  );
}
