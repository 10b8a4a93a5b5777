/**
 * The pure reducer behind the one AppState. Each control moves only through `transition`
 * (control-state.ts); this file feeds it the server's status and the commands' outcomes, and
 * keeps the pause record: a pause that may be on always has a deadline fixed when its start
 * was first sent, and the record says how it ended.
 */
import type { AgentSnapshot } from './agent-snapshot';
import { CONTROL_NAMES, mayBeOn, isPending, transition, unknownControl, type ControlEvent, type ControlName, type OnOff } from './control-state';
import type { AppState, PauseEnder, PauseRecord } from './ipc-contract';
import { observedPause, type Observed, type StatusObservation } from './recording-vocabulary';
import type { BackendError } from './result';

export type CoreEvent =
  | { type: 'poll-ok'; snapshot: AgentSnapshot; observation: StatusObservation; at: number }
  /** `lastOkAt`: when the last status read succeeded (reads that repeated the shown state are not reduced, poller.ts). */
  | { type: 'poll-failed'; error: BackendError; at: number; lastOkAt?: number | null }
  /**
   * A command goes out for a control. For a pause start, `effectiveAt` (a scheduled start) and
   * `plannedSeconds` fix the deadline; for a stop, `endingBy` says who ends it.
   */
  | { type: 'command-sent'; control: ControlName; target: OnOff; at: number; plannedSeconds?: number; effectiveAt?: number; endingBy?: PauseEnder }
  | { type: 'control'; control: ControlName; event: ControlEvent }
  /** A backend without status learnt that the agent's contact is over (a command answered 404). */
  | { type: 'contact-ended'; at: number }
  /** The agent extended the pause: its new deadline (never past startedAt + the maximum). */
  | { type: 'pause-extended'; deadline: string; at: number }
  /** The automatic resume cannot be sent now (`reason`), or can again (null). */
  | { type: 'pause-resume-blocked'; reason: string | null; at: number }
  /** A pause record left by the last run: the pause may still be on at the server. */
  | { type: 'pause-restored'; record: Pick<PauseRecord, 'startedAt' | 'deadline' | 'callInstance'>; at: number }
  /** The backend moved to another server of the list: evidence from the old one says nothing about the new one. */
  | { type: 'server-changed'; from: string; to: string; reason: string; at: number; toFirst: boolean }
  | { type: 'error-reported'; message: string; control: ControlName | null; at: number }
  | { type: 'notice-set'; notice: AppState['notices'][number] }
  /** The status now comes from the relay, or directly (and why). */
  | { type: 'status-source'; source: AppState['statusSource'] }
  | { type: 'notice-cleared'; id: string };

export interface CoreIdentity {
  demo: boolean;
  backend: AppState['backend'];
  server: string;
  agentLabel: string;
  maxBlackoutSeconds: number;
  noCallGraceMs: number;
  keepPauseAcrossCalls: boolean;
  canReportStatus: boolean;
  statusShowsPauses: AppState['capabilities']['statusShowsPauses'];
  unsupported: Record<ControlName, string | null>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The refusal's contact when the backend cannot say which call it was (CXone without a status
 * server): then it holds until a command learns the contact is over (404).
 */
export const UNKNOWN_CONTACT = 'current-contact';

export function initialState(identity: CoreIdentity, at: number): AppState {
  const controls = Object.fromEntries(CONTROL_NAMES.map((n) => [n, unknownControl(at)])) as AppState['controls'];
  return withAvailability({
    demo: identity.demo,
    backend: identity.backend,
    server: identity.server,
    agentLabel: identity.agentLabel,
    connection: {
      status: identity.canReportStatus ? 'connecting' : 'no-status',
      message: identity.canReportStatus ? null : 'this server does not report call state; commands are confirmed by its answers',
      lastOkAt: null,
      consecutiveFailures: 0,
    },
    capabilities: { canReportStatus: identity.canReportStatus, statusShowsPauses: identity.statusShowsPauses, unsupported: identity.unsupported },
    agent: null,
    snapshotAt: null,
    controls,
    availability: Object.fromEntries(CONTROL_NAMES.map((n) => [n, null])) as AppState['availability'],
    pause: { maxSeconds: identity.maxBlackoutSeconds, noCallGraceMs: identity.noCallGraceMs, keepAcrossCalls: identity.keepPauseAcrossCalls, current: null, lastEnded: null },
    doNotRecordCall: null,
    lastError: null,
    notices: [],
    statusSource: { via: 'direct', relay: null, note: null },
  });
}

