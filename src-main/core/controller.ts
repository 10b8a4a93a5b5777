/**
 * Turns intents (hotkey, tray, window, CLI, timer, shutdown) into backend commands, one at a
 * time, in order. The agent's last press wins: a press for a control whose command is still
 * out is coalesced into the latest wish and applied next, never dropped. A command shows
 * pending at once and settles only on evidence (control-state.ts). Every intent gets exactly
 * one outcome line in the audit log, tied to it by its id.
 */
import type { AuditSink } from './audit-log';
import { auditRecord, commandAction, intentAction, type AuditFields, type AuditRecord, type Outcome } from './audit-protocol';
import { CONTROL_LABELS, formatCountdown, holdsOn, isPending, isSurelyOff, toggleTarget, type ControlName, type OnOff } from './control-state';

import { EXTEND_STEP_MS } from './pause-policy';
import type { AppState, Intent, IntentReceipt, IntentSource, PauseEnder } from './ipc-contract';
import type { Poller } from './poller';
import type { BackendCommand, BackendCommandType, RecordingBackend } from './recording-backend';
import type { AgentSnapshot } from './agent-snapshot';
import type { BackendError, CommandOutcome, Result } from './result';
import { isPrivacyCritical, retryDelay, shouldRetry, type RetryPolicy } from './retry-policy';
import { sleep, type Scheduler } from './scheduler';
import type { StateStore } from './state-store';

export interface ControllerDeps {
  backend: RecordingBackend;
  store: StateStore;
  poller: Poller;
  scheduler: Scheduler;
  audit: AuditSink;
  policy: RetryPolicy;
  random: () => number;
}


/** Internal options the core's own timers and the shutdown path give with an intent. */
export interface SubmitOptions {
  /** Why a pause is being ended by RecordKey itself. */
  because?: PauseEnder;
}

interface Plan {
  control: ControlName;
  target: OnOff;
  command: BackendCommand;
  plannedSeconds?: number;
  /** When the server will apply it, for a scheduled pause start or stop. */
  effectiveAt?: number;
}

interface Waiting {
  plan: Plan;
  intentId: string;
  source: IntentSource;
  options: SubmitOptions;
}

/** What a command's answer says about the other controls, for those the status cannot show. */
const IMPLIED_BY_ANSWER: Partial<Record<BackendCommandType, Partial<Record<ControlName, OnOff>>>> = {
  'screen-start': { voice: 'on' },
  'voice-stop': { screen: 'off' },
  'screen-stop': { voice: 'off' },
  'do-not-record': { voice: 'off', screen: 'off' },
};

/** A status read pipelined behind the command, with the poller's ticket for it (applied after the answer). */
interface PipelinedRead {
  ticket: number;
  result: Result<AgentSnapshot>;
}

type Sent = ({ ok: true; answer: CommandOutcome } | { ok: false; error: BackendError }) & { read: PipelinedRead | null };

export class Controller {
  private tail: Promise<void> = Promise.resolve();
  /** Controls with a command queued or out. */
  private readonly busy = new Set<ControlName>();
  /** The latest wish per busy control, applied when its command is done. */
  private readonly waiting = new Map<ControlName, Waiting>();
  private intentCount = 0;
  private readonly runId = Math.floor(Math.random() * 36 ** 4).toString(36);

  constructor(private readonly deps: ControllerDeps) {}

  /** Resolves when every queued command has finished (tests, the CLI, shutdown). */
  async idle(): Promise<void> {
    let seen: Promise<void> | null = null;
    while (seen !== this.tail) {
      seen = this.tail;
      await seen;
    }
  }

