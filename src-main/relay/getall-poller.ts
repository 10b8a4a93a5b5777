/**
 * The relay's one read of the Recording API: GET /api/Agent/GetAll once a period, across the
 * server list with the desktop's failover rules (FailoverRecordingApi). Reads never overlap:
 * a GetAll slower than the period delays the next one instead of piling up on a struggling
 * server. Each answer is handed on with when it was asked and which server answered.
 */
import type { AgentSnapshot } from '../core/agent-snapshot';
import type { FailoverRecordingApi } from '../backends/onprem/failover-recording-api';
import type { RelayLog } from './relay-log';
import type { RelayMetrics } from './relay-metrics';

export interface GetAllResult {
  agents: AgentSnapshot[];
  /** When the GetAll was asked (ms since the epoch): the snapshot is at least this fresh. */
  polledAt: number;
  server: string;
  version: number;
}

export class GetAllPoller {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private version = 0;
  private failing = false;

  constructor(
    private readonly api: Pick<FailoverRecordingApi, 'getAgentList' | 'serverLabel'>,
    private readonly everyMs: number,
    private readonly onResult: (result: GetAllResult) => void,
    private readonly metrics: RelayMetrics,
    private readonly log: RelayLog,
  ) {}

  get active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.metrics.polling.set(1);
    this.log('info', 'polling', { everyMs: this.everyMs, server: this.api.serverLabel });
    void this.tick();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.metrics.polling.set(0);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.log('info', 'polling stopped');
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    const polledAt = Date.now();
    const answer = await this.api.getAgentList();
    const took = Date.now() - polledAt;
    this.metrics.getAllSeconds.observe(took / 1000);
    if (answer.ok) {
      if (this.failing) this.log('info', 'getall answering again', { server: answer.value.server });
      this.failing = false;
      this.metrics.getAllBytes.set(answer.value.bytes);
      this.metrics.agents.set(answer.value.agents.length);
      this.version += 1;
      if (this.running) this.onResult({ agents: answer.value.agents, polledAt, server: answer.value.server, version: this.version });
    } else {
      this.metrics.getAllFailures.inc();
      // Said once when it starts failing, not once a second.
      if (!this.failing) this.log('warn', 'getall failed', { server: this.api.serverLabel, kind: answer.error.kind, message: answer.error.message });
      this.failing = true;
    }
    if (this.running) this.timer = setTimeout(() => void this.tick(), Math.max(0, this.everyMs - took));
  }
}
