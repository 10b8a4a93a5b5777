/**
 * Polls the agent's status on the adaptive schedule, at once after every command (so a
 * confirmation never waits for the next tick), not at all while the machine sleeps, and at
 * once on wake. Polls never overlap: a poll asked for while one is in flight runs right after it.
 *
 * A status read that only repeats what is shown changes nothing: when the backend hands back
 * the very snapshot it parsed last time (the body was byte-identical, repeated-body-cache.ts)
 * and nothing else changed the state since that snapshot was applied, the poll is not reduced
 * at all (reducing it again could only move timestamps; the reducer's property tests hold
 * that). Its time still counts as the last good read, for when the server stops answering.
 *
 * With a status feed (the site relay, status-feed.ts) that is usable, the scheduled reads are
 * skipped and the feed's snapshots are applied instead, stamped with when the relay read them.
 * The poller checks the feed each second; the moment it is not usable (down, data over 3 s old,
 * another server) it reads directly again at the usual rates. Reads after commands
 * (`pollNow`) are always direct, and no feed snapshot is applied while a command is out, so a
 * confirmation only ever rests on a direct read.
 */
import type { AgentSnapshot } from './agent-snapshot';
import { STATUS_SOURCE_WORDS } from './agent-words';
import { isPending } from './control-state';
import type { AppState } from './ipc-contract';
import { CONTROL_NAMES } from './ipc-contract';
import type { Result } from './result';
import type { StatusObservation } from './recording-vocabulary';
import type { RecordingBackend } from './recording-backend';
import { nextPollDelay, type PollIntervals } from './poll-schedule';
import type { Scheduler, TimerHandle } from './scheduler';
import type { StateStore } from './state-store';
import { feedUsability, type FeedSnapshot, type StatusFeed } from './status-feed';

/** While the feed stands in for polls, how often the poller checks it still may. */
const FEED_CHECK_MS = 1000;

export class Poller {
  private timer: TimerHandle | null = null;
  /** What the pending timer will do: read directly, or check the feed still stands in. */
  private timerFor: 'read' | 'feed-check' = 'read';
  private inFlight: Promise<void> | null = null;
  private running = false;
  private suspended = false;
  /** Status reads answered (polls and pipelined confirming reads), for the benchmarks' requests-per-minute figures. */
  pollCount = 0;
  /** Status reads handed out, and the newest one applied: an older answer never overwrites a newer one. */
  private readsBegun = 0;
  private newestApplied = 0;
  /** The snapshot last applied and the state it produced. */
  private lastApplied: { snapshot: AgentSnapshot; state: AppState } | null = null;
  private lastOkAt: number | null = null;
  /** When the newest direct read finished: a feed snapshot read before it is older news. */
  private lastDirectAt = Number.NEGATIVE_INFINITY;
  private feed: StatusFeed | null = null;

  constructor(
    private readonly backend: Pick<RecordingBackend, 'getAgent' | 'serverLabel'>,
    private readonly store: StateStore,
    private readonly scheduler: Scheduler,
    private readonly intervals: PollIntervals,
    private readonly random: () => number,
    /** Reads the snapshot's recordings through the server's RecordingState vocabulary. */
    private readonly observe: (snapshot: AgentSnapshot) => StatusObservation,
  ) {}

  /** Whether there is a status to poll: the backend's at start, and not after it turned out forbidden ('no-status'). */
  private get canPoll(): boolean {
    return this.store.get().capabilities.canReportStatus;
  }

  start(): void {
    if (this.running || !this.canPoll) return;
    this.running = true;
    void this.pollNow();
  }

  /** Takes the agent's status from a feed whenever it is usable (see the file comment); returns the unsubscribe. */
  useFeed(feed: StatusFeed): () => void {
    this.feed = feed;
    const snapshots = feed.onSnapshot((snapshot) => this.applyFeed(snapshot));
    const views = feed.onView(() => {
      const wasRelay = this.store.get().statusSource.via === 'relay';
      const usable = this.feedStandsIn();
      if (!this.running || this.suspended) return;
      // The feed just became unusable (link lost, another server): read directly now, not at the next tick.
      if (!usable && wasRelay) void this.pollNow();
      // It just became usable: the direct read already scheduled is not needed.
      else if (usable && this.timer && this.timerFor === 'read' && !this.inFlight) this.scheduleNext();
    });
    this.feedStandsIn();
    return () => {
      snapshots.dispose();
      views.dispose();
      this.feed = null;
    };
  }

