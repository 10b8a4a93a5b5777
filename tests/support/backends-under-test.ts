/**
 * The two backends as one parameter, for the suites that run the same scenarios against
 * both (tests/unit/core/controller-backends.test.ts): how to build the client for the test
 * agent, where each command goes (for fault injection and request counts), and what the
 * simulator's truth is, read through its control API rather than through the client under test.
 */
import type { AgentCoreOptions } from '../../src-main/core/agent-core';
import type { RecordingBackend } from '../../src-main/core/recording-backend';
import { cxoneBackend, onPremBackend } from './core-harness';
import { TEST_AGENT, type Harness } from './simulator-harness';

export type CommandName = 'voiceStart' | 'voiceStop' | 'pauseStart' | 'pauseStop';

export interface BackendUnderTest {
  name: string;
  make(h: Harness): RecordingBackend;
  /** Core options the backend needs to confirm pauses by status (on-premise: an admin says its status shows pauses). */
  coreOptions: Partial<AgentCoreOptions>;
  /** The path each command is POSTed to. */
  paths: Record<CommandName, string>;
  /** The status path polled. */
  statusPath: string;
  /** Does the simulator record the agent's call now, and is it paused (the truth, not the client's view)? */
  truth(h: Harness): Promise<{ recorded: boolean; paused: boolean }>;
  /** Another client (a supervisor, a policy) stops the recording. */
  stopElsewhere(h: Harness): Promise<void>;
}

interface InternalAgent {
  blackout: { active: boolean } | null;
  cxoneStatus: { statusReason: string; recordingStatusToAgent: string } | null;
}

const internal = (h: Harness) => h.control<InternalAgent & { ActiveCall: { Recordings: Array<{ RecordingState: string; IsDuplicate: boolean }> } | null }>('GET', `/sim/agents/${TEST_AGENT.agentId}`);

const CXONE_SERVICE = '/interaction-recording-management-service';
const CXONE_USER = String(1234000 + TEST_AGENT.agentId);

async function cxoneStopElsewhere(h: Harness): Promise<void> {
  const credentials = await h.control<{ clientId: string; clientSecret: string; accessKeyId: string; accessKeySecret: string }>('GET', `/sim/cxone/credentials/${TEST_AGENT.agentId}`);
  const token = await fetch(`${h.url}/auth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: credentials.accessKeyId, password: credentials.accessKeySecret }).toString(),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const stop = await fetch(`${h.url}${CXONE_SERVICE}/interactions/stop-recording-on-demand?user-id=${CXONE_USER}`, { method: 'POST', headers: { authorization: `Bearer ${access_token}` } });
  if (stop.status !== 200) throw new Error(`the supervisor's stop answered ${stop.status}`);
}

const ON_PREMISE: BackendUnderTest = {
    name: 'on-premise Recording API',
    make: (h) => onPremBackend(h.url),
    coreOptions: { statusShowsPauses: 'admin' },
    paths: { voiceStart: '/api/Record/StartForAgent', voiceStop: '/api/Record/StopForAgent', pauseStart: '/api/Blackout/StartForAgent', pauseStop: '/api/Blackout/StopForAgent' },
    statusPath: '/api/Agent',
    async truth(h) {
      const agent = await internal(h);
      return { recorded: agent.ActiveCall?.Recordings.some((r) => !r.IsDuplicate && /^Recording|BlackedOut$/.test(r.RecordingState)) ?? false, paused: agent.blackout?.active ?? false };
    },
    async stopElsewhere(h) {
      const response = await h.command('/api/Record/StopForAgent');
      if (response.status !== 200) throw new Error(`the supervisor's stop answered ${response.status}`);
    },
};

export const BACKENDS: BackendUnderTest[] = [
  ON_PREMISE,
  {
    name: 'CXone (get-recording-status, mask/unmask)',
    make: (h) => cxoneBackend(h.url),
    coreOptions: {},
    paths: {
      voiceStart: `${CXONE_SERVICE}/interactions/start-recording-on-demand`,
      voiceStop: `${CXONE_SERVICE}/interactions/stop-recording-on-demand`,
      pauseStart: `${CXONE_SERVICE}/v1/interactions/mask`,
      pauseStop: `${CXONE_SERVICE}/v1/interactions/unmask`,
    },
    statusPath: `${CXONE_SERVICE}/v1/interactions/get-recording-status`,
    async truth(h) {
      const status = (await internal(h)).cxoneStatus;
      return { recorded: status?.recordingStatusToAgent === 'Recording', paused: status?.statusReason === 'Mask' };
    },
    stopElsewhere: cxoneStopElsewhere,
  },
  // The same server with the confirming read pipelined behind each command (an admin's choice).
  { ...ON_PREMISE, name: 'on-premise Recording API, confirming read pipelined', make: (h) => onPremBackend(h.url, 2000, { pipelining: true }) },
];
