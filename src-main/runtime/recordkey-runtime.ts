/**
 * One running RecordKey, without Electron: settings and policy in force, the core for the
 * configured server (or the built-in simulator in demo mode), and the front-end API that
 * the Electron IPC handlers and the browser harness's WebSocket both expose. Everything that
 * arrives from a front end is parsed with zod here, once, whatever the transport.
 */
import { agentLabelOf, createBackend, createStatusFeed, OnPremConfigSchema, type BackendConfig } from '../backends/backend-config';
import { AuditLog, describeVerification, MemoryAuditSink, verifyAuditFiles, type AuditRecord, type AuditSink, type LastRun } from '../core/audit-log';
import { auditRecord } from '../core/audit-protocol';
import { createAgentCore, type AgentCore, type AgentCoreOptions } from '../core/agent-core';
import { serverKeyOf, serverKeysOf } from '../core/controller';
import { Emitter, type Event } from '../core/emitter';
import { DisposableStore } from '../core/lifecycle';
import { realScheduler, sleep, type Scheduler } from '../core/scheduler';
import type { RecordingBackend } from '../core/recording-backend';
import type { StatusFeed } from '../core/status-feed';
import { misconfiguredBackend } from './misconfigured-backend';
import { memoryInProcess, type RuntimeMemory, type RuntimeMemoryData } from './runtime-memory';
import { DEFAULT_HISTORY_COUNT, MAX_HISTORY_COUNT, FindAgentsRequestSchema, IntentSchema, IntentSourceSchema, type AppState, type AuditEntryView, type AuditVerdict, type FindAgentsResult, type IntentReceipt, type TestConnectionResult } from '../core/ipc-contract';
import { findAgents } from '../backends/onprem/agent-directory';
import { runDoctor } from '../backends/doctor';
import { userInfo } from 'node:os';
import { DEMO_AGENT } from '../simulator/demo-cycle';
import { startSimulator, type RunningSimulator } from '../simulator/server';
import { applyPolicy, httpsViolations, type EffectivePolicy } from '../settings/admin-policy';
import { unencryptedSecretAddresses, unencryptedWarning } from '../settings/server-encryption';
import { backendFromSettings } from '../settings/backend-from-settings';
import { loadSettings } from '../settings/settings-migrations';
import { SECRET_NAMES, SettingsPatchSchema, type Secrets, type Settings, type SettingsResult, type SettingsView } from '../settings/settings-schema';
import { updateSettings } from '../settings/settings-update';

export interface SettingsPersistence {
  read(): unknown;
  write(settings: Settings): void;
  /** Keeps an unreadable file for support; returns where it went. */
  backup(): string | null;
}

export interface SecretPersistence {
  readonly storage: 'encrypted' | 'unavailable';
  /** Why the saved secrets could not be read (they count as not set until entered again), or null. */
  readonly problem?: string | null;
  read(): Secrets;
  /** Saves the given secrets (empty string clears one). */
  write(secrets: Secrets): void | Promise<void>;
}

export interface RuntimeOptions {
  settings: SettingsPersistence;
  secrets: SecretPersistence;
  policy: EffectivePolicy;
  auditDir: string | null;
  /** Audit sink override (tests); defaults to an AuditLog in auditDir. */
  audit?: (AuditSink & { lastRun(): LastRun }) | undefined;
  /** What a run leaves for the next (a pause that may be on, servers known to show pauses); in-process if not given. */
  memory?: RuntimeMemory;
  /** Core options for tests (a fake clock, fast retries). */
  coreOverrides?: Partial<AgentCoreOptions>;
  /** The computer's login name, for "Find me" (defaults to the OS user). */
  loginName?: string;
}


export class RecordKeyRuntime {
  private core!: AgentCore;
  private simulator: RunningSimulator | null = null;
  private settings!: Settings;
  private readonly stateChanged = new Emitter<[state: AppState]>();
  private readonly reminded = new Emitter<[secondsLeft: number, state: AppState]>();
  private readonly settingsChanged = new Emitter<[settings: Settings, previous: Settings]>();
  /** The current core's subscriptions, replaced with the core. */
  private coreSubscriptions = new DisposableStore();
  private readonly audit: AuditSink & { lastRun(): LastRun };
  private readonly memory: RuntimeMemory;
  /** The same clock as the core's (a fake one in tests). */
  private readonly scheduler: Scheduler;
  private memoryData: RuntimeMemoryData;
  /** Why the settings cannot be used; then RecordKey stays disconnected (never DEMO) until they are fixed. */
  private settingsProblem: string | null = null;
  private readonly notices = new Map<string, AppState['notices'][number]>();
  private hotkeyStatus: Record<string, string> = {};
  /** A pause start the last run left in flight (its audit log): restored once if no pause record survived. */
  private pauseInFlightAtCrash: LastRun['pauseInFlight'] = null;