  submit(intent: Intent, source: IntentSource, options: SubmitOptions = {}): IntentReceipt {
    const state = this.deps.store.get();
    const intentId = `${this.runId}-${++this.intentCount}`;
    this.audit({ action: intentAction(intent), source, result: 'intent', intentId });

    if (intent.type === 'refresh') {
      void this.deps.poller.pollNow();
      return this.finish(intentId, intent, source, 'done', null, true);
    }
    if (intent.type === 'call-data') return this.submitCallData(intent, source, intentId);
    if (intent.type === 'pause-extend') return this.extendPause(intent, source, intentId);

    const planned = this.plan(intent, state);
    if ('refused' in planned) return this.finish(intentId, intent, source, 'refused', planned.refused, false);
    const { control } = planned;
    const unsupported = this.deps.backend.unsupported(planned.command.type);
    if (unsupported) return this.finish(intentId, intent, source, 'refused', unsupported, false);

    if (this.busy.has(control)) {
      const replaced = this.waiting.get(control);
      if (replaced) this.outcome(replaced.intentId, replaced.plan.command, replaced.source, 'superseded', 'a later press replaced it');
      this.waiting.set(control, { plan: planned, intentId, source, options });
      return { accepted: true, reason: null };
    }
    const unchanged = this.alreadyInEffect(planned, state);
    if (unchanged) return this.finish(intentId, intent, source, 'unchanged', unchanged, true);
    const unavailable = planned.target === 'on' ? state.availability[control] : null;
    if (unavailable) return this.finish(intentId, intent, source, 'refused', unavailable, false);
    this.start({ plan: planned, intentId, source, options });
    return { accepted: true, reason: null };
  }

  /** The target of the latest wish for a control: what is waiting, else what is out, else what may be on. */
  private latestTarget(control: ControlName, state: AppState): OnOff | null {
    const waiting = this.waiting.get(control);
    if (waiting) return waiting.plan.target;
    const c = state.controls[control];
    return isPending(c) ? c.target : null;
  }

  /**
   * Why a command need not be sent, or null. A stop is sent whenever the control may be on;
   * a pause counts as off only when a server known to show pauses shows it off.
   */
  private alreadyInEffect(plan: Plan, state: AppState): string | null {
    const c = state.controls[plan.control];
    const noun = CONTROL_LABELS[plan.control].noun;
    if (plan.target === 'on' && c.kind === 'on' && c.evidence !== 'assumed') return `the ${noun} is already on`;
    if (plan.target === 'off') {
      const off = plan.control === 'blackout' ? c.kind === 'off' && c.evidence === 'status' : isSurelyOff(c);
      if (off) return `the ${noun} is already off`;
    }
    return null;
  }

  private submitCallData(intent: Extract<Intent, { type: 'call-data' }>, source: IntentSource, intentId: string): IntentReceipt {
    const command: BackendCommand =
      intent.target === 'voice'
        ? { type: 'voice-update', metadata: intent.metadata, callIdentifier: intent.callIdentifier }
        : { type: 'screen-update', metadata: intent.metadata };
    const unsupported = this.deps.backend.unsupported(command.type);
    if (unsupported) return this.finish(intentId, intent, source, 'refused', unsupported, false);
    this.enqueue(async () => {
      const result = await this.send(command, source, intentId, null);
      if (!result.ok) {
        this.deps.store.dispatch({ type: 'error-reported', message: `adding call data failed: ${result.error.message}`, control: null, at: this.now() });
        this.outcome(intentId, command, source, 'failed', result.error.message);
      } else this.outcome(intentId, command, source, 'done', null);
    });
    return { accepted: true, reason: null };
  }

