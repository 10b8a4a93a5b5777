/**
 * A Bridge for component tests: holds an AppState built by the real reducer, records the
 * intents the UI sends, and answers settings calls with the real schema's defaults.
 */
import type { Bridge } from '../../src-renderer/bridge';
import type { AppState, AuditEntryView, AuditVerdict, FindAgentsRequest, FindAgentsResult, Intent, IntentReceipt, TestConnectionResult } from '../../src-main/core/ipc-contract';
import type { AgentSnapshot } from '../../src-main/core/agent-snapshot';
import { DEFAULT_VOCABULARY, observeSnapshot } from '../../src-main/core/recording-vocabulary';
import { initialState, reduce, type CoreEvent } from '../../src-main/core/state-reducer';
import { DEFAULT_SETTINGS, type SettingsPatch, type SettingsResult, type SettingsView } from '../../src-main/settings/settings-schema';
import { updateSettings } from '../../src-main/settings/settings-update';
import { NO_POLICY, type EffectivePolicy } from '../../src-main/settings/admin-policy';

export const T0 = Date.parse('2026-11-21T10:00:00Z');

export function stateFrom(events: CoreEvent[], overrides: Partial<Parameters<typeof initialState>[0]> = {}): AppState {
  const start = initialState(
    {
      demo: false,
      backend: 'onprem',
      server: 'https://rec.example.test',
      agentLabel: 'Phone 805003',
      maxBlackoutSeconds: 120,
      noCallGraceMs: 5000,
      keepPauseAcrossCalls: false,
      canReportStatus: true,
      statusShowsPauses: 'learnt',
      unsupported: { voice: null, screen: null, blackout: null, duplicate: null, doNotRecord: null },
      ...overrides,
    },
    T0,
  );
  return events.reduce(reduce, start);
}

export function onCall(recordingStates: string[] = [], instance = 'fe0b6231-1ffcce90-c84c9c5f@10.100.6.20'): CoreEvent {
  const snapshot: AgentSnapshot = {
      agentId: '7',
      businessUnit: '1',
      agentPhone: '805003',
      systemUsername: 'pat',
      crmUsername: '',
      username: 'pat@example.test',
      deviceId: '',
      deviceAlias: '',
      activeCall: {
        callInstance: instance,
        callState: 'OnCall',
        direction: 'inbound',
        ani: '02079460123',
        dnis: '0800111',
        startTime: '',
        metadata: {},
        recordings: recordingStates.map((s, i) => ({ id: `r${i}`, isDuplicate: false, state: s })),
      },
      inactiveCalls: [],
      desktopOnlySessions: [],
  };
  return { type: 'poll-ok', at: T0, snapshot, observation: observeSnapshot(snapshot, DEFAULT_VOCABULARY) };
}

export function idle(): CoreEvent {
  const event = onCall([]) as Extract<CoreEvent, { type: 'poll-ok' }>;
  const snapshot = { ...event.snapshot, activeCall: null };
  return { ...event, snapshot, observation: observeSnapshot(snapshot, DEFAULT_VOCABULARY) };
}

export class FakeBridge implements Bridge {
  sent: Intent[] = [];
  receipt: IntentReceipt = { accepted: true, reason: null };
  private listeners = new Set<(s: AppState) => void>();
  policy: EffectivePolicy = NO_POLICY;
  view: SettingsView = {
    settings: DEFAULT_SETTINGS,
    locked: [],
    secretsSet: { onpremPassword: false, authHeaderValue: false, cxoneClientSecret: false, cxoneAccessKeySecret: false, relayToken: false },
    secretStorage: 'encrypted',
    disallowedControls: [],
    hotkeyStatus: {},
  };

  constructor(public state: AppState) {}

  push(state: AppState): void {
    this.state = state;
    for (const l of this.listeners) l(state);
  }

  getState = async () => this.state;
  onState = (l: (s: AppState) => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  send = async (intent: Intent) => {
    this.sent.push(intent);
    return this.receipt;
  };
  getHistory = async (): Promise<AuditEntryView[]> => [];
  verifyAudit = async (): Promise<AuditVerdict> => ({ status: 'intact', summary: 'the audit log is intact: 0 lines in 1 file chain without a gap', notes: [] });
  findAgentsResult: FindAgentsResult = { ok: true, agents: [], suggested: null };
  findAgentsRequests: FindAgentsRequest[] = [];
  testConnectionResult: TestConnectionResult = { checks: [] };
  testConnection = async (): Promise<TestConnectionResult> => this.testConnectionResult;
  findAgents = async (request: FindAgentsRequest): Promise<FindAgentsResult> => {
    this.findAgentsRequests.push(request);
    return this.findAgentsResult;
  };
  getSettings = async () => this.view;
  setSettings = async (patch: SettingsPatch): Promise<SettingsResult> => {
    const result = updateSettings(this.view.settings, patch.settings, { ...this.policy, locked: this.view.locked });
    if (!result.ok) return result;
    this.view = { ...this.view, settings: result.settings };
    return { ok: true, view: this.view };
  };
}
