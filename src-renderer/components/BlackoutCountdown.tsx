import { pauseEndedWords } from '../../src-main/core/agent-words';
import { formatCountdown } from '../../src-main/core/control-state';
import type { AppState } from '../../src-main/core/ipc-contract';
import { formatLocalTime } from '../../src-main/core/time-format';
import type { Verdict } from '../../src-main/core/verdict';
import { DEFAULT_REMINDER_SECONDS, EXTEND_STEP_MS } from '../../src-main/core/pause-policy';

/**
 * Under the pause's card: the reminder before the automatic resume, Extend, why a resume is
 * held back, a new call while the pause may be on, and how the last pause ended. The pause's
 * state and countdown are the banner's (the verdict); this adds only what the agent can do about it.
 */
export function BlackoutCountdown({ state, verdict, now, reminderSeconds = DEFAULT_REMINDER_SECONDS, onExtend }: { state: AppState; verdict: Verdict; now: number; reminderSeconds?: readonly number[]; onExtend?: () => void }) {
  const pause = state.pause.current;
  if (!pause || !verdict.countdown) {
    const ended = pause ? null : state.pause.lastEnded;
    return ended ? (
      <p className="pause-ended" data-testid="pause-ended">
        {pauseEndedWords(ended.by, formatLocalTime(ended.at, now))}
      </p>
    ) : null;
  }
  const left = verdict.countdown.ms;
  return (
    <>
      {left <= Math.max(0, ...reminderSeconds) * 1000 && left > 0 && (
        <p className="warning" data-testid="pause-reminder">
          Recording resumes in {formatCountdown(left)}. Resume now if the customer has finished.
        </p>
      )}
      {onExtend &&
        (Date.parse(pause.deadline) < Date.parse(pause.startedAt) + state.pause.maxSeconds * 1000 ? (
          <button type="button" className="extend" onClick={onExtend}>
            Extend (+{formatCountdown(EXTEND_STEP_MS)}, at most {formatCountdown(state.pause.maxSeconds * 1000)} in all)
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
