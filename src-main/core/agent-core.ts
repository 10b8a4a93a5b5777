/**
 * The whole core for one agent, headless: store, poller, controller, pause lifecycle and
 * audit, wired to one backend. The tray app, the browser harness, the CLI and the benchmarks
 * all build it the same way, so none of them holds a second copy of any decision.
 */
import type { AuditSink } from './audit-log';
import { auditRecord } from './audit-protocol';
import { mayBeOn } from './control-state';
import { Controller, type SubmitOptions } from './controller';
import { observeCxoneStatus } from './cxone-status';
import { Emitter, type Event } from './emitter';
import { DisposableStore, toDisposable } from './lifecycle';
import type { AppState, ControlName, Intent, IntentReceipt, IntentSource, PauseRecord } from './ipc-contract';
import { CONTROL_NAMES } from './ipc-contract';
import { PauseLifecycle } from './pause-lifecycle';
import { DEFAULT_SYNC_GRACE_MS } from './failover-policy';
import { DEFAULT_MAX_PAUSE_SECONDS, DEFAULT_NO_CALL_GRACE_MS, DEFAULT_REMINDER_SECONDS } from './pause-policy';
import { DEFAULT_POLL_INTERVALS, type PollIntervals } from './poll-schedule';
import { Poller } from './poller';
import type { RecordingBackend } from './recording-backend';
import { observeSnapshot, vocabularyWith, type RecordingVocabulary } from './recording-vocabulary';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { realScheduler, type Scheduler } from './scheduler';
import { auditStateChanges } from './state-change-audit';
import { initialState } from './state-reducer';
import { StateStore, type StateListener } from './state-store';
import type { StatusFeed } from './status-feed';

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
  /** RecordingState values an admin added to the defaults. */
  vocabulary?: Partial<RecordingVocabulary>;
  /** Whether this server's status is known to show pauses (remembered from earlier runs, or said by an admin). */
  statusShowsPauses?: AppState['capabilities']['statusShowsPauses'];
  /** A pause the last run left possibly on: its countdown goes on from where it was. */
  restoredPause?: Pick<PauseRecord, 'startedAt' | 'deadline' | 'callInstance'> | null;
  /** How long the agent may have no call at all before a pause ends by itself (default 5 s). */
  noCallGraceMs?: number;
  /** Admin policy: pauses outlive calls (only the deadline ends them). */
  keepPauseAcrossCalls?: boolean;
  /** After a failover: how long the new server may take to show a pause before it is sent again. */
  syncGraceMs?: number;
  /** The site relay: the agent's status pushed, standing in for polls while it is usable (status-feed.ts). */
  feed?: StatusFeed | null;
}

