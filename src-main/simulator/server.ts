/**
 * The simulator's HTTP server: the Recording API, CXone Record on Demand and the /sim/
 * control API on one port. Used standalone (`npm run simulator`), in-process for demo mode,
 * and by tests and benchmarks (port 0 on 127.0.0.1).
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { INTERACTIONS_DEFAULTS, RECORD_ON_DEMAND_DEFAULTS } from '../core/cxone-endpoint-defaults';
import { controlRoutes, type BrokerLink } from './control-routes';
import { CXONE_MUTATING_PATH, CxoneService, type CxoneOptions } from './cxone-routes';
import { DemoCallCycle, seedDemoAgents, type DemoPace } from './demo-cycle';
import { EventLog } from './event-log';
import { FaultTable, seededRandom, type FaultHit } from './faults';
import { text, type SimRequest, type SimResponse, type SimRoute } from './http-types';
import { MUTATING_PATH, recordingApiRoutes } from './recording-api-routes';
import { SimClock } from './sim-clock';
import { loadState, saveState } from './state-file';
import { SimWorld } from './world';

export interface SimulatorOptions {
  host?: string;
  port?: number;
  stateFile?: string;
  demo?: boolean;
  /** How many agents the demo seeds and cycles (default 3; benchmarks use thousands). */
  demoAgents?: number;
  /** How fast the demo's calls come and go: `site` is a contact centre's pace (demo-cycle.ts). */
  demoPace?: DemoPace;
  maxAgentBlackoutSeconds?: number;
  /** false: RecordingState never shows a blackout (see WorldOptions). */
  statusShowsBlackouts?: boolean;
  blackoutNeedsCall?: boolean;
  tokenTtlSeconds?: number;
  processingDelayMs?: number;
  cxone?: Partial<Pick<CxoneOptions, 'clientId' | 'clientSecret' | 'pathPrefix' | 'userIdParam' | 'statusPathPrefix' | 'statusUserIdParam'>>;
  /** Seed for rate-based faults. */
  seed?: number;
  /**
   * false: run pipelined requests side by side instead of in turn, as a server that does not
   * honour RFC 9112 §9.3.2 would (a pipelined read can then show the state from before a command).
   */
  pipelinedInTurn?: boolean;
  /** Where warnings go (an unreadable state file); defaults to stderr. */
  warn?: (message: string) => void;
  /** Set by a cluster (cluster.ts): the node's broker link, controlled under /sim/broker. */
  broker?: BrokerLink;
}