/** What the status shows for each control; 'unknown' where it cannot show it. */
export function observe(state: AppState, snapshot: AgentSnapshot, observation: StatusObservation, doNotRecordCall: string | null): Record<ControlName, Observed> {
  const call = snapshot.activeCall;
  return {
    voice: observation.voice,
    screen: observation.screen,
    duplicate: observation.duplicate,
    // After a failover, the new server's "no pause" may be sync not yet done: it does not end a pause that may be on.
    blackout: state.pause.current?.movedFrom ? (observation.pausedSeen ? 'on' : 'unknown') : observedPause(observation, state.capabilities.statusShowsPauses !== null),
    // A refusal the status cannot show keeps the evidence it has (the answer) while its call lasts; the call ending is seen.
    doNotRecord: observation.declined === 'on' ? 'on' : doNotRecordCall === null ? observation.declined : call?.callInstance === doNotRecordCall ? 'unknown' : 'off',
  };
}

export function reduce(state: AppState, event: CoreEvent): AppState {
  const next = apply(state, event);
  if (next === state) return state;
  return withAvailability(keepPauseRecord(withoutStaleFailure(next), eventTime(event, state)));
}

/** A control's last failure is news only while the control is still failed: once it settles (or is retried) the notice goes. */
function withoutStaleFailure(state: AppState): AppState {
  const control = state.lastError?.control;
  return control && state.controls[control].kind !== 'failed' ? { ...state, lastError: null } : state;
}

function eventTime(event: CoreEvent, state: AppState): number {
  if ('at' in event) return event.at;
  if (event.type === 'control') return event.event.at;
  return Date.parse(state.snapshotAt ?? new Date(0).toISOString());
}

function apply(state: AppState, event: CoreEvent): AppState {
  switch (event.type) {
    case 'poll-ok':
      return onPollOk(state, event.snapshot, event.observation, event.at);
    case 'poll-failed':
      return onPollFailed(event.lastOkAt ? { ...state, connection: { ...state.connection, lastOkAt: iso(event.lastOkAt) } } : state, event.error);
    case 'command-sent': {
      const next = step(state, event.control, { type: 'sent', target: event.target, at: event.at });
      return event.control === 'blackout' ? pauseCommandSent(next, event) : next;
    }
    case 'control': {
      const next = step(state, event.control, event.event);
      const c = next.controls[event.control];
      if (c.kind === 'failed' && state.controls[event.control].kind !== 'failed') {
        return { ...next, lastError: { message: c.error.message, at: iso(event.event.at), control: event.control, error: c.error } };
      }
      if (event.control === 'doNotRecord' && c.kind === 'on' && next.doNotRecordCall === null) {
        return { ...next, doNotRecordCall: next.agent?.activeCall?.callInstance ?? UNKNOWN_CONTACT };
      }
      return next;
    }
    case 'contact-ended':
      if (state.doNotRecordCall === null) return state;
      return { ...step(state, 'doNotRecord', { type: 'observed', seen: 'off', at: event.at }), doNotRecordCall: null };
    case 'pause-extended': {
      const current = state.pause.current;
      return current && current.deadline !== event.deadline ? withPause(state, { ...current, deadline: event.deadline }) : state;
    }
    case 'pause-resume-blocked': {
      const current = state.pause.current;
      if (!current || current.resumeBlocked === event.reason) return state;
      return withPause(state, { ...current, resumeBlocked: event.reason });
    }
    case 'pause-restored': {
      const restored = step(state, 'blackout', { type: 'assumed', value: 'on', reason: `a pause from the last run (since ${event.record.startedAt}) may still be on`, at: event.at });
      return withPause(restored, { ...newPauseRecord('last-run', event.record.startedAt, event.record.deadline, event.record.callInstance), claimed: true });
    }
    case 'server-changed':
      return onServerChanged(state, event);
    case 'status-source': {
      const was = state.statusSource;
      const now = event.source;
      return was.via === now.via && was.relay === now.relay && was.note === now.note ? state : { ...state, statusSource: now };
    }
    case 'error-reported':
      return { ...state, lastError: { message: event.message, at: iso(event.at), control: event.control } };
    case 'notice-set':
      return { ...state, notices: [...state.notices.filter((n) => n.id !== event.notice.id), event.notice] };
    case 'notice-cleared':
      return { ...state, notices: state.notices.filter((n) => n.id !== event.id) };
    default:
      // Not an event this reducer knows (a caller out of step): the state stays as it was.
      return state;
  }
}

