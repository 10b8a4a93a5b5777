/**
 * The Recording API across an ordered list of servers (a site's cluster): one **current**
 * server takes the polls and the commands. After `afterFailures` consecutive failures of the
 * current one (no answer, a timeout, a 5xx, something that is not its answer) RecordKey moves
 * to the next; a 4xx is the server's answer and never a reason to move. While away from the
 * first server it asks the first now and then, and returns to it only once it has answered
 * well for `returnAfterMs`. Every move is announced (`onSwitch`) for the audit log and the
 * window. Each server is its own RecordingApiClient, so nothing of one server's answers is
 * taken for another's.
 *
 * A pause belongs to the agent on every server that took its start. When it is resumed on the
 * server in use, each other server that may still hold it (sync late or broken, or down at the
 * time) gets the resume too, as soon as it answers again (`onRemoteResume` says each).
 */
import type { AgentSnapshot } from '../../core/agent-snapshot';
import { Emitter, type Event } from '../../core/emitter';
import { DEFAULT_FAILOVER_POLICY, type FailoverPolicy } from '../../core/failover-policy';
import type { BackendCommand, BackendCommandType, RecordingBackend, RemoteResume, ServerSwitch } from '../../core/recording-backend';
import { isRefusal, type BackendError, type CommandOutcome, type Result } from '../../core/result';
import { RecordingApiClient, type AgentList, type OnPremConfig } from './recording-api-client';

/** A failure that says the server is not there for RecordKey, as opposed to its answer. */
function isServerFailure(error: BackendError): boolean {
  switch (error.kind) {
    case 'unreachable':
    case 'timeout':
    case 'not-http':
    case 'bad-response':
    case 'server-error':
      return true;
    default:
      return false;
  }
}

export class FailoverRecordingApi implements RecordingBackend {
  readonly kind = 'onprem' as const;
  readonly canReportStatus = true;
  private readonly clients: RecordingApiClient[];
  private current = 0;
  private failures = 0;
  private lastProbeAt = Number.NEGATIVE_INFINITY;
  private primaryHealthySince: number | null = null;
  private probing = false;
  private readonly switches = new Emitter<[ServerSwitch]>();
  readonly onSwitch: Event<[ServerSwitch]> = this.switches.event;
  /** Servers that took a pause start (or may have: its answer was lost) and have not been told to resume. */
  private readonly mayHoldPause = new Set<number>();
  /** Servers owed a resume: the pause ended on the server in use while they may still hold it. */
  private readonly owedResume = new Set<number>();
  private delivering = false;
  private lastDeliveryAt = Number.NEGATIVE_INFINITY;
  private readonly remoteResumes = new Emitter<[RemoteResume]>();
  readonly onRemoteResume: Event<[RemoteResume]> = this.remoteResumes.event;

  constructor(
    configs: OnPremConfig[],
    private readonly policy: FailoverPolicy = DEFAULT_FAILOVER_POLICY,
    private readonly now: () => number = Date.now,
  ) {
    this.clients = configs.map((c) => new RecordingApiClient(c));
  }

  get serverLabel(): string {
    return this.clients[this.current].serverLabel;
  }

  /** Every server, in order (the first is where RecordKey returns to). */
  get servers(): string[] {
    return this.clients.map((c) => c.serverLabel);
  }

  async getAgent(): Promise<Result<AgentSnapshot>> {
    this.probePrimary((client) => client.getAgent());
    this.deliverOwedResumes();
    const index = this.current;
    return this.account(index, await this.clients[index].getAgent());
  }

  /** The site relay's read: every agent, from the current server, with the same failover rules. */
  async getAgentList(): Promise<Result<AgentList>> {
    this.probePrimary((client) => client.getAgentList());
    const index = this.current;
    return this.account(index, await this.clients[index].getAgentList());
  }

  async execute(command: BackendCommand): Promise<Result<CommandOutcome>> {
    const index = this.current;
    const answer = this.account(index, await this.clients[index].execute(command));
    this.trackPause(index, command, answer);
    return answer;
  }

  async executeAndRead(command: BackendCommand): Promise<{ answer: Result<CommandOutcome>; read: Result<AgentSnapshot> | null }> {
    const index = this.current;
    const both = await this.clients[index].executeAndRead(command);
    this.account(index, both.answer);
    this.trackPause(index, command, both.answer);
    return both;
  }

