import type { Verdict, VerdictTone } from '../../src-main/core/verdict';
import { formatAccelerator } from '../view-model';
import { Icon, type IconName } from './Icon';

const ICON: Record<VerdictTone, IconName> = { recording: 'recording', paused: 'paused', alert: 'alert', off: 'off', unknown: 'unknown', declined: 'declined' };

export interface PauseAction {
  label: string;
  hotkey: string | null;
  disabledReason: string | null;
  onPress: () => void;
}

/**
 * The verdict, at a glance and at the window's smallest size: is this call being recorded, can
 * the agent take card details now, and on what evidence. Always at the top (sticky), with the
 * pause's own button in it, so Pause and Resume are never scrolled out of view. Words and
 * shape, never colour alone.
 */
export function Banner({ verdict, pauseAction }: { verdict: Verdict; pauseAction?: PauseAction | null }) {
  const urgent = verdict.tone === 'alert' || verdict.tone === 'unknown';
  return (
    <div className={`banner banner-${verdict.tone}`} data-testid="banner" data-pause={verdict.pause} role={urgent ? 'alert' : 'status'} aria-live={urgent ? 'assertive' : 'polite'}>
      <p className="banner-headline">
        <Icon name={ICON[verdict.tone]} size={18} />
        <span data-testid="banner-headline">{verdict.headline}</span>
        {verdict.demo && <span className="demo-badge" title="Demo mode: nothing is recorded; RecordKey is talking to its built-in simulator">DEMO</span>}
      </p>
      <p className="banner-instruction" data-testid="banner-instruction">
        {verdict.instruction}
      </p>
      {verdict.countdown && (
        <p className="banner-countdown" data-testid="blackout-countdown" role="timer" aria-live="off">
          {verdict.countdown.words}
        </p>
      )}
      <p className="banner-evidence" data-testid="banner-evidence">
        {verdict.evidence}
      </p>
      {pauseAction && (
        <div className="banner-actions">
          <button type="button" className="pause-button" onClick={pauseAction.onPress} disabled={pauseAction.disabledReason !== null} title={pauseAction.disabledReason ?? undefined}>
            {pauseAction.label}
            {pauseAction.hotkey && <kbd>{formatAccelerator(pauseAction.hotkey)}</kbd>}
          </button>
          {pauseAction.disabledReason && <span className="banner-reason">{pauseAction.disabledReason}</span>}
        </div>
      )}
    </div>
  );
}
