/**
 * A cluster of Recording API simulators whose blackouts sync over a real RabbitMQ, as a site's
 * servers do (reference: "Multiple Recording API servers sync blackout statuses to each other
 * over RabbitMQ"). Each node is a whole simulator; a blackout a request starts or stops on one
 * node is published to a fanout exchange and applied by the others when the broker delivers it,
 * with whatever delay that takes. Nothing RabbitMQ does is imitated in-process.
 *
 * Per node, in code or over its /sim/ control API: cut off the broker (it still answers, sync
 * broken) and back (`POST /sim/broker {"connected":false|true}`), forget its blackouts, a restart
 * without state (`POST /sim/forget-blackouts`); down/up and slow answers are the node's own
 * /sim/faults. Agents and calls are the same on every node when set up through `control` (a call
 * with one instance).
 */
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './server';
import type { BrokerLink } from './control-routes';
import type { SimBlackout } from './world';

const EXCHANGE = 'recordkey.simulator.blackouts';

interface SyncMessage {
  from: number;
  agentId: number;
  blackout: SimBlackout | null;
}

export interface ClusterNode {
  index: number;
  sim: RunningSimulator;
  /** Whether it publishes and hears blackout changes now. */
  readonly onBroker: boolean;
  /** Cuts the node off the broker: it goes on answering, but hears and tells nothing. */
  cutOff(): Promise<void>;
  reconnect(): Promise<void>;
  /** A restart that forgot its state: every blackout gone on this node only. */
  forgetBlackouts(): void;
}

export interface RunningCluster {
  nodes: ClusterNode[];
  /** The same control request on every node (agents, calls: give a call its `callInstance`). */
  control(method: string, path: string, body?: unknown): Promise<void>;
  close(): Promise<void>;
}

class NodeOnBroker implements ClusterNode, BrokerLink {
  private connection: ChannelModel | null = null;
  private channel: Channel | null = null;
  private node: RunningSimulator | null = null;

  constructor(
    readonly index: number,
    private readonly amqpUrl: string,
  ) {}

  /** The simulator is started with this link (its /sim/broker route), then attached to it. */
  attach(sim: RunningSimulator): void {
    this.node = sim;
    sim.world.onBlackoutChanged = (agentId, blackout) => this.publish({ from: this.index, agentId, blackout });
  }

  get sim(): RunningSimulator {
    if (!this.node) throw new Error(`cluster node ${this.index} has no simulator yet`);
    return this.node;
  }

  get onBroker(): boolean {
    return this.channel !== null;
  }

  async reconnect(): Promise<void> {
    if (this.channel) return;
    const connection = await amqp.connect(this.amqpUrl);
    // A broker that goes away is a node cut off, not a crash: it answers on, unsynced.
    connection.on('error', () => {});
    connection.on('close', () => {
      if (this.connection === connection) {
        this.connection = null;
        this.channel = null;
      }
    });
    const channel = await connection.createChannel();
    await channel.assertExchange(EXCHANGE, 'fanout', { durable: false });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, EXCHANGE, '');
    await channel.consume(queue, (message) => {
      if (!message) return;
      const sync = JSON.parse(message.content.toString('utf8')) as SyncMessage;
      if (sync.from !== this.index) this.sim.world.applySyncedBlackout(sync.agentId, sync.blackout);
    }, { noAck: true });
    this.connection = connection;
    this.channel = channel;
  }

  async cutOff(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.channel = null;
    await connection?.close().catch(() => {});
  }

  forgetBlackouts(): void {
    this.sim.world.forgetBlackouts();
  }

  private publish(message: SyncMessage): void {
    this.channel?.publish(EXCHANGE, '', Buffer.from(JSON.stringify(message)));
  }
}

export async function startCluster(options: { nodes: number; amqpUrl: string } & SimulatorOptions): Promise<RunningCluster> {
  const { nodes: count, amqpUrl, ...simulatorOptions } = options;
  const nodes = Array.from({ length: count }, (_, index) => new NodeOnBroker(index, amqpUrl));
  const sims = await Promise.all(nodes.map((broker) => startSimulator({ ...simulatorOptions, port: 0, broker })));
  sims.forEach((sim, index) => nodes[index].attach(sim));
  await Promise.all(nodes.map((n) => n.reconnect()));
  return {
    nodes,
    async control(method, path, body) {
      for (const node of nodes) {
        const response = await fetch(node.sim.url + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
        if (!response.ok) throw new Error(`node ${node.index}: ${method} ${path} -> ${response.status}: ${await response.text()}`);
      }
    },
    async close() {
      await Promise.all(nodes.map((n) => n.cutOff()));
      await Promise.all(sims.map((s) => s.close()));
    },
  };
}
