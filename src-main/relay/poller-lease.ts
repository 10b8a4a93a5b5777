/**
 * Which replica polls GetAll, decided by RabbitMQ itself, not by the relays: a
 * single-active-consumer queue holds a lease message. Every replica consumes it with a
 * prefetch of one and never acknowledges; the broker delivers only to its one active
 * consumer, so exactly one replica holds the lease. When that replica's connection goes (a
 * crash, a kill, a lost network, detected by AMQP heartbeats), the broker hands the message
 * to the next consumer.
 *
 * Every replica puts one lease message in on joining; `x-max-length: 1` keeps at most one
 * waiting (the one held is not counted), so joins never pile leases up.
 */
import type { Channel } from 'amqplib';

export const LEASE_QUEUE = 'recordkey.relay.poller-lease';

/** Joins the election on its own channel; `onAcquired` fires when this replica becomes the poller. */
export async function joinLease(channel: Channel, onAcquired: () => void): Promise<void> {
  await channel.assertQueue(LEASE_QUEUE, { durable: false, arguments: { 'x-single-active-consumer': true, 'x-max-length': 1 } });
  await channel.prefetch(1);
  let held = false;
  await channel.consume(
    LEASE_QUEUE,
    (message) => {
      if (!message || held) return;
      held = true;
      onAcquired();
    },
    { noAck: false },
  );
  channel.sendToQueue(LEASE_QUEUE, Buffer.from('poll GET /api/Agent/GetAll'));
}
