/**
 * The simulated recording world: agents, their calls, recordings, screen sessions and
 * blackouts. Pure data plus operations; time comes from an injected clock so that blackout
 * deadlines and CXone processing delays are evaluated lazily and tests can advance time
 * instead of sleeping. HTTP lives elsewhere (recording-api-routes, cxone-routes).
 */
import { randomUUID } from 'node:crypto';

export const IDENTIFIER_KINDS = ['Id', 'CrmUsername', 'Phone', 'SystemUsername', 'Username'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/**
 * RecordingState values are not published by the vendor. The simulator uses these four, and
 * shows a blackout only through them (never as an extra field), as a real server could.
 */
export const RECORDING_STATES = {
  voice: 'Recording',
  voiceBlackedOut: 'BlackedOut',
  screen: 'ScreenRecording',
  screenBlackedOut: 'ScreenBlackedOut',
} as const;

export interface SimRecording {
  recordingIdentifier: string;
  media: 'voice' | 'screen';
  isDuplicate: boolean;
  /** The client-chosen CallIdentifier this recording answers to, if any. */
  callIdentifier?: string;
}

export type CallState = 'Ringing' | 'OnCall' | 'OnHold' | 'DesktopOnly';

export interface SimCall {
  callInstance: string;
  /** The customer contact: survives transfers, carries the do-not-record decision. */
  contactId: string;
  callState: CallState;
  metadata: Record<string, string>;
  recordings: SimRecording[];
  /** Whether a recording policy records this call (starts a recording when answered). */
  policyRecords: boolean;
  doNotRecord: boolean;
  /** CXone: this leg's interaction and segment (a transfer makes new ones; the contactId stays). */
  interactionId: string;
  segmentId: string;
  /** CXone: an internal (agent-to-agent) call, which cannot be masked (422). */
  internal: boolean;
  /** CXone: masked (the recording continues, silent). */
  masked: boolean;
  /** CXone: the last Record on Demand request that took effect. */
  onDemand: 'started' | 'stopped' | null;
  /** CXone: the recording failed (a test switches it on), shown by get-recording-status. */
  recordingFailure: boolean;
}

export interface SimBlackout {
  /** Epoch ms; may lie in the future (a scheduled blackout). */
  startsAt: number;
  /** Epoch ms at which it ends, if a stop was scheduled or the server limit applies. */
  stopsAt: number | null;
}

export interface CxonePending {
  kind: 'start' | 'stop' | 'do-not-record' | 'mask' | 'unmask';
  mediaType: 'voice' | 'voiceAndScreen';
  until: number;
}

export interface SimAgent {
  agentId: number;
  businessUnit: number;
  agentPhone: string;
  systemUsername: string;
  crmUsername: string;
  username: string;
  deviceId: string;
  deviceAlias: string;
  /** CXone user id (the `user-id` query parameter of Record on Demand). */
  cxoneUserId: string;
  /** Whether the CXone user holds the "Multi-ACD Record on Demand API" permission. */
  cxonePermitted: boolean;
  /** Whether it holds the "Multi-ACD Masking API" permission (mask / unmask). */
  cxoneMaskPermitted: boolean;
  /** Whether it may read get-recording-status. */
  cxoneStatusPermitted: boolean;
  activeCall: SimCall | null;
  inactiveCalls: SimCall[];
  desktopOnlySessions: SimCall[];
  blackout: SimBlackout | null;
  cxonePending: CxonePending | null;
}

export type AgentInit = Partial<Omit<SimAgent, 'activeCall' | 'inactiveCalls' | 'desktopOnlySessions' | 'blackout' | 'cxonePending'>> & {
  agentId: number;
};

export interface CallInit {
  ani?: string;
  dnis?: string;
  direction?: 'I' | 'O';
  /** Whether a recording policy records the call from the start. */
  record?: boolean;
  ringing?: boolean;
  /** An internal (agent-to-agent) call: CXone cannot mask it. */
  internal?: boolean;
  /** The call's instance, given: the nodes of a cluster (cluster.ts) hold the same call. */
  callInstance?: string;
}

export interface WorldOptions {
  now: () => number;
  /** The server's maxagentblackout, in seconds; 0 means no limit. */
  maxAgentBlackoutSeconds: number;
  /**
   * Whether RecordingState shows a blackout (default). Real servers may keep showing their
   * ordinary value during a blackout: false makes the simulator one of those.
   */
  statusShowsBlackouts?: boolean;
  /** Whether blackout commands need the agent to have a call (a 404 without one), as some servers do. */
  blackoutNeedsCall?: boolean;
}

export type Found<T> = { ok: true; value: T } | { ok: false; reason: string };

const CUSTOM_FIELDS = Array.from({ length: 15 }, (_, i) => `user${i + 1}`);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `MM/dd/yyyy HH:mm:ss`, no zone, as the vendor's metadata shows it. */
export function formatMetadataTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Keeps only the documented custom fields (user1..user15), matched case-insensitively. */
export function customFieldsOf(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    const lower = key.toLowerCase();
    if (CUSTOM_FIELDS.includes(lower) && value !== undefined && value !== null) out[lower] = String(value);
  }
  return out;
}

