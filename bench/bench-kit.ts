/**
 * What every benchmark shares: percentiles, child processes on 127.0.0.1 with port 0, and
 * CPU and memory read from /proc, so a figure is always set against a baseline from the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), mean };
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Fisher–Yates, in place: the order measured clients take their turns in. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

export function table(title: string, header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

export interface Child {
  process: ChildProcess;
  url: string;
  lines: string[];
  stop(): void;
}

/**
 * Starts `tsx script args…` (or plain `node` for a .mjs, where the loader must not count) in
 * its own process group and waits for the `prefix URL` line (or a line the pattern's first group takes the URL from).
 */
export function startChild(script: string, args: string[], prefix: string | RegExp, options: { raiseOpenFiles?: boolean } = {}): Promise<Child> {
  const pattern = typeof prefix === 'string' ? new RegExp(`^${prefix} (\\S+)`) : prefix;
  return new Promise((resolve, reject) => {
    const command = script.endsWith('.mjs') ? [process.execPath, script] : [TSX, script];
    // Thousands of sockets: the soft open-file limit raised to the hard one, by a shell that then becomes the child.
    const argv = options.raiseOpenFiles ? ['sh', '-c', 'ulimit -n "$(ulimit -Hn)" && exec "$@"', 'sh', ...command, ...args] : [...command, ...args];
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    const lines: string[] = [];
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const m = line.match(pattern);
        if (m) {
          clearTimeout(timer);
          resolve({ process: child, url: m[1], lines, stop: () => killTree(child) });
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function killTree(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The node process doing the work under a tsx wrapper: the newest descendant whose command line runs `script`. */
export function workerPid(child: ChildProcess, script: string): number {
  const pids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  for (const pid of pids) {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmd.includes(script)) return pid;
  }
  return child.pid!;
}

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
export function processUsage(pid: number): { cpuSeconds: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = 100; // USER_HZ on Linux
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / ticks;
  const rssKb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]);
  return { cpuSeconds, rssMb: rssKb / 1024 };
}

export async function control<T = unknown>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(base + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
