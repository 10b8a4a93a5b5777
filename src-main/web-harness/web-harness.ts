/**
 * The browser harness (`npm run dev:web`): the real runtime in Node (simulator and core),
 * the renderer served to any browser, and the Bridge over a WebSocket with the same zod
 * contract as Electron's IPC. Built mode serves dist/renderer with the production CSP (what
 * the Playwright suite tests); dev mode runs Vite in middleware mode for hot reload.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { BridgeRequestSchema, type BridgeMessage } from '../core/bridge-protocol';
import { RENDERER_CSP } from '../core/content-security-policy';
import { NO_POLICY, readPolicy } from '../settings/admin-policy';
import { RecordKeyRuntime } from '../runtime/recordkey-runtime';
import { memoryInFile } from '../runtime/runtime-memory';
import type { Secrets } from '../settings/settings-schema';
import { secretsInMemory, settingsInMemoryOrFile } from './memory-persistence';

export interface WebHarnessOptions {
  host?: string;
  port?: number;
  /** Serve the built renderer (dist/renderer) instead of Vite's dev server. */
  built?: boolean;
  settingsFile?: string | null;
  policyFile?: string | null;
  auditDir?: string | null;
  /** Secrets to start with (kept in memory only). */
  secrets?: Secrets;
}

export interface RunningHarness {
  url: string;
  runtime: RecordKeyRuntime;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.json': 'application/json',
};

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://harness').pathname;
  const file = normalize(join(root, path === '/' ? 'index.html' : decodeURIComponent(path)));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': RENDERER_CSP, 'x-content-type-options': 'nosniff' });
  res.end(readFileSync(file));
}

export async function startWebHarness(options: WebHarnessOptions = {}): Promise<RunningHarness> {
  const policyText = options.policyFile && existsSync(options.policyFile) ? readFileSync(options.policyFile, 'utf8') : null;
  const runtime = await RecordKeyRuntime.start({
    settings: settingsInMemoryOrFile(options.settingsFile ?? null),
    secrets: secretsInMemory(options.secrets),
    policy: options.policyFile ? readPolicy(policyText, options.policyFile) : NO_POLICY,
    auditDir: options.auditDir ?? null,
    memory: options.auditDir ? memoryInFile(join(options.auditDir, 'recording-state.json')) : undefined,
  });

  const root = resolve('dist/renderer');
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  let closeVite = async () => {};
  if (options.built) {
    if (!existsSync(join(root, 'index.html'))) throw new Error('dist/renderer is missing: run `npx vite build` first');
    handler = (req, res) => serveStatic(root, req, res);
  } else {
    const { createServer: createVite } = await import('vite');
    // Hot reload rides on this server's own port, so the page's CSP (connect-src 'self') allows it.
    const vite = await createVite({ server: { middlewareMode: true, hmr: { server } }, appType: 'spa' });
    handler = (req, res) => vite.middlewares(req, res);
    closeVite = () => vite.close();
  }
  let origin = '';
  // Only the harness's own page may drive recording: any other site the agent has open could
  // otherwise open a WebSocket to 127.0.0.1 and send intents.
  const sockets = new WebSocketServer({ noServer: true, verifyClient: ({ origin: o }: { origin: string }) => o === origin });
  sockets.on('connection', (socket) => serveBridge(socket, runtime));
  // /bridge is ours; any other upgrade (Vite's hot reload) is left to its own listener.
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://harness').pathname === '/bridge') sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url: origin,
    runtime,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await closeVite();
      await runtime.stop();
    },
  };
}

function serveBridge(socket: WebSocket, runtime: RecordKeyRuntime): void {
  const send = (message: BridgeMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = runtime.subscribe((state) => send({ type: 'state', state }));
  socket.on('close', () => unsubscribe.dispose());
  socket.on('message', async (data) => {
    let raw: unknown;
    try {
      raw = JSON.parse(String(data));
    } catch {
      return send({ type: 'error', id: null, message: 'not JSON' });
    }
    const request = BridgeRequestSchema.safeParse(raw);
    if (!request.success) return send({ type: 'error', id: (raw as { id?: number })?.id ?? null, message: `not a valid bridge request: ${request.error.issues[0].message}` });
    const r = request.data;
    switch (r.method) {
      case 'getState':
        return send({ type: 'reply', id: r.id, result: runtime.getState() });
      case 'send':
        return send({ type: 'reply', id: r.id, result: runtime.send(r.intent, 'window') });
      case 'getHistory':
        return send({ type: 'reply', id: r.id, result: runtime.history(r.count) });
      case 'verifyAudit':
        return send({ type: 'reply', id: r.id, result: runtime.verifyAudit() });
      case 'getSettings':
        return send({ type: 'reply', id: r.id, result: runtime.settingsView() });
      case 'setSettings':
        return send({ type: 'reply', id: r.id, result: await runtime.updateSettings(r.patch) });
      case 'findAgents':
        return send({ type: 'reply', id: r.id, result: await runtime.findAgents(r.request) });
      case 'testConnection':
        return send({ type: 'reply', id: r.id, result: await runtime.testConnection(r.patch) });
    }
  });
}
