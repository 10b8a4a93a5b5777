/**
 * The renderer's only way out: render the AppState it is given, send intents back. In
 * Electron the preload provides it (window.recordkey); in the browser harness it is a
 * WebSocket to the same runtime. Either way every AppState is checked against the contract.
 */
import { AppStateSchema, FindAgentsResultSchema, IntentReceiptSchema, ViewNameSchema, type AppState, type AuditEntryView, type FindAgentsRequest, type FindAgentsResult, TestConnectionResultSchema, type TestConnectionResult, type Intent, type IntentReceipt, type ViewName } from '../src-main/core/ipc-contract';
import type { SettingsPatch, SettingsResult, SettingsView } from '../src-main/settings/settings-schema';
import { createWebSocketBridge } from './web-bridge';

export interface Bridge {
  getState(): Promise<AppState>;
  onState(listener: (state: AppState) => void): () => void;
  send(intent: Intent): Promise<IntentReceipt>;
  getHistory(): Promise<AuditEntryView[]>;
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

/** Validates what crosses into the renderer: a malformed state is dropped, never rendered. */
export function validated(bridge: Bridge): Bridge {
  const checkState = (raw: unknown): AppState => AppStateSchema.parse(raw);
  return {
    getState: async () => checkState(await bridge.getState()),
    onState: (listener) =>
      bridge.onState((raw) => {
        const parsed = AppStateSchema.safeParse(raw);
        if (parsed.success) listener(parsed.data);
        else console.error('RecordKey: ignored a state that does not fit the contract', parsed.error.issues[0]);
      }),
    send: async (intent) => IntentReceiptSchema.parse(await bridge.send(intent)),
    getHistory: () => bridge.getHistory(),
    getSettings: () => bridge.getSettings(),
    setSettings: (patch) => bridge.setSettings(patch),
    findAgents: async (request) => FindAgentsResultSchema.parse(await bridge.findAgents(request)),
    testConnection: async (patch) => TestConnectionResultSchema.parse(await bridge.testConnection(patch)),
    onNavigate: (listener) =>
      bridge.onNavigate?.((raw) => {
        const view = ViewNameSchema.safeParse(raw);
        if (view.success) listener(view.data);
      }) ?? (() => {}),
  };
}

export function connectBridge(): Bridge {
  return validated(window.recordkey ?? createWebSocketBridge(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge`));
}
