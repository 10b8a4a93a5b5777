import type { AppState } from '../../src-main/core/ipc-contract';
import { formatCountdown } from '../view-model';

/** The large countdown to the automatic resume while paused. */
export function BlackoutCountdown({ state, now }: { state: AppState; now: number }) {
  if (state.controls.blackout.status !== 'on' || !state.blackout.deadline) {
    return state.blackout.lastEndedBy === 'server' && state.controls.blackout.status === 'off' ? (
      <p className="muted">The server ended the last pause (its own time limit).</p>
    ) : null;
  }
  const left = Date.parse(state.blackout.deadline) - now;
  return (
    <p className="countdown" role="timer" aria-live="off" aria-label={`Recording resumes automatically in ${formatCountdown(left)}`}>
      Resumes in <strong data-testid="blackout-countdown">{formatCountdown(left)}</strong>
    </p>
  );
}
