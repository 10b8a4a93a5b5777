/**
 * Registers the global hotkeys and says plainly which did not register (taken by another
 * app, invalid, or bound twice), in the window and the tray tooltip; never swallows it.
 * Rebinding applies at once; presses within the debounce window count once.
 */
import { AcceleratorSchema, findConflicts, HOTKEY_ACTIONS, HOTKEY_LABELS, PressDebouncer, type HotkeyAction } from '../settings/hotkey-table';
import type { Disposable } from '../core/lifecycle';
import type { ElectronApi } from './electron-api';

export type HotkeyStatus = Record<HotkeyAction, string>;

export class HotkeyRegistrar implements Disposable {
  private registered: string[] = [];
  private readonly debouncer: PressDebouncer;

  constructor(
    private readonly shortcuts: ElectronApi['globalShortcut'],
    private readonly onPress: (action: HotkeyAction) => void,
    private readonly report: (status: HotkeyStatus, problems: string[]) => void,
    private readonly options: {
      debounceMs: number;
      now: () => number;
      /** What a successful register() is reported as ("registered", or a Wayland caveat: see hotkeyRegisteredWord). */
      registeredWord?: string;
    },
  ) {
    this.debouncer = new PressDebouncer(options.debounceMs, options.now);
  }

  apply(table: Record<HotkeyAction, string | null>): HotkeyStatus {
    for (const accelerator of this.registered) this.shortcuts.unregister(accelerator);
    this.registered = [];
    const status = {} as HotkeyStatus;
    const problems: string[] = [];
    const conflicts = findConflicts(table);
    for (const action of HOTKEY_ACTIONS) {
      const accelerator = table[action];
      if (!accelerator) {
        status[action] = 'none';
        continue;
      }
      const valid = AcceleratorSchema.safeParse(accelerator);
      const clash = conflicts.find((c) => c.actions.includes(action) && c.actions[0] !== action);
      if (!valid.success) status[action] = `invalid: ${valid.error.issues[0].message}`;
      else if (clash) status[action] = `not registered: ${accelerator} is also ${HOTKEY_LABELS[clash.actions[0]]}`;
      else {
        let ok = false;
        try {
          ok = this.shortcuts.register(accelerator, () => {
            if (this.debouncer.accept(action)) this.onPress(action);
          });
        } catch (error) {
          status[action] = `invalid: ${(error as Error).message}`;
          problems.push(`${HOTKEY_LABELS[action]} (${accelerator}): ${status[action]}`);
          continue;
        }
        if (ok) {
          this.registered.push(accelerator);
          status[action] = this.options.registeredWord ?? 'registered';
          continue;
        }
        status[action] = `${accelerator} is taken by another application`;
      }
      problems.push(`${HOTKEY_LABELS[action]}: ${status[action]}`);
    }
    this.report(status, problems);
    return status;
  }

  dispose(): void {
    for (const accelerator of this.registered) this.shortcuts.unregister(accelerator);
    this.registered = [];
  }
}
