/**
 * Whether the agent can see a tray icon at all. Electron's Linux tray is a StatusNotifierItem,
 * which needs a StatusNotifierWatcher on the session bus; stock GNOME has none unless the
 * AppIndicator extension is on. An app started hidden there would run with nothing on screen,
 * so RecordKey then opens its window instead and says why.
 */
export type TrayHost = 'present' | 'absent' | 'unknown';

export function trayMayBeInvisible(platform: NodeJS.Platform, env: Record<string, string | undefined>, host: TrayHost): boolean {
  if (platform !== 'linux') return false;
  if (host !== 'unknown') return host === 'absent';
  // The bus could not be asked: GNOME is the desktop known to hide tray icons by default.
  return /gnome/i.test(env.XDG_CURRENT_DESKTOP ?? '');
}

export const NO_TRAY_NOTICE =
  'This desktop shows no tray icons, so RecordKey keeps its window open. To use the tray, ask IT to enable the AppIndicator extension (GNOME: "AppIndicator and KStatusNotifierItem Support").';

/** How globalShortcut's "true" should be reported: on Wayland the portal can still refuse a key without telling the app. */
export function hotkeyRegisteredWord(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  const wayland = platform === 'linux' && (env.XDG_SESSION_TYPE === 'wayland' || !!env.WAYLAND_DISPLAY);
  return wayland ? 'requested from the desktop (Wayland may refuse it silently: press it once to check)' : 'registered';
}
