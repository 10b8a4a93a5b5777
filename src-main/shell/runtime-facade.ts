/** What the shell needs of the runtime: the tests hand it the real RecordKeyRuntime too. */
import type { RecordKeyRuntime } from '../runtime/recordkey-runtime';

export type RuntimeFacade = Pick<
  RecordKeyRuntime,
  'getState' | 'subscribe' | 'send' | 'history' | 'verifyAudit' | 'findAgents' | 'testConnection' | 'settingsView' | 'updateSettings' | 'setNotice' | 'setHotkeyStatus' | 'onReminder' | 'onSettingsChanged' | 'suspend' | 'resume' | 'currentSettings'
>;
