/**
 * The relay's listening side: HTTP or HTTPS on one address, the WebSocket protocol at
 * /v1/agents (core/relay-protocol.ts), /healthz and /metrics. Read-only: the only message a
 * client may send is its subscribe; anything else closes the connection with a reason, and
 * nothing a client sends can crash the relay.
 *
 * Bounds: frames over 4 KiB (ws closes with 1009), at most `maxConnections` connections
 * (503 before the upgrade), a subscribe within 10 s, a pong within 30 s, and slow readers
 * closed by the hub.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseSubscribe, RELAY_CLOSE, RELAY_HEARTBEAT_MS, RELAY_MAX_CLIENT_MESSAGE_BYTES, RELAY_PATH, RELAY_SILENCE_MS, RELAY_SUBSCRIBE_WITHIN_MS } from '../core/relay-protocol';
import type { AgentTable } from './agent-table';
import type { RelayHub, Subscriber } from './relay-hub';
import type { RelayLog } from './relay-log';
import type { RelayMetrics } from './relay-metrics';

export interface RelayServerOptions {
  host: string;
  port: number;
  /** PEM certificate and key: wss:// and https://. */
  tls?: { cert: string; key: string };
  /** A shared token clients must give (Authorization: Bearer, or the subscribe's `token`). */
  token?: string;
  maxConnections: number;
  /** Data older than this makes /healthz answer 503. */
  staleAfterMs: number;
  table: AgentTable;
  hub: RelayHub;
  metrics: RelayMetrics;
  log: RelayLog;
  /** Whether this replica is the one polling (for /healthz). */
  polling: () => boolean;
  /** How long a connection may take to subscribe (default RELAY_SUBSCRIBE_WITHIN_MS; tests shorten it). */
  subscribeWithinMs?: number;
}

export interface RunningRelayServer {
  url: string;
  /** ws:// or wss:// URL desktops subscribe at. */
  wsUrl: string;
  port: number;
  close(): Promise<void>;
}

const PING_EVERY_MS = 10_000;
/** The heartbeat period is cut into this many slices, each sent to its share of the subscribers. */
const HEARTBEAT_SLICES = 10;

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