  private constructor(private readonly options: RuntimeOptions) {
    this.audit = options.audit ?? (options.auditDir ? new AuditLog(options.auditDir) : new MemoryAuditSink());
    if (this.audit instanceof AuditLog) {
      // Said in the window, not thrown at whoever appended last: the lines stay queued and are written again.
      this.audit.onProblem((problem) => this.setNotice('audit', problem ? { level: 'error', message: `${problem}. Tell your administrator: the record of what RecordKey did is not being saved.` } : null));
    }
    this.memory = options.memory ?? memoryInProcess();
    this.scheduler = options.coreOverrides?.scheduler ?? realScheduler;
    const remembered = this.memory.read();
    this.memoryData = remembered.data;
    if (remembered.problem) this.notices.set('memory', { id: 'memory', level: 'warning', message: `RecordKey could not read what it remembered from its last run: ${remembered.problem}.` });
  }

  static async start(options: RuntimeOptions): Promise<RecordKeyRuntime> {
    const runtime = new RecordKeyRuntime(options);
    const loaded = loadSettings(options.settings.read());
    if (loaded.problem) {
      // Fail closed: a configured installation whose settings cannot be read must not fall
      // back to DEMO (the agent's pause would go to the simulator while the call is recorded).
      const backup = options.settings.backup();
      runtime.settingsProblem = `the settings could not be read (${loaded.problem}); nothing is sent until they are fixed in Settings${backup ? `. The old file was kept as ${backup}` : ''}`;
    }
    const lastRun = runtime.audit.lastRun();
    runtime.pauseInFlightAtCrash = lastRun.pauseInFlight;
    runtime.auditRun('run-start', null, { lastRun: lastRun.ended, inFlight: lastRun.inFlight });
    if (options.policy.problem) runtime.notices.set('policy', { id: 'policy', level: 'error', message: options.policy.problem });
    if (options.secrets.problem) runtime.notices.set('secrets', { id: 'secrets', level: 'error', message: options.secrets.problem });
    else if (options.secrets.storage === 'unavailable') {
      runtime.notices.set('secrets', {
        id: 'secrets',
        level: 'warning',
        message: 'This computer offers no secure key store, so RecordKey will not save passwords or access keys; ask IT to set one up (e.g. GNOME Keyring).',
      });
    }
    runtime.settings = applyPolicy(loaded.settings, options.policy);
    await runtime.buildCore();
    return runtime;
  }

  get currentSettings(): Settings {
    return this.settings;
  }

  get demo(): boolean {
    return this.simulator !== null;
  }

  /** The in-process simulator's URL in demo mode (the browser harness's tests drive it). */
  get simulatorUrl(): string | null {
    return this.simulator?.url ?? null;
  }

  getState(): AppState {
    return this.core.getState();
  }

  /** Every state change, whichever core (server) is current. */
  readonly subscribe: Event<[state: AppState]> = this.stateChanged.event;

  /** After settings are saved, so the shell can rebind hotkeys and apply start-at-login at once. */
  readonly onSettingsChanged: Event<[settings: Settings, previous: Settings]> = this.settingsChanged.event;

  /** The reminders before a pause ends by itself. */
  readonly onReminder: Event<[secondsLeft: number, state: AppState]> = this.reminded.event;

  /** An intent from any front end: validated here; bad input is refused with the reason, never thrown. */
  send(rawIntent: unknown, rawSource: unknown): IntentReceipt {
    const source = IntentSourceSchema.safeParse(rawSource);
    const intent = IntentSchema.safeParse(rawIntent);
    if (!source.success || !intent.success) {
      const issue = (intent.success ? source.error! : intent.error).issues[0];
      return { accepted: false, reason: `not a valid request: ${issue.path.join('.') || 'intent'}: ${issue.message}` };
    }
    return this.core.submit(intent.data, source.data);
  }