function step(state: AppState, name: ControlName, event: ControlEvent): AppState {
  const before = state.controls[name];
  const after = transition(name, before, event);
  if (after === before) return state;
  return { ...state, controls: { ...state.controls, [name]: after } };
}

function withPause(state: AppState, current: PauseRecord | null): AppState {
  return { ...state, pause: { ...state.pause, current } };
}

function newPauseRecord(origin: PauseRecord['origin'], startedAt: string, deadline: string, callInstance: string | null): PauseRecord {
  return { startedAt, deadline, origin, claimed: false, callInstance, noCallSince: null, newCallWhilePaused: null, endingBy: null, resumeBlocked: null, movedFrom: null };
}

/** The deadline is fixed by the first send; a start that finds a pause running keeps it. */
function pauseCommandSent(state: AppState, event: Extract<CoreEvent, { type: 'command-sent' }>): AppState {
  const current = state.pause.current;
  if (event.target === 'off') {
    return current ? withPause(state, { ...current, endingBy: event.endingBy ?? 'agent', resumeBlocked: null }) : state;
  }
  if (current) return withPause(state, { ...current, endingBy: null });
  const startsAt = Math.max(event.effectiveAt ?? event.at, event.at);
  const seconds = Math.min(event.plannedSeconds ?? state.pause.maxSeconds, state.pause.maxSeconds);
  return withPause(state, newPauseRecord('this-run', iso(startsAt), iso(startsAt + seconds * 1000), state.agent?.activeCall?.callInstance ?? null));
}

/**
 * The invariant every state keeps: a pause that may be on has a record with a deadline (one
 * the server shows that RecordKey did not start gets the full maximum from now), and a pause
 * that cannot be on has none; its end is recorded with who ended it.
 */
function keepPauseRecord(state: AppState, at: number): AppState {
  const c = state.controls.blackout;
  const current = state.pause.current;
  if (mayBeOn(c)) {
    if (!current) return withPause(state, { ...newPauseRecord('server', iso(at), iso(at + state.pause.maxSeconds * 1000), state.agent?.activeCall?.callInstance ?? null), claimed: c.kind === 'on' });
    return c.kind === 'on' && !current.claimed ? withPause(state, { ...current, claimed: true }) : state;
  }
  if (!current) return state;
  const lastEnded = current.claimed ? { at: iso(at), by: current.endingBy ?? 'server' } : state.pause.lastEnded;
  return { ...state, pause: { ...state.pause, current: null, lastEnded } };
}

