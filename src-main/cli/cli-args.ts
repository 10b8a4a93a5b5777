/**
 * Arguments of `npm run cli -- [options] <command>`, parsed with zod into one typed request.
 * Secrets never come from the command line (other users can read it in the process list):
 * they come from environment variables, named in USAGE.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { BackendConfigSchema, type BackendConfig } from '../backends/backend-config';
import { IDENTIFIER_KINDS } from '../core/agent-snapshot';
import { INTERACTIONS_DEFAULTS, RECORD_ON_DEMAND_DEFAULTS } from '../core/cxone-endpoint-defaults';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../core/http-url-schema';
import { CallDataSchema, IntentSchema } from '../core/ipc-contract';
import type { Intent } from '../core/ipc-contract';

export const USAGE = `usage: npm run cli -- [--server URL] [--backend onprem|cxone] [--agent KIND=VALUE]
                     [--json] [--timeout MS] <command>

  --timeout MS bounds the whole command, retries included (default 30000); the text
  output prints "unknown" wherever RecordKey cannot know the state.

commands:
  status                         the agent's call and recording state
  watch                          print the state whenever it changes (Ctrl+C to stop)
  record start|stop|update       voice recording (update adds call data: --meta)
  duplicate start|stop           a duplicate of the call's recording
  screen start|stop|update       screen recording
  blackout start|stop            pause the recording for sensitive data  [--for SECONDS]
                                 [--start-time T] [--stop-time T] [--time-offset SECONDS]
  do-not-record                  the customer declined recording (CXone; cannot be undone)
  doctor                         check the server, the credentials and the agent, and say what to fix
  agents                         the agents the Recording API knows (their ids, user names, phones)
  audit verify [FILE|FOLDER]     check the audit log's hash chain (default: this computer's RecordKey
                                 audit folder); names the line that breaks it, exit 6 if one does

options:
  --server URL          the Recording API (onprem) or the CXone API host (cxone); on-premise,
                        repeat it for the site's other servers, in order: RecordKey moves to
                        the next when the current one stops answering
  --tenant ID           CXone: look the API host up from the tenant id instead of --server
  --agent KIND=VALUE    KIND is one of ${IDENTIFIER_KINDS.join(', ')}, e.g. Phone=805003
  --meta KEY=VALUE      call data, user1 … user15 (repeatable)
  --call-id ID          the CallIdentifier naming a recording or call
  --user NAME           HTTP Basic user for the Recording API; password from RECORDKEY_PASSWORD
  --auth-header NAME    a header carrying credentials; value from RECORDKEY_AUTH_HEADER_VALUE
  --ca-file PEM         an extra certificate authority (TLS is always verified)
  --relay URL           onprem: the site relay (ws:// or wss://; repeatable); doctor says whether
                        the status would come via it; token from RECORDKEY_RELAY_TOKEN
  --pipelining          onprem: send the confirming status read behind each command on one
                        connection (HTTP/1.1 pipelining; RecordKey falls back where it fails)
  --cxone-user ID       the CXone user id (default: RECORDKEY_CXONE_USER_ID)
  --token-url URL       CXone token endpoint (default: https://cxone.niceincontact.com/auth/token)
  --status-server URL   a Recording API that reports the agent's calls instead of CXone's status
  --cxone-prefix P      Record on Demand version segment, e.g. /v1  --cxone-user-param user-id|userId
  --cxone-status-prefix P   mask/status version segment (default /v1)
  --cxone-status-user-param user-id|userId   (default userId)
  CXone secrets: RECORDKEY_CXONE_CLIENT_ID, RECORDKEY_CXONE_CLIENT_SECRET,
                 RECORDKEY_CXONE_ACCESS_KEY_ID, RECORDKEY_CXONE_ACCESS_KEY_SECRET

exit codes: 0 done, 2 usage, 3 not found (agent or active call), 4 server error, unreachable
            or timeout, 5 not authorized, 6 the audit log does not verify`;

export type CliRequest =
  | { kind: 'status' | 'watch' | 'doctor'; json: boolean; backend: BackendConfig }
  /** The agents the Recording API knows (GET /api/Agent/GetAll), for admins setting RecordKey up. */
  | { kind: 'agents'; json: boolean; backend: Extract<BackendConfig, { backend: 'onprem' }> }
  | { kind: 'intent'; json: boolean; backend: BackendConfig; name: string; intent: Intent; scheduleStopAfter?: number; timeoutMs: number }
  /** Checks an audit log's chain; `path` null: this computer's RecordKey audit folder. */
  | { kind: 'audit-verify'; json: boolean; path: string | null };

export type ParsedCli = { ok: true; request: CliRequest } | { ok: false; message: string };