  /** Resolves the intent to one control, a target and the backend command. */
  private plan(intent: Exclude<Intent, { type: 'refresh' | 'call-data' | 'pause-extend' }>, state: AppState): Plan | { refused: string } {
    if (intent.type === 'retry') {
      const c = state.controls[intent.control];
      if (c.kind !== 'failed') return { refused: `there is no failed ${CONTROL_LABELS[intent.control].noun} to retry` };
      return this.plan(retryIntent(intent.control, c.target), state);
    }
    if (intent.type === 'do-not-record') return { control: 'doNotRecord', target: 'on', command: { type: 'do-not-record' } };
    const control: ControlName = intent.type;
    const latest = this.latestTarget(control, state);
    const target: OnOff =
      intent.action === 'toggle' ? (latest ? (latest === 'on' ? 'off' : 'on') : toggleTarget(state.controls[control])) : intent.action === 'start' ? 'on' : 'off';
    const now = this.now();
    switch (intent.type) {
      case 'voice':
        return { control, target, command: target === 'on' ? { type: 'voice-start', callIdentifier: intent.callIdentifier, metadata: intent.metadata } : { type: 'voice-stop', callIdentifier: intent.callIdentifier } };
      case 'screen':
        return { control, target, command: target === 'on' ? { type: 'screen-start', metadata: intent.metadata } : { type: 'screen-stop' } };
      case 'duplicate':
        return { control, target, command: { type: target === 'on' ? 'duplicate-start' : 'duplicate-stop', callIdentifier: intent.callIdentifier } };
      case 'blackout': {
        const explicit = target === 'on' ? intent.startTime : intent.stopTime;
        const effectiveAt = explicit ? Date.parse(explicit) : intent.timeOffset !== undefined ? now + intent.timeOffset * 1000 : undefined;
        const command: BackendCommand =
          target === 'on'
            ? { type: 'blackout-start', startTime: intent.startTime, timeOffset: intent.timeOffset }
            : { type: 'blackout-stop', stopTime: intent.stopTime, timeOffset: intent.timeOffset };
        return { control, target, command, plannedSeconds: intent.forSeconds, effectiveAt };
      }
    }
  }

  private start(job: Waiting): void {
    const { plan, source, options, intentId } = job;
    const { store } = this.deps;
    this.busy.add(plan.control);
    if (plan.control === 'blackout' && plan.target === 'on' && store.get().pause.current) {
      const running = store.get().pause.current!;
      this.audit({ action: 'blackout start', source, result: 'found-running', intentId, detail: { since: running.startedAt, deadline: running.deadline } });
    }
    const endingBy: PauseEnder | undefined = plan.target === 'off' ? (options.because ?? 'agent') : undefined;
    store.dispatch({ type: 'command-sent', control: plan.control, target: plan.target, at: this.now(), plannedSeconds: plan.plannedSeconds, effectiveAt: plan.effectiveAt, endingBy });
    this.enqueue(async () => {
      try {
        await this.run(job);
      } finally {
        this.busy.delete(plan.control);
        this.next(plan.control);
      }
    });
  }

  /**
   * Extend: the pause's deadline moves on by EXTEND_STEP_MS, never past its start plus the
   * maximum, so extending can never make a pause longer than the admin allows in total.
   */
  private extendPause(intent: Intent, source: IntentSource, intentId: string): IntentReceipt {
    const state = this.deps.store.get();
    const pause = state.pause.current;
    if (!pause || !holdsOn(state.controls.blackout)) return this.finish(intentId, intent, source, 'refused', 'no pause is on to extend', false);
    const limit = Date.parse(pause.startedAt) + state.pause.maxSeconds * 1000;
    const deadline = Math.min(Date.parse(pause.deadline) + EXTEND_STEP_MS, limit);
    if (deadline <= Date.parse(pause.deadline)) return this.finish(intentId, intent, source, 'unchanged', `the pause is already at its maximum of ${formatCountdown(state.pause.maxSeconds * 1000)}`, true);
    this.deps.store.dispatch({ type: 'pause-extended', deadline: new Date(deadline).toISOString(), at: this.now() });
    return this.finish(intentId, intent, source, 'done', null, true);
  }

  /**
   * After a failover, a pause the server now in use has not shown: sent to it again, and that
   * server told to end it itself at the original deadline (StopForAgent with BlackoutStopTime),
   * in the queue right after. The record's deadline and the automatic resume stay as they are,
   * so a failover never lengthens a pause.
   */
  resendPause(deadline: string): void {
    if (!this.submit({ type: 'blackout', action: 'start' }, 'timer').accepted) return;
    const intentId = `${this.runId}-${++this.intentCount}`;
    const command: BackendCommand = { type: 'blackout-stop', stopTime: deadline };
    this.audit({ action: commandAction(command), source: 'timer', result: 'intent', intentId, detail: { stopTime: deadline } });
    this.enqueue(async () => {
      const result = await this.send(command, 'timer', intentId, null);
      this.outcome(intentId, command, 'timer', result.ok ? 'done' : 'failed', result.ok ? null : result.error.message, { stopTime: deadline });
    });
  }