function onPollOk(state: AppState, snapshot: AgentSnapshot, observation: StatusObservation, at: number): AppState {
  let next: AppState = {
    ...state,
    agent: snapshot,
    snapshotAt: iso(at),
    connection: { status: 'connected', message: null, lastOkAt: iso(at), consecutiveFailures: 0 },
  };
  if (observation.pausedSeen && next.capabilities.statusShowsPauses === null) {
    next = { ...next, capabilities: { ...next.capabilities, statusShowsPauses: 'learnt' } };
  }
  // The refusal belongs to its contact: forget it once that call is gone from the agent.
  const dnrCall = next.doNotRecordCall;
  const calls = callsOf(snapshot);
  if (dnrCall !== null && dnrCall !== UNKNOWN_CONTACT && !calls.includes(dnrCall)) next = { ...next, doNotRecordCall: null };
  // A status that shows the refusal (CXone) binds it to that contact, wherever it was made.
  if (observation.declined === 'on' && snapshot.activeCall && next.doNotRecordCall !== snapshot.activeCall.callInstance) {
    next = { ...next, doNotRecordCall: snapshot.activeCall.callInstance };
  }
  next = withRecordingFailure(next, observation.failure);

  const seen = observe(next, snapshot, observation, next.doNotRecordCall);
  for (const name of CONTROL_NAMES) next = step(next, name, { type: 'observed', seen: seen[name], at });
  // The server in use shows the pause: it has it (synced, or sent again); the move is behind it.
  const moved = next.pause.current;
  if (moved?.movedFrom && seen.blackout === 'on') next = withPause(next, { ...moved, movedFrom: null });
  return followCalls(next, snapshot, at);
}

/** A recording failure the server reports is said loudly, for as long as it reports it. */
function withRecordingFailure(state: AppState, failure: string | null): AppState {
  const shown = state.notices.find((n) => n.id === RECORDING_FAILURE_NOTICE);
  if (failure === (shown?.message ?? null)) return state;
  const others = state.notices.filter((n) => n.id !== RECORDING_FAILURE_NOTICE);
  return { ...state, notices: failure ? [...others, { id: RECORDING_FAILURE_NOTICE, level: 'error', message: `${failure}: this call is not being recorded.` }] : others };
}

export const RECORDING_FAILURE_NOTICE = 'recording-failure';
/** Said while RecordKey is on another server than the first of the list. */
export const SERVER_CHANGED_NOTICE = 'server-changed';

function callsOf(snapshot: AgentSnapshot): string[] {
  return [snapshot.activeCall, ...snapshot.inactiveCalls].filter((c) => c !== null).map((c) => c.callInstance);
}

/**
 * A pause belongs to the agent, not the call: a hold or a transfer keeps it. What the pause
 * record tracks is when the agent has had no call at all (the lifecycle ends the pause after a
 * grace) and a new call that starts while it may still be on (said loudly).
 */
function followCalls(state: AppState, snapshot: AgentSnapshot, at: number): AppState {
  const current = state.pause.current;
  if (!current) return state;
  const active = snapshot.activeCall?.callInstance ?? null;
  if (callsOf(snapshot).length === 0) return current.noCallSince ? state : withPause(state, { ...current, noCallSince: iso(at) });
  const afterGap = current.noCallSince !== null && active !== null && active !== current.callInstance;
  const updated: PauseRecord = {
    ...current,
    noCallSince: null,
    callInstance: active ?? current.callInstance,
    newCallWhilePaused: afterGap ? active : current.newCallWhilePaused,
  };
  return JSON.stringify(updated) === JSON.stringify(current) ? state : withPause(state, updated);
}

/**
 * Another server of the site now answers: until it has been read, what the cards show is the
 * last known (the connection is 'connecting'), and a pause the old server showed is only a pause
 * that may be on — its countdown, automatic resume and deadline stay — until the new server
 * shows it. Evidence from one server is never evidence about another.
 */
function onServerChanged(state: AppState, event: Extract<CoreEvent, { type: 'server-changed' }>): AppState {
  const others = state.notices.filter((n) => n.id !== SERVER_CHANGED_NOTICE);
  const notice = event.toFirst ? [] : [{ id: SERVER_CHANGED_NOTICE, level: 'warning' as const, message: `Using ${event.to}: ${event.reason}. RecordKey returns to the first server once it answers well again.` }];
  const next: AppState = {
    ...state,
    notices: [...others, ...notice],
    server: event.to,
    connection: { status: 'connecting', message: `moved to ${event.to}: ${event.reason}`, lastOkAt: null, consecutiveFailures: 0 },
  };
  const record = next.pause.current;
  if (!record || !mayBeOn(next.controls.blackout)) return next;
  // The record remembers the server it was on until the new one shows it; the deadline stays.
  const moved = withPause(next, { ...record, movedFrom: record.movedFrom ?? { server: event.from, at: iso(event.at) } });
  const pause = moved.controls.blackout;
  if (pause.kind !== 'on' || pause.evidence === 'assumed') return moved;
  return step(moved, 'blackout', { type: 'assumed', value: 'on', reason: `${event.from} showed the pause; ${event.to} has not shown it yet`, at: event.at });
}

