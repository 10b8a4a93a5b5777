/**
 * The tracker "persists across service restarts" (recording-api.txt): with --state-file the
 * simulator saves the world after each change and loads it at start. Writes go to a temp
 * file and are renamed into place, so a crash mid-write leaves the previous state intact.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { SimWorld } from './world';

const StateFileSchema = z.object({
  version: z.literal(1),
  callSequence: z.number().int().min(0),
  // The agents are the simulator's own records, written by saveState below.
  agents: z.array(z.looseObject({ agentId: z.number().int() })),
});

export function loadState(world: SimWorld, path: string): { loaded: boolean; warning?: string } {
  if (!existsSync(path)) return { loaded: false };
  try {
    const data = StateFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    world.restore({ agents: data.agents as never, callSequence: data.callSequence });
    return { loaded: true };
  } catch (error) {
    return { loaded: false, warning: `ignoring unreadable state file ${path}: ${(error as Error).message}` };
  }
}

export function saveState(world: SimWorld, path: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: 1, ...world.snapshot() }));
  renameSync(tmp, path);
}
