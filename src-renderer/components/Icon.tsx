/**
 * Small inline SVG icons, bundled with the renderer: no emoji (which render as empty boxes
 * on machines without an emoji font), no font or network fetch. Decorative: the words beside
 * each icon carry the meaning, so every icon is aria-hidden.
 */
export type IconName = 'recording' | 'off' | 'paused' | 'alert' | 'unknown' | 'pending' | 'ok' | 'lock' | 'info' | 'hold' | 'declined';

const PATHS: Record<IconName, React.ReactNode> = {
  recording: <circle cx="8" cy="8" r="5" fill="currentColor" />,
  off: <circle cx="8" cy="8" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.8" />,
  paused: (
    <>
      <rect x="3.5" y="3" width="3" height="10" rx="0.8" fill="currentColor" />
      <rect x="9.5" y="3" width="3" height="10" rx="0.8" fill="currentColor" />
    </>
  ),
  alert: (
    <>
      <path d="M8 1.5 15 14H1z" fill="currentColor" />
      <path d="M8 6v4M8 11.6v.4" stroke="var(--bg, #fff)" strokeWidth="1.6" strokeLinecap="round" />
    </>
  ),
  unknown: (
    <>
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeDasharray="2.5 1.8" />
      <path d="M6.2 6.3a1.9 1.9 0 1 1 2.6 1.8c-.6.3-.8.7-.8 1.3M8 11.3v.3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </>
  ),
  pending: (
    <>
      <circle cx="3.5" cy="8" r="1.5" fill="currentColor" />
      <circle cx="8" cy="8" r="1.5" fill="currentColor" />
      <circle cx="12.5" cy="8" r="1.5" fill="currentColor" />
    </>
  ),
  ok: <path d="m3 8.5 3.2 3L13 4.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />,
  lock: (
    <>
      <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </>
  ),
  info: (
    <>
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 7v4.5M8 4.6v.3" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </>
  ),
  hold: (
    <>
      <rect x="4" y="4" width="2.5" height="8" fill="currentColor" />
      <rect x="9.5" y="4" width="2.5" height="8" fill="currentColor" />
    </>
  ),
  declined: (
    <>
      <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M3.8 12.2 12.2 3.8" stroke="currentColor" strokeWidth="1.8" />
    </>
  ),
};

export function Icon({ name, size = 14 }: { name: IconName; size?: number }) {
  return (
    <svg className={`icon icon-${name}`} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {PATHS[name]}
    </svg>
  );
}
