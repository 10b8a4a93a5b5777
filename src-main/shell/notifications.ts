/**
 * Native notifications, per the settings: a command that failed (the agent may be looking
 * at another app) and the reminders before a pause ends by itself.
 */
import { CONTROL_LABELS, CONTROL_NAMES, describeControl } from '../core/control-state';
import type { AppState } from '../core/ipc-contract';
import { DisposableStore, type Disposable } from '../core/lifecycle';
import type { ElectronApi } from './electron-api';
import type { RuntimeFacade } from './runtime-facade';


export function enableNotifications(notify: ElectronApi['notify'], runtime: RuntimeFacade): Disposable {
  const subscriptions = new DisposableStore();
  let previous: AppState = runtime.getState();
  subscriptions.add(
    runtime.subscribe((state) => {
    if (runtime.currentSettings.notifications.failures) {
      for (const name of CONTROL_NAMES) {
        const now = state.controls[name];
        if (now.kind === 'failed' && previous.controls[name].kind !== 'failed') {
          notify(`RecordKey: ${CONTROL_LABELS[name].title} failed`, `${describeControl(name, now)}.`);
        }
      }
    }
    previous = state;
  }),
  );
  subscriptions.add(
    runtime.onReminder((seconds) => {
      if (runtime.currentSettings.notifications.blackoutReminders) {
        notify(`RecordKey: pause ends in ${seconds} s`, 'Recording resumes automatically. Resume now if the customer has finished.');
      }
    }),
  );
  return subscriptions;
}
