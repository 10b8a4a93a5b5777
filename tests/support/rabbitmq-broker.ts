/**
 * A real RabbitMQ for the tests: Debian's rabbitmq-server with its own node name, free ports
 * (AMQP, Erlang distribution, epmd) and its own data and log folders owned by the `rabbitmq`
 * user it switches to, so it never clashes with another broker. Stopped by its pid. Without
 * the package, or without root to hand it its folders, it fails saying what is missing.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import amqp from 'amqplib';
import { freePort } from './free-port';

const SERVER = '/usr/sbin/rabbitmq-server';

export interface Broker {
  url: string;
  /** Stops the broker (by its pid) and its epmd; resolves once it is gone. */
  stop(): Promise<void>;
  /** Stops it and starts it again on the same address, name and folders; resolves once it accepts connections. */
  restart(): Promise<void>;
}


function rabbitmqIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('rabbitmq:'));
  if (!line) throw new Error('the rabbitmq user does not exist: install rabbitmq-server (apt-get install rabbitmq-server; .ci/run does)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startBroker(timeoutMs = 90_000): Promise<Broker> {
  if (!existsSync(SERVER)) throw new Error('RabbitMQ is not installed, so the broker tests cannot run: apt-get install rabbitmq-server (.ci/run does)');
  if (userInfo().uid !== 0) throw new Error('the broker tests start rabbitmq-server as root (it switches to the rabbitmq user); run them as root, as CI does');
  const { uid, gid } = rabbitmqIds();
  const dir = mkdtempSync(join(tmpdir(), 'rk-rabbitmq-'));
  for (const sub of ['mnesia', 'log']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'enabled_plugins'), '[].');
  for (const path of [dir, join(dir, 'mnesia'), join(dir, 'log'), join(dir, 'enabled_plugins')]) chownSync(path, uid, gid);
  const [port, dist, epmd] = [await freePort(), await freePort(), await freePort()];
  const name = `rk-test-${process.pid}-${port}`;
  const pidFile = join(dir, 'mnesia', 'broker.pid');
  const env = {
    ...process.env,
    HOME: dir,
    RABBITMQ_NODENAME: `${name}@localhost`,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(dist),
    ERL_EPMD_PORT: String(epmd),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_PID_FILE: pidFile,
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq'),
  };
  let wrapper: ChildProcess = spawn(SERVER, [], { env, stdio: 'ignore', detached: true });
  const url = `amqp://guest:guest@127.0.0.1:${port}`;
  const stop = async () => {
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : null;
    if (pid && alive(pid)) process.kill(pid, 'SIGTERM');
    try {
      process.kill(-wrapper.pid!, 'SIGTERM');
    } catch {
      // Gone with the broker.
    }
    const end = Date.now() + 20_000;
    while (pid && alive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    try {
      execFileSync('epmd', ['-kill'], { env: { ...process.env, ERL_EPMD_PORT: String(epmd) }, stdio: 'ignore' });
    } catch {
      // No epmd left on that port.
    }
  };
  const accepting = async () => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        const connection = await amqp.connect(url);
        await connection.close();
        return;
      } catch {
        if (Date.now() > end) {
          await stop();
          throw new Error(`rabbitmq-server did not accept connections on 127.0.0.1:${port} within ${timeoutMs / 1000} s (its log: ${join(dir, 'log')})`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };
  const restart = async () => {
    await stop();
    wrapper = spawn(SERVER, [], { env, stdio: 'ignore', detached: true });
    await accepting();
  };
  await accepting();
  return { url, stop, restart };
}