export async function startRelayServer(options: RelayServerOptions): Promise<RunningRelayServer> {
  const { hub, table, metrics, log } = options;
  const sockets = new Map<WebSocket, { lastPongAt: number }>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: RELAY_MAX_CLIENT_MESSAGE_BYTES, perMessageDeflate: false, clientTracking: false });

  const dataAgeMs = () => (table.freshness.polledAt === null ? null : Date.now() - table.freshness.polledAt);

  const onRequest = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://relay').pathname;
    if (request.method === 'GET' && path === '/healthz') {
      const age = dataAgeMs();
      const fresh = age !== null && age <= options.staleAfterMs;
      response.writeHead(fresh ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: fresh ? 'ok' : 'stale', polling: options.polling(), agents: table.size, connections: sockets.size, dataAgeMs: age, server: table.freshness.server }));
      return;
    }
    if (request.method === 'GET' && path === '/metrics') {
      metrics.dataAgeSeconds.set((dataAgeMs() ?? 0) / 1000);
      response.writeHead(200, { 'content-type': metrics.registry.contentType });
      response.end(await metrics.registry.metrics());
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end(`not found: the relay serves ${RELAY_PATH} (WebSocket), /healthz and /metrics\n`);
  };

  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, (q, r) => void onRequest(q, r)) : createHttpServer((q, r) => void onRequest(q, r));

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(request.url ?? '/', 'http://relay').pathname;
    if (path !== RELAY_PATH) return refuseUpgrade(socket, 404, `Not Found: subscribe at ${RELAY_PATH}`);
    if (sockets.size >= options.maxConnections) {
      metrics.closes.inc({ reason: 'full' });
      return refuseUpgrade(socket, 503, `Service Unavailable: the relay holds its ${options.maxConnections} connections`);
    }
    const headerToken = bearer(request);
    if (options.token !== undefined && headerToken !== undefined && !sameToken(headerToken, options.token)) {
      metrics.closes.inc({ reason: 'unauthorized' });
      log('warn', 'refused', { reason: 'wrong token', remote: socket.remoteAddress });
      return refuseUpgrade(socket, 401, 'Unauthorized: wrong token');
    }
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws, options.token === undefined || headerToken !== undefined, socket.remoteAddress));
  });

  function accept(ws: WebSocket, authorized: boolean, remote: string | undefined): void {
    sockets.set(ws, { lastPongAt: Date.now() });
    metrics.connections.set(sockets.size);
    const subscriber: Subscriber = {
      send: (frame) => ws.send(frame, { binary: false }),
      get buffered() {
        return ws.bufferedAmount;
      },
      close: (code, reason) => {
        ws.close(code, reason);
        // A reader that reads nothing does not read the close either.
        setTimeout(() => ws.terminate(), 1000).unref();
      },
    };
    let subscribed = false;
    const closeWith = (code: number, reason: string, label: string) => {
      metrics.closes.inc({ reason: label });
      log('info', 'closed', { code, reason, remote });
      subscriber.close(code, reason);
    };
    const within = options.subscribeWithinMs ?? RELAY_SUBSCRIBE_WITHIN_MS;
    const subscribeTimer = setTimeout(() => closeWith(RELAY_CLOSE.subscribeTimeout, `no subscribe within ${within / 1000} s`, 'subscribe-timeout'), within);
    ws.on('pong', () => {
      const entry = sockets.get(ws);
      if (entry) entry.lastPongAt = Date.now();
    });
    ws.on('message', (data, isBinary) => {
      if (subscribed) return closeWith(RELAY_CLOSE.badMessage, 'already subscribed: one agent per connection, and the relay takes no other message', 'bad-message');
      if (isBinary) return closeWith(RELAY_CLOSE.badMessage, 'binary frames are not part of the protocol: send JSON text', 'bad-message');
      const parsed = parseSubscribe((data as Buffer).toString('utf8'));
      if (!parsed.ok) return closeWith(parsed.code, parsed.reason, 'bad-message');
      if (!authorized && !sameToken(parsed.value.token, options.token!)) return closeWith(RELAY_CLOSE.unauthorized, 'a token is required: give it as Authorization: Bearer or in the subscribe', 'unauthorized');
      subscribed = true;
      clearTimeout(subscribeTimer);
      hub.subscribe(subscriber, parsed.value.agent);
    });
    // A frame over the bound, or a broken peer: ws closes the connection; the relay only counts it.
    ws.on('error', (error) => {
      metrics.closes.inc({ reason: 'protocol-error' });
      log('info', 'connection error', { message: error.message, remote });
    });
    ws.on('close', () => {
      clearTimeout(subscribeTimer);
      hub.unsubscribe(subscriber);
      sockets.delete(ws);
      metrics.connections.set(sockets.size);
    });
  }

  let slice = 0;
  const heartbeat = setInterval(() => hub.heartbeat(slice++ % HEARTBEAT_SLICES, HEARTBEAT_SLICES), RELAY_HEARTBEAT_MS / HEARTBEAT_SLICES);
  // Pings too go out a slice at a time: each socket is pinged once every PING_EVERY_MS.
  let pingSlice = 0;
  const pinger = setInterval(() => {
    const now = Date.now();
    const slice = pingSlice++ % HEARTBEAT_SLICES;
    let index = 0;
    for (const [ws, entry] of sockets) {
      if (index++ % HEARTBEAT_SLICES !== slice) continue;
      if (now - entry.lastPongAt > RELAY_SILENCE_MS) {
        metrics.closes.inc({ reason: 'silent' });
        ws.close(RELAY_CLOSE.silent, 'no answer to pings for 30 s');
        ws.terminate();
      } else {
        ws.ping();
      }
    }
  }, PING_EVERY_MS / HEARTBEAT_SLICES);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A whole site reconnects after a restart: a backlog of thousands, not Node's 511, so connection attempts are not dropped.
    server.listen({ port: options.port, host: options.host, backlog: 8192 }, () => resolve());
  });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  const scheme = options.tls ? 'https' : 'http';
  log('info', 'listening', { url: `${scheme}://${host}:${port}`, tls: Boolean(options.tls), token: options.token !== undefined });

  return {
    url: `${scheme}://${host}:${port}`,
    wsUrl: `${options.tls ? 'wss' : 'ws'}://${host}:${port}${RELAY_PATH}`,
    port,
    async close() {
      clearInterval(heartbeat);
      clearInterval(pinger);
      // Each client is told to reconnect; one that does not finish its close in half a second is cut.
      for (const ws of sockets.keys()) ws.close(RELAY_CLOSE.goingAway, 'relay shutting down: reconnect');
      const deadline = Date.now() + 500;
      while (sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const ws of sockets.keys()) ws.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