export class SimWorld {
  private readonly agents = new Map<number, SimAgent>();
  /** Identifier → the agent it last found (verified on every use: identifiers can change). */
  private readonly foundBy = new Map<string, number>();
  private callSequence = 0;

  constructor(private readonly options: WorldOptions) {}

  now(): number {
    return this.options.now();
  }

  get maxAgentBlackoutSeconds(): number {
    return this.options.maxAgentBlackoutSeconds;
  }

  set maxAgentBlackoutSeconds(seconds: number) {
    this.options.maxAgentBlackoutSeconds = seconds;
  }

  /** The server behaviours a test can switch: see WorldOptions. */
  get behaviour(): { statusShowsBlackouts: boolean; blackoutNeedsCall: boolean } {
    return { statusShowsBlackouts: this.options.statusShowsBlackouts ?? true, blackoutNeedsCall: this.options.blackoutNeedsCall ?? false };
  }

  setBehaviour(change: { statusShowsBlackouts?: boolean; blackoutNeedsCall?: boolean }): void {
    if (change.statusShowsBlackouts !== undefined) this.options.statusShowsBlackouts = change.statusShowsBlackouts;
    if (change.blackoutNeedsCall !== undefined) this.options.blackoutNeedsCall = change.blackoutNeedsCall;
  }

  // ---- agents -------------------------------------------------------------------------

  upsertAgent(init: AgentInit): SimAgent {
    // Identifiers may have moved: lookups scan again (and so find the first match, as before).
    this.foundBy.clear();
    const existing = this.agents.get(init.agentId);
    const id = init.agentId;
    const agent: SimAgent = existing ?? {
      agentId: id,
      businessUnit: 1,
      agentPhone: String(805000 + (id % 1000)),
      systemUsername: `agent${id}`,
      crmUsername: `crm.agent${id}`,
      username: `agent${id}@example.test`,
      deviceId: `dev-${id}`,
      deviceAlias: `Desk ${id}`,
      cxoneUserId: String(1234000 + id),
      cxonePermitted: true,
      cxoneMaskPermitted: true,
      cxoneStatusPermitted: true,
      activeCall: null,
      inactiveCalls: [],
      desktopOnlySessions: [],
      blackout: null,
      cxonePending: null,
    };
    for (const [key, value] of Object.entries(init)) {
      if (value !== undefined) (agent as unknown as Record<string, unknown>)[key] = value;
    }
    this.agents.set(id, agent);
    return agent;
  }

  allAgents(): SimAgent[] {
    this.settleAll();
    return [...this.agents.values()];
  }

  agentById(agentId: number): SimAgent | undefined {
    const agent = this.agents.get(agentId);
    if (agent) this.settle(agent);
    return agent;
  }

  /** Finds an agent by any AgentIdentifier kind; kind names match case-insensitively. */
  findAgent(kind: string | undefined, value: string | undefined): Found<SimAgent> {
    if (!kind || value === undefined || value === '') {
      return { ok: false, reason: 'AgentIdentifier and Value are required' };
    }
    const canonical = IDENTIFIER_KINDS.find((k) => k.toLowerCase() === kind.toLowerCase());
    if (!canonical) {
      return { ok: false, reason: `AgentIdentifier must be one of ${IDENTIFIER_KINDS.join(', ')}` };
    }
    // A site has thousands of agents: the last match is remembered, and checked, so a poll is not a scan.
    const key = `${canonical}\u0000${value}`;
    const remembered = this.agents.get(this.foundBy.get(key) ?? -1);
    if (remembered && identifierValue(remembered, canonical) === value) {
      this.settle(remembered);
      return { ok: true, value: remembered };
    }
    for (const agent of this.agents.values()) {
      if (identifierValue(agent, canonical) === value) {
        this.foundBy.set(key, agent.agentId);
        this.settle(agent);
        return { ok: true, value: agent };
      }
    }
    return { ok: false, reason: `no agent with ${canonical} ${value} in the tracker` };
  }

