/**
 * Asks the session bus whether anything shows tray icons (a StatusNotifierWatcher owns its
 * name): Electron's Linux tray needs one. Uses dbus-send, present wherever D-Bus is; if it
 * is missing or slow the answer is "unknown" and tray-visibility.ts decides from the desktop.
 */
import { execFile } from 'node:child_process';
import type { TrayHost } from '../desktop/tray-visibility';

const ARGS = [
  '--session',
  '--print-reply',
  '--dest=org.freedesktop.DBus',
  '--type=method_call',
  '/org/freedesktop/DBus',
  'org.freedesktop.DBus.NameHasOwner',
  'string:org.kde.StatusNotifierWatcher',
];

/** Reads dbus-send's reply: "boolean true" / "boolean false". */
export function trayHostFromReply(stdout: string): TrayHost {
  const answer = /boolean (true|false)/.exec(stdout);
  return answer ? (answer[1] === 'true' ? 'present' : 'absent') : 'unknown';
}

export function probeTrayHost(platform: NodeJS.Platform, timeoutMs = 1500): Promise<TrayHost> {
  if (platform !== 'linux') return Promise.resolve('present');
  return new Promise((resolve) => {
    execFile('dbus-send', ARGS, { timeout: timeoutMs }, (error, stdout) => resolve(error ? 'unknown' : trayHostFromReply(stdout)));
  });
}
