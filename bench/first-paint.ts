/**
 * How long the status window takes to show the agent the recording state, in headless Chromium
 * (Debian's, as the tests use), against a blank page of the same shell, loads interleaved in
 * random order, each in a fresh browser context (no cache), from one local HTTP server.
 *
 * The window is the built renderer (dist/renderer, rebuilt first) with `window.recordkey`
 * answering a real AppState at once, as the preload does over IPC; "painted" is the first
 * animation frame after the banner is in the document, and, reported beside it, the first after
 * the whole window (the voice control's status) is. The blank page is index.html's own
 * head with a static banner and no script, timed the same way. Also: how the window's script
 * divides between packages (from Vite's source map of the built file).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { RecordingApiClient } from '../src-main/backends/onprem/recording-api-client';
import { createAgentCore } from '../src-main/core/agent-core';
import { MemoryAuditSink } from '../src-main/core/audit-log';
import type { AppState } from '../src-main/core/ipc-contract';
import { startSimulator } from '../src-main/simulator/server';
import { round, shuffle, summarize, type Summary } from './bench-kit';

const CHROMIUM = process.env.RECORDKEY_CHROMIUM ?? '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export type FirstPaintResult =
  | { skipped: string }
  | {
      loads: number;
      /** Navigation → the banner painted with the state (the first frame). */
      appMs: Summary;
      /** Navigation → the whole status window painted: the controls and tabs too. */
      wholeWindowMs: Summary;
      blankMs: Summary;
      ratio: { p50: number; p99: number };
      /** Minified bytes of the window's first script, and each package's share of it. */
      bundle: { bytes: number; shares: Array<{ source: string; bytes: number; percent: number }> };
    };

/** A state worth looking at: on a call, recording, a pause running. */
async function realState(): Promise<AppState> {
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, warn: () => {} });
  try {
    const post = (path: string, body: unknown) => fetch(sim.url + path, { method: 'POST', body: JSON.stringify(body) });
    await post('/sim/agents', { agentId: 7, agentPhone: '805003' });
    await post('/sim/agents/7/call', { record: true, ani: '02079460123', dnis: '08001234', direction: 'I' });
    const core = createAgentCore({ backend: new RecordingApiClient({ baseUrl: sim.url, agent: { kind: 'Id', value: '7' }, auth: { type: 'none' }, timeoutMs: 5000 }), agentLabel: 'Phone 805003', audit: new MemoryAuditSink() });
    core.start();
    await core.poller.pollNow();
    core.submit({ type: 'blackout', action: 'start' }, 'hotkey');
    await core.controller.idle();
    const state = core.getState();
    core.stop();
    return state;
  } finally {
    await sim.close();
  }
}

function serve(root: string, blank: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/blank.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(blank);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map segment's base64 VLQ fields. */
function vlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/**
 * Bytes of the built window script that each package (or folder of ours) accounts for, read from
 * Vite's own source map: each generated span is charged to the source its mapping names.
 */
function bundleShares(root: string, html: string): { bytes: number; shares: Array<{ source: string; bytes: number; percent: number }> } {
  const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)![1];
  const code = readFileSync(join(root, script), 'utf8').split('\n');
  const map = JSON.parse(readFileSync(join(root, `${script}.map`), 'utf8')) as { sources: string[]; mappings: string };
  const groups = new Map<string, number>();
  let source = 0;
  map.mappings.split(';').forEach((line, row) => {
    let column = 0;
    const spans = line.split(',').filter(Boolean).map((segment) => {
      const fields = vlq(segment);
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      return { column, source: fields.length > 1 ? source : -1 };
    });
    spans.forEach((span, i) => {
      const end = i + 1 < spans.length ? spans[i + 1].column : (code[row]?.length ?? span.column);
      const path = span.source >= 0 ? map.sources[span.source] : '(unmapped)';
      const key = path.includes('node_modules/') ? path.split('node_modules/').at(-1)!.split('/')[0] : path.replace(/^(\.\.\/)+/, '').split('/').slice(0, 2).join('/');
      groups.set(key, (groups.get(key) ?? 0) + end - span.column);
    });
  });
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  return { bytes: total, shares: [...groups].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ source: name, bytes, percent: round((100 * bytes) / total) })) };
}

export async function firstPaint(quick: boolean): Promise<FirstPaintResult> {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (apt-get install chromium, or set RECORDKEY_CHROMIUM)` };
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const root = join(process.cwd(), 'dist', 'renderer');
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  // The same head (CSP, stylesheet), a static banner, no script.
  const blank = html.replace(/<script[^>]*><\/script>/g, '').replace(/<div id="root">.*?<\/div>/s, '<div id="root"><div class="banner" data-testid="banner"><p class="banner-headline">RECORDING</p></div></div>');
  const state = await realState();
  const server = await serve(root, blank);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  // Resolves on the first animation frame after `selector` is in the document.
  const timing = `
    const paintedOnceThere = (selector) => new Promise((resolve) => {
      const seen = () => document.querySelector(selector);
      const done = () => requestAnimationFrame(() => resolve(performance.now()));
      const watch = () => (seen() ? done() : new MutationObserver((_, observer) => { if (seen()) { observer.disconnect(); done(); } }).observe(document, { childList: true, subtree: true }));
      if (document.documentElement) watch(); else document.addEventListener('readystatechange', watch, { once: true });
    });
    window.__painted = paintedOnceThere('[data-testid=banner]');
    window.__wholeWindow = paintedOnceThere('[data-testid=voice-status]');`;
  const bridge = `
    const state = ${JSON.stringify(state)};
    window.recordkey = {
      getState: async () => state,
      onState: () => () => {},
      send: async () => ({ accepted: true, reason: null }),
      getHistory: async () => [],
      getSettings: () => new Promise(() => {}),
      setSettings: async () => ({ ok: true }),
      findAgents: async () => ({ ok: true, agents: [] }),
      testConnection: async () => ({ checks: [] }),
    };`;
  const samples = { app: [] as number[], wholeWindow: [] as number[], blank: [] as number[] };
  try {
    const loads = quick ? 10 : 40;
    for (let i = 0; i < loads + 2; i++) {
      for (const which of shuffle(['app', 'blank'] as const)) {
        const context = await browser.newContext({ viewport: { width: 380, height: 600 } });
        const page = await context.newPage();
        await page.addInitScript(timing + (which === 'app' ? bridge : ''));
        await page.goto(`${base}/${which === 'app' ? 'index.html' : 'blank.html'}`);
        const ms = await page.evaluate(() => (window as unknown as { __painted: Promise<number> }).__painted);
        const wholeMs = which === 'app' ? await page.evaluate(() => (window as unknown as { __wholeWindow: Promise<number> }).__wholeWindow) : null;
        // The first two rounds warm Chromium up; they are not counted.
        if (i >= 2) samples[which].push(ms);
        if (i >= 2 && wholeMs !== null) samples.wholeWindow.push(wholeMs);
        await context.close();
      }
    }
    const app = summarize(samples.app);
    const blankMs = summarize(samples.blank);
    return { loads, appMs: app, wholeWindowMs: summarize(samples.wholeWindow), blankMs, ratio: { p50: round(app.p50 / blankMs.p50, 2), p99: round(app.p99 / blankMs.p99, 2) }, bundle: bundleShares(root, html) };
  } finally {
    await browser.close();
    server.close();
  }
}
