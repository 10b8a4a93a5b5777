/**
 * Who is subscribed to which agent, and what each is sent: the agent's snapshot at once, then
 * only when it changed, and one heartbeat a second to everyone. Transport-free: a subscriber
 * is anything that can take a text frame (relay-server.ts wraps a WebSocket).
 *
 * A subscriber that does not read is bounded: heartbeats are skipped while its unsent
 * messages pass SKIP_HEARTBEAT_BYTES, and past SLOW_READER_BYTES it is closed (4429), so one
 * stuck desktop cannot grow the relay's memory.
 */
import { RELAY_CLOSE, RELAY_PROTOCOL } from '../core/relay-protocol';
import type { AgentRef } from '../core/agent-snapshot';
import { refKey, type AgentTable } from './agent-table';
import type { RelayMetrics } from './relay-metrics';

export interface Subscriber {
  /** One text frame, encoded once for every subscriber it goes to. */
  send(frame: Buffer): void;
  /** Bytes handed to the connection and not yet written to the network. */
  readonly buffered: number;
  close(code: number, reason: string): void;
}

const SKIP_HEARTBEAT_BYTES = 64 * 1024;
const SLOW_READER_BYTES = 1024 * 1024;

export class RelayHub {
  private readonly byKey = new Map<string, Set<Subscriber>>();
  private readonly keyOf = new Map<Subscriber, string>();

  constructor(
    private readonly table: AgentTable,
    private readonly metrics: RelayMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  get subscriberCount(): number {
    return this.keyOf.size;
  }

  subscribe(subscriber: Subscriber, agent: AgentRef): void {
    const key = refKey(agent);
    this.keyOf.set(subscriber, key);
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(subscriber);
    this.metrics.subscribed.set(this.keyOf.size);
    // Before the first GetAll there is nothing true to say yet; the first one reaches everybody.
    if (this.table.freshness.polledAt !== null) this.deliver(subscriber, this.snapshotFrame(key), false);
  }

  unsubscribe(subscriber: Subscriber): void {
    const key = this.keyOf.get(subscriber);
    if (key === undefined) return;
    this.keyOf.delete(subscriber);
    const set = this.byKey.get(key);
    set?.delete(subscriber);
    if (set?.size === 0) this.byKey.delete(key);
    this.metrics.subscribed.set(this.keyOf.size);
  }

  /** The table changed for these keys (or, `everyone`, it holds its first GetAll): tell their subscribers. */
  changed(keys: Iterable<string>, everyone = false): void {
    const polledAt = this.table.freshness.polledAt;
    const targets = everyone ? this.byKey.keys() : keys;
    let sent = 0;
    for (const key of targets) {
      const set = this.byKey.get(key);
      if (!set) continue;
      const frame = this.snapshotFrame(key);
      for (const subscriber of set) {
        this.deliver(subscriber, frame, false);
        sent += 1;
      }
    }
    if (sent > 0 && polledAt !== null) this.metrics.pushLagSeconds.observe((this.now() - polledAt) / 1000);
    this.metrics.pushes.inc(sent);
  }

  /**
   * One slice of the heartbeat: every `slices`-th subscriber from `slice` on. The server calls
   * each slice in turn over the heartbeat period, so 10,000 sends are not one long block of
   * the event loop; each subscriber still hears one heartbeat a period.
   */
  heartbeat(slice = 0, slices = 1): void {
    const { version, polledAt, server } = this.table.freshness;
    const frame = Buffer.from(JSON.stringify({ type: 'heartbeat', protocol: RELAY_PROTOCOL, version, polledAt: polledAt === null ? null : new Date(polledAt).toISOString(), server, at: new Date(this.now()).toISOString() }));
    let index = 0;
    for (const subscriber of this.keyOf.keys()) if (index++ % slices === slice) this.deliver(subscriber, frame, true);
  }

  private snapshotFrame(key: string): Buffer {
    const { version, polledAt, server } = this.table.freshness;
    const entry = this.table.entryFor(key);
    const head = JSON.stringify({ type: 'snapshot', protocol: RELAY_PROTOCOL, version, polledAt: polledAt === null ? null : new Date(polledAt).toISOString(), server });
    return Buffer.from(`${head.slice(0, -1)},"agent":${entry ? entry.json : 'null'}}`);
  }

  private deliver(subscriber: Subscriber, frame: Buffer, droppable: boolean): void {
    if (subscriber.buffered > SLOW_READER_BYTES) {
      this.unsubscribe(subscriber);
      this.metrics.closes.inc({ reason: 'too-slow' });
      subscriber.close(RELAY_CLOSE.tooSlow, 'too slow: messages to this client passed 1 MiB unsent');
      return;
    }
    if (droppable && subscriber.buffered > SKIP_HEARTBEAT_BYTES) return;
    subscriber.send(frame);
  }
}
