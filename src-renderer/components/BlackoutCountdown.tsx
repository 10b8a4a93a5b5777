import { formatCountdown, holdsOn } from '../../src-main/core/control-state';
import type { AppState, PauseEnder } from '../../src-main/core/ipc-contract';

/** How the last pause ended, as one line: "Resumed automatically at 14:02 — maximum pause reached". */
const ENDED_BY: Record<PauseEnder, (time: string) => string> = {
  agent: (t) => `Resumed at ${t} — you resumed it`,
  maximum: (t) => `Resumed automatically at ${t} — maximum pause reached`,
  'call-ended': (t) => `Resumed automatically at ${t} — the call ended`,
  quit: (t) => `Resumed at ${t} — RecordKey was quitting`,
  server: (t) => `Pause ended at ${t} by the server (its own time limit, or another client)`,
};

/** The countdown to the automatic resume while a pause may be on (with a warning at the reminder times), and how the last pause ended. */
export function BlackoutCountdown({ state, now, reminderSeconds = [30, 10], onExtend }: { state: AppState; now: number; reminderSeconds?: number[]; onExtend?: () => void }) {
  const pause = state.pause.current;
  if (!pause) {
    const ended = state.pause.lastEnded;
    return ended ? (
      <p className="pause-ended" data-testid="pause-ended">
        {ENDED_BY[ended.by](new Date(ended.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))}
      </p>
    ) : null;
  }
  const left = Date.parse(pause.deadline) - now;
  if (!holdsOn(state.controls.blackout)) {
    // Sent but not in effect: no countdown of a pause that is not running (the banner says NOT PAUSED).
    return <p className="warning">Not paused yet: the recording goes on until the server confirms the pause.</p>;
  }
  return (
    <>
      <p className="countdown" role="timer" aria-live="off" aria-label={`Recording resumes automatically in ${formatCountdown(left)}`}>
        Resumes in <strong data-testid="blackout-countdown">{formatCountdown(left)}</strong>
      </p>
      {left <= Math.max(0, ...reminderSeconds) * 1000 && left > 0 && (
        <p className="warning" data-testid="pause-reminder">
          Recording resumes in {formatCountdown(left)}. Resume now if the customer has finished.
        </p>
      )}
      {onExtend &&
        (Date.parse(pause.deadline) < Date.parse(pause.startedAt) + state.pause.maxSeconds * 1000 ? (
          <button type="button" className="extend" onClick={onExtend}>
            Extend (+1:00, at most {formatCountdown(state.pause.maxSeconds * 1000)} in all)
          </button>
        ) : (
          <p className="muted">At the maximum pause of {formatCountdown(state.pause.maxSeconds * 1000)}: it cannot be extended.</p>
        ))}
      {pause.resumeBlocked && <p className="warning">{pause.resumeBlocked}</p>}
      {pause.newCallWhilePaused && (
        <p className="error" role="alert">
          A new call started while the pause may still be on: resume now if this customer should be recorded.
        </p>
      )}
    </>
  );
}