  /** Applies the latest wish that arrived while the control's command was out. */
  private next(control: ControlName): void {
    const job = this.waiting.get(control);
    if (!job) return;
    this.waiting.delete(control);
    const state = this.deps.store.get();
    const unchanged = this.alreadyInEffect(job.plan, state);
    if (unchanged) {
      this.outcome(job.intentId, job.plan.command, job.source, 'unchanged', unchanged);
      return;
    }
    this.start(job);
  }

  private async run({ plan, source, intentId }: Waiting): Promise<void> {
    const { store } = this.deps;
    const { control, command } = plan;
    // The confirming read can travel behind the command when the status shows the control and the command acts at once.
    const pipeline = plan.effectiveAt === undefined && this.reportsStatus() && this.statusCanShow(control);
    const result = await this.send(command, source, intentId, control, pipeline);
    const applyRead = () => {
      if (result.read) this.deps.poller.apply(result.read.ticket, result.read.result);
    };
    if (!result.ok) {
      this.settleError(plan, result.error);
      applyRead();
      if (result.error.kind === 'not-found' && !this.reportsStatus()) store.dispatch({ type: 'contact-ended', at: this.now() });
      this.outcomeFromState(intentId, plan, source);
      return;
    }
    // What the answer implies for controls the status cannot show (CXone's screen; everything without a status).
    for (const [other, value] of Object.entries(IMPLIED_BY_ANSWER[command.type] ?? {}) as Array<[ControlName, OnOff]>) {
      if ((this.reportsStatus() && this.statusCanShow(other)) || (this.busy.has(other) && other !== control)) continue;
      store.dispatch({ type: 'command-sent', control: other, target: value, at: this.now() });
      store.dispatch({ type: 'control', control: other, event: { type: 'answered', statusCanShow: false, at: this.now() } });
    }
    const statusCanShow = this.reportsStatus() && this.statusCanShow(control);
    // A 202 where the status cannot show the control: "accepted" is all there is (the answer's evidence), and reading
    // the status for it would only hold the control's next command (an automatic resume) for nothing.
    store.dispatch({ type: 'control', control, event: { type: 'answered', statusCanShow, at: this.now() } });
    applyRead();
    // A scheduled pause start or stop only shows once its time has come. Confirm it then,
    // from a timer: waiting here would hold every other command in the queue behind it.
    const wait = (plan.effectiveAt ?? 0) - this.now();
    if (wait > 0 && isPending(store.get().controls[control])) {
      this.audit({ action: commandAction(command), source, result: 'scheduled', intentId, detail: { inSeconds: Math.round(wait / 1000) } });
      this.deps.scheduler.after(wait, () => this.enqueue(() => this.confirm(plan, source, intentId, result.answer)));
      return;
    }
    await this.confirm(plan, source, intentId, result.answer, result.read !== null);
  }

  /** Whether there is a status to read back now (a backend's status can turn out forbidden at run time). */
  private reportsStatus(): boolean {
    return this.deps.store.get().capabilities.canReportStatus;
  }

  /** Whether the status can show this control at all (then the answer is confirmed by reading it back). */
  private statusCanShow(control: ControlName): boolean {
    const shows = this.deps.backend.statusShows;
    if (shows ? !shows.includes(control) : control === 'doNotRecord') return false;
    if (control === 'blackout') return this.deps.store.get().capabilities.statusShowsPauses !== null;
    return true;
  }

  /**
   * A 404 to a pause stop proves the pause is over while the agent is on a call, or where the
   * pause belongs to the interaction (CXone: no interaction, no mask).
   */
  private settleError(plan: Plan, error: BackendError): void {
    const { store } = this.deps;
    const at = this.now();
    if (plan.command.type === 'blackout-stop' && error.kind === 'not-found') {
      const state = store.get();
      if ((state.connection.status === 'connected' && state.agent?.activeCall) || this.deps.backend.pauseEndsWithInteraction) {
        store.dispatch({ type: 'control', control: 'blackout', event: { type: 'answered', statusCanShow: false, at } });
        return;
      }
      const reason = 'the server has no current call for the agent (404), so it cannot confirm the pause ended; RecordKey sends the resume again when a call starts';
      store.dispatch({ type: 'control', control: 'blackout', event: { type: 'assumed', value: 'on', reason, at } });
      store.dispatch({ type: 'pause-resume-blocked', reason, at });
      return;
    }
    store.dispatch({ type: 'control', control: plan.control, event: { type: 'errored', error, at } });
  }

