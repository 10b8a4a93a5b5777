/**
 * The pure reducer behind the one AppState. Its rule: only confirmed state is fact. A command
 * leaves its control pending until the server confirms it (its answer, then a status read
 * that agrees, where the status can show it); the server's status wins over anything
 * RecordKey believed; a failure is kept, with the reason and the truth behind it.
 */
import type { BackendError } from '../backends/backend-error';
import { isDuplicated, isScreenRecorded, isVoiceRecorded, observedBlackout, type AgentSnapshot } from './agent-snapshot';
import { CONTROL_NAMES, type AppState, type ControlName, type ControlState } from './ipc-contract';

type OnOff = 'on' | 'off';
type Observed = OnOff | 'unknown';

export type CoreEvent =
  | { type: 'poll-ok'; snapshot: AgentSnapshot; at: number }
  | { type: 'poll-failed'; error: BackendError; at: number }
  | { type: 'command-started'; control: ControlName; target: OnOff; at: number; source: string; plannedSeconds?: number }
  /** The server took it (200/202); confirmation by status read follows. */
  | { type: 'command-accepted'; control: ControlName; target: OnOff; at: number }
  /** Confirmed without a status read (a backend that cannot report status). */
  | { type: 'command-confirmed'; control: ControlName; target: OnOff; at: number; also?: Partial<Record<ControlName, OnOff>> }
  | { type: 'command-failed'; control: ControlName; target: OnOff; message: string; kind: string; at: number }
  | { type: 'error-reported'; message: string; control: ControlName | null; at: number }
  /** A backend without status learnt that the agent's contact is over (a command answered 404). */
  | { type: 'contact-ended'; at: number }
  | { type: 'notice-set'; notice: AppState['notices'][number] }
  | { type: 'notice-cleared'; id: string };

export interface CoreIdentity {
  demo: boolean;
  backend: AppState['backend'];
  server: string;
  agentLabel: string;
  maxBlackoutSeconds: number;
  canReportStatus: boolean;
  unsupported: Record<ControlName, string | null>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The refusal's contact when the backend cannot say which call it was (CXone without a status
 * server): then it holds until a command learns the contact is over (404).
 */
export const UNKNOWN_CONTACT = 'current-contact';

function control(at: number): ControlState {
  return { status: 'off', target: null, confirmed: 'unknown', error: null, errorKind: null, unavailable: null, awaitingConfirmation: false, since: iso(at) };
}

export function initialState(identity: CoreIdentity, at: number): AppState {
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
    capabilities: { canReportStatus: identity.canReportStatus, unsupported: identity.unsupported },
    agent: null,
    snapshotAt: null,
    controls: { voice: control(at), screen: control(at), blackout: control(at), duplicate: control(at), doNotRecord: control(at) },
    blackout: { startedAt: null, deadline: null, maxSeconds: identity.maxBlackoutSeconds, plannedSeconds: null, endingBy: null, callEndedWhilePaused: false, lastEndedBy: null },
    doNotRecordCall: null,
    lastError: null,
    notices: [],
  });
}

/** What the status shows for each control; 'unknown' where it cannot show it. */
export function observe(snapshot: AgentSnapshot, doNotRecordCall: string | null): Record<ControlName, Observed> {
  const call = snapshot.activeCall;
  return {
    voice: isVoiceRecorded(call) ? 'on' : 'off',
    screen: isScreenRecorded(snapshot) ? 'on' : 'off',
    duplicate: isDuplicated(call) ? 'on' : 'off',
    blackout: observedBlackout(call),
    doNotRecord: doNotRecordCall === null ? 'unknown' : call?.callInstance === doNotRecordCall ? 'on' : 'off',
  };
}

export function reduce(state: AppState, event: CoreEvent): AppState {
  return withAvailability(apply(state, event));
}

function apply(state: AppState, event: CoreEvent): AppState {
  switch (event.type) {
    case 'poll-ok':
      return onPollOk(state, event.snapshot, event.at);
    case 'poll-failed':
      return onPollFailed(state, event.error);
    case 'command-started': {
      const next = setControl(state, event.control, {
        status: event.target === 'on' ? 'pending-on' : 'pending-off',
        target: event.target,
        error: null,
        errorKind: null,
        awaitingConfirmation: false,
        since: iso(event.at),
      });
      if (event.control !== 'blackout') return next;
      return {
        ...next,
        blackout: {
          ...next.blackout,
          plannedSeconds: event.target === 'on' ? Math.min(event.plannedSeconds ?? next.blackout.maxSeconds, next.blackout.maxSeconds) : next.blackout.plannedSeconds,
          endingBy: event.target === 'off' ? (event.source === 'timer' ? 'timer' : 'agent') : null,
        },
      };
    }
    case 'command-accepted':
      return setControl(state, event.control, { awaitingConfirmation: true });
    case 'command-confirmed': {
      let next = settle(state, event.control, event.target, event.at);
      for (const [name, value] of Object.entries(event.also ?? {}) as Array<[ControlName, OnOff]>) next = settle(next, name, value, event.at);
      return next;
    }
    case 'command-failed':
      return {
        ...setControl(state, event.control, { status: 'failed', error: event.message, errorKind: event.kind, awaitingConfirmation: false, since: iso(event.at) }),
        lastError: { message: event.message, at: iso(event.at), control: event.control },
      };
    case 'error-reported':
      return { ...state, lastError: { message: event.message, at: iso(event.at), control: event.control } };
    case 'contact-ended':
      return state.doNotRecordCall === null ? state : { ...settle(state, 'doNotRecord', 'off', event.at), doNotRecordCall: null };
    case 'notice-set':
      return { ...state, notices: [...state.notices.filter((n) => n.id !== event.notice.id), event.notice] };
    case 'notice-cleared':
      return { ...state, notices: state.notices.filter((n) => n.id !== event.id) };
  }
}

