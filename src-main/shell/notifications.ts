/**
 * Native notifications, per the settings: the pause not taking effect (the customer may be
 * reading a card number into a live recording), a command that failed (the agent may be
 * looking at another app), and the reminders before a pause ends by itself. Their words are
 * the verdict's (core/verdict.ts), so a notification never says what the window does not.
 */
import { CONTROL_LABELS, CONTROL_NAMES } from '../core/control-state';
import type { AppState } from '../core/ipc-contract';
import { DisposableStore, type Disposable } from '../core/lifecycle';
import { verdictFor, type Verdict } from '../core/verdict';
import type { ElectronApi } from './electron-api';
import type { RuntimeFacade } from './runtime-facade';

/** The notifications a state change calls for, given the one before it (and its verdict, computed when it came). */
export function notificationsBetween(previous: AppState, before: Verdict, state: AppState, verdict: Verdict): Array<[title: string, body: string]> {
  const out: Array<[string, string]> = [];
  // The pause: said once each time it reaches a stage the agent must hear of, in the banner's words.
  if (verdict.alarm && verdict.pauseStage !== before.pauseStage) out.push([`RecordKey: ${verdict.headline}`, `${verdict.instruction}. ${verdict.evidence}.`]);
  for (const name of CONTROL_NAMES) {
    if (name === 'blackout' && verdict.alarm) continue;
    const c = state.controls[name];
    if (c.kind === 'failed' && previous.controls[name].kind !== 'failed') {
      const card = verdict.cards[name];
      out.push([`RecordKey: ${CONTROL_LABELS[name].title} — ${card.words}`, `${card.evidence ?? ''}.`]);
    }
  }
  return out;
}

export function enableNotifications(notify: ElectronApi['notify'], runtime: RuntimeFacade, now: () => number = Date.now): Disposable {
  const subscriptions = new DisposableStore();
  let previous: AppState = runtime.getState();
  let before = verdictFor(previous, now());
  subscriptions.add(
    runtime.subscribe((state) => {
      const verdict = verdictFor(state, now());
      if (runtime.currentSettings.notifications.failures) for (const [title, body] of notificationsBetween(previous, before, state, verdict)) notify(title, body);
      previous = state;
      before = verdict;
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