function onPollFailed(state: AppState, error: BackendError): AppState {
  if (error.kind === 'no-status') {
    // The status is forbidden for this user: from now on commands rest on their answers, and the state says why.
    return {
      ...state,
      capabilities: { ...state.capabilities, canReportStatus: false, statusShowsPauses: state.capabilities.statusShowsPauses === 'documented' ? null : state.capabilities.statusShowsPauses },
      connection: { status: 'no-status', message: error.message, lastOkAt: state.connection.lastOkAt, consecutiveFailures: 0 },
    };
  }
  const failures = state.connection.consecutiveFailures + 1;
  const status =
    error.kind === 'not-configured'
      ? 'misconfigured'
      : error.kind === 'unauthorized'
        ? 'unauthorized'
        : error.kind === 'not-found'
          ? 'agent-unknown'
          : failures >= 3 || state.connection.lastOkAt === null
            ? 'unreachable'
            : 'reconnecting';
  return { ...state, connection: { ...state.connection, status, message: error.message, consecutiveFailures: failures } };
}

/** Why each control cannot be used now; recomputed after every event so no front end guesses. */
export function withAvailability(state: AppState): AppState {
  let changed = false;
  const availability = { ...state.availability };
  for (const name of CONTROL_NAMES) {
    const reason = availabilityOf(state, name);
    if (availability[name] !== reason) {
      availability[name] = reason;
      changed = true;
    }
  }
  return changed ? { ...state, availability } : state;
}

function availabilityOf(state: AppState, name: ControlName): string | null {
  const unsupported = state.capabilities.unsupported[name];
  if (unsupported) return unsupported;
  const c = state.controls[name];
  const { status } = state.connection;
  if (status === 'misconfigured') return `not connected: ${state.connection.message ?? 'the server settings cannot be used'}`;
  const knowsCalls = state.capabilities.canReportStatus;
  const call = state.agent?.activeCall ?? null;
  const declined = state.doNotRecordCall !== null && (!knowsCalls || call?.callInstance === state.doNotRecordCall || state.doNotRecordCall === UNKNOWN_CONTACT);
  const connected = !knowsCalls || status === 'connected';
  if (name === 'doNotRecord' && declined) return 'already declined: final for this call';
  // Stopping what may be on is always allowed (a press while a command is out is applied
  // next); pausing and the customer's refusal stay available while the server is unreachable
  // too, since they protect the customer; starting anything else needs a live connection.
  if (mayBeOn(c) || isPending(c) || name === 'blackout') return null;
  if (!connected && name !== 'doNotRecord') {
    return status === 'connecting' ? 'connecting to the recording server' : `not connected: ${state.connection.message ?? status}`;
  }
  switch (name) {
    case 'voice':
      if (declined) return 'the customer declined recording for this call';
      if (knowsCalls && !call) return 'no active call to record';
      return null;
    case 'screen':
      if (declined) return 'the customer declined recording for this call';
      if (state.backend === 'cxone' && knowsCalls && !call) return 'no active call to record';
      return null;
    case 'duplicate':
      if (declined) return 'the customer declined recording for this call';
      if (knowsCalls && !call) return 'no active call to duplicate';
      if (knowsCalls && state.controls.voice.kind !== 'on') return 'the call is not being recorded, so there is nothing to duplicate';
      return null;
    case 'doNotRecord':
      if (knowsCalls && state.connection.status === 'connected' && !call) return 'no active call';
      return null;
  }
}
