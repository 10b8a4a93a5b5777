/**
 * Global hotkeys: the actions, their intents, accelerator validation and conflict finding.
 * Pure; the shell registers what this approves and reports what the OS refused.
 */
import { z } from 'zod';
import type { Intent } from '../core/ipc-contract';

export const HOTKEY_ACTIONS = ['toggleVoice', 'toggleScreen', 'toggleBlackout', 'openWindow'] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];

export const HOTKEY_LABELS: Record<HotkeyAction, string> = {
  toggleVoice: 'Voice recording',
  toggleScreen: 'Screen recording',
  toggleBlackout: 'Pause for sensitive data',
  openWindow: 'Open the status window',
};

/** What each hotkey does: an intent for the core, or opening the window. */
export const HOTKEY_INTENTS: Record<HotkeyAction, Intent | 'open-window'> = {
  toggleVoice: { type: 'voice', action: 'toggle' },
  toggleScreen: { type: 'screen', action: 'toggle' },
  toggleBlackout: { type: 'blackout', action: 'toggle' },
  openWindow: 'open-window',
};

const MODIFIERS = ['Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'];
const NAMED_KEYS = [
  'Plus', 'Space', 'Tab', 'Backspace', 'Delete', 'Insert', 'Return', 'Enter', 'Up', 'Down', 'Left', 'Right',
  'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Esc', 'PrintScreen', 'num0', 'num1', 'num2', 'num3', 'num4',
  'num5', 'num6', 'num7', 'num8', 'num9', 'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
  'MediaPlayPause', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop',
];

function isKey(token: string): boolean {
  return /^[A-Za-z0-9]$/.test(token) || /^F([1-9]|1[0-9]|2[0-4])$/.test(token) || /^[)!@#$%^&*(:;:+=<,_\->.?/~`{\]|\\}["']$/.test(token) || NAMED_KEYS.includes(token);
}

/**
 * An Electron accelerator with at least one modifier (a bare letter would steal the agent's
 * typing in every other app), except the F13–F24 keys, which no one types with.
 */
export const AcceleratorSchema = z
  .string()
  .trim()
  .min(1)
  .superRefine((value, ctx) => {
    const parts = value.split('+');
    // "Ctrl+Plus" is how a plus key is written; a trailing empty part means a stray '+'.
    if (parts.some((p) => p === '')) return void ctx.addIssue({ code: 'custom', message: `"${value}" has an empty part: write the + key as Plus` });
    const key = parts.at(-1)!;
    const mods = parts.slice(0, -1);
    const unknownMod = mods.find((m) => !MODIFIERS.some((known) => known.toLowerCase() === m.toLowerCase()));
    if (unknownMod) return void ctx.addIssue({ code: 'custom', message: `"${unknownMod}" is not a modifier (use ${MODIFIERS.slice(0, 6).join(', ')}, Alt, Shift, Super)` });
    if (!isKey(key)) return void ctx.addIssue({ code: 'custom', message: `"${key}" is not a key Electron knows` });
    if (new Set(mods.map(canonicalModifier)).size !== mods.length) return void ctx.addIssue({ code: 'custom', message: `"${value}" repeats a modifier` });
    if (mods.length === 0 && !/^F(1[3-9]|2[0-4])$/.test(key)) {
      ctx.addIssue({ code: 'custom', message: `"${value}" needs a modifier such as CommandOrControl+Alt, or it would take the key from every other app` });
    }
  });

/** Modifiers match case-insensitively, as Electron reads them; aliases map to one name. */
function canonicalModifier(m: string): string {
  const known = MODIFIERS.find((k) => k.toLowerCase() === m.toLowerCase()) ?? m;
  const map: Record<string, string> = { Cmd: 'Command', Ctrl: 'Control', CmdOrCtrl: 'CommandOrControl', Option: 'Alt', Meta: 'Super' };
  return map[known] ?? known;
}

/** The same key combination however it is spelled: "CmdOrCtrl+alt+r" equals "Alt+CommandOrControl+R". */
export function normalizeAccelerator(accelerator: string): string {
  const parts = accelerator.split('+');
  const key = parts.at(-1)!;
  const mods = parts.slice(0, -1).map(canonicalModifier).sort();
  return [...mods, key.length === 1 ? key.toUpperCase() : key].join('+');
}

export interface HotkeyConflict {
  accelerator: string;
  actions: HotkeyAction[];
}

/** Pairs of actions bound to the same combination: only one of them could ever fire. */
export function findConflicts(table: Record<HotkeyAction, string | null>): HotkeyConflict[] {
  const byKey = new Map<string, HotkeyAction[]>();
  for (const action of HOTKEY_ACTIONS) {
    const accelerator = table[action];
    if (!accelerator) continue;
    const key = normalizeAccelerator(accelerator);
    byKey.set(key, [...(byKey.get(key) ?? []), action]);
  }
  return [...byKey.entries()].filter(([, actions]) => actions.length > 1).map(([accelerator, actions]) => ({ accelerator, actions }));
}

/**
 * Counts presses within the debounce window once: a key held down or bounced must not start
 * and stop a recording in one go. The clock is injected.
 */
export class PressDebouncer {
  private last = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  accept(action: string): boolean {
    const t = this.now();
    const previous = this.last.get(action);
    if (previous !== undefined && t - previous < this.windowMs) return false;
    this.last.set(action, t);
    return true;
  }
}