export interface AgentCore {
  store: StateStore;
  poller: Poller;
  controller: Controller;
  getState(): AppState;
  subscribe: Event<Parameters<StateListener>>;
  submit(intent: Intent, source: IntentSource, options?: SubmitOptions): IntentReceipt;
  onReminder: Event<[secondsLeft: number, state: AppState]>;
  start(): void;
  /** Ends a pause that may be on before RecordKey goes away; resolves whether it is known to be over. */
  resumeBeforeQuit(graceMs: number): Promise<boolean>;
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
        maxBlackoutSeconds: options.maxBlackoutSeconds ?? DEFAULT_MAX_PAUSE_SECONDS,
        noCallGraceMs: options.noCallGraceMs ?? DEFAULT_NO_CALL_GRACE_MS,
        keepPauseAcrossCalls: options.keepPauseAcrossCalls ?? false,
        canReportStatus: backend.canReportStatus,
        statusShowsPauses: options.statusShowsPauses ?? (backend.statusDocumentsPauses && backend.canReportStatus ? 'documented' : null),
        unsupported,
      },
      scheduler.now(),
    ),
  );
  const vocabulary = vocabularyWith(options.vocabulary);
  const reportedUnknown = new Set<string>();
  const observe = (snapshot: Parameters<typeof observeSnapshot>[0]) => {
    const observation = snapshot.cxone !== undefined ? observeCxoneStatus(snapshot.cxone) : observeSnapshot(snapshot, vocabulary);
    const fresh = observation.unknownValues.filter((v) => !reportedUnknown.has(v));
    if (fresh.length) {
      for (const v of fresh) reportedUnknown.add(v);
      const values = [...reportedUnknown].map((v) => `"${v}"`).join(', ');
      store.dispatch({
        type: 'notice-set',
        notice: {
          id: 'recording-states',
          level: 'warning',
          message: `The server reports recording states RecordKey does not know (${values}), so it shows them as unknown. Ask your administrator to add them to the recording-state settings.`,
        },
      });
    }
    return observation;
  };
  const poller = new Poller(backend, store, scheduler, options.intervals ?? DEFAULT_POLL_INTERVALS, random, observe);
  const controller = new Controller({ backend, store, poller, scheduler, audit, policy: options.retry ?? DEFAULT_RETRY_POLICY, random });
  const reminders = new Emitter<[secondsLeft: number, state: AppState]>();
  const lifecycle = new PauseLifecycle({
    store,
    scheduler,
    random,
    syncGraceMs: options.syncGraceMs ?? DEFAULT_SYNC_GRACE_MS,
    resend: (deadline) => controller.resendPause(deadline),
    submit: (intent, source, submitOptions) => controller.submit(intent, source, submitOptions),
    reminderSeconds: options.reminderSeconds ?? [...DEFAULT_REMINDER_SECONDS],
    onReminder: (secondsLeft, state) => {
      audit.append(auditRecord(scheduler.now(), state, { action: 'pause reminder', source: 'timer', result: 'reminder', detail: { secondsLeft } }));
      reminders.fire(secondsLeft, state);
    },
  });
  // Everything the core starts, disposed in reverse on stop: the backend's connections last.
  const running = new DisposableStore();
  running.add(toDisposable(() => backend.close()));
  running.add(reminders);
  // A move to another server of the list: audited, and the new server read at once (the CLI's one-shot reads see it too).
  if (backend.onSwitch) {
    running.add(
      backend.onSwitch((change) => {
        audit.append(auditRecord(change.at, store.get(), { action: 'server changed', source: 'observed', result: 'state-changed', error: change.reason, detail: { from: change.from, to: change.to } }));
        store.dispatch({ type: 'server-changed', ...change });
        // The new server is read at once, not after the failing server's backoff.
        void poller.pollNow();
      }),
    );
  }
  if (backend.onRemoteResume) {
    running.add(
      backend.onRemoteResume((resume) =>
        audit.append(auditRecord(resume.at, store.get(), { action: 'pause ended on another server', source: 'observed', result: 'state-changed', detail: { server: resume.server, answer: resume.answer } })),
      ),
    );
  }

  return {
    store,
    poller,
    controller,
    getState: () => store.get(),
    subscribe: store.subscribe,
    submit: (intent, source, submitOptions) => controller.submit(intent, source, submitOptions),
    onReminder: reminders.event,
    start() {
      running.add(auditStateChanges(store, audit, () => scheduler.now()));
      if (options.restoredPause) store.dispatch({ type: 'pause-restored', record: options.restoredPause, at: scheduler.now() });
      running.add(lifecycle).start();
      running.add(toDisposable(() => poller.stop()));
      poller.start();
      const feed = options.feed;
      if (feed) {
        running.add(toDisposable(poller.useFeed(feed)));
        running.add(toDisposable(() => feed.close()));
        feed.start();
      }
    },
    async resumeBeforeQuit(graceMs) {
      // RecordKey itself resumes now: the lifecycle's own automatic resume must not race it.
      lifecycle.dispose();
      if (mayBeOn(store.get().controls.blackout)) {
        controller.submit({ type: 'blackout', action: 'stop' }, 'shutdown', { because: 'quit' });
        await Promise.race([controller.idle(), new Promise((resolve) => scheduler.after(graceMs, () => resolve(undefined)))]);
      }
      return !mayBeOn(store.get().controls.blackout);
    },
    stop() {
      running.dispose();
    },
  };
}
