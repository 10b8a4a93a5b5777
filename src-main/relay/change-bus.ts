/**
 * What the polling replica tells every replica, through a RabbitMQ topic exchange:
 * - `agent.<AgentId>`: one agent's new snapshot (null: it left the tracker);
 * - `tick`: a GetAll finished; agents not mentioned are unchanged as of its `polledAt`;
 * - `snapshot`: every agent, often enough for a replica that just joined (and at once when a
 *   new replica starts polling).
 * Messages are parsed with zod on the way in: a replica never serves what it cannot read.
 */
import type { Channel } from 'amqplib';
import { z } from 'zod';
import { AgentSnapshotSchema, type AgentSnapshot } from '../core/agent-snapshot';
import type { TableFreshness } from './agent-table';

export const CHANGES_EXCHANGE = 'recordkey.relay.agents';

const FreshnessSchema = z.object({ version: z.number().int().nonnegative(), polledAt: z.number().int().positive(), server: z.string() });
const AgentChangeSchema = FreshnessSchema.extend({ agentId: z.string(), agent: AgentSnapshotSchema.nullable() });
const FullSnapshotSchema = FreshnessSchema.extend({ agents: z.array(AgentSnapshotSchema) });

export type BusMessage =
  | { kind: 'agent'; freshness: TableFreshness; agentId: string; agent: AgentSnapshot | null }
  | { kind: 'tick'; freshness: TableFreshness }
  | { kind: 'snapshot'; freshness: TableFreshness; agents: AgentSnapshot[] };

const freshnessOf = (m: z.infer<typeof FreshnessSchema>): TableFreshness => ({ version: m.version, polledAt: m.polledAt, server: m.server });

/** Reads one message off the exchange; an unreadable one is an error naming why. */
export function parseBusMessage(routingKey: string, body: Buffer): { ok: true; value: BusMessage } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, message: `${routingKey}: not JSON` };
  }
  if (routingKey.startsWith('agent.')) {
    const m = AgentChangeSchema.safeParse(json);
    return m.success ? { ok: true, value: { kind: 'agent', freshness: freshnessOf(m.data), agentId: m.data.agentId, agent: m.data.agent } } : { ok: false, message: `${routingKey}: ${m.error.issues[0].message}` };
  }
  if (routingKey === 'tick') {
    const m = FreshnessSchema.safeParse(json);
    return m.success ? { ok: true, value: { kind: 'tick', freshness: freshnessOf(m.data) } } : { ok: false, message: `tick: ${m.error.issues[0].message}` };
  }
  if (routingKey === 'snapshot') {
    const m = FullSnapshotSchema.safeParse(json);
    return m.success ? { ok: true, value: { kind: 'snapshot', freshness: freshnessOf(m.data), agents: m.data.agents } } : { ok: false, message: `snapshot: ${m.error.issues[0].message}` };
  }
  return { ok: false, message: `${routingKey}: not a message of the relay's bus` };
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

export async function declareChanges(channel: Channel): Promise<void> {
  await channel.assertExchange(CHANGES_EXCHANGE, 'topic', { durable: false });
}

export function publishChange(channel: Channel, freshness: TableFreshness, agentId: string, agent: AgentSnapshot | null): void {
  channel.publish(CHANGES_EXCHANGE, `agent.${agentId}`, encode({ ...freshness, agentId, agent }));
}

export function publishTick(channel: Channel, freshness: TableFreshness): void {
  channel.publish(CHANGES_EXCHANGE, 'tick', encode(freshness));
}

export function publishSnapshot(channel: Channel, freshness: TableFreshness, agents: AgentSnapshot[]): void {
  channel.publish(CHANGES_EXCHANGE, 'snapshot', encode({ ...freshness, agents }));
}

/** Hears everything the poller publishes, on a queue of this replica's own that goes with it. */
export async function consumeChanges(channel: Channel, onMessage: (routingKey: string, body: Buffer) => void): Promise<void> {
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, CHANGES_EXCHANGE, '#');
  await channel.consume(queue, (message) => message && onMessage(message.fields.routingKey, message.content), { noAck: true });
}
