/**
 * The command-line front end over the same core the tray app runs: one poll, the command
 * through the controller (so retries and confirmation are identical), the result in words or
 * JSON, and an exit code scripts can branch on.
 */
import { agentLabelOf, createBackend, type BackendConfig } from '../backends/backend-config';
import type { BackendErrorKind } from '../core/result';
import { runDoctor, type CheckFailure } from '../backends/doctor';
import { RecordingApiClient } from '../backends/onprem/recording-api-client';
import { createAgentCore, type AgentCore } from '../core/agent-core';
import { MemoryAuditSink, type AuditSink } from '../core/audit-log';
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { CHECK_MARKS } from '../core/agent-words';
import { auditDirIn, userDataDir } from '../core/app-paths';
import { auditFilesIn, describeVerification, verifyAuditFiles } from '../core/audit-log';
import { formatLocalTime } from '../core/time-format';
import { verdictFor } from '../core/verdict';
import type { AppState, ControlName, Intent } from '../core/ipc-contract';
import { RetryPolicySchema } from '../core/retry-policy';
import { parseCli, USAGE, type CliRequest } from './cli-args';
import { cardText, formatStatus, statusJson } from './format-status';

/** A control's state as the window's card says it. */
function controlWords(state: AppState, control: ControlName): string {
  return cardText(verdictFor(state, Date.now()).cards[control]);
}

/** status, watch and doctor: one server, one agent. */
type ServerRequest = Extract<CliRequest, { kind: 'status' | 'watch' | 'doctor' }>;

export const EXIT = { done: 0, usage: 2, notFound: 3, server: 4, unauthorized: 5, auditBroken: 6 } as const;

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
    // One line that names the option or value and what it takes; the whole usage only when nothing was given.
    io.err(`recordkey: ${parsed.message}`);
    if (argv.length === 0) io.err(USAGE);
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
    case 'agents':
      return agents(request, io);
    case 'intent':
      return command(request, io);
    case 'audit-verify':
      return auditVerify(request, env, io);
  }
}

/** `audit verify`: the chain across the log's files, the line that breaks it and why. */
function auditVerify(request: Extract<CliRequest, { kind: 'audit-verify' }>, env: Record<string, string | undefined>, io: CliIo): number {
  const ownFolder = auditDirIn(userDataDir(process.platform, env, homedir()), process.platform);
  const path = request.path ?? ownFolder;
  const files = !existsSync(path) ? [] : statSync(path).isDirectory() ? auditFilesIn(path) : [path];
  if (!files.length) {
    io.err(`audit verify: no audit log at ${path}: give the file or the folder${request.path ? ` (RecordKey's is ${ownFolder})` : ' (has RecordKey run on this computer as this user?)'}`);
    return EXIT.usage;
  }
  const result = verifyAuditFiles(files);
  const exitCode = result.ok ? EXIT.done : EXIT.auditBroken;
  if (request.json) {
    io.out(JSON.stringify({ ok: result.ok, command: 'audit verify', lines: result.lines, files: result.files, broken: result.broken, notes: result.notes, exitCode }));
    return exitCode;
  }
  io.out(`${result.ok ? CHECK_MARKS.proved : CHECK_MARKS.failed} ${describeVerification(result)}`);
  for (const note of result.notes) io.out(`  note: ${note}`);
  return exitCode;
}

async function status(request: ServerRequest, io: CliIo): Promise<number> {
  const core = buildCore(request.backend, io);
  try {
    // With several servers, reads go on until one answers or each has had its chances to.
    const servers = request.backend.backend === 'onprem' ? 1 + request.backend.failoverUrls.length : 1;
    const reads = servers > 1 && request.backend.backend === 'onprem' ? servers * request.backend.failover.afterFailures : 1;
    for (let read = 0; read < reads; read++) {
      await core.poller.pollNow();
      if (core.getState().connection.status === 'connected') break;
    }
    const state = core.getState();
    io.out(request.json ? JSON.stringify(statusJson(state, false)) : formatStatus(state, false));
    return connectionExit(state);
  } finally {
    core.stop();
  }
}

async function watch(request: ServerRequest, io: CliIo): Promise<number> {
  const core = buildCore(request.backend, io);
  let last = '';
  const print = (state: AppState) => {
    const view = statusJson(state);
    const key = JSON.stringify({ ...view, at: null });
    if (key === last) return;
    last = key;
    io.out(request.json ? JSON.stringify(view) : `── ${formatLocalTime(Date.now())}\n${formatStatus(state)}`);
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
      const where = c ? controlWords(state, wanted!.control) : 'not known';
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
  const words = controlWords(after, c.control);
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

async function agents(request: Extract<CliRequest, { kind: 'agents' }>, io: CliIo): Promise<number> {
  const client = new RecordingApiClient(request.backend);
  try {
    const all = await client.getAllAgents();
    if (!all.ok) {
      io.err(`agents: ${all.error.message}`);
      return exitCodeFor(all.error.kind);
    }
    const rows = all.value.map((a) => ({ agentId: a.agentId, systemUsername: a.systemUsername, username: a.username, agentPhone: a.agentPhone, onCall: a.activeCall !== null }));
    if (request.json) io.out(JSON.stringify({ ok: true, command: 'agents', agents: rows }));
    else if (!rows.length) io.out('The server knows no agents right now (they appear once logged in to the phone system).');
    else for (const r of rows) io.out(`${r.agentId.padEnd(8)} ${(r.systemUsername || '-').padEnd(16)} ${(r.username || '-').padEnd(28)} phone ${r.agentPhone || '-'}${r.onCall ? '  on a call' : ''}`);
    return EXIT.done;
  } finally {
    client.close();
  }
}

const EXIT_FOR: Record<CheckFailure, number> = { 'not-found': EXIT.notFound, unauthorized: EXIT.unauthorized, server: EXIT.server, usage: EXIT.usage };

async function doctor(request: ServerRequest, io: CliIo): Promise<number> {
  const checks = await runDoctor(request.backend);
  const failed = checks.find((c) => !c.ok);
  const exit = failed ? EXIT_FOR[failed.failure ?? 'server'] : EXIT.done;
  if (request.json) io.out(JSON.stringify({ ok: !failed, command: 'doctor', checks: checks.map(({ name, ok, mark, detail }) => ({ name, ok, mark, detail })), exitCode: exit }));
  else for (const c of checks) io.out(`${CHECK_MARKS[c.mark]} ${c.name.padEnd(22)} ${c.detail}`);
  return exit;
}
