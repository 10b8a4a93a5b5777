/**
 * Start at login, starting hidden to the tray: the OS login items on Windows and macOS, an
 * XDG autostart entry on Linux.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTOSTART_FILE, autostartCommand, autostartDir, desktopEntry } from '../desktop/autostart-entry';
import type { ElectronApi } from './electron-api';

export interface AutostartContext {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  execPath: string;
  /** The app folder when running unpackaged (electron .), else null. */
  appPath: string | null;
}

export function applyStartAtLogin(app: ElectronApi['app'], enabled: boolean, ctx: AutostartContext): string | null {
  if (ctx.platform === 'linux') {
    const dir = autostartDir(ctx.env, ctx.home);
    const file = join(dir, AUTOSTART_FILE);
    if (enabled) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, desktopEntry(autostartCommand(ctx.env, ctx.execPath, ctx.appPath)));
    } else rmSync(file, { force: true });
    return file;
  }
  app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
  return null;
}
