/**
 * Renders the world in the shape the vendor publishes for `GET /api/Agent`: PascalCase keys,
 * `AgentId` and `BusinessUnit` as numbers, `ActiveCall` with lower-case `Metadata` and
 * `Recordings`, and `InactiveCalls` / `DesktopOnlySessions` as arrays of call-like objects.
 */
import type { SimAgent, SimCall, SimWorld } from './world';

export interface WireRecording {
  RecordingIdentifier: string;
  IsDuplicate: boolean;
  RecordingState: string;
}

export interface WireCall {
  CallInstance: string;
  CallState: string;
  Metadata: Record<string, string>;
  Recordings: WireRecording[];
}

export interface WireAgent {
  AgentId: number;
  BusinessUnit: number;
  AgentPhone: string;
  SystemUsername: string;
  CrmUsername: string;
  Username: string;
  DeviceId: string;
  DeviceAlias: string;
  ActiveCall: WireCall | null;
  InactiveCalls: WireCall[];
  DesktopOnlySessions: WireCall[];
}

function wireCall(world: SimWorld, agent: SimAgent, call: SimCall): WireCall {
  return {
    CallInstance: call.callInstance,
    CallState: call.callState,
    Metadata: { ...call.metadata },
    Recordings: call.recordings.map((r) => ({
      RecordingIdentifier: r.recordingIdentifier,
      IsDuplicate: r.isDuplicate,
      RecordingState: world.recordingState(r, agent),
    })),
  };
}

export function wireAgent(world: SimWorld, agent: SimAgent): WireAgent {
  return {
    AgentId: agent.agentId,
    BusinessUnit: agent.businessUnit,
    AgentPhone: agent.agentPhone,
    SystemUsername: agent.systemUsername,
    CrmUsername: agent.crmUsername,
    Username: agent.username,
    DeviceId: agent.deviceId,
    DeviceAlias: agent.deviceAlias,
    ActiveCall: agent.activeCall ? wireCall(world, agent, agent.activeCall) : null,
    InactiveCalls: agent.inactiveCalls.map((c) => wireCall(world, agent, c)),
    DesktopOnlySessions: agent.desktopOnlySessions.map((c) => wireCall(world, agent, c)),
  };
}
