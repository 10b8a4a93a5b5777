/**
 * The desktop's side of the site relay (core/relay-protocol.ts): subscribes to the agent's
 * status at the first relay of the list that answers and hands each snapshot and heartbeat
 * on (core/status-feed.ts decides whether they may stand in for polls). Every message is
 * parsed with zod; anything else ends the connection, as a lost one does.
 *
 * Reconnects use exponential backoff with full jitter (0.25 s doubling to a 5 s cap), so the
 * desktops of a site whose relay restarts come back spread over a few seconds, not in one.
 * A connection that is silent for 30 s is treated as dead.
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import type { AgentRef } from '../../core/agent-snapshot';
import { Emitter } from '../../core/emitter';
import { RELAY_PROTOCOL, RELAY_SILENCE_MS, RelayMessageSchema } from '../../core/relay-protocol';
import { reconnectDelay } from '../../core/retry-policy';
import type { FeedSnapshot, FeedView, StatusFeed } from '../../core/status-feed';

export interface RelayFeedOptions {
  /** ws:// or wss:// URLs of the site's relays, tried in order. */
  urls: string[];
  agent: AgentRef;
  token?: string;
  /** The company CA, for a relay whose certificate it signed (TLS is always verified). */
  extraCaFile?: string;
  random?: () => number;
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5000;
/** A snapshot of one agent is a few KiB; anything near this is not the relay talking. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export class RelayFeed implements StatusFeed {
  private readonly snapshots = new Emitter<[FeedSnapshot]>();
  private readonly views = new Emitter<[FeedView]>();
  readonly onSnapshot = this.snapshots.event;
  readonly onView = this.views.event;
  view: FeedView;
  private socket: WebSocket | null = null;
  private index = 0;
  private attempt = 0;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private silence: NodeJS.Timeout | null = null;
  private readonly ca: Buffer | undefined;

  constructor(private readonly options: RelayFeedOptions) {
    this.view = { link: { state: 'connecting', url: options.urls[0] ?? null, reason: 'starting' }, polledAt: null, server: null, hasAgent: null };
    this.ca = options.extraCaFile ? readFileSync(options.extraCaFile) : undefined;
  }

  get label(): string {
    return this.options.urls[this.index] ?? '';
  }

  start(): void {
    if (this.options.urls.length > 0) this.connect();
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.silence) clearTimeout(this.silence);
    this.socket?.close(1000, 'RecordKey closing');
    this.socket = null;
    this.snapshots.dispose();
    this.views.dispose();
  }

  private setView(view: Partial<FeedView>): void {
    this.view = { ...this.view, ...view };
    this.views.fire(this.view);
  }

  private connect(): void {
    const url = this.options.urls[this.index];
    let opened = false;
    const socket = new WebSocket(url, {
      headers: this.options.token ? { authorization: `Bearer ${this.options.token}` } : {},
      ca: this.ca,
      maxPayload: MAX_MESSAGE_BYTES,
      handshakeTimeout: 5000,
      perMessageDeflate: false,
    });
    this.socket = socket;
    this.setView({ link: { state: 'connecting', url, reason: 'connecting' } });
    socket.on('open', () => {
      opened = true;
      this.attempt = 0;
      socket.send(JSON.stringify({ type: 'subscribe', protocol: RELAY_PROTOCOL, agent: this.options.agent }));
      this.setView({ link: { state: 'connected', url } });
      this.heard(socket);
    });
    socket.on('message', (data) => {
      this.heard(socket);
      let json: unknown;
      try {
        json = JSON.parse(String(data));
      } catch {
        json = undefined;
      }
      const message = RelayMessageSchema.safeParse(json);
      if (!message.success) {
        socket.close(4400, 'not a message of relay protocol 1');
        return;
      }
      const m = message.data;
      const polledAt = m.polledAt === null ? null : Date.parse(m.polledAt);
      if (m.type === 'snapshot') {
        this.setView({ polledAt, server: m.server, hasAgent: m.agent !== null });
        if (polledAt !== null) this.snapshots.fire({ agent: m.agent, polledAt, server: m.server });
      } else {
        this.setView({ polledAt, server: m.server });
      }
    });
    // The 'close' that follows ends the connection; the error says why (a refused port, a certificate that does not verify).
    let failure: string | null = null;
    socket.on('error', (error) => {
      failure ??= error.message;
    });
    socket.on('close', (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.silence) clearTimeout(this.silence);
      const why = String(reason) || failure || (opened ? `connection closed (${code})` : 'no connection');
      // The next attempt goes to the next relay of the list when this one did not even answer.
      if (!opened) this.index = (this.index + 1) % this.options.urls.length;
      this.setView({ link: { state: 'down', url, reason: why }, hasAgent: null });
      if (!this.closed) this.scheduleReconnect();
    });
  }

  /** Any message keeps the connection alive; 30 s of silence ends it (the relay sends a heartbeat a second). */
  private heard(socket: WebSocket): void {
    if (this.silence) clearTimeout(this.silence);
    this.silence = setTimeout(() => socket.terminate(), RELAY_SILENCE_MS);
  }

  private scheduleReconnect(): void {
    this.attempt += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closed) this.connect();
    }, reconnectDelay(this.attempt, RECONNECT_MIN_MS, RECONNECT_MAX_MS, this.options.random ?? Math.random));
  }
}