  /** Settings' "Find me": the agents the Recording API knows, the logged-in one suggested. A failure is an answer, not an exception. */
  async findAgents(raw: unknown): Promise<FindAgentsResult> {
    const request = FindAgentsRequestSchema.safeParse(raw);
    if (!request.success) return { ok: false, error: `not a valid request: ${request.error.issues[0].message}` };
    const r = request.data;
    const saved = this.options.secrets.read();
    const auth =
      r.authType === 'basic'
        ? { type: 'basic' as const, username: r.username, password: r.secret ?? saved.onpremPassword ?? '' }
        : r.authType === 'header'
          ? { type: 'header' as const, name: r.headerName, value: r.secret ?? saved.authHeaderValue ?? '' }
          : { type: 'none' as const };
    const found = await findAgents({ baseUrl: r.baseUrl, auth, timeoutMs: this.settings.timeoutMs, extraCaFile: this.settings.extraCaFile }, this.options.loginName ?? userInfo().username);
    return found.ok ? { ok: true, ...found.value } : { ok: false, error: found.error.message };
  }

  /** Settings' "Test connection": the doctor checks for the settings as edited (not saved), with the secrets saved or typed. */
  async testConnection(rawPatch: unknown): Promise<TestConnectionResult> {
    const patch = SettingsPatchSchema.safeParse(rawPatch);
    if (!patch.success) return { checks: [{ name: 'settings', ok: false, mark: 'failed', detail: `not a valid request: ${patch.error.issues[0].message}` }] };
    const edited = updateSettings(this.settings, patch.data.settings, this.options.policy);
    if (!edited.ok) return { checks: edited.errors.map((e) => ({ name: e.path, ok: false, mark: 'failed', detail: e.message })) };
    const typed = Object.fromEntries(Object.entries(patch.data.secrets ?? {}).filter(([, v]) => v));
    const choice = backendFromSettings(edited.settings, { ...this.options.secrets.read(), ...typed });
    if (choice.mode === 'demo') return { checks: [{ name: 'server', ok: true, mark: 'proved', detail: 'demo mode: the built-in simulator; nothing is recorded' }] };
    if (choice.mode === 'invalid') return { checks: [{ name: 'settings', ok: false, mark: 'failed', detail: choice.problem }] };
    return { checks: (await runDoctor(choice.config)).map(({ name, ok, mark, detail }) => ({ name, ok, mark, detail })) };
  }

  history(count = DEFAULT_HISTORY_COUNT): AuditEntryView[] {
    return this.audit.recent(Math.min(Math.max(1, count), MAX_HISTORY_COUNT));
  }

  /** The audit log's chain, checked as `audit verify` checks it (the lines written so far included). */
  verifyAudit(): AuditVerdict {
    if (!(this.audit instanceof AuditLog)) return { status: 'not-kept', summary: 'this run keeps its audit log in memory only (no audit folder), so there is nothing on disk to verify', notes: [] };
    this.audit.commitNow();
    const result = verifyAuditFiles(this.audit.files());
    return { status: result.ok ? 'intact' : 'broken', summary: describeVerification(result), notes: result.notes };
  }

  settingsView(): SettingsView {
    const secrets = this.options.secrets.read();
    return {
      settings: this.settings,
      locked: this.options.policy.locked,
      secretsSet: Object.fromEntries(SECRET_NAMES.map((n) => [n, !!secrets[n]])) as SettingsView['secretsSet'],
      secretStorage: this.options.secrets.storage,
      disallowedControls: this.options.policy.disallowedControls,
      hotkeyStatus: this.hotkeyStatus,
    };
  }

