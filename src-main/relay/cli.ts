/**
 * `npm run relay -- …`: the site relay as a service. Prints `listening on ws[s]://…` (as a
 * structured log line) once it accepts desktops; SIGTERM and SIGINT close every connection
 * with 1001 "reconnect" and exit 0, as systemd expects.
 */
import { parseRelayArgs } from './relay-args';
import { jsonLinesLog } from './relay-log';
import { startRelay } from './start-relay';

async function main(): Promise<void> {
  const parsed = parseRelayArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    (parsed.help ? process.stdout : process.stderr).write(`${parsed.message}\n`);
    if (!parsed.help) process.stderr.write('(npm run relay -- --help lists every option)\n');
    process.exit(parsed.help ? 0 : 2);
  }
  const log = jsonLinesLog();
  const relay = await startRelay({ ...parsed.options, log });
  log('info', 'ready', { wsUrl: relay.server.wsUrl, servers: parsed.options.servers, replica: Boolean(parsed.options.amqpUrl) });
  const stop = () => void relay.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`relay failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
