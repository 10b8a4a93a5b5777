/**
 * Start at login on Linux: an XDG autostart .desktop entry (Windows and macOS use
 * app.setLoginItemSettings). When running as an AppImage the entry must start the AppImage
 * file, not the temporary mount it runs from.
 */
import { join } from 'node:path';
import { DESKTOP_FILE_ID, PRODUCT_NAME } from './app-identity';

export const AUTOSTART_FILE = `${DESKTOP_FILE_ID}.desktop`;
/** Names earlier versions used: removed whenever the entry is written or cleared, so login never starts RecordKey twice. */
export const LEGACY_AUTOSTART_FILES = ['recordkey.desktop'];

/** The command to start at login: the AppImage if there is one, else this executable. */
export function autostartCommand(env: Record<string, string | undefined>, execPath: string, appPath: string | null): string[] {
  if (env.APPIMAGE) return [env.APPIMAGE, '--hidden'];
  return appPath ? [execPath, appPath, '--hidden'] : [execPath, '--hidden'];
}

function quote(arg: string): string {
  return /[\s"'\\$`]/.test(arg) ? `"${arg.replace(/(["\\$`])/g, '\\$1')}"` : arg;
}

export function desktopEntry(command: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${PRODUCT_NAME}`,
    // The window's WM_CLASS / app_id is the desktop file id (app.setDesktopName): the desktop groups it with this entry.
    `StartupWMClass=${DESKTOP_FILE_ID}`,
    'Comment=Call-recording control for contact-centre agents',
    `Exec=${command.map(quote).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'X-GNOME-Autostart-Delay=2',
    '',
  ].join('\n');
}

/** $XDG_CONFIG_HOME/autostart, or ~/.config/autostart. */
export function autostartDir(env: Record<string, string | undefined>, home: string): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart');
}
