/**
 * The whole core for one agent, headless: store, poller, controller, pause timer and audit,
 * wired to one backend. The tray app, the browser harness, the CLI and the benchmarks all
 * build it the same way, so none of them holds a second copy of any decision.
 */
import type { RecordingBackend } from '../backends/recording-backend';
import type { AuditSink } from './audit-log';
import { BlackoutTimer } from './blackout-timer';
import { Controller } from './controller';
import type { AppState, ControlName, Intent, IntentReceipt, IntentSource } from './ipc-contract';
import { CONTROL_NAMES } from './ipc-contract';
import { DEFAULT_POLL_INTERVALS, type PollIntervals } from './poll-schedule';
import { Poller } from './poller';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { realScheduler, type Scheduler } from './scheduler';
import { initialState } from './state-reducer';
import { StateStore, type StateListener } from './state-store';

export interface AgentCoreOptions {
  backend: RecordingBackend;
  agentLabel: string;
  audit: AuditSink;
  demo?: boolean;
  maxBlackoutSeconds?: number;
  reminderSeconds?: number[];
  intervals?: PollIntervals;
  retry?: RetryPolicy;
  scheduler?: Scheduler;
  random?: () => number;
  /** Controls an admin policy turned off: refused like an unsupported command. */
  disallowedControls?: ControlName[];
}

export interface AgentCore {
  store: StateStore;
  poller: Poller;
  controller: Controller;
  getState(): AppState;
  subscribe(listener: StateListener): () => void;
  submit(intent: Intent, source: IntentSource): IntentReceipt;
  onReminder(listener: (secondsLeft: number, state: AppState) => void): () => void;
  start(): void;
  stop(): void;
}

const COMMAND_FOR: Record<ControlName, Parameters<RecordingBackend['unsupported']>[0]> = {
  voice: 'voice-start',
  screen: 'screen-start',
  blackout: 'blackout-start',
  duplicate: 'duplicate-start',
  doNotRecord: 'do-not-record',
};

export function createAgentCore(options: AgentCoreOptions): AgentCore {
  const scheduler = options.scheduler ?? realScheduler;
  const random = options.random ?? Math.random;
  const { backend, audit } = options;
  const disallowed = new Set(options.disallowedControls ?? []);
  const unsupported = Object.fromEntries(
    CONTROL_NAMES.map((n) => [n, disallowed.has(n) ? 'turned off by your administrator' : backend.unsupported(COMMAND_FOR[n])]),
  ) as Record<ControlName, string | null>;
  const store = new StateStore(
    initialState(
      {
        demo: options.demo ?? false,
        backend: backend.kind,
        server: backend.serverLabel,
        agentLabel: options.agentLabel,
        maxBlackoutSeconds: options.maxBlackoutSeconds ?? 180,
        canReportStatus: backend.canReportStatus,
        unsupported,
      },
      scheduler.now(),
    ),
  );
  const poller = new Poller(backend, store, scheduler, options.intervals ?? DEFAULT_POLL_INTERVALS, random);
  const controller = new Controller({ backend, store, poller, scheduler, audit, policy: options.retry ?? DEFAULT_RETRY_POLICY, random });
  const reminderListeners = new Set<(secondsLeft: number, state: AppState) => void>();
  const timer = new BlackoutTimer({
    store,
    scheduler,
    submit: (intent, source) => controller.submit(intent, source),
    reminderSeconds: options.reminderSeconds ?? [30, 10],
    onReminder: (secondsLeft, state) => {
      audit.append({
        time: new Date(scheduler.now()).toISOString(),
        agent: state.agentLabel,
        callInstance: state.agent?.activeCall?.callInstance ?? null,
        action: 'pause reminder',
        source: 'timer',
        result: 'reminder',
        error: null,
        detail: { secondsLeft },
      });
      for (const listener of reminderListeners) listener(secondsLeft, state);
    },
  });

  return {
    store,
    poller,
    controller,
    getState: () => store.get(),
    subscribe: (listener) => store.subscribe(listener),
    submit: (intent, source) => controller.submit(intent, source),
    onReminder(listener) {
      reminderListeners.add(listener);
      return () => reminderListeners.delete(listener);
    },
    start() {
      timer.start();
      poller.start();
    },
    stop() {
      timer.stop();
      poller.stop();
      backend.close();
    },
  };
}
