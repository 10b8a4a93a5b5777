/**
 * The site relay's wire protocol, version 1 (README "Relay protocol"): one definition for the
 * relay (src-main/relay) and every client of it (the desktop's relay-feed.ts, a CRM sidebar, a
 * supervisor's board). JSON text frames over a WebSocket at `/v1/agents`.
 *
 * - The client's first message names its agent: `subscribe`. One agent per connection.
 * - The relay answers with the agent's `snapshot` at once (as soon as it has a GetAll), then a
 *   new `snapshot` only when that agent changed, and a `heartbeat` every second that says the
 *   relay is alive and how fresh its data is (`polledAt`: when the GetAll it holds was asked).
 * - The relay never takes a command: it is read-only.
 */
import { z } from 'zod';
import { AgentRefSchema, AgentSnapshotSchema } from './agent-snapshot';

export const RELAY_PROTOCOL = 1;
export const RELAY_PATH = '/v1/agents';
/** The largest message a client may send (a subscribe is well under 1 KiB). */
export const RELAY_MAX_CLIENT_MESSAGE_BYTES = 4096;
/** How long a new connection may take to subscribe before the relay closes it. */
export const RELAY_SUBSCRIBE_WITHIN_MS = 10_000;
/** The relay's heartbeat period; a client that hears nothing for RELAY_SILENCE_MS treats the connection as dead. */
export const RELAY_HEARTBEAT_MS = 1000;
export const RELAY_SILENCE_MS = 30_000;

/** Close codes the relay uses, with the reason it sends. */
export const RELAY_CLOSE = {
  normal: 1000,
  /** The relay is shutting down or restarting: reconnect (with backoff). */
  goingAway: 1001,
  /** A frame over RELAY_MAX_CLIENT_MESSAGE_BYTES (the WebSocket library closes with it). */
  tooBig: 1009,
  /** The relay holds as many connections as it is allowed: reconnect later. */
  tryAgainLater: 1013,
  /** Not JSON, not a message of this protocol, or a second subscribe. */
  badMessage: 4400,
  /** A token is configured and this connection did not give it. */
  unauthorized: 4401,
  /** No subscribe within RELAY_SUBSCRIBE_WITHIN_MS. */
  subscribeTimeout: 4408,
  /** A protocol version this relay does not speak. */
  unsupportedProtocol: 4426,
  /** No answer to the relay's pings for RELAY_SILENCE_MS. */
  silent: 4410,
  /** The client reads so slowly that the relay's unsent messages to it passed the bound. */
  tooSlow: 4429,
} as const;

export const RelaySubscribeSchema = z.object({
  type: z.literal('subscribe'),
  protocol: z.number().int().positive(),
  agent: AgentRefSchema,
  /** The shared token, for clients that cannot send an Authorization header (browsers). */
  token: z.string().max(512).optional(),
});
export type RelaySubscribe = z.infer<typeof RelaySubscribeSchema>;

/** What every relay message carries: which GetAll it rests on. */
const Freshness = {
  protocol: z.literal(RELAY_PROTOCOL),
  /** The relay's GetAll sequence number (it restarts with the poller; compare `polledAt`). */
  version: z.number().int().nonnegative(),
  /** When the GetAll was asked (ISO 8601); null until the relay has one. */
  polledAt: z.string().datetime({ offset: true }).nullable(),
  /** The Recording API server that answered it. */
  server: z.string().nullable(),
};

export const RelaySnapshotSchema = z.object({
  type: z.literal('snapshot'),
  ...Freshness,
  /** The agent as the Recording API's tracker has it; null: not in the tracker. */
  agent: AgentSnapshotSchema.nullable(),
});

export const RelayHeartbeatSchema = z.object({
  type: z.literal('heartbeat'),
  ...Freshness,
  /** When the relay sent it. */
  at: z.string().datetime({ offset: true }),
});

export const RelayMessageSchema = z.discriminatedUnion('type', [RelaySnapshotSchema, RelayHeartbeatSchema]);
export type RelaySnapshot = z.infer<typeof RelaySnapshotSchema>;
export type RelayHeartbeat = z.infer<typeof RelayHeartbeatSchema>;
export type RelayMessage = z.infer<typeof RelayMessageSchema>;

/** A subscribe message, parsed; a bad one is the close code and reason to send. */
export function parseSubscribe(raw: string): { ok: true; value: RelaySubscribe } | { ok: false; code: number; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, code: RELAY_CLOSE.badMessage, reason: 'not JSON: send {"type":"subscribe","protocol":1,"agent":{"kind":"Phone","value":"…"}}' };
  }
  const protocol = (json as { protocol?: unknown } | null)?.protocol;
  if (typeof protocol === 'number' && protocol !== RELAY_PROTOCOL) {
    return { ok: false, code: RELAY_CLOSE.unsupportedProtocol, reason: `protocol ${protocol} is not spoken here: this relay speaks ${RELAY_PROTOCOL}` };
  }
  const parsed = RelaySubscribeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // A close reason is at most 123 bytes.
    return { ok: false, code: RELAY_CLOSE.badMessage, reason: `bad subscribe: ${issue.path.join('.') || 'message'}: ${issue.message}`.slice(0, 120) };
  }
  return { ok: true, value: parsed.data };
}