  findAgentByCxoneUser(userId: string): SimAgent | undefined {
    for (const agent of this.agents.values()) {
      if (agent.cxoneUserId === userId) {
        this.settle(agent);
        return agent;
      }
    }
    return undefined;
  }

  removeAllAgents(): void {
    this.agents.clear();
    this.foundBy.clear();
  }

  // ---- calls (driven by the control API and the demo cycle) -----------------------------

  placeCall(agent: SimAgent, init: CallInit): Found<SimCall> {
    if (agent.activeCall) return { ok: false, reason: `agent ${agent.agentId} already has an active call` };
    const call = this.newCall(agent, init);
    agent.activeCall = call;
    if (call.policyRecords && call.callState === 'OnCall') this.startPolicyRecording(call);
    return { ok: true, value: call };
  }

  answer(agent: SimAgent): Found<SimCall> {
    const call = agent.activeCall;
    if (!call || call.callState !== 'Ringing') return { ok: false, reason: 'no ringing call' };
    call.callState = 'OnCall';
    if (call.policyRecords) this.startPolicyRecording(call);
    return { ok: true, value: call };
  }

  hold(agent: SimAgent): Found<SimCall> {
    const call = agent.activeCall;
    if (!call) return { ok: false, reason: 'no active call to hold' };
    call.callState = 'OnHold';
    agent.activeCall = null;
    agent.inactiveCalls.push(call);
    return { ok: true, value: call };
  }

  retrieve(agent: SimAgent, callInstance?: string): Found<SimCall> {
    if (agent.activeCall) return { ok: false, reason: 'agent already has an active call' };
    const index = callInstance
      ? agent.inactiveCalls.findIndex((c) => c.callInstance === callInstance)
      : agent.inactiveCalls.length - 1;
    if (index < 0) return { ok: false, reason: 'no held call to retrieve' };
    const [call] = agent.inactiveCalls.splice(index, 1);
    call.callState = 'OnCall';
    agent.activeCall = call;
    return { ok: true, value: call };
  }

  /**
   * Moves the active call to another agent: a new call leg (new call instance, new
   * recordings by the target's policy) for the same customer contact, so a do-not-record
   * decision follows it.
   */
  transfer(from: SimAgent, to: SimAgent): Found<SimCall> {
    const call = from.activeCall;
    if (!call) return { ok: false, reason: 'no active call to transfer' };
    if (from === to) return { ok: false, reason: 'cannot transfer a call to the same agent' };
    from.activeCall = null;
    const leg = this.newCall(to, {
      ani: call.metadata.ani,
      dnis: call.metadata.dnis,
      direction: call.metadata.calldirection === 'O' ? 'O' : 'I',
      record: call.policyRecords,
    });
    leg.contactId = call.contactId;
    leg.doNotRecord = call.doNotRecord;
    leg.internal = call.internal;
    for (const field of CUSTOM_FIELDS) leg.metadata[field] = call.metadata[field] ?? '';
    if (to.activeCall) {
      leg.callState = 'OnHold';
      to.inactiveCalls.push(leg);
    } else {
      to.activeCall = leg;
      if (leg.policyRecords) this.startPolicyRecording(leg);
    }
    return { ok: true, value: leg };
  }

  hangUp(agent: SimAgent, callInstance?: string): Found<SimCall> {
    const active = agent.activeCall;
    if (active && (!callInstance || active.callInstance === callInstance)) {
      agent.activeCall = null;
      agent.cxonePending = null;
      active.metadata.endtime = formatMetadataTime(this.now());
      return { ok: true, value: active };
    }
    const index = agent.inactiveCalls.findIndex((c) => c.callInstance === callInstance);
    if (index < 0) return { ok: false, reason: 'no such call to hang up' };
    const [call] = agent.inactiveCalls.splice(index, 1);
    return { ok: true, value: call };
  }