  /**
   * Reads the status back until it agrees with the command, then settles on the evidence there
   * is. A 202 (accepted, still processing) is confirmed the same way, for up to the command
   * deadline: the server is working on it, and sending it again would only earn a 425.
   */
  private async confirm(plan: Plan, source: IntentSource, intentId: string, answer: CommandOutcome, pipelinedRead = false): Promise<void> {
    const { store, scheduler, policy, backend } = this.deps;
    const { control } = plan;
    // The pipelined read settled it: one round trip. Otherwise (it disagreed, a 202, none) read the status back.
    const settledByPipelinedRead = pipelinedRead && !isPending(store.get().controls[control]);
    if (this.reportsStatus() && !settledByPipelinedRead) {
      const until = scheduler.now() + policy.deadlineMs;
      for (let read = 0; ; read++) {
        if (read > 0) await sleep(scheduler, answer === 'accepted' ? retryDelay(read - 1, policy, this.deps.random) : policy.confirmGapMs);
        await this.deps.poller.pollNow();
        if (!isPending(store.get().controls[control])) {
          // The very next read agreed where the pipelined one, sent behind the command, did not: this
          // server answered the read before carrying the command out, so pipelining cannot confirm here.
          if (pipelinedRead && read === 0 && answer === 'done') backend.stopPipelining?.();
          break;
        }
        const more = answer === 'accepted' ? scheduler.now() < until : read + 1 < policy.confirmReads;
        if (!more || !this.reportsStatus()) break;
      }
    }
    store.dispatch({ type: 'control', control, event: { type: 'confirm-ended', answer, at: this.now() } });
    this.outcomeFromState(intentId, plan, source);
  }

  /** The intent's outcome, read from the control's settled state. */
  private outcomeFromState(intentId: string, plan: Plan, source: IntentSource): void {
    const c = this.deps.store.get().controls[plan.control];
    const { command } = plan;
    switch (c.kind) {
      case 'failed':
        return this.outcome(intentId, command, source, 'failed', c.error.message);
      case 'on':
      case 'off': {
        if (c.kind !== plan.target) return this.outcome(intentId, command, source, 'failed', c.evidence === 'assumed' ? c.reason : `the server shows it ${c.kind}`);
        const result: Outcome = c.evidence === 'status' ? 'confirmed' : c.evidence === 'answer' ? 'accepted' : 'assumed';
        return this.outcome(intentId, command, source, result, c.evidence === 'assumed' ? c.reason : null, { evidence: c.evidence });
      }
      default:
        return this.outcome(intentId, command, source, 'failed', `the ${CONTROL_LABELS[plan.control].noun} is ${c.kind}`);
    }
  }

  /**
   * Sends a command, retrying 425 (locked) always and failures of privacy-critical commands,
   * until the deadline. A 202 is not sent again: it is accepted, and confirm() reads the status.
   */
  private async send(command: BackendCommand, source: IntentSource, intentId: string, control: ControlName | null, pipeline = false): Promise<Sent> {
    const { scheduler, policy, random, store } = this.deps;
    const critical = isPrivacyCritical(command.type, source);
    const started = scheduler.now();
    const action = commandAction(command);
    for (let attempt = 0; ; attempt++) {
      // The server it went to: after a crash, a pause start still in flight is restored only for the same server.
      this.audit({ action, source, result: 'sent', intentId, detail: { ...commandDetail(command), server: serverKeyOf(this.deps.backend) } });
      const { result, read } = await this.exchange(command, pipeline);
      if (result.ok) return { ok: true, answer: result.value, read };
      const lastError = result.error;
      if (!shouldRetry(lastError, critical)) return { ok: false, error: lastError, read };
      const delay = retryDelay(attempt, policy, random);
      if (scheduler.now() + delay - started > policy.deadlineMs) {
        const seconds = Math.round(policy.deadlineMs / 1000);
        return { ok: false, error: { ...lastError, message: `${lastError.message}; gave up after ${seconds} s of retries` }, read };
      }
      if (read) this.deps.poller.apply(read.ticket, read.result);
      this.audit({ action, source, result: 'retrying', error: lastError.message, intentId });
      if (control) store.dispatch({ type: 'control', control, event: { type: 'retrying', error: lastError, at: this.now() } });
      await sleep(scheduler, delay);
    }
  }