export interface RunningSimulator {
  url: string;
  port: number;
  world: SimWorld;
  clock: SimClock;
  close: () => Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** A body that starts like an agent status and stops half-way: what a broken proxy sends. */
const MALFORMED_BODY = '{"AgentId": 1001, "ActiveCall": {"CallInstance": "x", "Recordings": [{"Recor';
/** What an SSH server says first: a client that expects HTTP cannot parse it. */
const NOT_HTTP_GREETING = 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n';
/** A captive portal's login page, answered with 200 in place of the API. */
const LOGIN_PAGE = '<!DOCTYPE html><html><head><title>Network login</title></head><body><h1>Sign in to continue</h1><form method="post"><input name="user"></form></body></html>';
/** A reverse proxy's own error page, as nginx writes it. */
const gatewayPage = (status: number) => {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n`;
};

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) resolve(null);
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, result: SimResponse): void {
  const headers: Record<string, string> = { ...result.headers };
  let payload = '';
  if (typeof result.body === 'string') {
    headers['content-type'] ??= 'text/plain; charset=utf-8';
    payload = result.body;
  } else if (result.body !== undefined) {
    headers['content-type'] ??= 'application/json; charset=utf-8';
    payload = JSON.stringify(result.body);
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  response.writeHead(result.status, headers);
  response.end(payload);
}

async function route(routes: SimRoute[], request: Omit<SimRequest, 'params'>): Promise<SimResponse> {
  let pathMatched = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(request.path);
    if (!match) continue;
    pathMatched = true;
    if (candidate.method !== request.method) continue;
    return candidate.handler({ ...request, params: match.slice(1) });
  }
  return pathMatched ? text(405, `${request.method} is not allowed on ${request.path}`) : text(404, `no such endpoint: ${request.path}`);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const warn = options.warn ?? ((m: string) => process.stderr.write(`${m}\n`));
  const clock = new SimClock();
  const world = new SimWorld({ now: () => clock.now(), maxAgentBlackoutSeconds: options.maxAgentBlackoutSeconds ?? 0, statusShowsBlackouts: options.statusShowsBlackouts ?? true, blackoutNeedsCall: options.blackoutNeedsCall ?? false });
  let baseUrl = '';
  const cxone = new CxoneService(world, {
    clientId: options.cxone?.clientId ?? 'recordkey-demo',
    clientSecret: options.cxone?.clientSecret ?? 'demo-client-secret',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    processingDelayMs: options.processingDelayMs ?? 0,
    pathPrefix: options.cxone?.pathPrefix ?? RECORD_ON_DEMAND_DEFAULTS.pathPrefix,
    userIdParam: options.cxone?.userIdParam ?? RECORD_ON_DEMAND_DEFAULTS.userIdParam,
    statusPathPrefix: options.cxone?.statusPathPrefix ?? INTERACTIONS_DEFAULTS.pathPrefix,
    statusUserIdParam: options.cxone?.statusUserIdParam ?? INTERACTIONS_DEFAULTS.userIdParam,
    tenantId: 'recordkey-demo-tenant',
  });
  const faults = new FaultTable(seededRandom(options.seed ?? 42));
  const events = new EventLog();
  const persist = () => {
    if (options.stateFile) saveState(world, options.stateFile);
  };
  const demoCount = options.demoAgents ?? 3;
  const demoCycle = options.demo ? new DemoCallCycle(world, persist, demoCount, options.demoPace) : null;

  const reset = () => {
    world.removeAllAgents();
    world.setBehaviour({ statusShowsBlackouts: options.statusShowsBlackouts ?? true, blackoutNeedsCall: options.blackoutNeedsCall ?? false });
    cxone.reset();
    faults.clear();
    events.clear();
    if (options.demo) seedDemoAgents(world, demoCount);
    persist();
  };

  const loaded = options.stateFile ? loadState(world, options.stateFile) : { loaded: false };
  if ('warning' in loaded && loaded.warning) warn(loaded.warning);
  if (!loaded.loaded && options.demo) seedDemoAgents(world, demoCount);

  const apiRoutes = [...recordingApiRoutes(world), ...cxone.routes(() => baseUrl)];
  const simRoutes = controlRoutes({ world, cxone, faults, events, clock, reset, broker: options.broker ?? null });

  const handle = async (req: IncomingMessage, res: ServerResponse, pipelined: boolean): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);
    if (rawBody === null) return send(res, text(413, 'request body larger than 1 MiB'));
    const request = { method, path: url.pathname, query: url.searchParams, headers: req.headers, rawBody };

    if (/^\/sim\//i.test(url.pathname)) {
      const result = await route(simRoutes, request);
      if (result.status < 300) persist();
      return send(res, result);
    }

    const log = (status: number | 'dropped', fault: boolean) =>
      events.append({ at: new Date(clock.now()).toISOString(), method, path: url.pathname, query: url.search, body: rawBody, status, fault, ...(pipelined ? { pipelined: true as const } : {}) });
    const fault: FaultHit | null = faults.match(method, url.pathname);
    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault?.applied) {
      const carriedOut = await route(apiRoutes, request);
      if (carriedOut.status < 300 && (MUTATING_PATH.test(url.pathname) || CXONE_MUTATING_PATH.test(url.pathname))) persist();
    }
    if (fault?.drop) {
      log('dropped', true);
      req.socket.destroy();
      return;
    }
    if (fault?.notHttp) {
      log('dropped', true);
      req.socket.end(NOT_HTTP_GREETING);
      return;
    }
    if (fault?.html) {
      const status = fault.status ?? 200;
      log(status, true);
      return send(res, { status, body: status === 200 ? LOGIN_PAGE : gatewayPage(status), headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
    if (fault?.status !== undefined) {
      log(fault.status, true);
      return send(res, text(fault.status, `injected fault: ${fault.status}`));
    }
    if (fault?.malformed) {
      log(200, true);
      return send(res, { status: 200, body: MALFORMED_BODY, headers: { 'content-type': 'application/json' } });
    }

    const result = await route(apiRoutes, request);
    if (result.status < 300 && (MUTATING_PATH.test(url.pathname) || CXONE_MUTATING_PATH.test(url.pathname))) persist();
    log(result.status, false);
    send(res, result);
  };

  // HTTP/1.1 lets a client pipeline requests, and a server must answer them in order and may not
  // run them side by side when one of them changes state (RFC 9112 §9.3.2). Node answers in
  // order but would start a pipelined GET before an earlier POST's body has been read, so the
  // GET could show the state from before the command. Requests on one connection run in turn.
  const inTurn = new WeakMap<Socket, { tail: Promise<void>; open: number }>();
  const server = createServer((req, res) => {
    const connection = inTurn.get(req.socket) ?? { tail: Promise.resolve(), open: 0 };
    inTurn.set(req.socket, connection);
    const pipelined = connection.open > 0;
    connection.open += 1;
    const run = () =>
      handle(req, res, pipelined)
        .catch((error: unknown) => {
          if (!res.headersSent) send(res, text(500, `simulator error: ${(error as Error).message}`));
        })
        .finally(() => {
          connection.open -= 1;
        });
    if (options.pipelinedInTurn === false) void run();
    else connection.tail = connection.tail.then(run);
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  baseUrl = `http://${host}:${port}`;
  demoCycle?.start();

  return {
    url: baseUrl,
    port,
    world,
    clock,
    close: () =>
      new Promise<void>((resolve) => {
        demoCycle?.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