const KeyValue = z.string().regex(/^[^=]+=.*$/, 'expected KEY=VALUE');

function splitPair(s: string): [string, string] {
  const at = s.indexOf('=');
  return [s.slice(0, at), s.slice(at + 1)];
}

/** What each option takes, for "--server needs a value: …". */
const OPTION_TAKES: Record<string, string> = {
  server: 'the address of the recording server, e.g. https://recording.example.com',
  backend: 'onprem or cxone',
  agent: 'KIND=VALUE, e.g. Phone=805003',
  timeout: 'a number of milliseconds from 500 to 300000',
  meta: 'KEY=VALUE, e.g. user2=1234567890',
  'call-id': 'the CallIdentifier of a recording or call',
  for: 'a number of seconds from 1 to 3600',
  'start-time': 'a date and time with its offset, e.g. 2026-11-21T10:00:00+00:00',
  'stop-time': 'a date and time with its offset, e.g. 2026-11-21T10:00:00+00:00',
  'time-offset': 'a whole number of seconds',
  user: 'a user name (the password comes from RECORDKEY_PASSWORD)',
  'auth-header': 'a header name (its value comes from RECORDKEY_AUTH_HEADER_VALUE)',
  'ca-file': 'the path of a PEM file',
  relay: 'the site relay, e.g. wss://relay.example.com:8765/v1/agents',
  'cxone-user': 'the CXone user id',
  'token-url': 'the CXone token endpoint, e.g. https://cxone.niceincontact.com/auth/token',
  'status-server': 'the address of a Recording API that reports the calls',
  'cxone-prefix': 'a version segment such as /v1, or nothing',
  'cxone-user-param': 'user-id or userId',
  'cxone-status-prefix': 'a version segment such as /v1',
  'cxone-status-user-param': 'user-id or userId',
  tenant: 'the CXone tenant id',
};

/** The option a settings field came from, so an error names what the person typed. */
const OPTION_FOR_FIELD: Record<string, string> = { baseUrl: '--server', 'failoverUrls.0': '--server', 'failoverUrls.1': '--server', 'failoverUrls.2': '--server', failoverUrls: '--server', apiBaseUrl: '--server', 'statusServer.baseUrl': '--status-server', tokenUrl: '--token-url', agent: '--agent', 'agent.kind': '--agent', 'agent.value': '--agent', backend: '--backend', extraCaFile: '--ca-file', relayUrls: '--relay', 'relayUrls.0': '--relay', 'relayUrls.1': '--relay', 'relayUrls.2': '--relay', 'relayUrls.3': '--relay' };
const URL_FIELDS = new Set(['baseUrl', 'apiBaseUrl', 'statusServer.baseUrl', 'tokenUrl', 'failoverUrls.0', 'failoverUrls.1', 'failoverUrls.2']);

/** One line in RecordKey's words for the first thing wrong, naming the option it came from. */
function firstIssue(error: z.ZodError, prefix: string, given: Record<string, unknown> = {}): string {
  const issue = error.issues[0];
  const field = issue.path.join('.');
  const option = OPTION_FOR_FIELD[field];
  if (option && URL_FIELDS.has(field)) {
    const value = issue.path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k as string], given);
    return `${option}: the server address must start with http:// or https://${typeof value === 'string' ? ` (got "${value}")` : ''}`;
  }
  if (option) return `${option}: ${issue.message}`;
  return `${prefix}${field ? `${field}: ` : ''}${issue.message}`;
}

/** node:util's parse errors, in RecordKey's words: which option, and what it takes. */
function parseError(error: NodeJS.ErrnoException): string {
  const option = error.message.match(/'(-{1,2}[\w-]+)/)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}: run with --help for the options`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const takes = OPTION_TAKES[option.replace(/^-+/, '')];
    return `${option} needs a value${takes ? `: ${takes}` : ''}`;
  }
  return error.message;
}

const COMMANDS = 'status, watch, record, duplicate, screen, blackout, do-not-record, doctor, agents or audit';

