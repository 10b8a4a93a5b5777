/**
 * `npm run relay -- [options]`, parsed with zod into RelayOptions. Secrets (the Recording API
 * password, the relay's token, a broker URL with a password) come from the environment or a
 * file, never from the command line, where other users can read them in the process list.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { FailoverPolicySchema } from '../core/failover-policy';
import { DEFAULT_REQUEST_TIMEOUT_MS, HttpUrlSchema, RequestTimeoutSchema } from '../core/http-url-schema';
import type { RelayOptions } from './start-relay';

export const RELAY_USAGE = `usage: npm run relay -- --server URL [--server URL …] [options]

The site relay: polls GET /api/Agent/GetAll once a second from the Recording API servers and
pushes each subscribed RecordKey desktop its own agent's state over a WebSocket (ws[s]://HOST:PORT/v1/agents).
Read-only: it never sends a command. Logs are JSON lines on stdout.

options:
  --server URL          a Recording API server (repeat for the site's others, in order: the relay
                        moves to the next when the current one stops answering, as desktops do)
  --listen HOST:PORT    where desktops connect (default 127.0.0.1:8765; 0.0.0.0:8765 for the site)
  --poll-ms MS          GetAll period (default 1000, at least 250)
  --timeout MS          one GetAll's time limit (default 5000)
  --user NAME           HTTP Basic user for the Recording API; password from RECORDKEY_PASSWORD
  --auth-header NAME    a header carrying credentials; value from RECORDKEY_AUTH_HEADER_VALUE
  --ca-file PEM         the company CA for the Recording API's certificate (TLS is always verified)
  --tls-cert PEM        serve wss:// and https:// with this certificate …
  --tls-key PEM         … and its key
  --token-file FILE     desktops must give this shared token (or set RECORDKEY_RELAY_TOKEN)
  --max-connections N   refuse connections beyond N (default 20000)
  --amqp URL            run as one of several replicas behind one name: RabbitMQ elects the one
                        that polls, and the others serve from what it publishes
                        (or set RECORDKEY_RELAY_AMQP_URL, for a URL with a password)
  --snapshot-every-ms MS   replicas: how often the poller publishes every agent (default 5000)
  --help                this text

endpoints: /v1/agents (WebSocket, protocol in README "Relay protocol"), /healthz (200 while its
           data is fresh, else 503), /metrics (Prometheus)`;

export type RelayArgs = { ok: true; options: Omit<RelayOptions, 'log'> } | { ok: false; help: boolean; message: string };

const ListenSchema = z
  .string()
  .regex(/^(\[[0-9a-fA-F:]+\]|[^:\s]+):\d{1,5}$/, 'HOST:PORT, e.g. 0.0.0.0:8765')
  .transform((s) => {
    const at = s.lastIndexOf(':');
    return { host: s.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(s.slice(at + 1)) };
  })
  .refine((l) => l.port <= 65535, 'the port is at most 65535');

const ArgsSchema = z.object({
  server: z.array(HttpUrlSchema).min(1, 'give at least one Recording API server').max(8),
  listen: z.string().default('127.0.0.1:8765').pipe(ListenSchema),
  'poll-ms': z.coerce.number().int().min(250).max(60_000).default(1000),
  timeout: z.coerce.number().pipe(RequestTimeoutSchema.unwrap()).optional(),
  user: z.string().min(1).optional(),
  'auth-header': z.string().regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name').optional(),
  'ca-file': z.string().min(1).optional(),
  'tls-cert': z.string().min(1).optional(),
  'tls-key': z.string().min(1).optional(),
  'token-file': z.string().min(1).optional(),
  'max-connections': z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  amqp: z.string().regex(/^amqps?:\/\//, 'an amqp:// or amqps:// URL').optional(),
  'snapshot-every-ms': z.coerce.number().int().min(1000).max(600_000).default(5000),
});

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `--${String(issue.path[0] ?? '')}: ${issue.message}`;
}

function readSecretFile(option: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new Error(`${option}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export function parseRelayArgs(argv: string[], env: NodeJS.ProcessEnv): RelayArgs {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        server: { type: 'string', multiple: true },
        listen: { type: 'string' },
        'poll-ms': { type: 'string' },
        timeout: { type: 'string' },
        user: { type: 'string' },
        'auth-header': { type: 'string' },
        'ca-file': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'token-file': { type: 'string' },
        'max-connections': { type: 'string' },
        amqp: { type: 'string' },
        'snapshot-every-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { ok: false, help: false, message: (error as Error).message };
  }
  if (values.help) return { ok: false, help: true, message: RELAY_USAGE };
  const parsed = ArgsSchema.safeParse({ server: [], ...values });
  if (!parsed.success) return { ok: false, help: false, message: firstIssue(parsed.error) };
  const a = parsed.data;
  if (Boolean(a['tls-cert']) !== Boolean(a['tls-key'])) return { ok: false, help: false, message: '--tls-cert and --tls-key go together: the certificate and its key' };
  if (a.user && env.RECORDKEY_PASSWORD === undefined) return { ok: false, help: false, message: '--user: set RECORDKEY_PASSWORD to the password (it never goes on the command line)' };
  if (a['auth-header'] && !env.RECORDKEY_AUTH_HEADER_VALUE) return { ok: false, help: false, message: '--auth-header: set RECORDKEY_AUTH_HEADER_VALUE to its value' };
  try {
    const token = a['token-file'] ? readSecretFile('--token-file', a['token-file']) : env.RECORDKEY_RELAY_TOKEN || undefined;
    if (token !== undefined && token.length < 16) return { ok: false, help: false, message: 'the relay token is shorter than 16 characters: use a long random one (openssl rand -hex 24)' };
    const tls = a['tls-cert'] && a['tls-key'] ? { cert: readSecretFile('--tls-cert', a['tls-cert']), key: readSecretFile('--tls-key', a['tls-key']) } : undefined;
    const amqpUrl = a.amqp ?? (env.RECORDKEY_RELAY_AMQP_URL || undefined);
    if (amqpUrl !== undefined && !/^amqps?:\/\//.test(amqpUrl)) return { ok: false, help: false, message: 'RECORDKEY_RELAY_AMQP_URL: an amqp:// or amqps:// URL' };
    return {
      ok: true,
      options: {
        servers: a.server,
        auth: a.user
          ? { type: 'basic', username: a.user, password: env.RECORDKEY_PASSWORD ?? '' }
          : a['auth-header']
            ? { type: 'header', name: a['auth-header'], value: env.RECORDKEY_AUTH_HEADER_VALUE ?? '' }
            : { type: 'none' },
        timeoutMs: a.timeout ?? DEFAULT_REQUEST_TIMEOUT_MS,
        extraCaFile: a['ca-file'],
        failover: FailoverPolicySchema.parse({}),
        pollEveryMs: a['poll-ms'],
        host: a.listen.host,
        port: a.listen.port,
        tls,
        token,
        maxConnections: a['max-connections'],
        amqpUrl,
        fullSnapshotEveryMs: a['snapshot-every-ms'],
      },
    };
  } catch (error) {
    return { ok: false, help: false, message: (error as Error).message };
  }
}
