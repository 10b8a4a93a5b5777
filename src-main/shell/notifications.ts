/**
 * Native notifications, per the settings: a pause start that failed once (the customer may be
 * reading a card number into a live recording), a command that failed (the agent may be
 * looking at another app), and the reminders before a pause ends by itself.
 */
import { CONTROL_LABELS, CONTROL_NAMES, describeControl } from '../core/control-state';
import type { AppState } from '../core/ipc-contract';
import { DisposableStore, type Disposable } from '../core/lifecycle';
import type { ElectronApi } from './electron-api';
import type { RuntimeFacade } from './runtime-facade';

/** The notifications a state change calls for, given the one before it. */
function failuresBetween(previous: AppState, state: AppState): Array<[title: string, body: string]> {
  const out: Array<[string, string]> = [];
  const pause = state.controls.blackout;
  const before = previous.controls.blackout;
  if (pause.kind === 'pending' && pause.target === 'on' && pause.lastError && !(before.kind === 'pending' && before.lastError)) {
    out.push(['RecordKey: NOT PAUSED — retrying', `${pause.lastError.message}. The recording goes on until the pause is confirmed.`]);
  }
  for (const name of CONTROL_NAMES) {
    const now = state.controls[name];
    if (now.kind === 'failed' && previous.controls[name].kind !== 'failed') out.push([`RecordKey: ${CONTROL_LABELS[name].title} failed`, `${describeControl(name, now)}.`]);
  }
  return out;
}

export function enableNotifications(notify: ElectronApi['notify'], runtime: RuntimeFacade): Disposable {
  const subscriptions = new DisposableStore();
  let previous: AppState = runtime.getState();
  subscriptions.add(
    runtime.subscribe((state) => {
      if (runtime.currentSettings.notifications.failures) for (const [title, body] of failuresBetween(previous, state)) notify(title, body);
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
