/** A port nothing listens on right now on 127.0.0.1 (bound to port 0, then released), for a server the tests start that cannot take port 0 itself (nginx, RabbitMQ). */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
