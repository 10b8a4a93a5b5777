/**
 * Turns intents (hotkey, tray, window, CLI, timer) into backend commands: one at a time, in
 * order; a second press of a toggle that is still waiting is ignored, not doubled. A command
 * is shown pending at once, and becomes on/off only when the server confirmed it: its answer,
 * then a status read that agrees (where the status can show it). Everything is audited.
 */
import type { BackendError } from '../backends/backend-error';
import type { BackendCommand, BackendCommandType, RecordingBackend } from '../backends/recording-backend';
import type { AuditRecord, AuditSink } from './audit-log';
import type { AppState, ControlName, Intent, IntentReceipt, IntentSource } from './ipc-contract';
import type { Poller } from './poller';
import { isPrivacyCritical, retryDelay, shouldRetry, type RetryPolicy } from './retry-policy';
import { sleep, type Scheduler } from './scheduler';
import type { StateStore } from './state-store';

type OnOff = 'on' | 'off';

export interface ControllerDeps {
  backend: RecordingBackend;
  store: StateStore;
  poller: Poller;
  scheduler: Scheduler;
  audit: AuditSink;
  policy: RetryPolicy;
  random: () => number;
}

const LABEL: Record<ControlName, string> = {
  voice: 'voice recording',
  screen: 'screen recording',
  blackout: 'pause',
  duplicate: 'duplicate recording',
  doNotRecord: 'do-not-record',
};

/** What a backend without status can be sure of once a command is done. */
const CONFIRMED_ALSO: Partial<Record<BackendCommandType, Partial<Record<ControlName, OnOff>>>> = {
  'screen-start': { voice: 'on' },
  'voice-stop': { screen: 'off' },
  'screen-stop': { voice: 'off' },
  'do-not-record': { voice: 'off', screen: 'off' },
};

interface ControlCommand {
  control: ControlName;
  target: OnOff;
  command: BackendCommand;
  plannedSeconds?: number;
  /** When the server will apply it, for a scheduled pause start or stop. */
  effectiveAt?: number;
}

export class Controller {
  private tail: Promise<void> = Promise.resolve();
  private readonly queued = new Set<ControlName>();

  constructor(private readonly deps: ControllerDeps) {}

  /** Resolves when every queued command has finished (tests, the CLI, shutdown). */
  idle(): Promise<void> {
    return this.tail;
  }

  submit(intent: Intent, source: IntentSource): IntentReceipt {
    const { store } = this.deps;
    const state = store.get();
    this.audit(state, { action: describeIntent(intent), source, result: 'intent', error: null });

    if (intent.type === 'refresh') {
      void this.deps.poller.pollNow();
      return { accepted: true, reason: null };
    }
    if (intent.type === 'call-data') return this.submitCallData(intent, source);

    const planned = this.plan(intent, state);
    if ('refused' in planned) return this.refuse(state, intent, source, planned.refused);
    const { control, target, command } = planned;
    const current = state.controls[control];
    if (this.queued.has(control) || current.status === 'pending-on' || current.status === 'pending-off') {
      this.audit(state, { action: describeIntent(intent), source, result: 'ignored', error: 'already waiting for the server' });
      return { accepted: false, reason: `already waiting for the server to confirm the ${LABEL[control]}` };
    }
    const unsupported = this.deps.backend.unsupported(command.type);
    if (unsupported) return this.refuse(state, intent, source, unsupported);
    if (target === 'on' && current.unavailable) return this.refuse(state, intent, source, current.unavailable);

    this.queued.add(control);
    store.dispatch({ type: 'command-started', control, target, at: this.deps.scheduler.now(), source, plannedSeconds: planned.plannedSeconds });
    this.enqueue(() => this.runControl(planned, source).finally(() => this.queued.delete(control)));
    return { accepted: true, reason: null };
  }

