/**
 * A launch's command line, for the first instance and for a second launch that forwards its
 * arguments to the running app: `--hidden` (start in the tray), and one intent so other tools
 * can drive RecordKey, e.g. `recordkey --blackout start` or `recordkey --record stop`.
 */
import { z } from 'zod';
import type { Intent } from '../core/ipc-contract';

export interface LaunchRequest {
  hidden: boolean;
  intent: Intent | null;
  /** Why an intent-like argument was not understood. */
  problem: string | null;
}

const ACTION = z.enum(['start', 'stop', 'toggle']);
const FLAGS: Record<string, 'voice' | 'screen' | 'blackout' | 'duplicate'> = { '--record': 'voice', '--screen': 'screen', '--blackout': 'blackout', '--duplicate': 'duplicate' };

export function parseLaunchArgs(argv: string[]): LaunchRequest {
  const request: LaunchRequest = { hidden: argv.includes('--hidden'), intent: null, problem: null };
  for (let i = 0; i < argv.length; i++) {
    const type = FLAGS[argv[i]];
    if (type) {
      const action = ACTION.safeParse(argv[i + 1]);
      if (!action.success) return { ...request, problem: `${argv[i]} needs start, stop or toggle` };
      request.intent = { type, action: action.data };
      i += 1;
    } else if (argv[i] === '--show') {
      request.hidden = false;
    }
  }
  return request;
}
