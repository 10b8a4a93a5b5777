/**
 * The command-line front end over the same core the tray app runs: one poll, the command
 * through the controller (so retries and confirmation are identical), the result in words or
 * JSON, and an exit code scripts can branch on.
 */
import { agentLabelOf, createBackend, type BackendConfig } from '../backends/backend-config';
import type { BackendErrorKind } from '../core/result';
import { CXONE_PERMISSIONS, type CxoneClient } from '../backends/cxone/cxone-client';
import { createAgentCore, type AgentCore } from '../core/agent-core';
import { MemoryAuditSink, type AuditSink } from '../core/audit-log';
import { describeControl } from '../core/control-state';
import type { AppState, ControlName, Intent } from '../core/ipc-contract';
import { RetryPolicySchema } from '../core/retry-policy';
import type { AgentSnapshot } from '../core/agent-snapshot';
import { observeSnapshot, vocabularyWith } from '../core/recording-vocabulary';
import { parseCli, USAGE, type CliRequest } from './cli-args';
import { formatStatus, statusJson } from './format-status';

export const EXIT = { done: 0, usage: 2, notFound: 3, server: 4, unauthorized: 5 } as const;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Ends `watch`; the entry point wires it to Ctrl+C. */
  stop?: AbortSignal;
  audit?: AuditSink;
}

export function exitCodeFor(kind: string | null | undefined): number {
  switch (kind as BackendErrorKind | 'unconfirmed' | null | undefined) {
    case 'not-found':
      return EXIT.notFound;
    case 'unauthorized':
      return EXIT.unauthorized;
    case 'refused-locally':
      return EXIT.usage;
    default:
      return EXIT.server;
  }
}

function connectionExit(state: AppState): number {
  switch (state.connection.status) {
    case 'connected':
    case 'no-status':
      return EXIT.done;
    case 'agent-unknown':
      return EXIT.notFound;
    case 'unauthorized':
      return EXIT.unauthorized;
    default:
      return EXIT.server;
  }
}

/** `timeoutMs` bounds a command's retries too (the CLI's --timeout is for the whole command). */
function buildCore(config: BackendConfig, io: CliIo, timeoutMs?: number): AgentCore {
  const retry = timeoutMs ? RetryPolicySchema.parse({ deadlineMs: Math.max(1000, timeoutMs) }) : undefined;
  return createAgentCore({ backend: createBackend(config), agentLabel: agentLabelOf(config), audit: io.audit ?? new MemoryAuditSink(), retry });
}

export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return EXIT.done;
  }
  const parsed = parseCli(argv, env);
  if (!parsed.ok) {
    io.err(`recordkey: ${parsed.message}`);
    io.err(argv.length === 0 ? USAGE : 'run `npm run cli -- --help` for the commands and options');
    return EXIT.usage;
  }
  const request = parsed.request;
  switch (request.kind) {
    case 'status':
      return status(request, io);
    case 'watch':
      return watch(request, io);
    case 'doctor':
      return doctor(request, io);
    case 'intent':
      return command(request, io);
  }
}

async function status(request: CliRequest, io: CliIo): Promise<number> {
  const core = buildCore(request.backend, io);
  try {
    await core.poller.pollNow();
    const state = core.getState();
    io.out(request.json ? JSON.stringify(statusJson(state, false)) : formatStatus(state, false));
    return connectionExit(state);
  } finally {
    core.stop();
  }
}

async function watch(request: CliRequest, io: CliIo): Promise<number> {
  const core = buildCore(request.backend, io);
  let last = '';
  const print = (state: AppState) => {
    const view = statusJson(state);
    const key = JSON.stringify({ ...view, at: null });
    if (key === last) return;
    last = key;
    io.out(request.json ? JSON.stringify(view) : `── ${new Date().toLocaleTimeString()}\n${formatStatus(state)}`);
  };
  const unsubscribe = core.subscribe(print);
  core.start();
  await new Promise<void>((resolve) => {
    if (io.stop?.aborted) resolve();
    io.stop?.addEventListener('abort', () => resolve(), { once: true });
  });
  unsubscribe.dispose();
  core.stop();
  return connectionExit(core.getState());
}

function controlOf(intent: Intent): { control: ControlName; target: 'on' | 'off' } | null {
  switch (intent.type) {
    case 'voice':
    case 'screen':
    case 'duplicate':
    case 'blackout':
      return { control: intent.type, target: intent.action === 'stop' ? 'off' : 'on' };
    case 'do-not-record':
      return { control: 'doNotRecord', target: 'on' as const };
    default:
      return null;
  }
}