function setControl(state: AppState, name: ControlName, patch: Partial<ControlState>): AppState {
  return { ...state, controls: { ...state.controls, [name]: { ...state.controls[name], ...patch } } };
}

/** Makes a control confirmed-on or confirmed-off, with the blackout and do-not-record bookkeeping. */
function settle(state: AppState, name: ControlName, value: OnOff, at: number): AppState {
  const before = state.controls[name];
  let next = setControl(state, name, {
    status: value,
    confirmed: value,
    error: null,
    errorKind: null,
    awaitingConfirmation: false,
    since: before.status === value ? before.since : iso(at),
  });
  if (name === 'blackout' && before.status !== value) next = { ...next, blackout: blackoutTransition(next, value, at) };
  if (name === 'doNotRecord' && value === 'on' && next.doNotRecordCall === null) {
    next = { ...next, doNotRecordCall: next.agent?.activeCall?.callInstance ?? UNKNOWN_CONTACT };
  }
  return next;
}

function blackoutTransition(state: AppState, value: OnOff, at: number): AppState['blackout'] {
  const b = state.blackout;
  if (value === 'on') {
    const seconds = b.plannedSeconds ?? b.maxSeconds;
    return { ...b, startedAt: iso(at), deadline: iso(at + seconds * 1000), callEndedWhilePaused: false, endingBy: null };
  }
  return { ...b, startedAt: null, deadline: null, plannedSeconds: null, callEndedWhilePaused: false, lastEndedBy: b.endingBy ?? 'server', endingBy: null };
}

function onPollOk(state: AppState, snapshot: AgentSnapshot, at: number): AppState {
  let next: AppState = {
    ...state,
    agent: snapshot,
    snapshotAt: iso(at),
    connection: { status: 'connected', message: null, lastOkAt: iso(at), consecutiveFailures: 0 },
  };
  // The refusal belongs to its contact: forget it once that call is gone from the agent.
  const dnrCall = next.doNotRecordCall;
  const calls = [snapshot.activeCall, ...snapshot.inactiveCalls].filter(Boolean).map((c) => c!.callInstance);
  if (dnrCall !== null && dnrCall !== UNKNOWN_CONTACT && !calls.includes(dnrCall)) next = { ...next, doNotRecordCall: null };

  const observed = observe(snapshot, next.doNotRecordCall);
  for (const name of CONTROL_NAMES) next = reconcile(next, name, observed[name], at);

  const hadCall = state.agent?.activeCall != null;
  if (next.controls.blackout.status === 'on' && hadCall && snapshot.activeCall === null) {
    next = { ...next, blackout: { ...next.blackout, callEndedWhilePaused: true } };
  }
  return next;
}

/** Brings one control in line with what the server shows. */
function reconcile(state: AppState, name: ControlName, seen: Observed, at: number): AppState {
  const current = state.controls[name];
  const pending = current.status === 'pending-on' || current.status === 'pending-off';
  if (pending) {
    if (!current.awaitingConfirmation) return seen === 'unknown' ? state : setControl(state, name, { confirmed: seen });
    // The server took the command: a status that agrees confirms it; one that cannot show
    // it leaves the command's answer as the evidence; one that disagrees keeps it pending.
    if (seen === current.target || seen === 'unknown') return settle(state, name, current.target!, at);
    return setControl(state, name, { confirmed: seen });
  }
  if (seen === 'unknown') return state;
  if (current.status === 'failed') {
    return seen === current.target ? settle(state, name, seen, at) : setControl(state, name, { confirmed: seen });
  }
  return settle(state, name, seen, at);
}

function onPollFailed(state: AppState, error: BackendError): AppState {
  const failures = state.connection.consecutiveFailures + 1;
  const status =
    error.kind === 'unauthorized'
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
  const reasons = {} as Record<ControlName, string | null>;
  for (const name of CONTROL_NAMES) reasons[name] = availabilityOf(state, name);
  let changed = false;
  for (const name of CONTROL_NAMES) if (state.controls[name].unavailable !== reasons[name]) changed = true;
  if (!changed) return state;
  const controls = { ...state.controls };
  for (const name of CONTROL_NAMES) controls[name] = { ...controls[name], unavailable: reasons[name] };
  return { ...state, controls };
}

function availabilityOf(state: AppState, name: ControlName): string | null {
  const unsupported = state.capabilities.unsupported[name];
  if (unsupported) return unsupported;
  const c = state.controls[name];
  if (c.status === 'pending-on' || c.status === 'pending-off') return 'waiting for the server to confirm the last command';
  const { status } = state.connection;
  const knowsCalls = state.capabilities.canReportStatus;
  const call = state.agent?.activeCall ?? null;
  const declined = state.doNotRecordCall !== null && (!knowsCalls || call?.callInstance === state.doNotRecordCall || state.doNotRecordCall === UNKNOWN_CONTACT);
  const connected = !knowsCalls || status === 'connected';
  // Stopping what is on is always allowed (and a privacy-critical stop is retried). Pausing
  // and the customer's refusal stay available while the server is unreachable too; starting
  // anything else needs a live connection.
  if (name === 'doNotRecord' && declined) return 'already declined: final for this call';
  const isOn = c.status === 'on' || (c.status === 'failed' && c.confirmed === 'on');
  if (isOn || name === 'blackout') return null;
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
      if (knowsCalls && state.controls.voice.confirmed !== 'on') return 'the call is not being recorded, so there is nothing to duplicate';
      return null;
    case 'doNotRecord':
      if (knowsCalls && state.connection.status === 'connected' && !call) return 'no active call';
      return null;
  }
}
