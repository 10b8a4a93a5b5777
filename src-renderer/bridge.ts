/**
 * The renderer's only way out: render the AppState it is given, send intents back. In
 * Electron the preload provides it (window.recordkey); in the browser harness it is a
 * WebSocket to the same runtime, loaded only there (web-bridge.ts checks each message against
 * the contract with zod: it crosses a network).
 *
 * What main hands the window is not parsed with zod again here. Main is the side that must
 * distrust the other (validated-ipc-main.ts checks every request from the window); the state
 * it sends is made by the reducer, whose every reachable state the property tests hold to
 * AppStateSchema. Parsing it again cost the window a quarter of its first script (zod) and
 * its first paint (bench/first-paint.ts). A value that is not even shaped like a state is
 * still dropped, never rendered.
 */
import type { AppState, AuditEntryView, AuditVerdict, FindAgentsRequest, FindAgentsResult, TestConnectionResult, Intent, IntentReceipt, ViewName } from '../src-main/core/ipc-contract';
import { CONTROL_NAMES } from '../src-main/core/control-state';
import { isViewName } from '../src-main/core/ipc-channels';
import type { SettingsPatch, SettingsResult, SettingsView } from '../src-main/settings/settings-schema';

export interface Bridge {
  getState(): Promise<AppState>;
  onState(listener: (state: AppState) => void): () => void;
  send(intent: Intent): Promise<IntentReceipt>;
  getHistory(): Promise<AuditEntryView[]>;
  /** Whether the audit log's hash chain holds (History's raw view says it). */
  verifyAudit(): Promise<AuditVerdict>;
  getSettings(): Promise<SettingsView>;
  setSettings(patch: SettingsPatch): Promise<SettingsResult>;
  /** Settings' "Find me" (GET /api/Agent/GetAll on the server given). */
  findAgents(request: FindAgentsRequest): Promise<FindAgentsResult>;
  /** Settings' "Test connection": the doctor checks for the settings as edited. */
  testConnection(patch: SettingsPatch): Promise<TestConnectionResult>;
  /** Main asking for a view (the tray's Settings… item); only the Electron window has it. */
  onNavigate?(listener: (view: ViewName) => void): () => void;
}

declare global {
  interface Window {
    recordkey?: Bridge;
  }
}

/** Shaped like an AppState: each control with a kind, a connection and a pause (what every view reads first). */
export function isAppStateShaped(raw: unknown): raw is AppState {
  if (typeof raw !== 'object' || raw === null) return false;
  const state = raw as Partial<Record<keyof AppState, unknown>>;
  const controls = state.controls as Record<string, { kind?: unknown } | undefined> | undefined;
  return typeof state.connection === 'object' && typeof state.pause === 'object' && typeof controls === 'object' && CONTROL_NAMES.every((n) => typeof controls?.[n]?.kind === 'string');
}

/** Drops what is not shaped like what the window renders; a dropped state is said in the console. */
export function guarded(bridge: Bridge): Bridge {
  const checkState = (raw: unknown): AppState => {
    if (!isAppStateShaped(raw)) throw new Error('RecordKey: the state from the app is not shaped like a state');
    return raw;
  };
  return {
    ...bridge,
    getState: async () => checkState(await bridge.getState()),
    onState: (listener) =>
      bridge.onState((raw) => {
        if (isAppStateShaped(raw)) listener(raw);
        else console.error('RecordKey: ignored a state that is not shaped like a state');
      }),
    onNavigate: (listener) =>
      bridge.onNavigate?.((raw) => {
        if (isViewName(raw)) listener(raw);
      }) ?? (() => {}),
  };
}

/** A Bridge whose implementation arrives later (the harness's WebSocket bridge, a chunk of its own). */
function deferred(load: Promise<Bridge>): Bridge {
  return {
    getState: async () => (await load).getState(),
    send: async (intent) => (await load).send(intent),
    getHistory: async () => (await load).getHistory(),
    verifyAudit: async () => (await load).verifyAudit(),
    getSettings: async () => (await load).getSettings(),
    setSettings: async (patch) => (await load).setSettings(patch),
    findAgents: async (request) => (await load).findAgents(request),
    testConnection: async (patch) => (await load).testConnection(patch),
    onState(listener) {
      let unsubscribe: (() => void) | null = null;
      let cancelled = false;
      void load.then((bridge) => {
        if (!cancelled) unsubscribe = bridge.onState(listener);
      });
      return () => {
        cancelled = true;
        unsubscribe?.();
      };
    },
  };
}

export function connectBridge(): Bridge {
  if (window.recordkey) return guarded(window.recordkey);
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge`;
  return guarded(deferred(import('./web-bridge').then((m) => m.createWebSocketBridge(url))));
}
