/**
 * Runs the real dist/main/main.js in a child Node process with the recording Electron
 * stand-in (tests/support/electron-stand-in), a temporary userData and HOME, in demo mode,
 * and talks to the stand-in over the fork IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const MAIN_BUNDLE = resolve('dist/main/main.js');
const REGISTER = pathToFileURL(resolve('tests/support/electron-stand-in/register.mjs')).href;

export interface StandInRecord {
  lock: unknown;
  appCalls: string[];
  privilegedSchemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  protocols: string[];
  trays: Array<{ image: string; imageExists: boolean; tooltip: string; destroyed: boolean; menu: Array<{ id?: string; type: string; label?: string; enabled: boolean; accelerator?: string }> }>;
  windows: Array<{
    options: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
    loaded: string[];
    pages: Array<{ url: string; status: number; contentType: string; csp: string | null; length: number }>;
    visible: boolean;
    exposed: Array<{ key: string; methods: string[] }>;
    preloadError: string | null;
    windowOpen: unknown;
    permissionRequestHandler: string;
  }>;
  handlers: string[];
  shortcuts: string[];
  notifications: Array<{ title: string; body: string }>;
}

export class BundleChild {
  readonly exited: Promise<{ code: number | null; record: StandInRecord | null }>;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private lastRecord: StandInRecord | null = null;
  readonly output: string[] = [];

  private constructor(
    readonly process: ChildProcess,
    readonly userData: string,
  ) {
    process.on('message', (raw) => {
      const message = raw as { id?: number; result?: unknown; error?: string; event?: string; record?: StandInRecord };
      if (message.event === 'exit') this.lastRecord = message.record ?? null;
      const waiter = message.id !== undefined ? this.waiting.get(message.id) : undefined;
      if (!waiter) return;
      this.waiting.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
    for (const stream of [process.stdout, process.stderr]) stream?.on('data', (chunk) => this.output.push(String(chunk)));
    this.exited = new Promise((resolveExit) =>
      process.on('exit', (code) => {
        for (const waiter of this.waiting.values()) waiter.reject(new Error(`the app exited (code ${code}) before answering; output:\n${this.output.join('')}`));
        resolveExit({ code, record: this.lastRecord });
      }),
    );
  }

  /** Starts main.js; `userData` lets a test prepare files (a corrupt secrets.json) first. */
  static start(options: { argv?: string[]; userData?: string; env?: Record<string, string> } = {}): BundleChild {
    const userData = options.userData ?? mkdtempSync(join(tmpdir(), 'rk-bundle-'));
    const child = fork(MAIN_BUNDLE, options.argv ?? [], {
      execArgv: ['--import', REGISTER],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: userData,
        XDG_CONFIG_HOME: join(userData, 'xdg'),
        XDG_CURRENT_DESKTOP: 'stand-in',
        RECORDKEY_USER_DATA: userData,
        ...options.env,
      },
    });
    return new BundleChild(child, userData);
  }

  call<T = unknown>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no answer to ${cmd} in ${timeoutMs} ms; output:\n${this.output.join('')}`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.process.send({ id, cmd, ...args });
    });
  }

  snapshot(): Promise<StandInRecord> {
    return this.call<StandInRecord>('snapshot');
  }

  /** Polls the stand-in's record until `test` holds. */
  async waitFor<T>(read: (r: StandInRecord) => T | null | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = read(await this.snapshot());
      if (value) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; output:\n${this.output.join('')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(): void {
    if (this.process.exitCode === null) this.process.kill('SIGKILL');
  }
}
