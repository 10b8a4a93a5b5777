/**
 * Start at login, starting hidden to the tray: the OS login items on Windows and macOS, an
 * XDG autostart entry on Linux. Only the installed app registers itself: a development or
 * test run (`electron .`) would otherwise add itself to the developer's login items.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTOSTART_FILE, LEGACY_AUTOSTART_FILES, autostartCommand, autostartDir, desktopEntry } from '../desktop/autostart-entry';
import type { ElectronApi } from './electron-api';

export interface AutostartContext {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  execPath: string;
  /** The app folder when running unpackaged (electron .), else null. */
  appPath: string | null;
  /** False for `electron .` runs: then nothing is registered unless RECORDKEY_DEV_AUTOSTART=1. */
  isPackaged: boolean;
}

export type AutostartResult = { applied: true; file: string | null } | { applied: false; reason: string };

export function applyStartAtLogin(app: Pick<ElectronApi['app'], 'setLoginItemSettings'>, enabled: boolean, ctx: AutostartContext): AutostartResult {
  if (!ctx.isPackaged && ctx.env.RECORDKEY_DEV_AUTOSTART !== '1') {
    return { applied: false, reason: 'this is a development run, so start at login is saved but not registered with the system' };
  }
  if (ctx.platform === 'linux') {
    const dir = autostartDir(ctx.env, ctx.home);
    const file = join(dir, AUTOSTART_FILE);
    for (const legacy of LEGACY_AUTOSTART_FILES) rmSync(join(dir, legacy), { force: true });
    if (enabled) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, desktopEntry(autostartCommand(ctx.env, ctx.execPath, ctx.appPath)));
    } else rmSync(file, { force: true });
    return { applied: true, file };
  }
  // `args` reach the app on Windows only; macOS starts it plainly and reports wasOpenedAtLogin (see startsHidden).
  app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
  return { applied: true, file: null };
}