export function parseCli(argv: string[], env: Record<string, string | undefined>): ParsedCli {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        server: { type: 'string', multiple: true },
        backend: { type: 'string', default: 'onprem' },
        agent: { type: 'string' },
        json: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '30000' },
        meta: { type: 'string', multiple: true },
        'call-id': { type: 'string' },
        for: { type: 'string' },
        'start-time': { type: 'string' },
        'stop-time': { type: 'string' },
        'time-offset': { type: 'string' },
        user: { type: 'string' },
        'auth-header': { type: 'string' },
        'ca-file': { type: 'string' },
        relay: { type: 'string', multiple: true },
        pipelining: { type: 'boolean', default: false },
        'cxone-user': { type: 'string' },
        'token-url': { type: 'string' },
        'status-server': { type: 'string' },
        'cxone-prefix': { type: 'string', default: RECORD_ON_DEMAND_DEFAULTS.pathPrefix },
        'cxone-user-param': { type: 'string', default: RECORD_ON_DEMAND_DEFAULTS.userIdParam },
        'cxone-status-prefix': { type: 'string', default: INTERACTIONS_DEFAULTS.pathPrefix },
        'cxone-status-user-param': { type: 'string', default: INTERACTIONS_DEFAULTS.userIdParam },
        tenant: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { ok: false, message: parseError(error as NodeJS.ErrnoException) };
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const [command, action, ...extra] = parsed.positionals;
  // "--agent status" takes the command as the agent: say so, rather than "give a command".
  const agentGiven = v.agent as string | undefined;
  if (agentGiven !== undefined && !KeyValue.safeParse(agentGiven).success) {
    return { ok: false, message: `--agent needs KIND=VALUE, e.g. Phone=805003 (got "${agentGiven}"${command ? '' : '; was the value left out?'})` };
  }
  if (v.help || !command) return { ok: false, message: `give a command: ${COMMANDS}` };
  // Reads a file on this computer: no server, no agent.
  if (command === 'audit') {
    if (action !== 'verify') return { ok: false, message: 'audit needs: verify [FILE or FOLDER]' };
    if (extra.length > 1) return { ok: false, message: `unexpected argument: ${extra.slice(1).join(' ')}` };
    return { ok: true, request: { kind: 'audit-verify', json: v.json === true, path: extra[0] ?? null } };
  }
  if (extra.length) return { ok: false, message: `unexpected argument: ${extra.join(' ')}` };
  const servers = (v.server as string[] | undefined) ?? [];
  if (v.backend === 'cxone' && servers.length > 1) return { ok: false, message: '--server once for CXone: it is one API host' };
  if (!servers.length && !(v.backend === 'cxone' && v.tenant)) return { ok: false, message: '--server is required: the address of the recording server (for CXone, or --tenant ID)' };

  const timeout = z.coerce.number().int().min(500).max(300_000).safeParse(v.timeout);
  if (!timeout.success) return { ok: false, message: '--timeout: a number of milliseconds from 500 to 300000' };
  // One request never waits longer than the whole command may take.
  const requestTimeoutMs = Math.min(timeout.data, DEFAULT_REQUEST_TIMEOUT_MS);

  const agentArg = v.agent as string | undefined;
  const agentPair = agentArg !== undefined ? KeyValue.safeParse(agentArg) : null;
  if (agentPair && !agentPair.success) return { ok: false, message: `--agent: expected KIND=VALUE, e.g. Phone=805003` };
  const agent = agentArg ? { kind: IDENTIFIER_KINDS.find((k) => k.toLowerCase() === splitPair(agentArg)[0].toLowerCase()) ?? splitPair(agentArg)[0], value: splitPair(agentArg)[1] } : undefined;

  const auth = v.user
    ? { type: 'basic', username: v.user, password: env.RECORDKEY_PASSWORD ?? '' }
    : v['auth-header']
      ? { type: 'header', name: v['auth-header'], value: env.RECORDKEY_AUTH_HEADER_VALUE ?? '' }
      : { type: 'none' };

  const rawConfig =
    v.backend === 'cxone'
      ? {
          backend: 'cxone',
          apiBaseUrl: servers[0],
          tenantId: v.tenant,
          tokenUrl: v['token-url'] ?? 'https://cxone.niceincontact.com/auth/token',
          clientId: env.RECORDKEY_CXONE_CLIENT_ID ?? '',
          clientSecret: env.RECORDKEY_CXONE_CLIENT_SECRET ?? '',
          accessKeyId: env.RECORDKEY_CXONE_ACCESS_KEY_ID ?? '',
          accessKeySecret: env.RECORDKEY_CXONE_ACCESS_KEY_SECRET ?? '',
          userId: v['cxone-user'] ?? env.RECORDKEY_CXONE_USER_ID ?? '',
          pathPrefix: v['cxone-prefix'],
          userIdParam: v['cxone-user-param'],
          statusPathPrefix: v['cxone-status-prefix'],
          statusUserIdParam: v['cxone-status-user-param'],
          statusServer: v['status-server'] ? { baseUrl: v['status-server'], agent, auth } : undefined,
          timeoutMs: requestTimeoutMs,
          extraCaFile: v['ca-file'],
        }
      : { backend: v.backend, baseUrl: servers[0], failoverUrls: servers.slice(1), relayUrls: v.relay ?? [], relayToken: env.RECORDKEY_RELAY_TOKEN || undefined, agent, auth, timeoutMs: requestTimeoutMs, extraCaFile: v['ca-file'], pipelining: v.pipelining };
  if (command === 'agents' && v.backend !== 'cxone') {
    // No agent needed to list them all.
    const listing = BackendConfigSchema.safeParse({ ...(rawConfig as object), agent: agent ?? { kind: 'Id', value: '0' } });
    if (!listing.success) return { ok: false, message: firstIssue(listing.error, '', rawConfig) };
    if (action) return { ok: false, message: 'agents takes no action' };
    return { ok: true, request: { kind: 'agents', json: v.json === true, backend: listing.data as Extract<BackendConfig, { backend: 'onprem' }> } };
  }
  if (command === 'agents') return { ok: false, message: 'agents lists the agents of an on-premise Recording API (--backend onprem)' };
  if (v.backend === 'onprem' && !agent) return { ok: false, message: '--agent is required: KIND=VALUE, e.g. Phone=805003' };
  const config = BackendConfigSchema.safeParse(rawConfig);
  if (!config.success) return { ok: false, message: firstIssue(config.error, '', rawConfig) };
  const json = v.json === true;
  const backend = config.data;

  if (command === 'status' || command === 'watch' || command === 'doctor') {
    if (action) return { ok: false, message: `${command} takes no action` };
    return { ok: true, request: { kind: command, json, backend } };
  }

  const metaArgs = (v.meta as string[] | undefined) ?? [];
  const badMeta = metaArgs.find((m) => !KeyValue.safeParse(m).success);
  if (badMeta) return { ok: false, message: `--meta ${badMeta}: expected KEY=VALUE, e.g. user2=1234567890` };
  const metadataRaw = metaArgs.length ? Object.fromEntries(metaArgs.map(splitPair)) : undefined;
  const metadata = metadataRaw ? CallDataSchema.safeParse(metadataRaw) : undefined;
  if (metadata && !metadata.success) return { ok: false, message: firstIssue(metadata.error, '--meta ') };
  const callIdentifier = v['call-id'] as string | undefined;
  const name = [command, action].filter(Boolean).join(' ');
  const needAction = (allowed: string[]) =>
    action && allowed.includes(action) ? null : `${command} needs one of: ${allowed.join(', ')}`;

  let intent: unknown;
  let scheduleStopAfter: number | undefined;
  switch (command) {
    case 'record': {
      const bad = needAction(['start', 'stop', 'update']);
      if (bad) return { ok: false, message: bad };
      if (action === 'update') {
        if (!metadata) return { ok: false, message: 'record update needs --meta KEY=VALUE' };
        intent = { type: 'call-data', target: 'voice', metadata: metadata.data, callIdentifier };
      } else intent = { type: 'voice', action, callIdentifier, metadata: metadata?.data };
      break;
    }
    case 'screen': {
      const bad = needAction(['start', 'stop', 'update']);
      if (bad) return { ok: false, message: bad };
      if (action === 'update') {
        if (!metadata) return { ok: false, message: 'screen update needs --meta KEY=VALUE' };
        intent = { type: 'call-data', target: 'screen', metadata: metadata.data };
      } else intent = { type: 'screen', action, metadata: metadata?.data };
      break;
    }
    case 'duplicate': {
      const bad = needAction(['start', 'stop']);
      if (bad) return { ok: false, message: bad };
      intent = { type: 'duplicate', action, callIdentifier };
      break;
    }
    case 'blackout': {
      const bad = needAction(['start', 'stop']);
      if (bad) return { ok: false, message: bad };
      const seconds = v.for === undefined ? undefined : z.coerce.number().int().min(1).max(3600).safeParse(v.for);
      if (seconds && !seconds.success) return { ok: false, message: '--for: a number of seconds from 1 to 3600' };
      if (seconds && action !== 'start') return { ok: false, message: '--for goes with blackout start' };
      const offset = v['time-offset'] === undefined ? undefined : z.coerce.number().int().safeParse(v['time-offset']);
      if (offset && !offset.success) return { ok: false, message: '--time-offset: a whole number of seconds' };
      scheduleStopAfter = seconds?.data;
      intent = { type: 'blackout', action, forSeconds: seconds?.data, startTime: v['start-time'], stopTime: v['stop-time'], timeOffset: offset?.data };
      break;
    }
    case 'do-not-record':
      if (action) return { ok: false, message: 'do-not-record takes no action' };
      intent = { type: 'do-not-record', confirmed: true };
      break;
    default:
      return { ok: false, message: `unknown command "${command}": the commands are ${COMMANDS}` };
  }
  const checked = IntentSchema.safeParse(intent);
  if (!checked.success) return { ok: false, message: firstIssue(checked.error, `${name}: `) };
  return { ok: true, request: { kind: 'intent', json, backend, name, intent: checked.data, scheduleStopAfter, timeoutMs: timeout.data } };
}
