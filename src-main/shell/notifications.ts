/**
 * Native notifications, per the settings: a command that failed (the agent may be looking
 * at another app) and the reminders before a pause ends by itself.
 */
import { CONTROL_NAMES, type AppState } from '../core/ipc-contract';
import type { ElectronApi } from './electron-api';
import type { RuntimeFacade } from './runtime-facade';

const NAMES = { voice: 'Voice recording', screen: 'Screen recording', blackout: 'Pause', duplicate: 'Duplicate recording', doNotRecord: 'Do-not-record' } as const;

export function enableNotifications(notify: ElectronApi['notify'], runtime: RuntimeFacade): () => void {
  let previous: AppState = runtime.getState();
  const offState = runtime.subscribe((state) => {
    if (runtime.currentSettings.notifications.failures) {
      for (const name of CONTROL_NAMES) {
        const now = state.controls[name];
        if (now.status === 'failed' && previous.controls[name].status !== 'failed') {
          notify(`RecordKey: ${NAMES[name]} failed`, `${now.error ?? 'unknown error'} — the server shows it ${now.confirmed}.`);
        }
      }
    }
    previous = state;
  });
  const offReminder = runtime.onReminder((seconds) => {
    if (runtime.currentSettings.notifications.blackoutReminders) {
      notify(`RecordKey: pause ends in ${seconds} s`, 'Recording resumes automatically. Resume now if the customer has finished.');
    }
  });
  return () => {
    offState();
    offReminder();
  };
}