  // ---- Recording API commands -----------------------------------------------------------

  startRecording(agent: SimAgent, callIdentifier: string | undefined, metadata: Record<string, string>): Found<SimRecording> {
    const call = agent.activeCall;
    if (!call) return { ok: false, reason: `agent ${agent.agentId} has no active call` };
    Object.assign(call.metadata, metadata);
    const existing = call.recordings.find((r) => r.media === 'voice' && !r.isDuplicate);
    if (existing) {
      if (callIdentifier) existing.callIdentifier = callIdentifier;
      return { ok: true, value: existing };
    }
    const recording: SimRecording = { recordingIdentifier: randomUUID(), media: 'voice', isDuplicate: false, callIdentifier };
    call.recordings.push(recording);
    return { ok: true, value: recording };
  }

  stopRecording(agent: SimAgent, callIdentifier: string | undefined, metadata: Record<string, string>): Found<SimRecording> {
    const found = this.findRecording(agent, callIdentifier, (r) => r.media === 'voice' && !r.isDuplicate);
    if (!found.ok) return found;
    const { call, recording } = found.value;
    Object.assign(call.metadata, metadata);
    call.recordings = call.recordings.filter((r) => r !== recording);
    return { ok: true, value: recording };
  }

  updateRecording(agent: SimAgent, callIdentifier: string | undefined, metadata: Record<string, string>): Found<SimRecording> {
    const found = this.findRecording(agent, callIdentifier, (r) => r.media === 'voice');
    if (!found.ok) return found;
    Object.assign(found.value.call.metadata, metadata);
    return { ok: true, value: found.value.recording };
  }

  startDuplicate(agent: SimAgent, callIdentifier: string | undefined, metadata: Record<string, string>): Found<SimRecording> {
    const call = callIdentifier ? this.callNamed(agent, callIdentifier) : agent.activeCall;
    if (!call) return { ok: false, reason: callIdentifier ? `no call ${callIdentifier} for agent ${agent.agentId}` : `agent ${agent.agentId} has no active call` };
    if (!call.recordings.some((r) => r.media === 'voice' && !r.isDuplicate)) {
      return { ok: false, reason: 'the call is not being recorded, so there is nothing to duplicate' };
    }
    Object.assign(call.metadata, metadata);
    const existing = call.recordings.find((r) => r.isDuplicate);
    if (existing) return { ok: true, value: existing };
    const duplicate: SimRecording = { recordingIdentifier: randomUUID(), media: 'voice', isDuplicate: true, callIdentifier };
    call.recordings.push(duplicate);
    return { ok: true, value: duplicate };
  }

  stopDuplicate(agent: SimAgent, callIdentifier: string | undefined, metadata: Record<string, string>): Found<SimRecording> {
    const call = callIdentifier ? this.callNamed(agent, callIdentifier) : agent.activeCall;
    if (!call) return { ok: false, reason: 'no such call' };
    const duplicate = call.recordings.find((r) => r.isDuplicate);
    if (!duplicate) return { ok: false, reason: 'no duplicate recording on that call' };
    Object.assign(call.metadata, metadata);
    call.recordings = call.recordings.filter((r) => r !== duplicate);
    return { ok: true, value: duplicate };
  }

  /** With an active call the screen is recorded with it; without one it is a desktop-only session. */
  startScreen(agent: SimAgent, metadata: Record<string, string>): Found<SimRecording> {
    const call = agent.activeCall ?? agent.desktopOnlySessions[0] ?? this.newDesktopSession(agent);
    Object.assign(call.metadata, metadata);
    const existing = call.recordings.find((r) => r.media === 'screen');
    if (existing) return { ok: true, value: existing };
    const recording: SimRecording = { recordingIdentifier: randomUUID(), media: 'screen', isDuplicate: false };
    call.recordings.push(recording);
    return { ok: true, value: recording };
  }

  updateScreen(agent: SimAgent, metadata: Record<string, string>): Found<SimRecording> {
    const call = this.screenCall(agent);
    if (!call) return { ok: false, reason: `agent ${agent.agentId} has no screen recording` };
    Object.assign(call.metadata, metadata);
    return { ok: true, value: call.recordings.find((r) => r.media === 'screen')! };
  }

