/**
 * A launch's command line, for the first instance and for a second launch that forwards its
 * request to the running app: `--hidden` (start in the tray), and one intent so other tools
 * can drive RecordKey, e.g. `recordkey --blackout start` or `recordkey --record stop`.
 *
 * A second launch parses its own (exact) argv and sends the result as the single-instance
 * lock's additionalData: the argv Electron hands the first instance may be reordered and gain
 * Chromium switches, so it is only a fallback for a sender that sent no request.
 */
import { z } from 'zod';
import { IntentSchema, type Intent } from '../core/ipc-contract';

export const LaunchRequestSchema = z.object({
  hidden: z.boolean(),
  intent: IntentSchema.nullable(),
  /** Why an intent-like argument was not understood. */
  problem: z.string().nullable(),
});
export type LaunchRequest = z.infer<typeof LaunchRequestSchema>;

/** What a second instance sends to the first, under this key of additionalData. */
export const LAUNCH_DATA_KEY = 'recordkeyLaunch';

const ACTION = z.enum(['start', 'stop', 'toggle']);
const FLAGS: Record<string, 'voice' | 'screen' | 'blackout' | 'duplicate'> = { '--record': 'voice', '--screen': 'screen', '--blackout': 'blackout', '--duplicate': 'duplicate' };

export function parseLaunchArgs(argv: string[]): LaunchRequest {
  const request: LaunchRequest = { hidden: argv.includes('--hidden'), intent: null, problem: null };
  for (let i = 0; i < argv.length; i++) {
    const type = FLAGS[argv[i]];
    if (type) {
      const action = ACTION.safeParse(argv[i + 1]);
      if (!action.success) return { ...request, problem: `${argv[i]} needs start, stop or toggle` };
      request.intent = { type, action: action.data } as Intent;
      i += 1;
    } else if (argv[i] === '--show') {
      request.hidden = false;
    }
  }
  return request;
}

/** The request a second instance made: its additionalData if it sent one, else its (possibly reordered) argv. */
export function secondInstanceRequest(argv: string[], additionalData: unknown): LaunchRequest {
  const sent = z.object({ [LAUNCH_DATA_KEY]: LaunchRequestSchema }).safeParse(additionalData);
  if (sent.success) return sent.data[LAUNCH_DATA_KEY];
  if (additionalData && typeof additionalData === 'object' && LAUNCH_DATA_KEY in additionalData) {
    return { hidden: false, intent: null, problem: 'a second launch sent a request RecordKey does not understand (another version?)' };
  }
  return parseLaunchArgs(argv);
}

/**
 * Whether this start goes to the tray without opening the window: `--hidden` (Windows login
 * item and the Linux autostart entry pass it), or a macOS login item (macOS ignores login-item
 * arguments, but tells the app it was opened at login).
 */
export function startsHidden(launch: LaunchRequest, platform: NodeJS.Platform, openedAtLogin: boolean): boolean {
  return launch.hidden || (platform === 'darwin' && openedAtLogin);
}