  async updateSettings(rawPatch: unknown): Promise<SettingsResult> {
    const patch = SettingsPatchSchema.safeParse(rawPatch);
    if (!patch.success) return { ok: false, errors: patch.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
    const result = updateSettings(this.settings, patch.data.settings, this.options.policy);
    if (!result.ok) return result;
    const secrets = patch.data.secrets ?? {};
    if (Object.keys(secrets).length && this.options.secrets.storage === 'unavailable') {
      return { ok: false, errors: Object.keys(secrets).map((path) => ({ path: `secrets.${path}`, message: 'cannot be saved: this computer offers no secure key store' })) };
    }
    const previous = this.settings;
    const before = this.settingsProblem ?? coreSettingsKey(previous);
    this.settingsProblem = null;
    this.settings = result.settings;
    this.options.settings.write(result.settings);
    this.settingsChanged.fire(this.settings, previous);
    if (Object.keys(secrets).length) {
      await this.options.secrets.write(secrets);
      // Secrets entered again replace the ones that could not be read.
      this.notices.delete('secrets');
    }
    if (before !== coreSettingsKey(this.settings) || Object.keys(secrets).length) await this.buildCore();
    return { ok: true, view: this.settingsView() };
  }

  /** Problems the shell found (a hotkey taken by another app): shown in the window and the tray. */
  setNotice(id: string, notice: Omit<AppState['notices'][number], 'id'> | null): void {
    if (notice) this.notices.set(id, { id, ...notice });
    else this.notices.delete(id);
    // No core yet while starting: buildCore applies the notices kept here.
    this.core?.store.dispatch(notice ? { type: 'notice-set', notice: { id, ...notice } } : { type: 'notice-cleared', id });
  }

  setHotkeyStatus(status: Record<string, string>): void {
    this.hotkeyStatus = status;
  }

  suspend(): void {
    this.core.poller.suspend();
  }

  resume(): void {
    this.core.poller.resume();
  }

  /**
   * Quitting: lets queued commands finish and resumes a pause that may be on (a pause must
   * not outlive RecordKey), each for at most `graceMs`, and says in the audit log how it went.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.coreSubscriptions.dispose();
    await Promise.race([this.core.controller.idle(), sleep(this.scheduler, graceMs)]);
    const pauseWasOn = this.core.getState().pause.current !== null;
    const pauseOver = pauseWasOn ? await this.core.resumeBeforeQuit(graceMs) : true;
    this.rememberPause(this.core.getState());
    this.auditRun('run-end', pauseOver ? null : 'a pause may still be on at the server: the next start resumes it', { pauseWasOn, pauseOver });
    this.core.stop();
    await this.simulator?.close();
    this.simulator = null;
    if (this.audit instanceof AuditLog) this.audit.close();
    this.stateChanged.dispose();
    this.reminded.dispose();
    this.settingsChanged.dispose();
  }

  private async buildCore(): Promise<void> {
    if (this.core) {
      this.coreSubscriptions.dispose();
      await this.core.controller.idle();
      this.core.stop();
    }
    // An http:// server under a policy that requires https:// is not used at all (fail closed); otherwise a password going there unencrypted is said.
    const insecure = httpsViolations(this.settings, this.options.policy)[0];
    const choice = this.settingsProblem
      ? { mode: 'invalid' as const, problem: this.settingsProblem }
      : insecure
        ? { mode: 'invalid' as const, problem: insecure.message }
        : backendFromSettings(this.settings, this.options.secrets.read());
    const unencrypted = unencryptedWarning(unencryptedSecretAddresses(this.settings.connection));
    if (unencrypted) this.notices.set('unencrypted', { id: 'unencrypted', level: 'warning', message: unencrypted });
    else this.notices.delete('unencrypted');
    let backend: RecordingBackend;
    let agentLabel: string;
    let feed: StatusFeed | null = null;
    if (choice.mode === 'demo') {
      this.notices.delete('connection');
      this.simulator ??= await startSimulator({ host: '127.0.0.1', port: 0, demo: true, warn: () => {} });
      const config: BackendConfig = OnPremConfigSchema.parse({ backend: 'onprem', baseUrl: this.simulator.url, agent: { kind: 'Phone', value: DEMO_AGENT.agentPhone }, timeoutMs: this.settings.timeoutMs, pipelining: this.settings.pipelineConfirmingRead });
      backend = createBackend(config);
      agentLabel = agentLabelOf(config);
    } else {
      await this.simulator?.close();
      this.simulator = null;
      if (choice.mode === 'server') {
        this.notices.delete('connection');
        backend = createBackend(choice.config);
        feed = createStatusFeed(choice.config);
        agentLabel = agentLabelOf(choice.config);
      } else {
        this.notices.set('connection', { id: 'connection', level: 'error', message: `Not connected: ${choice.problem}.` });
        backend = misconfiguredBackend(choice.problem);
        agentLabel = 'not configured';
      }
    }
    const serverKey = serverKeyOf(backend);
    // A pause remembered on any server of the list is this site's: after a failover it was on another than the first.
    const siteKeys = serverKeysOf(backend);
    const remembered = this.memoryData.pause;
    const inFlight = this.pauseInFlightAtCrash;
    this.pauseInFlightAtCrash = null;
    // The pause record is written before the start leaves; if it was lost, the audit's sent time fixes the deadline.
    const restoredPause =
      remembered && siteKeys.includes(remembered.server)
        ? remembered
        : inFlight && inFlight.server !== null && siteKeys.includes(inFlight.server)
          ? { startedAt: inFlight.sentAt, deadline: new Date(Date.parse(inFlight.sentAt) + this.settings.maxBlackoutSeconds * 1000).toISOString(), callInstance: null }
          : null;
    this.core = createAgentCore({
      backend,
      agentLabel,
      audit: this.audit,
      demo: this.simulator !== null,
      maxBlackoutSeconds: this.settings.maxBlackoutSeconds,
      reminderSeconds: this.settings.reminderSeconds,
      intervals: this.settings.polling,
      disallowedControls: this.options.policy.disallowedControls,
      vocabulary: this.settings.recordingStates,
      // The built-in simulator is documented to show pauses (README, "The simulator"), so the demo never starts "not known".
      statusShowsPauses: this.simulator ? 'documented' : this.settings.statusShowsPauses === 'yes' ? 'admin' : this.memoryData.serversShowingPauses.includes(serverKey) ? 'learnt' : null,
      restoredPause,
      keepPauseAcrossCalls: this.settings.keepPauseAcrossCalls,
      feed,
      ...this.options.coreOverrides,
    });
    for (const notice of this.notices.values()) this.core.store.dispatch({ type: 'notice-set', notice });
    this.coreSubscriptions = new DisposableStore();
    this.coreSubscriptions.add(
      this.core.subscribe((state, _event, previous) => {
        // Synchronous, inside the dispatch of the pause's 'command-sent': the record is on disk before the start leaves.
        if (state.pause.current !== previous.pause.current || state.capabilities.statusShowsPauses !== previous.capabilities.statusShowsPauses) this.rememberPause(state);
        this.stateChanged.fire(state);
      }),
    );
    this.coreSubscriptions.add(this.core.onReminder((seconds, state) => this.reminded.fire(seconds, state)));
    this.core.start();
    this.stateChanged.fire(this.core.getState());
  }

  /** Keeps the pause that may be on (its deadline never moves) and what was learnt about the server, for the next run. */
  private rememberPause(state: AppState): void {
    if (state.connection.status === 'misconfigured') return;
    const serverKey = serverKeyOf({ kind: state.backend, serverLabel: state.server });
    const pause = state.pause.current;
    const learnt = state.capabilities.statusShowsPauses === 'learnt' && !this.memoryData.serversShowingPauses.includes(serverKey);
    const next: RuntimeMemoryData = {
      ...this.memoryData,
      pause: pause ? { startedAt: pause.startedAt, deadline: pause.deadline, callInstance: pause.callInstance, server: serverKey } : null,
      serversShowingPauses: learnt ? [...this.memoryData.serversShowingPauses, serverKey].slice(-100) : this.memoryData.serversShowingPauses,
    };
    if (JSON.stringify(next) === JSON.stringify(this.memoryData)) return;
    this.memoryData = next;
    try {
      this.memory.write(next);
    } catch (error) {
      this.setNotice('memory', { level: 'error', message: `RecordKey could not save the pause's deadline (${(error as Error).message}); after a restart it cannot continue the countdown.` });
    }
  }

  private auditRun(result: 'run-start' | 'run-end', error: string | null, detail: NonNullable<AuditRecord['detail']>): void {
    const state = this.core?.getState() ?? null;
    this.audit.append(auditRecord(this.scheduler.now(), state && { agentLabel: state.agentLabel, agent: null }, { action: result === 'run-start' ? 'RecordKey started' : 'RecordKey quit', source: 'app', result, error, detail }));
  }
}

/** The settings the core is built from: when they change, the core is rebuilt. */
function coreSettingsKey(s: Settings): string {
  return JSON.stringify([s.connection, s.timeoutMs, s.extraCaFile, s.polling, s.maxBlackoutSeconds, s.reminderSeconds, s.recordingStates, s.statusShowsPauses, s.keepPauseAcrossCalls, s.pipelineConfirmingRead]);
}

