/**
 * When RecordKey cannot start: a tray icon that says so, with Restart and Quit, and a
 * notification. Without it the process would hold the single-instance lock with nothing on
 * screen, and every later launch would quit at once. If even the tray cannot be made, the
 * process exits so the next launch can try again.
 */
import type { ElectronApi, MenuItemOptions, TrayLike } from './electron-api';
import { trayIconPath } from './tray-presenter';

export interface StartFailureContext {
  assetsDir: string;
  platform: NodeJS.Platform;
  log: (message: string) => void;
}

export function startFailureMenu(problem: string, api: Pick<ElectronApi, 'app'>): MenuItemOptions[] {
  const shown = problem.length > 120 ? `${problem.slice(0, 117)}…` : problem;
  return [
    { id: 'failed', label: 'RecordKey could not start — nothing is controlled', enabled: false },
    { id: 'problem', label: shown, enabled: false },
    { type: 'separator' },
    {
      id: 'restart',
      label: 'Restart RecordKey',
      click: () => {
        api.app.relaunch();
        api.app.exit(0);
      },
    },
    { id: 'quit', label: 'Quit RecordKey', click: () => api.app.exit(0) },
  ];
}

/** Returns the tray, which the caller must keep referenced (Electron removes a collected Tray). */
export function showStartFailure(api: Pick<ElectronApi, 'app' | 'createTray' | 'buildMenu' | 'notify'>, context: StartFailureContext, problem: string): TrayLike | null {
  try {
    const tray = api.createTray(trayIconPath(context.assetsDir, context.platform, 'error'));
    tray.setToolTip(`RecordKey could not start: ${problem}`);
    tray.setContextMenu(api.buildMenu(startFailureMenu(problem, api)));
    api.notify('RecordKey could not start', `${problem} Recording is not controlled; use the tray icon to restart.`);
    return tray;
  } catch (error) {
    context.log(`RecordKey could not show its start failure (${(error as Error).message}); exiting so the next launch can try again`);
    api.app.exit(1);
    return null;
  }
}
