/** Entry point of `npm run cli`: wires the process to runCli and exits with its code. */
import { runCli } from './run-cli';

const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
process.on('SIGTERM', () => controller.abort());

runCli(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stop: controller.signal,
})
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`recordkey: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
