/**
 * A scenario's measured outcome (which server answered, how long a pause really lasted), kept
 * in the JSON test report: test-results/vitest.json, each test's `meta.outcome`. Closing notes
 * and admins read the numbers from a real run there instead of from a claim.
 */
import type { RunnerTestCase } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    outcome?: string;
  }
}

export function recordOutcome(task: Pick<RunnerTestCase, 'meta'>, outcome: string): void {
  task.meta.outcome = outcome;
}
