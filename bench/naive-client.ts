/**
 * The naive client the benchmarks compare against: polls GET /api/Agent every second,
 * whatever is happening, and learns a command's result only from its next poll.
 */
import { RecordingApiClient } from '../src-main/backends/onprem/recording-api-client';
import type { AgentSnapshot } from '../src-main/core/agent-snapshot';

export class NaivePoller {
  readonly client: RecordingApiClient;
  private timer: NodeJS.Timeout | null = null;
  private waiters: Array<{ check: (s: AgentSnapshot) => boolean; resolve: () => void }> = [];
  polls = 0;

  constructor(baseUrl: string, agentId: number, phaseMs: number) {
    this.client = new RecordingApiClient({ baseUrl, agent: { kind: 'Id', value: String(agentId) }, auth: { type: 'none' }, timeoutMs: 5000 });
    setTimeout(() => {
      void this.poll();
      this.timer = setInterval(() => void this.poll(), 1000);
    }, phaseMs);
  }

  /** Resolves at the first poll, started after now, whose answer satisfies `check`. */
  nextPollShowing(check: (s: AgentSnapshot) => boolean): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.client.close();
  }

  private async poll(): Promise<void> {
    this.polls += 1;
    const waiting = this.waiters;
    const result = await this.client.getAgent();
    if (!result.ok) return;
    for (const w of waiting) {
      if (w.check(result.value)) {
        w.resolve();
        this.waiters = this.waiters.filter((x) => x !== w);
      }
    }
  }
}
