/**
 * What one run leaves for the next, beside the settings: a pause that may still be on (so a
 * restart continues its countdown instead of granting a fresh one, and resumes it if its time
 * is up) and, per server, whether its status is known to show pauses. One small JSON file in
 * userData, replaced atomically; a file that cannot be read is reported and treated as empty.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { PauseRecordSchema } from '../core/ipc-contract';

export const RuntimeMemorySchema = z.object({
  version: z.literal(1),
  pause: PauseRecordSchema.pick({ startedAt: true, deadline: true, callInstance: true }).extend({ server: z.string() }).nullable(),
  /** Servers (backend:url) whose status has shown a pause. */
  serversShowingPauses: z.array(z.string()).max(100),
});
export type RuntimeMemoryData = z.infer<typeof RuntimeMemorySchema>;

export const EMPTY_MEMORY: RuntimeMemoryData = { version: 1, pause: null, serversShowingPauses: [] };

export interface RuntimeMemory {
  /** The remembered data, and a problem in words if the file could not be used. */
  read(): { data: RuntimeMemoryData; problem: string | null };
  write(data: RuntimeMemoryData): void;
}

export function memoryInFile(file: string): RuntimeMemory {
  return {
    read() {
      if (!existsSync(file)) return { data: EMPTY_MEMORY, problem: null };
      try {
        const parsed = RuntimeMemorySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        if (parsed.success) return { data: parsed.data, problem: null };
        return { data: EMPTY_MEMORY, problem: `${file} is not what RecordKey wrote (${parsed.error.issues[0].message})` };
      } catch (error) {
        return { data: EMPTY_MEMORY, problem: `${file} could not be read (${(error as Error).message})` };
      }
    },
    write(data) {
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.tmp`;
      // Flushed to the disk before it replaces the old file: the pause record must outlive a power cut
      // as well as a crash, since it is written before the pause start leaves (recordkey-runtime.ts).
      const fd = openSync(temporary, 'w');
      try {
        writeFileSync(fd, JSON.stringify(data));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, file);
    },
  };
}

export function memoryInProcess(initial: RuntimeMemoryData = EMPTY_MEMORY): RuntimeMemory & { data: RuntimeMemoryData } {
  const memory = {
    data: initial,
    read: () => ({ data: memory.data, problem: null }),
    write: (data: RuntimeMemoryData) => {
      memory.data = data;
    },
  };
  return memory;
}