  /** Which servers may hold the agent's pause: a start that was not refused; an immediate stop that took. */
  private trackPause(index: number, command: BackendCommand, answer: Result<CommandOutcome>): void {
    if (command.type === 'blackout-start' && (answer.ok || !isRefusal(answer.error))) {
      this.mayHoldPause.add(index);
      // A new pause is on: a resume still owed for the last one would end it where it synced to. They are owed again when it ends.
      this.owedResume.clear();
    }
    const immediateStop = command.type === 'blackout-stop' && command.stopTime === undefined && command.timeOffset === undefined;
    if (!immediateStop || !(answer.ok || answer.error.kind === 'not-found')) return;
    this.mayHoldPause.delete(index);
    this.owedResume.delete(index);
    for (const other of this.mayHoldPause) this.owedResume.add(other);
  }

  /** Sends the resume each other server is owed, as they answer again (at most one round per probe period). */
  private deliverOwedResumes(): void {
    if (this.delivering || this.owedResume.size === 0) return;
    const now = this.now();
    if (now - this.lastDeliveryAt < this.policy.probeEveryMs) return;
    this.lastDeliveryAt = now;
    this.delivering = true;
    const owed = [...this.owedResume];
    void Promise.all(
      owed.map(async (index) => {
        const answer = await this.clients[index].execute({ type: 'blackout-stop' });
        // A 404 is the server saying it holds no pause for the agent: nothing is owed either.
        if (!answer.ok && answer.error.kind !== 'not-found') return;
        this.owedResume.delete(index);
        this.mayHoldPause.delete(index);
        this.remoteResumes.fire({ server: this.clients[index].serverLabel, answer: answer.ok ? 'resumed' : 'no pause there', at: this.now() });
      }),
    ).finally(() => {
      this.delivering = false;
    });
  }

  stopPipelining(): void {
    this.clients[this.current].stopPipelining();
  }

  unsupported(type: BackendCommandType): string | null {
    return this.clients[0].unsupported(type);
  }

  close(): void {
    this.switches.dispose();
    this.remoteResumes.dispose();
    for (const client of this.clients) client.close();
  }

  /** Counts the current server's failures; an answer from a server RecordKey has left since changes nothing. */
  private account<T>(index: number, result: Result<T>): Result<T> {
    if (index !== this.current) return result;
    if (result.ok || !isServerFailure(result.error)) {
      this.failures = 0;
      return result;
    }
    this.failures += 1;
    if (this.failures >= this.policy.afterFailures && this.clients.length > 1) {
      const next = (this.current + 1) % this.clients.length;
      this.switchTo(next, `${this.clients[index].serverLabel} failed ${this.failures} times in a row (${result.error.message})`);
    }
    return result;
  }

  /** While away from the first server: asks it now and then, and returns once it has answered well for long enough. */
  private probePrimary(read: (client: RecordingApiClient) => Promise<Result<unknown>>): void {
    if (this.current === 0 || this.probing) return;
    const now = this.now();
    if (now - this.lastProbeAt < this.policy.probeEveryMs) return;
    this.lastProbeAt = now;
    this.probing = true;
    void read(this.clients[0])
      .then((answer) => {
        const at = this.now();
        const healthy = answer.ok || !isServerFailure(answer.error);
        if (!healthy) {
          this.primaryHealthySince = null;
          return;
        }
        this.primaryHealthySince ??= at;
        if (this.current !== 0 && at - this.primaryHealthySince >= this.policy.returnAfterMs) {
          this.switchTo(0, `${this.clients[0].serverLabel} has answered well for ${Math.round(this.policy.returnAfterMs / 1000)} s`);
        }
      })
      .finally(() => {
        this.probing = false;
      });
  }

  private switchTo(index: number, reason: string): void {
    const from = this.clients[this.current].serverLabel;
    this.current = index;
    this.failures = 0;
    this.primaryHealthySince = null;
    this.lastProbeAt = this.now();
    this.switches.fire({ from, to: this.clients[index].serverLabel, reason, at: this.now(), toFirst: index === 0 });
  }
}
