/**
 * The relay's Prometheus metrics (prom-client), served at /metrics: what an admin watches to
 * know the relay is doing its one job, and what it costs the Recording API.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export class RelayMetrics {
  readonly registry = new Registry();
  readonly agents = new Gauge({ name: 'recordkey_relay_agents', help: 'Agents in the last GetAll the relay holds', registers: [this.registry] });
  readonly connections = new Gauge({ name: 'recordkey_relay_connections', help: 'Open WebSocket connections', registers: [this.registry] });
  readonly subscribed = new Gauge({ name: 'recordkey_relay_subscribed_connections', help: 'Connections subscribed to an agent', registers: [this.registry] });
  readonly getAllSeconds = new Histogram({
    name: 'recordkey_relay_getall_duration_seconds',
    help: 'How long GET /api/Agent/GetAll took (this replica, while it polls)',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly getAllBytes = new Gauge({ name: 'recordkey_relay_getall_bytes', help: 'Size of the last GetAll body', registers: [this.registry] });
  readonly getAllFailures = new Counter({ name: 'recordkey_relay_getall_failures_total', help: 'GetAll requests that failed', registers: [this.registry] });
  readonly pushLagSeconds = new Histogram({
    name: 'recordkey_relay_push_lag_seconds',
    help: 'From the GetAll being asked to a changed snapshot being handed to its subscribers',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [this.registry],
  });
  readonly pushes = new Counter({ name: 'recordkey_relay_snapshots_sent_total', help: 'Snapshot messages sent to subscribers', registers: [this.registry] });
  readonly closes = new Counter({ name: 'recordkey_relay_closes_total', help: 'Connections the relay closed, by reason', labelNames: ['reason'], registers: [this.registry] });
  readonly polling = new Gauge({ name: 'recordkey_relay_polling', help: '1 while this replica is the one that polls GetAll', registers: [this.registry] });
  readonly dataAgeSeconds = new Gauge({ name: 'recordkey_relay_data_age_seconds', help: 'Age of the GetAll the relay serves', registers: [this.registry] });

  constructor() {
    // The process's own: memory, CPU, and the event-loop lag (recordkey_relay_nodejs_eventloop_lag_p99_seconds).
    collectDefaultMetrics({ register: this.registry, prefix: 'recordkey_relay_' });
  }
}
