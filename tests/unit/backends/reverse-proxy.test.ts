/**
 * Issue 20, Why 3: behind a real nginx reverse proxy whose Recording API is down, `status` and
 * `doctor` printed nginx's 502 page raw. Here Debian's nginx runs on 127.0.0.1 (a free port, its
 * own prefix folder, stopped by its pid) in front of a port where nothing listens, and what an
 * admin reads is a sentence, never HTML. Without nginx installed this fails, saying so.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli';
import { freePort } from '../../support/free-port';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? null;
let nginx: ChildProcess | null = null;
let proxyUrl = '';


async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on 127.0.0.1:${port} within ${ms} ms`);
}

beforeAll(async () => {
  if (!NGINX) throw new Error('nginx is not installed, so the reverse-proxy test cannot run: install it with `apt-get install nginx-light` (.ci/run does)');
  const dir = mkdtempSync(join(tmpdir(), 'rk-nginx-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs']) mkdirSync(join(dir, sub));
  const [port, upstream] = [await freePort(), await freePort()];
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://127.0.0.1:${upstream}; }
  }
}
`,
  );
  const check = spawnSync(NGINX, ['-t', '-c', conf, '-p', dir], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx rejected the test configuration: ${check.stderr}`);
  nginx = spawn(NGINX, ['-c', conf, '-p', dir], { stdio: 'ignore' });
  await waitForPort(port, 5000);
  proxyUrl = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  if (nginx?.pid) process.kill(nginx.pid, 'SIGTERM');
});

async function cli(args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, {}, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, text: lines.join('\n') };
}

describe('behind a real nginx whose Recording API is down', () => {
  it('status says what answered, in words, and never prints the page', async () => {
    const { code, text } = await cli(['--server', proxyUrl, '--agent', 'Phone=805003', 'status']);
    expect(code).toBe(4);
    expect(text).toContain('502 Bad Gateway from a proxy in front of the server: the Recording API behind it does not answer');
    expect(text).toMatch(/^STATE UNKNOWN — Do not take card details/m);
    expect(text).not.toMatch(/<html|<head|<title|<center/i);
  });

  it('doctor names the proxy and the Recording API behind it', async () => {
    const { code, text } = await cli(['--server', proxyUrl, '--agent', 'Phone=805003', 'doctor']);
    expect(code).toBe(4);
    expect(text).toMatch(/^✗ server healthy\s+502 Bad Gateway from a proxy in front of the server: the Recording API behind it does not answer$/m);
    expect(text).not.toMatch(/<html|<title/i);
  });
});
