/**
 * The site relay in a test: started in-process on 127.0.0.1 port 0 against simulators, and a
 * WebSocket client that records every message and how the connection ended.
 */
import WebSocket from 'ws';
import { FailoverPolicySchema } from '../../src-main/core/failover-policy';
import { RELAY_PROTOCOL, RelayMessageSchema, type RelayMessage } from '../../src-main/core/relay-protocol';
import { silentLog } from '../../src-main/relay/relay-log';
import { startRelay, type RelayOptions, type RunningRelay } from '../../src-main/relay/start-relay';

export function startTestRelay(servers: string[], options: Partial<RelayOptions> = {}): Promise<RunningRelay> {
  return startRelay({
    servers,
    auth: { type: 'none' },
    timeoutMs: 1000,
    failover: FailoverPolicySchema.parse({ probeEveryMs: 200 }),
    pollEveryMs: 250,
    host: '127.0.0.1',
    port: 0,
    maxConnections: 100,
    fullSnapshotEveryMs: 2000,
    log: silentLog,
    ...options,
  });
}

export interface RelayClient {
  ws: WebSocket;
  messages: RelayMessage[];
  /** Frames that were not messages of the protocol (never expected). */
  unreadable: string[];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  snapshots(): Extract<RelayMessage, { type: 'snapshot' }>[];
  subscribe(kind: string, value: string, extra?: Record<string, unknown>): void;
}

export function relayClient(url: string, headers: Record<string, string> = {}): RelayClient {
  const ws = new WebSocket(url, { headers });
  const messages: RelayMessage[] = [];
  const unreadable: string[] = [];
  ws.on('message', (data) => {
    const parsed = RelayMessageSchema.safeParse(JSON.parse(String(data)));
    if (parsed.success) messages.push(parsed.data);
    else unreadable.push(String(data));
  });
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('close', () => reject(new Error('closed before it opened')));
  });
  opened.catch(() => {});
  return {
    ws,
    messages,
    unreadable,
    closed,
    opened,
    snapshots: () => messages.filter((m): m is Extract<RelayMessage, { type: 'snapshot' }> => m.type === 'snapshot'),
    subscribe(kind, value, extra = {}) {
      void opened.then(() => ws.send(JSON.stringify({ type: 'subscribe', protocol: RELAY_PROTOCOL, agent: { kind, value }, ...extra })));
    },
  };
}

