/**
 * For the Playwright _electron suite only (RECORDKEY_TEST_HOOKS=1): it cannot click an OS
 * tray or press a global hotkey, so the test build exposes both on globalThis.__recordkey.
 */
import type { HotkeyAction } from '../settings/hotkey-table';
import type { TrayApp } from './tray-app';

export function installTestHooks(trayApp: TrayApp): void {
  (globalThis as Record<string, unknown>).__recordkey = {
    clickTray: (label: string) => trayApp.current?.tray.clickByLabel(label) ?? false,
    pressHotkey: (action: HotkeyAction) => trayApp.hotkey(action),
    state: () => trayApp.current?.runtime.getState() ?? null,
    simulatorUrl: () => trayApp.current?.runtime.simulatorUrl ?? null,
    startProblem: () => trayApp.startProblem,
  };
}
