/**
 * The tray's context menu as plain data, built from the AppState on every change (Linux
 * needs setContextMenu again to show changes). Items a state does not allow are disabled
 * with the reason in their label; Show and Quit are always there, since a click on the
 * icon does nothing on some Linux desktops.
 */
import type { AppState, ControlName, Intent } from '../core/ipc-contract';

export type MenuAction = { intent: Intent } | { command: 'show-window' | 'open-settings' | 'add-call-data' | 'confirm-do-not-record' | 'toggle-start-at-login' | 'quit' };

export type MenuItemModel =
  | { type: 'separator' }
  | { type: 'normal' | 'checkbox'; id: string; label: string; enabled: boolean; checked?: boolean; action: MenuAction };

export interface MenuContext {
  now: number;
  startAtLogin: boolean;
  /** Hotkeys by action id, e.g. toggleVoice: 'CommandOrControl+Alt+R'. */
  hotkeys: Record<string, string | null>;
}

function isOn(state: AppState, name: ControlName): boolean {
  const c = state.controls[name];
  return c.status === 'on' || c.status === 'pending-on' || (c.status === 'failed' && c.confirmed === 'on');
}

function toggleItem(state: AppState, name: ControlName, id: string, on: string, off: string, hotkey: string | null | undefined): MenuItemModel {
  const c = state.controls[name];
  const active = isOn(state, name);
  const failed = c.status === 'failed' ? ' — LAST ATTEMPT FAILED' : '';
  const reason = c.unavailable ? ` (${c.unavailable})` : '';
  const keys = hotkey ? `\t${hotkey.replace('CommandOrControl', 'Ctrl')}` : '';
  return {
    type: 'normal',
    id,
    label: `${active ? off : on}${failed}${reason}${keys}`,
    enabled: c.unavailable === null,
    action: { intent: { type: name as Exclude<ControlName, 'doNotRecord'>, action: active ? 'stop' : 'start' } as Intent },
  };
}

export function buildTrayMenu(state: AppState, ctx: MenuContext): MenuItemModel[] {
  const items: MenuItemModel[] = [];
  const u = state.capabilities.unsupported;
  if (state.demo) items.push({ type: 'normal', id: 'demo', label: 'DEMO MODE — nothing is recorded', enabled: false, action: { command: 'show-window' } });
  items.push(toggleItem(state, 'voice', 'voice', 'Start voice recording', 'Stop voice recording', ctx.hotkeys.toggleVoice));
  if (!u.screen) items.push(toggleItem(state, 'screen', 'screen', 'Start screen recording', 'Stop screen recording', ctx.hotkeys.toggleScreen));
  if (!u.blackout) {
    const item = toggleItem(state, 'blackout', 'blackout', 'Pause for sensitive data', 'Resume recording', ctx.hotkeys.toggleBlackout);
    if (item.type !== 'separator' && state.controls.blackout.status === 'on' && state.blackout.deadline) {
      const left = Math.max(0, Math.ceil((Date.parse(state.blackout.deadline) - ctx.now) / 1000));
      item.label = item.label.replace('Resume recording', `Resume recording (resumes by itself in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')})`);
    }
    items.push(item);
  }
  if (!u.duplicate) items.push(toggleItem(state, 'duplicate', 'duplicate', 'Start duplicate recording', 'Stop duplicate recording', null));
  if (state.backend === 'onprem' && !u.voice) {
    const noCall = state.capabilities.canReportStatus && !state.agent?.activeCall;
    items.push({ type: 'normal', id: 'call-data', label: noCall ? 'Add call data… (no active call)' : 'Add call data…', enabled: !noCall, action: { command: 'add-call-data' } });
  }
  if (!u.doNotRecord) {
    const c = state.controls.doNotRecord;
    items.push({
      type: 'normal',
      id: 'do-not-record',
      label: c.status === 'on' ? 'Customer declined recording (final for this call)' : `Customer declined recording…${c.unavailable ? ` (${c.unavailable})` : ''}`,
      enabled: c.unavailable === null && c.status !== 'on',
      action: { command: 'confirm-do-not-record' },
    });
  }
  items.push({ type: 'separator' });
  items.push({ type: 'normal', id: 'show', label: 'Show status window', enabled: true, action: { command: 'show-window' } });
  items.push({ type: 'normal', id: 'settings', label: 'Settings…', enabled: true, action: { command: 'open-settings' } });
  items.push({ type: 'checkbox', id: 'start-at-login', label: 'Start at login', enabled: true, checked: ctx.startAtLogin, action: { command: 'toggle-start-at-login' } });
  items.push({ type: 'separator' });
  items.push({ type: 'normal', id: 'quit', label: 'Quit RecordKey', enabled: true, action: { command: 'quit' } });
  return items;
}
