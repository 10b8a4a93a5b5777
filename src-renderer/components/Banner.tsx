import { bannerFor, type BannerTone } from '../../src-main/core/recording-banner';
import type { AppState } from '../../src-main/core/ipc-contract';
import { Icon, type IconName } from './Icon';

const ICON: Record<BannerTone, IconName> = { recording: 'recording', paused: 'paused', alert: 'alert', off: 'off', unknown: 'unknown', declined: 'declined' };

/**
 * The one line that answers, at a glance and at the window's smallest size: is this call
 * being recorded, and did the pause take effect? Always at the top (sticky), with the
 * evidence under it. Words and shape, never colour alone.
 */
export function Banner({ state, now }: { state: AppState; now: number }) {
  const banner = bannerFor(state, now);
  const urgent = banner.tone === 'alert' || banner.tone === 'unknown';
  return (
    <div className={`banner banner-${banner.tone}`} data-testid="banner" role={urgent ? 'alert' : 'status'} aria-live={urgent ? 'assertive' : 'polite'}>
      <p className="banner-headline">
        <Icon name={ICON[banner.tone]} size={18} />
        <span data-testid="banner-headline">{banner.headline}</span>
        {banner.demo && <span className="demo-badge" title="Demo mode: nothing is recorded; RecordKey is talking to its built-in simulator">DEMO</span>}
      </p>
      {banner.resumesInMs !== null && <p className="banner-note">resumes by itself</p>}
      <p className="banner-evidence" data-testid="banner-evidence">
        {banner.evidence}
      </p>
    </div>
  );
}