  /**
   * Whether the feed may stand in for a direct read now, and the state says so (the dispatch
   * changes nothing when the answer is the same). No feed: false, and nothing said.
   */
  private feedStandsIn(): boolean {
    if (!this.feed) return false;
    const usability = feedUsability(this.feed.view, this.scheduler.now(), this.backend.serverLabel);
    this.store.dispatch({
      type: 'status-source',
      source: usability.usable ? { via: 'relay', relay: this.feed.label, note: null } : { via: 'direct', relay: this.feed.label, note: STATUS_SOURCE_WORDS.directBecause(usability.why) },
    });
    return usability.usable;
  }

  private applyFeed(snapshot: FeedSnapshot): void {
    if (!this.feedStandsIn() || !snapshot.agent || !this.running || this.suspended) return;
    if (snapshot.polledAt <= this.lastDirectAt) return;
    const state = this.store.get();
    // Confirmations rest on direct reads only.
    if (CONTROL_NAMES.some((name) => isPending(state.controls[name]))) return;
    this.lastOkAt = snapshot.polledAt;
    this.store.dispatch({ type: 'poll-ok', snapshot: snapshot.agent, observation: this.observe(snapshot.agent), at: snapshot.polledAt });
    this.lastApplied = { snapshot: snapshot.agent, state: this.store.get() };
  }

  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
  }

  suspend(): void {
    this.suspended = true;
    this.timer?.cancel();
    this.timer = null;
  }

  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    if (this.running) void this.pollNow();
  }

  /** Resolves when no poll is in flight (tests on a fake clock wait on it between timers). */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** Polls now; if a poll is in flight, waits for it and then polls again (its answer may predate the caller's command). */
  async pollNow(): Promise<void> {
    if (!this.canPoll) return;
    while (this.inFlight) await this.inFlight;
    this.timer?.cancel();
    this.timer = null;
    this.inFlight = this.pollOnce().finally(() => {
      this.inFlight = null;
      this.scheduleNext();
    });
    return this.inFlight;
  }

  /**
   * A status read that starts now, outside the poll loop (the confirming read pipelined behind
   * a command): hand its answer to `apply` with this ticket.
   */
  beginRead(): number {
    return ++this.readsBegun;
  }

  /** Applies a status read's answer, unless a read that started later has been applied already. */
  apply(ticket: number, result: Result<AgentSnapshot>): void {
    this.pollCount += 1;
    if (ticket < this.newestApplied) return;
    this.newestApplied = ticket;
    const at = this.scheduler.now();
    if (!result.ok) {
      this.store.dispatch({ type: 'poll-failed', error: result.error, at, lastOkAt: this.lastOkAt });
      return;
    }
    this.lastOkAt = at;
    this.lastDirectAt = at;
    const snapshot = result.value;
    if (this.lastApplied?.snapshot === snapshot && this.lastApplied.state === this.store.get()) return;
    this.store.dispatch({ type: 'poll-ok', snapshot, observation: this.observe(snapshot), at });
    this.lastApplied = { snapshot, state: this.store.get() };
  }

  private async pollOnce(): Promise<void> {
    const ticket = this.beginRead();
    this.apply(ticket, await this.backend.getAgent());
  }

  private scheduleNext(): void {
    if (!this.running || this.suspended || this.inFlight || !this.canPoll) return;
    this.timer?.cancel();
    if (this.feedStandsIn()) {
      this.timerFor = 'feed-check';
      this.timer = this.scheduler.after(FEED_CHECK_MS, () => {
        this.timer = null;
        if (this.feedStandsIn()) this.scheduleNext();
        else void this.pollNow();
      });
      return;
    }
    const delay = nextPollDelay(this.store.get(), this.intervals, this.random);
    this.timerFor = 'read';
    this.timer = this.scheduler.after(delay, () => {
      this.timer = null;
      void this.pollNow();
    });
  }
}