async function command(request: Extract<CliRequest, { kind: 'intent' }>, io: CliIo): Promise<number> {
  const core = buildCore(request.backend, io, request.timeoutMs);
  const wanted = controlOf(request.intent);
  const report = (ok: boolean, exitCode: number, message: string, state: AppState, kind: string | null = null) => {
    if (request.json) {
      const c = wanted ? state.controls[wanted.control] : null;
      io.out(JSON.stringify({ ok, command: request.name, state: c?.kind ?? null, error: ok ? null : { kind, message }, exitCode }));
    } else (ok ? io.out : io.err)(`${request.name}: ${message}`);
    return exitCode;
  };
  // Long retries show progress, so a person at the terminal knows it is still trying.
  const unsubscribe = core.subscribe((state, _event, previous) => {
    if (!wanted) return;
    const c = state.controls[wanted.control];
    const before = previous.controls[wanted.control];
    if (c.kind === 'pending' && c.phase === 'retrying' && (before.kind !== 'pending' || before.attempts !== c.attempts)) {
      io.err(`${request.name}: retrying (attempt ${c.attempts}): ${c.lastError?.message ?? 'the server is still processing it'}`);
    }
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), request.timeoutMs)));
    const work = (async () => {
      await core.poller.pollNow();
      const before = core.getState();
      const receipt = core.submit(request.intent, 'cli');
      if (!receipt.accepted) {
        const noCall = before.capabilities.canReportStatus && before.connection.status === 'connected' && !before.agent?.activeCall;
        const code = before.connection.status !== 'connected' && before.capabilities.canReportStatus ? connectionExit(before) : noCall ? EXIT.notFound : EXIT.usage;
        return report(false, code, `refused: ${receipt.reason}`, before, 'refused-locally');
      }
      if (receipt.reason) return report(true, EXIT.done, `${receipt.reason}: nothing to do`, before);
      await core.controller.idle();
      return judge(request, core.getState(), before, report);
    })();
    const outcome = await Promise.race([work, deadline]);
    if (outcome === 'timeout') {
      const state = core.getState();
      const c = wanted ? state.controls[wanted.control] : null;
      const where = c ? describeControl(wanted!.control, c) : 'unknown';
      return report(false, EXIT.server, `no final answer within --timeout ${request.timeoutMs} ms; the outcome is unknown (${where})`, state, 'timeout');
    }
    return outcome;
  } finally {
    clearTimeout(timer);
    unsubscribe.dispose();
    core.stop();
  }
}

type Report = (ok: boolean, exitCode: number, message: string, state: AppState, kind?: string | null) => number;

/** The exit code and words for a finished command, from the evidence the core settled on. */
async function judge(request: Extract<CliRequest, { kind: 'intent' }>, after: AppState, before: AppState, report: Report): Promise<number> {
  const c = controlOf(request.intent);
  if (!c) {
    const failed = after.lastError && after.lastError !== before.lastError;
    return failed ? report(false, EXIT.server, after.lastError!.message, after, 'server-error') : report(true, EXIT.done, 'done', after);
  }
  const result = after.controls[c.control];
  const words = describeControl(c.control, result);
  if (result.kind === 'failed') return report(false, exitCodeFor(result.error.kind), words, after, result.error.kind);
  if (result.kind !== c.target || result.evidence === 'assumed') {
    const kind = result.kind === 'on' && result.evidence === 'assumed' && after.pause.current?.resumeBlocked ? 'not-found' : 'timeout';
    return report(false, exitCodeFor(kind), words, after, kind);
  }
  if (request.scheduleStopAfter) {
    // The server ends the pause itself (stop with TimeOffset), so it ends even if this process does not live that long.
    const stop = await createBackend(request.backend).execute({ type: 'blackout-stop', timeOffset: request.scheduleStopAfter });
    if (!stop.ok) return report(false, exitCodeFor(stop.error.kind), `paused, but the automatic resume could not be scheduled (${stop.error.message}); stop the pause yourself`, after, stop.error.kind);
    return report(true, EXIT.done, `${words}; the server resumes recording in ${request.scheduleStopAfter} s`, after);
  }
  return report(true, EXIT.done, words, after);
}

/** Which evidence a pause on this server will rest on: `doctor` says it, since it decides what "paused" means. */
function pauseEvidence(agent: AgentSnapshot): string {
  const observation = observeSnapshot(agent, vocabularyWith(undefined));
  const unknown = observation.unknownValues.length ? ` It reports recording states RecordKey does not know (${observation.unknownValues.join(', ')}): add them in the recording-state settings.` : '';
  if (observation.pausedSeen) return `the status shows a pause now, so RecordKey confirms pauses by the status.${unknown}`;
  return `the status shows no pause now, which proves nothing until RecordKey has seen this server show one: until then the server's 200 answer is the evidence that a pause is on (an admin can set "status shows pauses").${unknown}`;
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  exit: number;
}