  /** One attempt: the command alone, or with the confirming read pipelined behind it where the backend can. */
  private async exchange(command: BackendCommand, pipeline: boolean): Promise<{ result: Result<CommandOutcome>; read: PipelinedRead | null }> {
    const { backend, poller } = this.deps;
    if (!pipeline || !backend.executeAndRead) return { result: await backend.execute(command), read: null };
    // The ticket is taken before sending: a poll that started earlier and answers later cannot overwrite this read.
    const ticket = poller.beginRead();
    const { answer, read } = await backend.executeAndRead(command);
    return { result: answer, read: read && { ticket, result: read } };
  }

  private finish(intentId: string, intent: Intent, source: IntentSource, outcome: Outcome, reason: string | null, accepted: boolean): IntentReceipt {
    this.audit({ action: intentAction(intent), source, result: outcome, error: reason, intentId, detail: { outcome: true } });
    return { accepted, reason };
  }

  private outcome(intentId: string, command: BackendCommand, source: IntentSource, outcome: Outcome, reason: string | null, detail: AuditRecord['detail'] = {}): void {
    this.audit({ action: commandAction(command), source, result: outcome, error: reason, intentId, detail: { ...detail, outcome: true } });
  }

  private enqueue(job: () => Promise<void>): void {
    this.tail = this.tail.then(job).catch((error: unknown) => {
      // A bug, not a server failure: keep the queue alive and leave a trace.
      this.deps.store.dispatch({ type: 'error-reported', message: `internal error: ${(error as Error).message}`, control: null, at: this.now() });
    });
  }

  private now(): number {
    return this.deps.scheduler.now();
  }

  private audit(fields: AuditFields): void {
    this.deps.audit.append(auditRecord(this.now(), this.deps.store.get(), fields));
  }
}

/** Which server a backend talks to, as the runtime remembers it (backend:url). */
export function serverKeyOf(backend: Pick<RecordingBackend, 'kind' | 'serverLabel'>): string {
  return `${backend.kind}:${backend.serverLabel}`;
}

/** Every server a backend may talk to (its list, after a failover too), as serverKeyOf writes them. */
export function serverKeysOf(backend: Pick<RecordingBackend, 'kind' | 'serverLabel' | 'servers'>): string[] {
  return (backend.servers ?? [backend.serverLabel]).map((serverLabel) => serverKeyOf({ kind: backend.kind, serverLabel }));
}

function retryIntent(control: ControlName, target: OnOff): Exclude<Intent, { type: 'refresh' | 'call-data' | 'retry' | 'pause-extend' }> {
  const action = target === 'on' ? 'start' : 'stop';
  return control === 'doNotRecord' ? { type: 'do-not-record', confirmed: true } : { type: control, action };
}

/** What is safe to log about a command: field names of call data, never their values. */
function commandDetail(command: BackendCommand): AuditRecord['detail'] {
  const detail: NonNullable<AuditRecord['detail']> = {};
  if ('metadata' in command && command.metadata) detail.callDataFields = Object.keys(command.metadata);
  if ('callIdentifier' in command && command.callIdentifier) detail.callIdentifier = command.callIdentifier;
  if ('startTime' in command && command.startTime) detail.startTime = command.startTime;
  if ('stopTime' in command && command.stopTime) detail.stopTime = command.stopTime;
  if ('timeOffset' in command && command.timeOffset !== undefined) detail.timeOffset = command.timeOffset;
  return Object.keys(detail).length ? detail : undefined;
}