  private submitCallData(intent: Extract<Intent, { type: 'call-data' }>, source: IntentSource): IntentReceipt {
    const state = this.deps.store.get();
    const command: BackendCommand =
      intent.target === 'voice'
        ? { type: 'voice-update', metadata: intent.metadata, callIdentifier: intent.callIdentifier }
        : { type: 'screen-update', metadata: intent.metadata };
    const unsupported = this.deps.backend.unsupported(command.type);
    if (unsupported) return this.refuse(state, intent, source, unsupported);
    this.enqueue(async () => {
      const result = await this.execute(command, source, 'call data');
      if (!result.ok) {
        this.deps.store.dispatch({ type: 'error-reported', message: `adding call data failed: ${result.error.message}`, control: null, at: this.deps.scheduler.now() });
      }
    });
    return { accepted: true, reason: null };
  }

  /** Resolves the intent to one control, a target and the backend command. */
  private plan(intent: Exclude<Intent, { type: 'refresh' | 'call-data' }>, state: AppState): ControlCommand | { refused: string } {
    if (intent.type === 'retry') {
      const c = state.controls[intent.control];
      if (c.status !== 'failed' || !c.target) return { refused: `there is no failed ${LABEL[intent.control]} to retry` };
      return this.plan(retryIntent(intent.control, c.target), state);
    }
    if (intent.type === 'do-not-record') return { control: 'doNotRecord', target: 'on', command: { type: 'do-not-record' } };
    const control: ControlName = intent.type;
    const c = state.controls[control];
    const isOn = c.status === 'on' || c.status === 'pending-on' || (c.status === 'failed' && c.confirmed === 'on');
    const target: OnOff = intent.action === 'toggle' ? (isOn ? 'off' : 'on') : intent.action === 'start' ? 'on' : 'off';
    if (intent.action !== 'toggle' && c.status === target) return { refused: `the ${LABEL[control]} is already ${target}` };
    const now = this.deps.scheduler.now();
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

  private async runControl(plan: ControlCommand, source: IntentSource): Promise<void> {
    const { store, scheduler, backend } = this.deps;
    const { control, target, command } = plan;
    const result = await this.execute(command, source, LABEL[control]);
    if (!result.ok) {
      store.dispatch({ type: 'command-failed', control, target, message: result.error.message, kind: result.error.kind, at: scheduler.now() });
      if (result.error.kind === 'not-found' && !backend.canReportStatus) store.dispatch({ type: 'contact-ended', at: scheduler.now() });
      return;
    }
    if (!backend.canReportStatus) {
      store.dispatch({ type: 'command-confirmed', control, target, at: scheduler.now(), also: CONFIRMED_ALSO[command.type] });
      this.audit(store.get(), { action: commandAction(command), source, result: 'confirmed', error: null });
      return;
    }
    store.dispatch({ type: 'command-accepted', control, target, at: scheduler.now() });
    // A scheduled pause start or stop only shows once its time has come. Confirm it then,
    // from a timer: waiting here would hold every other command in the queue behind it.
    const wait = (plan.effectiveAt ?? 0) - scheduler.now();
    if (wait > 0) {
      this.audit(store.get(), { action: commandAction(command), source, result: 'scheduled', error: null, detail: { inSeconds: Math.round(wait / 1000) } });
      scheduler.after(wait, () => this.enqueue(() => this.confirm(plan, source)));
      return;
    }
    await this.confirm(plan, source);
  }

  /** Reads the status back until it agrees with the command, or reports that it does not. */
  private async confirm(plan: ControlCommand, source: IntentSource): Promise<void> {
    const { store, scheduler, policy } = this.deps;
    const { control, target, command } = plan;
    for (let read = 0; read < policy.confirmReads; read++) {
      if (read > 0) await sleep(scheduler, policy.confirmGapMs);
      await this.deps.poller.pollNow();
      if (!isPending(store.get(), control)) break;
    }
    const after = store.get();
    if (isPending(after, control)) {
      const c = after.controls[control];
      const message =
        after.connection.status === 'connected'
          ? `the server answered OK, but its status still shows the ${LABEL[control]} ${c.confirmed}`
          : `the server answered OK, but RecordKey could not read its status back to confirm: ${after.connection.message ?? after.connection.status}`;
      store.dispatch({ type: 'command-failed', control, target, message, kind: 'unconfirmed', at: scheduler.now() });
      this.audit(store.get(), { action: commandAction(command), source, result: 'unconfirmed', error: message });
      return;
    }
    const settled = store.get().controls[control];
    this.audit(store.get(), {
      action: commandAction(command),
      source,
      result: settled.status === target ? 'confirmed' : settled.status,
      error: settled.error,
    });
  }

  /** Sends a command, retrying 202/425 always and failures of privacy-critical commands, until the deadline. */
  private async execute(command: BackendCommand, source: IntentSource, label: string): Promise<{ ok: true } | { ok: false; error: BackendError }> {
    const { backend, scheduler, policy, random } = this.deps;
    const critical = isPrivacyCritical(command.type, source);
    const started = scheduler.now();
    const action = commandAction(command);
    for (let attempt = 0; ; attempt++) {
      this.audit(this.deps.store.get(), { action, source, result: 'sent', error: null, detail: commandDetail(command) });
      const result = await backend.execute(command);
      if (result.ok && result.value === 'done') {
        this.audit(this.deps.store.get(), { action, source, result: 'done', error: null });
        return { ok: true };
      }
      const attemptResult = result.ok ? { accepted: true as const } : { error: result.error };
      const lastError = result.ok ? null : result.error;
      if (!shouldRetry(attemptResult, critical)) {
        this.audit(this.deps.store.get(), { action, source, result: 'failed', error: lastError!.message });
        return { ok: false, error: lastError! };
      }
      const delay = retryDelay(attempt, policy, random);
      if (scheduler.now() + delay - started > policy.deadlineMs) {
        const seconds = Math.round(policy.deadlineMs / 1000);
        const message = lastError
          ? `${lastError.message}; gave up on the ${label} after ${seconds} s of retries`
          : `the server accepted the ${label} but did not finish processing it within ${seconds} s`;
        this.audit(this.deps.store.get(), { action, source, result: 'failed', error: message });
        return { ok: false, error: { kind: lastError?.kind ?? 'timeout', message, status: lastError?.status } };
      }
      this.audit(this.deps.store.get(), { action, source, result: 'retrying', error: lastError?.message ?? 'accepted, still processing (202)' });
      await sleep(scheduler, delay);
    }
  }

  private refuse(state: AppState, intent: Intent, source: IntentSource, reason: string): IntentReceipt {
    this.audit(state, { action: describeIntent(intent), source, result: 'refused', error: reason });
    return { accepted: false, reason };
  }

  private enqueue(job: () => Promise<void>): void {
    this.tail = this.tail.then(job).catch((error: unknown) => {
      // A bug, not a server failure: keep the queue alive and leave a trace.
      this.deps.store.dispatch({ type: 'error-reported', message: `internal error: ${(error as Error).message}`, control: null, at: this.deps.scheduler.now() });
    });
  }

  private audit(state: AppState, record: Omit<AuditRecord, 'time' | 'agent' | 'callInstance'>): void {
    this.deps.audit.append({
      time: new Date(this.deps.scheduler.now()).toISOString(),
      agent: state.agentLabel,
      callInstance: state.agent?.activeCall?.callInstance ?? null,
      ...record,
    });
  }
}

function isPending(state: AppState, control: ControlName): boolean {
  const s = state.controls[control].status;
  return s === 'pending-on' || s === 'pending-off';
}

function retryIntent(control: ControlName, target: OnOff): Exclude<Intent, { type: 'refresh' | 'call-data' | 'retry' }> {
  const action = target === 'on' ? 'start' : 'stop';
  return control === 'doNotRecord' ? { type: 'do-not-record', confirmed: true } : { type: control, action };
}

export function describeIntent(intent: Intent): string {
  switch (intent.type) {
    case 'refresh':
      return 'refresh';
    case 'call-data':
      return `${intent.target} call data`;
    case 'do-not-record':
      return 'do-not-record';
    case 'retry':
      return `retry ${intent.control}`;
    default:
      return `${intent.type} ${intent.action}`;
  }
}

function commandAction(command: BackendCommand): string {
  return command.type.replace('-', ' ');
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