async function doctor(request: CliRequest, io: CliIo): Promise<number> {
  const checks: Check[] = [];
  const config = request.backend;
  const add = (name: string, ok: boolean, detail: string, exit: number = EXIT.done) => checks.push({ name, ok, detail, exit });
  const backend = createBackend(config);
  try {
    if (config.backend === 'cxone') {
      const cxone = backend as CxoneClient;
      const token = await cxone.checkCredentials();
      if (token.ok) add('CXone credentials', true, 'a token was issued for the access key');
      else add('CXone credentials', false, `${token.error.message}`, exitCodeFor(token.error.kind));
      if (token.ok && !config.statusServer) {
        await cxoneDoctor(cxone, add);
        return report(checks, request, io);
      }
    }
    if (backend.canReportStatus) {
      const agent = await backend.getAgent();
      if (agent.ok) {
        add('server reachable', true, backend.serverLabel);
        add('credentials accepted', true, 'the status request was authorized');
        const call = agent.value.activeCall;
        add('agent known', true, `${agentLabelOf(config)} is agent ${agent.value.agentId}${call ? `, on a call (${call.callInstance})` : ', no active call'}`);
        add('pause evidence', true, pauseEvidence(agent.value));
      } else {
        const e = agent.error;
        if (e.kind === 'unreachable' || e.kind === 'timeout') add('server reachable', false, `${e.message} — check the server address, the VPN and the firewall`, EXIT.server);
        else if (e.kind === 'unauthorized') {
          add('server reachable', true, backend.serverLabel);
          add('credentials accepted', false, e.message, EXIT.unauthorized);
        } else if (e.kind === 'not-found') {
          add('server reachable', true, backend.serverLabel);
          add('credentials accepted', true, 'the request was authorized');
          add('agent known', false, `${e.message}`, EXIT.notFound);
        } else if (e.kind === 'bad-response') {
          add('server reachable', true, backend.serverLabel);
          add('is a Recording API', false, `${e.message} — the address answers, but not as a Recording API: check the URL (it should be the server root, without /api)`, EXIT.server);
        } else add('server healthy', false, e.message, EXIT.server);
      }
    }
  } finally {
    backend.close();
  }
  return report(checks, request, io);
}

/**
 * CXone's checks: the status call (its permission decides what RecordKey's claims rest on),
 * the Masking permission by an unmask probe (it changes nothing, and is only sent while the
 * status shows no mask), and Record on Demand, which cannot be probed without acting on a call.
 */
async function cxoneDoctor(cxone: CxoneClient, add: (name: string, ok: boolean, detail: string, exit?: number) => void): Promise<void> {
  const status = await cxone.getAgent();
  let masked = false;
  if (status.ok) {
    const call = status.value.cxone;
    masked = call?.statusReason.toLowerCase() === 'mask';
    add('status permission', true, call ? `get-recording-status answers: contact ${call.contactId}, ${call.statusReason}, ${call.recordingStatusToAgent}` : 'get-recording-status answers (no active interaction now)');
    add('pause evidence', true, 'CXone documents Mask in the status, so RecordKey confirms pauses by the status');
  } else if (status.error.kind === 'no-status') {
    add('status permission', false, `${status.error.message}. RecordKey still works, but every claim rests on a command's answer and changes made elsewhere are not seen; grant ${CXONE_PERMISSIONS.status} to fix it`, EXIT.unauthorized);
  } else {
    add('status', false, status.error.message, exitCodeFor(status.error.kind));
    return;
  }
  if (masked) add('masking permission', true, 'not probed: a mask is on now (the status shows Mask), so the permission works');
  else {
    const probe = await cxone.probeUnmask();
    if (!probe.ok) add('masking permission', false, probe.error.message, exitCodeFor(probe.error.kind));
    else if (probe.value === 403) add('masking permission', false, `the CXone user lacks the ${CXONE_PERMISSIONS.masking} permission (403): pausing for card data will fail`, EXIT.unauthorized);
    else add('masking permission', true, `${CXONE_PERMISSIONS.masking}: an unmask probe was authorized (${probe.value})`);
  }
  add('on-demand permission', true, `${CXONE_PERMISSIONS.recordOnDemand}: not probed (a probe could start or stop a live recording); a 403 on first use names it`);
}

function report(checks: Check[], request: CliRequest, io: CliIo): number {
  const failed = checks.find((c) => !c.ok);
  if (request.json) io.out(JSON.stringify({ ok: !failed, command: 'doctor', checks: checks.map(({ name, ok, detail }) => ({ name, ok, detail })), exitCode: failed?.exit ?? 0 }));
  else for (const c of checks) io.out(`${c.ok ? '✓' : '✗'} ${c.name.padEnd(22)} ${c.detail}`);
  return failed?.exit ?? EXIT.done;
}
