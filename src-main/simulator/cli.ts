/**
 * Entry point of `npm run simulator`: prints `listening on http://HOST:PORT` as its first
 * line, so scripts can wait for it and read the port.
 */
import { parseSimulatorArgs } from './args';
import { startSimulator } from './server';

async function main(): Promise<void> {
  const parsed = parseSimulatorArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`simulator: ${parsed.message}\n`);
    process.exit(2);
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
