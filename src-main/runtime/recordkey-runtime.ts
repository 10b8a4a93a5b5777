/**
 * One running RecordKey, without Electron: settings and policy in force, the core for the
 * configured server (or the built-in simulator in demo mode), and the front-end API that
 * the Electron IPC handlers and the browser harness's WebSocket both expose. Everything that
 * arrives from a front end is parsed with zod here, once, whatever the transport.
 */
import { z } from 'zod';
import { agentLabelOf, createBackend, type BackendConfig } from '../backends/backend-config';
import { AuditLog, MemoryAuditSink, type AuditSink } from '../core/audit-log';
import { createAgentCore, type AgentCore } from '../core/agent-core';
import { IntentSchema, IntentSourceSchema, type AppState, type AuditEntryView, type IntentReceipt } from '../core/ipc-contract';
import { DEMO_AGENT } from '../simulator/demo-cycle';
import { startSimulator, type RunningSimulator } from '../simulator/server';
import { applyPolicy, type EffectivePolicy } from '../settings/admin-policy';
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
  audit?: AuditSink;
}

type Listener = (state: AppState) => void;

export class RecordKeyRuntime {
  private core!: AgentCore;
  private simulator: RunningSimulator | null = null;
  private settings!: Settings;
  private readonly listeners = new Set<Listener>();
  private readonly reminderListeners = new Set<(secondsLeft: number, state: AppState) => void>();
  private readonly settingsListeners = new Set<(settings: Settings, previous: Settings) => void>();
  private unsubscribeCore: (() => void) | null = null;
  private readonly audit: AuditSink;
  private readonly notices = new Map<string, AppState['notices'][number]>();
  private hotkeyStatus: Record<string, string> = {};

  private constructor(private readonly options: RuntimeOptions) {
    this.audit = options.audit ?? (options.auditDir ? new AuditLog(options.auditDir) : new MemoryAuditSink());
  }

  static async start(options: RuntimeOptions): Promise<RecordKeyRuntime> {
    const runtime = new RecordKeyRuntime(options);
    const loaded = loadSettings(options.settings.read());
    if (loaded.problem) {
      const backup = options.settings.backup();
      runtime.notices.set('settings', {
        id: 'settings',
        level: 'warning',
        message: `Your settings could not be read (${loaded.problem}); RecordKey started with the defaults.${backup ? ` The old file was kept as ${backup}.` : ''}`,
      });
      options.settings.write(loaded.settings);
    }
    if (options.policy.problem) runtime.notices.set('policy', { id: 'policy', level: 'error', message: options.policy.problem });
    if (options.secrets.storage === 'unavailable') {
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

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after settings are saved, so the shell can rebind hotkeys and apply start-at-login at once. */
  onSettingsChanged(listener: (settings: Settings, previous: Settings) => void): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  onReminder(listener: (secondsLeft: number, state: AppState) => void): () => void {
    this.reminderListeners.add(listener);
    return () => this.reminderListeners.delete(listener);
  }

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

  history(count = 50): AuditEntryView[] {
    return this.audit.recent(Math.min(Math.max(1, count), 500));
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
    const before = coreSettingsKey(previous);
    this.settings = result.settings;
    this.options.settings.write(result.settings);
    for (const listener of this.settingsListeners) listener(this.settings, previous);
    if (Object.keys(secrets).length) await this.options.secrets.write(secrets);
    if (before !== coreSettingsKey(this.settings) || Object.keys(secrets).length) await this.buildCore();
    return { ok: true, view: this.settingsView() };
  }

  /** Problems the shell found (a hotkey taken by another app): shown in the window and the tray. */
  setNotice(id: string, notice: Omit<AppState['notices'][number], 'id'> | null): void {
    if (notice) this.notices.set(id, { id, ...notice });
    else this.notices.delete(id);
    this.core.store.dispatch(notice ? { type: 'notice-set', notice: { id, ...notice } } : { type: 'notice-cleared', id });
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

  /** Lets queued commands finish first (a pause start in flight must not vanish at quit), for at most `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    this.unsubscribeCore?.();
    await Promise.race([this.core.controller.idle(), new Promise((r) => setTimeout(r, graceMs))]);
    this.core.stop();
    await this.simulator?.close();
    this.simulator = null;
    if (this.audit instanceof AuditLog) this.audit.close();
  }

  private async buildCore(): Promise<void> {
    if (this.core) {
      this.unsubscribeCore?.();
      await this.core.controller.idle();
      this.core.stop();
    }
    const choice = backendFromSettings(this.settings, this.options.secrets.read());
    let config: BackendConfig;
    if (choice.mode === 'server') {
      await this.simulator?.close();
      this.simulator = null;
      config = choice.config;
      this.notices.delete('connection');
    } else {
      if (choice.mode === 'invalid') this.notices.set('connection', { id: 'connection', level: 'error', message: `${choice.problem}. Running in demo mode until then.` });
      this.simulator ??= await startSimulator({ host: '127.0.0.1', port: 0, demo: true, warn: () => {} });
      config = { backend: 'onprem', baseUrl: this.simulator.url, agent: { kind: 'Phone', value: DEMO_AGENT.agentPhone }, auth: { type: 'none' }, timeoutMs: this.settings.timeoutMs };
    }
    this.core = createAgentCore({
      backend: createBackend(config),
      agentLabel: agentLabelOf(config),
      audit: this.audit,
      demo: this.simulator !== null,
      maxBlackoutSeconds: this.settings.maxBlackoutSeconds,
      reminderSeconds: this.settings.reminderSeconds,
      intervals: this.settings.polling,
      disallowedControls: this.options.policy.disallowedControls,
    });
    for (const notice of this.notices.values()) this.core.store.dispatch({ type: 'notice-set', notice });
    this.unsubscribeCore = this.core.subscribe((state) => {
      for (const listener of this.listeners) listener(state);
    });
    this.core.onReminder((seconds, state) => {
      for (const listener of this.reminderListeners) listener(seconds, state);
    });
    this.core.start();
    for (const listener of this.listeners) listener(this.core.getState());
  }
}

/** The settings the core is built from: when they change, the core is rebuilt. */
function coreSettingsKey(s: Settings): string {
  return JSON.stringify([s.connection, s.timeoutMs, s.extraCaFile, s.polling, s.maxBlackoutSeconds, s.reminderSeconds]);
}

/** A request's history count from a front end, bounded. */
export const HistoryCountSchema = z.number().int().min(1).max(500).default(50);
