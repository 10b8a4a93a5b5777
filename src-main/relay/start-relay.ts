/**
 * The site relay, put together: one GetAll a period from the server list, the agents' last
 * snapshots, and every subscribed desktop told its own agent's changes.
 *
 * - Alone (no `amqpUrl`, the embedded default): this process polls and serves.
 * - As a replica (`amqpUrl`): RabbitMQ elects the one replica that polls (poller-lease.ts);
 *   it publishes changes on the bus (change-bus.ts), and every replica, the poller included,
 *   serves its desktops from what it consumes.
 */
import type { Channel } from 'amqplib';
import { FailoverRecordingApi } from '../backends/onprem/failover-recording-api';
import type { OnPremConfig } from '../backends/onprem/recording-api-client';
import type { FailoverPolicy } from '../core/failover-policy';
import { RELAY_MAX_AGE_MS } from '../core/status-feed';
import { AgentTable } from './agent-table';
import { parseBusMessage, publishChange, publishSnapshot, publishTick } from './change-bus';
import { GetAllPoller, type GetAllResult } from './getall-poller';
import { RelayHub } from './relay-hub';
import type { RelayLog } from './relay-log';
import { RelayMetrics } from './relay-metrics';
import { startRelayServer, type RunningRelayServer } from './relay-server';
import { ReplicaLink } from './replica-link';

export interface RelayOptions {
  /** The Recording API servers, in order (the desktop's failover rules). */
  servers: string[];
  auth: OnPremConfig['auth'];
  timeoutMs: number;
  extraCaFile?: string;
  failover: FailoverPolicy;
  pollEveryMs: number;
  host: string;
  port: number;
  tls?: { cert: string; key: string };
  token?: string;
  maxConnections: number;
  /** A site's RabbitMQ: run as one of several replicas. */
  amqpUrl?: string;
  /** How often the polling replica publishes every agent (for replicas that just joined). */
  fullSnapshotEveryMs: number;
  log: RelayLog;
  /** Tests shorten the time a connection has to subscribe. */
  subscribeWithinMs?: number;
}

export interface RunningRelay {
  server: RunningRelayServer;
  close(): Promise<void>;
}

/** The relay names no agent: it sends no command and reads no single agent, only GetAll. */
const NO_AGENT = { kind: 'Id', value: 'relay' } as const;

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const { log } = options;
  const metrics = new RelayMetrics();
  const table = new AgentTable();
  const hub = new RelayHub(table, metrics);
  const api = new FailoverRecordingApi(
    options.servers.map((baseUrl) => ({ baseUrl, agent: NO_AGENT, auth: options.auth, timeoutMs: options.timeoutMs, extraCaFile: options.extraCaFile })),
    options.failover,
  );
  api.onSwitch((change) => log('warn', 'server changed', { from: change.from, to: change.to, reason: change.reason }));

  /** Serves a whole GetAll (alone, or a replica's full snapshot): only the agents that changed are pushed. */
  const serveAll = (agents: GetAllResult['agents'], freshness: AgentTable['freshness']) => {
    const first = table.freshness.polledAt === null;
    const { changedKeys } = table.replaceAll(agents, freshness);
    hub.changed(changedKeys, first);
  };

  let link: ReplicaLink | null = null;
  let poller: GetAllPoller;
  if (!options.amqpUrl) {
    poller = new GetAllPoller(api, options.pollEveryMs, (r) => serveAll(r.agents, { version: r.version, polledAt: r.polledAt, server: r.server }), metrics, log);
  } else {
    // The poller's own view of the last GetAll, to publish only what changed (the served table follows the bus).
    const published = new AgentTable();
    let bus: Channel | null = null;
    let lastFullAt = 0;
    poller = new GetAllPoller(
      api,
      options.pollEveryMs,
      (r) => {
        if (!bus) return;
        const freshness = { version: r.version, polledAt: r.polledAt, server: r.server };
        const firstSinceElected = published.freshness.polledAt === null;
        const { changedAgents } = published.replaceAll(r.agents, freshness);
        if (firstSinceElected || r.polledAt - lastFullAt >= options.fullSnapshotEveryMs) {
          lastFullAt = r.polledAt;
          publishSnapshot(bus, freshness, r.agents);
          return;
        }
        for (const change of changedAgents) publishChange(bus, freshness, change.agentId, change.agent);
        publishTick(bus, freshness);
      },
      metrics,
      log,
    );
    link = new ReplicaLink({
      amqpUrl: options.amqpUrl,
      log,
      onLeader(channel) {
        bus = channel;
        poller.start();
      },
      onFollower() {
        bus = null;
        poller.stop();
        // A new term starts with a full snapshot, whoever wins it.
        published.replaceAll([], { version: 0, polledAt: null, server: null });
      },
      onMessage(routingKey, body) {
        const message = parseBusMessage(routingKey, body);
        if (!message.ok) return log('warn', 'unreadable bus message', { message: message.message });
        const m = message.value;
        if (m.kind === 'snapshot') serveAll(m.agents, m.freshness);
        // A replica that joined mid-term serves nothing until its first full snapshot (its table would be partial).
        else if (table.freshness.polledAt === null) return;
        else if (m.kind === 'agent') hub.changed(table.applyChange(m.agentId, m.agent, m.freshness));
        else table.advance(m.freshness);
      },
    });
  }

  const server = await startRelayServer({
    host: options.host,
    port: options.port,
    tls: options.tls,
    token: options.token,
    maxConnections: options.maxConnections,
    // Stale for /healthz when a desktop would no longer use it (or after three missed polls, for a slow period).
    staleAfterMs: Math.max(RELAY_MAX_AGE_MS, options.pollEveryMs * 3),
    table,
    hub,
    metrics,
    log,
    polling: () => poller.active,
    subscribeWithinMs: options.subscribeWithinMs,
  });
  if (link) await link.start();
  else poller.start();

  return {
    server,
    async close() {
      poller.stop();
      await link?.close();
      await server.close();
      api.close();
      log('info', 'stopped');
    },
  };
}
