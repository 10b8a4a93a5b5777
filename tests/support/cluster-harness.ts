/**
 * A site in a test file: a real RabbitMQ (rabbitmq-broker.ts) and a simulator cluster whose
 * nodes sync blackouts through it (src-main/simulator/cluster.ts), each node driven over real
 * HTTP with the usual harness helpers and its own /sim/ control routes.
 *
 * A node that goes down here is a server that is gone: every connection dropped, and off the
 * broker, so it hears nothing while it is down. It comes back on the same address, rejoins the
 * broker, and keeps the blackouts it had (it missed what happened meanwhile, as a node that was
 * away does: the sync carries changes, not state).
 */
import { startCluster, type RunningCluster } from '../../src-main/simulator/cluster';
import { startBroker, type Broker } from './rabbitmq-broker';
import { harnessFor, TEST_AGENT, type Harness } from './simulator-harness';

export interface Site {
  broker: Broker;
  cluster: RunningCluster;
  nodes: Harness[];
  /** An empty world on every node, the test agent on a recorded call with one instance everywhere. */
  freshCall(): Promise<void>;
  down(node: Harness): Promise<void>;
  up(node: Harness): Promise<void>;
  /** The node stops hearing and telling blackouts, and answers on. */
  cutOff(node: Harness): Promise<void>;
  /** Every node back up, on the broker, without faults (between tests). */
  heal(): Promise<void>;
  close(): Promise<void>;
}

let calls = 0;

export async function startSite(nodes = 2): Promise<Site> {
  const broker = await startBroker();
  const cluster = await startCluster({ nodes, amqpUrl: broker.url, warn: () => {} });
  const harnesses = cluster.nodes.map((n) => harnessFor(n.sim));
  const setBroker = (node: Harness, connected: boolean) => node.control('POST', '/sim/broker', { connected });
  return {
    broker,
    cluster,
    nodes: harnesses,
    async freshCall() {
      calls += 1;
      await cluster.control('POST', '/sim/reset');
      await cluster.control('POST', '/sim/settings', { maxAgentBlackoutSeconds: 0, processingDelayMs: 0 });
      await cluster.control('POST', '/sim/agents', TEST_AGENT);
      await cluster.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, { record: true, callInstance: `c0ffee00-${String(calls).padStart(8, '0')}-00000007@127.0.0.1` });
    },
    async down(node) {
      await node.control('POST', '/sim/faults', { path: '*', drop: true });
      await setBroker(node, false);
    },
    async up(node) {
      await node.control('DELETE', '/sim/faults');
      await setBroker(node, true);
    },
    async cutOff(node) {
      await setBroker(node, false);
    },
    async heal() {
      for (const node of harnesses) {
        await node.control('DELETE', '/sim/faults');
        // Once a test has stopped the broker, a node cannot rejoin: that is the test's own state.
        await setBroker(node, true).catch(() => {});
      }
    },
    async close() {
      await cluster.close();
      await broker.stop();
    },
  };
}
