/**
 * Entry point of `npm run simulator`: prints `listening on http://HOST:PORT` as its first
 * line, so scripts can wait for it and read the port; with `--cluster N --amqp URL`, one such
 * line per node (their blackouts sync through that RabbitMQ).
 */
import { parseSimulatorArgs } from './args';
import { startSimulator } from './server';
import { withoutCredentials } from '../core/server-url';

async function main(): Promise<void> {
  const parsed = parseSimulatorArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`simulator: ${parsed.message}\n`);
    process.exit(2);
  }
  if (parsed.cluster) {
    // Loaded only here: the app's own simulator (demo mode) never needs a broker.
    const { startCluster } = await import('./cluster');
    const cluster = await startCluster({ ...parsed.options, ...parsed.cluster });
    for (const node of cluster.nodes) process.stdout.write(`listening on ${node.sim.url} (node ${node.index + 1} of ${cluster.nodes.length}, blackouts synced through ${withoutCredentials(parsed.cluster.amqpUrl)})\n`);
    const stopCluster = () => void cluster.close().then(() => process.exit(0));
    process.on('SIGINT', stopCluster);
    process.on('SIGTERM', stopCluster);
    return;
  }
  const simulator = await startSimulator(parsed.options);
  process.stdout.write(`listening on ${simulator.url}\n`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${(error as Error).message}\n`);
  process.exit(1);
});
