/**
 * The tray's context menu as plain data, built from the AppState on every change (Linux
 * needs setContextMenu again to show changes). Items a state does not allow are disabled
 * with the reason in their label; Show and Quit are always there, since a click on the
 * icon does nothing on some Linux desktops.
 */
import { CONTROL_LABELS, toggleTarget, type ControlName } from '../core/control-state';
import type { AppState, Intent } from '../core/ipc-contract';
import { verdictFor, type Verdict } from '../core/verdict';

export type MenuAction = { intent: Intent } | { command: 'show-window' | 'open-settings' | 'add-call-data' | 'confirm-do-not-record' | 'toggle-start-at-login' | 'quit' };

export type MenuItemModel =
  | { type: 'separator' }
  | {
      type: 'normal' | 'checkbox';
      id: string;
      label: string;
      enabled: boolean;
      checked?: boolean;
      /** The global hotkey, in Electron's accelerator syntax: the OS draws it in its own way at the item's right edge. */
      accelerator?: string;
      action: MenuAction;
    };

export interface MenuContext {
  now: number;
  /** The one verdict (core/verdict.ts), when the caller has it already: the state line and the pause item's words come from it. */
  verdict?: Verdict;
  startAtLogin: boolean;
  /** Hotkeys by action id, e.g. toggleVoice: 'CommandOrControl+Alt+R'. */
  hotkeys: Record<string, string | null>;
}

function toggleItem(state: AppState, name: Exclude<ControlName, 'doNotRecord'>, hotkey: string | null | undefined, verdict: Verdict): MenuItemModel {
  const c = state.controls[name];
  const label = CONTROL_LABELS[name];
  const stopping = toggleTarget(c) === 'off';
  const failed = c.kind === 'failed' ? ' — LAST ATTEMPT FAILED' : '';
  const reason = state.availability[name] ? ` (${state.availability[name]})` : '';
  const words = name === 'blackout' ? verdict.tray.pauseItem : stopping ? label.stop : label.start;
  return {
    type: 'normal',
    id: name,
    label: `${words}${failed}${reason}`,
    enabled: state.availability[name] === null,
    ...(hotkey ? { accelerator: hotkey } : {}),
    action: { intent: { type: name, action: stopping ? 'stop' : 'start' } },
  };
}

export function buildTrayMenu(state: AppState, ctx: MenuContext): MenuItemModel[] {
  const items: MenuItemModel[] = [];
  const verdict = ctx.verdict ?? verdictFor(state, ctx.now);
  const u = state.capabilities.unsupported;
  // The state first, in the verdict's words, so a right-click answers "can I take card details?" before offering anything.
  items.push({ type: 'normal', id: 'state', label: verdict.tray.stateLine, enabled: false, action: { command: 'show-window' } });
  if (state.demo) items.push({ type: 'normal', id: 'demo', label: 'DEMO MODE — nothing is recorded', enabled: false, action: { command: 'show-window' } });
  items.push(toggleItem(state, 'voice', ctx.hotkeys.toggleVoice, verdict));
  if (!u.screen) items.push(toggleItem(state, 'screen', ctx.hotkeys.toggleScreen, verdict));
  if (!u.blackout) items.push(toggleItem(state, 'blackout', ctx.hotkeys.toggleBlackout, verdict));
  if (!u.duplicate) items.push(toggleItem(state, 'duplicate', null, verdict));
  if (state.backend === 'onprem' && !u.voice) {
    const noCall = state.capabilities.canReportStatus && !state.agent?.activeCall;
    items.push({ type: 'normal', id: 'call-data', label: noCall ? 'Add call data… (no active call)' : 'Add call data…', enabled: !noCall, action: { command: 'add-call-data' } });
  }
  if (!u.doNotRecord) {
    const c = state.controls.doNotRecord;
    items.push({
      type: 'normal',
      id: 'do-not-record',
      label: c.kind === 'on' ? 'Customer declined recording (final for this call)' : `${CONTROL_LABELS.doNotRecord.start}${state.availability.doNotRecord ? ` (${state.availability.doNotRecord})` : ''}`,
      enabled: state.availability.doNotRecord === null && c.kind !== 'on',
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
