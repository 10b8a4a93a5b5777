/**
 * Each test gets its own simulator and browser harness (child processes on 127.0.0.1, port
 * 0), the harness configured against that simulator with fast polling, so tests drive the
 * world through the simulator's /sim/ control API and watch the real core react in the page.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';

export const AGENT = { agentId: 7, agentPhone: '805003', username: 'pat@example.test', systemUsername: 'pat', crmUsername: 'pat.crm' };
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** Starts a process and resolves with the URL it prints after `prefix` (or the first group of a pattern). */
function spawnUntil(args: string[], prefix: string | RegExp, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const pattern = typeof prefix === 'string' ? new RegExp(`${prefix} (http://\\S+)`) : prefix;
  return new Promise((resolve, reject) => {
    // Its own process group: tsx runs the script in a child process, and killing only tsx would orphan it.
    const child = spawn(TSX, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start: ${err}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${err}`)));
  });
}

/** Ends a process started by spawnUntil, with everything it started. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

export class Simulator {
  constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.url + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  async recordingStates(): Promise<string[]> {
    const agent = await this.control<{ ActiveCall: { Recordings: Array<{ RecordingState: string }> } | null }>('GET', `/sim/agents/${AGENT.agentId}`);
    return agent.ActiveCall?.Recordings.map((r) => r.RecordingState) ?? [];
  }

  stop(): void {
    killGroup(this.child);
  }
}

/** The site relay (npm run relay) in front of the test's simulator. */
export class Relay {
  constructor(
    readonly wsUrl: string,
    private readonly child: ChildProcess,
  ) {}

  /** Stopped as systemd stops it: every desktop told to reconnect, then gone. */
  stop(): void {
    killGroup(this.child, 'SIGTERM');
  }
}

interface HarnessOptions {
  backend: 'onprem' | 'cxone' | 'demo';
  /** Whether the desktop is pointed at a site relay (started in front of the simulator). */
  withRelay: boolean;
  /** The admin's maximum pause (short, so tests see pauses end by themselves). */
  maxBlackoutSeconds: number;
}

export const test = base.extend<HarnessOptions & { sim: Simulator; relay: Relay | null; app: Page }>({
  backend: ['onprem', { option: true }],
  withRelay: [false, { option: true }],
  maxBlackoutSeconds: [10, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument to be destructured.
  sim: async ({}, use) => {
    const { child, url } = await spawnUntil(['src-main/simulator/cli.ts', '--port', '0'], 'listening on');
    const sim = new Simulator(url, child);
    await sim.control('POST', '/sim/agents', AGENT);
    try {
      await use(sim);
    } finally {
      sim.stop();
    }
  },
  relay: async ({ sim, withRelay }, use) => {
    if (!withRelay) return use(null);
    const { child, url } = await spawnUntil(['src-main/relay/cli.ts', '--server', sim.url, '--listen', '127.0.0.1:0', '--poll-ms', '500'], /"wsUrl":"(ws:\/\/[^"]+)"/);
    const relay = new Relay(url, child);
    try {
      await use(relay);
    } finally {
      killGroup(child);
    }
  },
  app: async ({ page, sim, relay, backend, maxBlackoutSeconds }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-e2e-'));
    const settingsFile = join(dir, 'settings.json');
    const connection =
      backend === 'onprem'
        ? { backend: 'onprem', baseUrl: sim.url, agent: { kind: 'Phone', value: AGENT.agentPhone }, relayUrls: relay ? [relay.wsUrl] : [] }
        : backend === 'cxone'
          ? { backend: 'cxone', apiBaseUrl: sim.url, tokenUrl: `${sim.url}/auth/token`, clientId: 'recordkey-demo', accessKeyId: `AK${AGENT.agentId}`, userId: String(1234000 + AGENT.agentId) }
          : null;
    writeFileSync(settingsFile, JSON.stringify({ version: 2, connection, polling: { activeMs: 300, idleMs: 600, backoffBaseMs: 300, backoffMaxMs: 1200, jitter: 0 }, maxBlackoutSeconds, reminderSeconds: [5] }));
    const { child, url } = await spawnUntil(['src-main/web-harness/cli.ts', '--built', '--port', '0', '--settings', settingsFile, '--audit-dir', join(dir, 'audit')], 'renderer on', {
      RECORDKEY_CXONE_CLIENT_SECRET: 'demo-client-secret',
      RECORDKEY_CXONE_ACCESS_KEY_SECRET: `secret-${AGENT.agentId}`,
    });
    await page.goto(url);
    await expect(page.getByRole('status', { name: /Connection:/ })).toBeVisible();
    try {
      await use(page);
    } finally {
      killGroup(child);
    }
  },
});

export { expect };

export const control = (page: Page, name: string) => page.locator(`section[data-control="${name}"]`);

/** The pause's button: in the banner, always in view. `label` is Pause, Resume or Cancel pause (its hotkey follows in the name). */
export const pauseButton = (page: Page, label: string) => page.getByTestId('banner').getByRole('button', { name: new RegExp(`^${label}\\b`) });

/** Serious or critical accessibility violations on the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: an injected <script> would (rightly) be blocked by the CSP.
  await page.evaluate(axe.source);
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.count})`);
}

/**
 * Screenshots go to test-results/screenshots (ignored), so `npm test` leaves the work tree as it
 * found it; `npm run screenshots` points RECORDKEY_SCREENSHOTS at docs/screenshots to refresh
 * the README's. Taken at the viewport (what the agent sees), not the full page.
 */
export const SCREENSHOT_DIR = process.env.RECORDKEY_SCREENSHOTS ?? 'test-results/screenshots';
export const screenshot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
