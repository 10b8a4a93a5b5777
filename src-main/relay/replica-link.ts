/**
 * A replica's connection to the site's RabbitMQ: the lease (poller-lease.ts) and the change
 * bus (change-bus.ts) on it, and reconnection when the broker goes away. Losing the broker
 * loses the lease at once (this replica stops polling, since another may be elected), and the
 * data it serves ages until the broker is back; desktops see that age and read directly.
 */
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { reconnectDelay } from '../core/retry-policy';
import { withoutCredentials } from '../core/server-url';
import { consumeChanges, declareChanges } from './change-bus';
import { joinLease } from './poller-lease';
import type { RelayLog } from './relay-log';

export interface ReplicaLinkOptions {
  amqpUrl: string;
  log: RelayLog;
  /** This replica now holds the lease: start polling, publishing on `channel`. */
  onLeader(channel: Channel): void;
  /** The lease is gone with the connection: stop polling. */
  onFollower(): void;
  onMessage(routingKey: string, body: Buffer): void;
}

/** AMQP heartbeats (seconds): a replica cut off by the network loses its lease within two of them. */
const HEARTBEAT_SECONDS = 5;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

function withHeartbeat(url: string): string {
  return /[?&]heartbeat=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}heartbeat=${HEARTBEAT_SECONDS}`;
}


export class ReplicaLink {
  private connection: ChannelModel | null = null;
  private closed = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly options: ReplicaLinkOptions) {}

  get connected(): boolean {
    return this.connection !== null;
  }

  /** Connects now; on failure keeps trying in the background (resolves either way). */
  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const connection = this.connection;
    this.connection = null;
    await connection?.close().catch(() => {});
  }

  private async connect(): Promise<void> {
    const { log } = this.options;
    let connection: ChannelModel;
    try {
      connection = await amqp.connect(withHeartbeat(this.options.amqpUrl));
    } catch (error) {
      log('warn', 'broker unreachable', { broker: withoutCredentials(this.options.amqpUrl), message: (error as Error).message });
      this.scheduleReconnect();
      return;
    }
    if (this.closed) {
      await connection.close().catch(() => {});
      return;
    }
    connection.on('error', (error: Error) => log('warn', 'broker connection error', { message: error.message }));
    connection.on('close', () => {
      if (this.connection !== connection) return;
      this.connection = null;
      this.options.onFollower();
      log('warn', 'broker lost', { broker: withoutCredentials(this.options.amqpUrl) });
      if (!this.closed) this.scheduleReconnect();
    });
    try {
      const bus = await connection.createChannel();
      await declareChanges(bus);
      await consumeChanges(bus, this.options.onMessage);
      const leaseChannel = await connection.createChannel();
      this.connection = connection;
      this.attempt = 0;
      log('info', 'broker joined', { broker: withoutCredentials(this.options.amqpUrl) });
      await joinLease(leaseChannel, () => {
        log('info', 'lease acquired: this replica polls');
        this.options.onLeader(bus);
      });
    } catch (error) {
      log('warn', 'broker setup failed', { message: (error as Error).message });
      this.connection = null;
      await connection.close().catch(() => {});
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    this.attempt += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, reconnectDelay(this.attempt, RECONNECT_MIN_MS, RECONNECT_MAX_MS, Math.random));
  }
}
