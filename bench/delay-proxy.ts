/**
 * A TCP proxy in its own process that holds every chunk for `delayMs` in each direction, so a
 * loopback server looks like one `2 × delayMs` round trip away (a desktop across a WAN link).
 * Order within a direction is kept. Usage: tsx bench/delay-proxy.ts TARGET_PORT DELAY_MS
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

const [targetPort, delayArg] = process.argv.slice(2).map(Number);
const delayMs = delayArg;

/** Writes each chunk `delayMs` after it arrived, never before the chunk ahead of it. */
function delayed(from: Socket, to: Socket): void {
  let last = 0;
  from.on('data', (chunk) => {
    const due = Math.max(performance.now() + delayMs, last);
    last = due;
    setTimeout(() => to.writable && to.write(chunk), due - performance.now());
  });
  from.on('end', () => setTimeout(() => to.end(), Math.max(0, last - performance.now())));
  from.on('error', () => to.destroy());
}

const server = createServer((client) => {
  client.setNoDelay(true);
  const upstream = connect(targetPort, '127.0.0.1');
  upstream.setNoDelay(true);
  delayed(client, upstream);
  delayed(upstream, client);
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