  stopScreen(agent: SimAgent, metadata: Record<string, string>): Found<SimRecording> {
    const call = this.screenCall(agent);
    if (!call) return { ok: false, reason: `agent ${agent.agentId} has no screen recording` };
    Object.assign(call.metadata, metadata);
    const recording = call.recordings.find((r) => r.media === 'screen')!;
    call.recordings = call.recordings.filter((r) => r !== recording);
    if (call.callState === 'DesktopOnly') {
      agent.desktopOnlySessions = agent.desktopOnlySessions.filter((s) => s !== call);
    }
    return { ok: true, value: recording };
  }

  // ---- blackouts ------------------------------------------------------------------------

  /**
   * Told of every blackout change a request made here (not of one applied from another node):
   * a cluster's node publishes it to the others through RabbitMQ (cluster.ts).
   */
  onBlackoutChanged: ((agentId: number, blackout: SimBlackout | null) => void) | null = null;

  /** A blackout change another node of the cluster made, as it arrived: applied, not announced again. */
  applySyncedBlackout(agentId: number, blackout: SimBlackout | null): void {
    const agent = this.agents.get(agentId);
    if (agent) agent.blackout = blackout && { ...blackout };
  }

  /** Forgets every blackout (a node restarted without its state). */
  forgetBlackouts(): void {
    for (const agent of this.agents.values()) agent.blackout = null;
  }

  /** Starts (or schedules, for a future time) a blackout. Agent-scoped: survives calls. */
  startBlackout(agent: SimAgent, startsAt: number): SimBlackout {
    const limit = this.options.maxAgentBlackoutSeconds;
    const stopsAt = limit > 0 ? startsAt + limit * 1000 : null;
    const current = this.activeOrScheduledBlackout(agent);
    // Pressing again does not extend a running blackout (as peers' secure pause behaves).
    if (current && current.startsAt <= this.now()) return current;
    agent.blackout = { startsAt, stopsAt };
    this.onBlackoutChanged?.(agent.agentId, agent.blackout);
    return agent.blackout;
  }

  /** Ends the blackout at `stopsAt` (now or in the future). */
  stopBlackout(agent: SimAgent, stopsAt: number): Found<SimBlackout> {
    const current = this.activeOrScheduledBlackout(agent);
    if (!current) return { ok: false, reason: `agent ${agent.agentId} has no blackout` };
    if (stopsAt <= current.startsAt) {
      agent.blackout = null;
      this.onBlackoutChanged?.(agent.agentId, null);
      return { ok: true, value: current };
    }
    current.stopsAt = current.stopsAt === null ? stopsAt : Math.min(current.stopsAt, stopsAt);
    this.settle(agent);
    this.onBlackoutChanged?.(agent.agentId, agent.blackout);
    return { ok: true, value: current };
  }

  isBlackedOut(agent: SimAgent): boolean {
    const b = this.activeOrScheduledBlackout(agent);
    return b !== null && b.startsAt <= this.now();
  }

  // ---- CXone Record on Demand -------------------------------------------------------------

  cxoneStart(call: SimCall, mediaType: 'voice' | 'voiceAndScreen'): void {
    if (!call.recordings.some((r) => r.media === 'voice' && !r.isDuplicate)) {
      call.recordings.push({ recordingIdentifier: randomUUID(), media: 'voice', isDuplicate: false });
    }
    if (mediaType === 'voiceAndScreen' && !call.recordings.some((r) => r.media === 'screen')) {
      call.recordings.push({ recordingIdentifier: randomUUID(), media: 'screen', isDuplicate: false });
    }
  }

  cxoneStop(call: SimCall): void {
    // Stop on demand ends voice and screen; a duplicate made by another schedule is not its to end.
    call.recordings = call.recordings.filter((r) => r.isDuplicate);
    // Nothing is recorded, so nothing is masked: an unmask after a stop does nothing.
    call.masked = false;
  }

  cxoneDoNotRecord(call: SimCall): void {
    call.doNotRecord = true;
    call.recordings = [];
    call.masked = false;
  }

  /** Mask covers the recorded call; on a call that is not recorded it does nothing (spec README). */
  cxoneMask(call: SimCall): void {
    if (this.isRecorded(call)) call.masked = true;
  }

  cxoneUnmask(call: SimCall): void {
    call.masked = false;
  }

  isRecorded(call: SimCall): boolean {
    return call.recordings.some((r) => r.media === 'voice' && !r.isDuplicate);
  }

  /** Whether a CXone request would change nothing on this call. */
  cxoneInEffect(call: SimCall, kind: CxonePending['kind'], mediaType: CxonePending['mediaType']): boolean {
    const voice = this.isRecorded(call);
    const screen = call.recordings.some((r) => r.media === 'screen');
    switch (kind) {
      case 'start':
        return voice && (mediaType === 'voice' || screen);
      case 'stop':
        return !voice && !screen;
      case 'mask':
        return call.masked || !voice;
      case 'unmask':
        return !call.masked;
      default:
        return call.doNotRecord;
    }
  }

  /** Applies a CXone request that finished processing, to the agent's latest interaction. */
  applyCxone(agent: SimAgent, pending: CxonePending): void {
    const call = this.latestInteraction(agent);
    if (!call) return;
    switch (pending.kind) {
      case 'start':
        this.cxoneStart(call, pending.mediaType);
        call.onDemand = 'started';
        return;
      case 'stop':
        this.cxoneStop(call);
        call.onDemand = 'stopped';
        return;
      case 'mask':
        return this.cxoneMask(call);
      case 'unmask':
        return this.cxoneUnmask(call);
      default:
        return this.cxoneDoNotRecord(call);
    }
  }

  /** CXone's "latest call" of the agent: the active one, else the last one on hold. */
  latestInteraction(agent: SimAgent): SimCall | null {
    return agent.activeCall ?? agent.inactiveCalls.at(-1) ?? null;
  }

  /** get-recording-status for the agent's latest interaction (null: none, a 404). */
  cxoneStatus(agent: SimAgent): { contactId: string; segmentId: string; interactionId: string; statusReason: string; recordingStatusToAgent: string; recordingStatusFromAgent: string } | null {
    const call = this.latestInteraction(agent);
    if (!call) return null;
    const recorded = this.isRecorded(call);
    // The reason with the highest priority (spec README: consent > on demand > policy).
    const statusReason = call.doNotRecord
      ? 'CustomerDisconsent'
      : call.masked
        ? 'Mask'
        : call.callState === 'OnHold'
          ? 'Hold'
          : call.onDemand === 'stopped'
            ? 'StopOnDemand'
            : call.onDemand === 'started'
              ? 'RecordOnDemand'
              : 'Policy';
    const recording = call.recordingFailure ? 'RecordingFailure' : recorded ? 'Recording' : call.onDemand === 'stopped' ? 'Stopped' : 'NoRecording';
    return { contactId: call.contactId, segmentId: call.segmentId, interactionId: call.interactionId, statusReason, recordingStatusToAgent: recording, recordingStatusFromAgent: recording };
  }

  // ---- views ----------------------------------------------------------------------------

  recordingState(recording: SimRecording, agent: SimAgent): string {
    const blackedOut = this.behaviour.statusShowsBlackouts && this.isBlackedOut(agent);
    if (recording.media === 'screen') return blackedOut ? RECORDING_STATES.screenBlackedOut : RECORDING_STATES.screen;
    return blackedOut ? RECORDING_STATES.voiceBlackedOut : RECORDING_STATES.voice;
  }

  // ---- persistence ----------------------------------------------------------------------

  snapshot(): { agents: SimAgent[]; callSequence: number } {
    return structuredClone({ agents: [...this.agents.values()], callSequence: this.callSequence });
  }

  restore(data: { agents: SimAgent[]; callSequence: number }): void {
    this.agents.clear();
    for (const agent of data.agents) this.agents.set(agent.agentId, agent);
    this.callSequence = data.callSequence;
  }

  // ---- internals ------------------------------------------------------------------------

  /** Brings lazily-timed state up to date: ended blackouts, finished CXone processing. */
  private settle(agent: SimAgent): void {
    this.activeOrScheduledBlackout(agent);
    const pending = agent.cxonePending;
    if (pending && pending.until <= this.now()) {
      agent.cxonePending = null;
      this.applyCxone(agent, pending);
    }
  }

  private settleAll(): void {
    for (const agent of this.agents.values()) this.settle(agent);
  }

  private activeOrScheduledBlackout(agent: SimAgent): SimBlackout | null {
    const b = agent.blackout;
    if (b && b.stopsAt !== null && b.stopsAt <= this.now()) agent.blackout = null;
    return agent.blackout;
  }

  private newCall(agent: SimAgent, init: CallInit): SimCall {
    this.callSequence += 1;
    const seq = this.callSequence;
    const now = this.now();
    const hex = (n: number) => n.toString(16).padStart(8, '0').slice(-8);
    const callInstance = init.callInstance ?? `${hex(now)}-${hex(seq * 2654435761)}-${hex(agent.agentId * 40503 + seq)}@127.0.0.1`;
    const metadata: Record<string, string> = {
      deviceid: agent.deviceId,
      devicealias: agent.deviceAlias,
      gate: 'SIM',
      ani: init.ani ?? '',
      dnis: init.dnis ?? '',
      callid: String(100000 + seq),
      sgroup: 'Default',
      callinstance: callInstance,
      calldirection: init.direction ?? 'I',
      station: agent.agentPhone,
      istrunk: 'false',
      sessionid: randomUUID(),
      starttime: formatMetadataTime(now),
      endtime: '',
      callsegmentid: String(seq),
      keepdays: '90',
      archiveaction: 'None',
    };
    for (const field of CUSTOM_FIELDS) metadata[field] = '';
    return {
      callInstance,
      contactId: `contact-${seq}`,
      callState: init.ringing ? 'Ringing' : 'OnCall',
      metadata,
      recordings: [],
      policyRecords: init.record ?? false,
      doNotRecord: false,
      interactionId: `interaction-${seq}`,
      segmentId: `segment-${seq}`,
      internal: init.internal ?? false,
      masked: false,
      onDemand: null,
      recordingFailure: false,
    };
  }

  private newDesktopSession(agent: SimAgent): SimCall {
    const session = this.newCall(agent, {});
    session.callState = 'DesktopOnly';
    agent.desktopOnlySessions.push(session);
    return session;
  }

  private startPolicyRecording(call: SimCall): void {
    if (call.doNotRecord) return;
    if (!call.recordings.some((r) => r.media === 'voice' && !r.isDuplicate)) {
      call.recordings.push({ recordingIdentifier: randomUUID(), media: 'voice', isDuplicate: false });
    }
  }

  private callsOf(agent: SimAgent): SimCall[] {
    return [...(agent.activeCall ? [agent.activeCall] : []), ...agent.inactiveCalls];
  }

  /** A call named by CallIdentifier: its call instance, its call id, or a recording's name. */
  private callNamed(agent: SimAgent, name: string): SimCall | undefined {
    return this.callsOf(agent).find(
      (c) => c.callInstance === name || c.metadata.callid === name || c.recordings.some((r) => r.callIdentifier === name),
    );
  }

  private findRecording(
    agent: SimAgent,
    callIdentifier: string | undefined,
    matches: (r: SimRecording) => boolean,
  ): Found<{ call: SimCall; recording: SimRecording }> {
    const calls = callIdentifier ? this.callsOf(agent) : agent.activeCall ? [agent.activeCall] : [];
    for (const call of calls) {
      const recording = call.recordings.find(
        (r) => matches(r) && (!callIdentifier || r.callIdentifier === callIdentifier || call.callInstance === callIdentifier),
      );
      if (recording) return { ok: true, value: { call, recording } };
    }
    if (!agent.activeCall && !callIdentifier) return { ok: false, reason: `agent ${agent.agentId} has no active call` };
    return { ok: false, reason: callIdentifier ? `no recording ${callIdentifier} for agent ${agent.agentId}` : 'no such recording on the active call' };
  }

  private screenCall(agent: SimAgent): SimCall | undefined {
    return [...(agent.activeCall ? [agent.activeCall] : []), ...agent.desktopOnlySessions].find((c) =>
      c.recordings.some((r) => r.media === 'screen'),
    );
  }
}

export function identifierValue(agent: SimAgent, kind: IdentifierKind): string {
  switch (kind) {
    case 'Id':
      return String(agent.agentId);
    case 'CrmUsername':
      return agent.crmUsername;
    case 'Phone':
      return agent.agentPhone;
    case 'SystemUsername':
      return agent.systemUsername;
    case 'Username':
      return agent.username;
  }
}
