/**
 * Builds the real core (real backend client, real HTTP) against a simulator on 127.0.0.1,
 * with a test agent and fast retry timings, for controller and poller tests.
 */
import { RecordingApiClient } from '../../src-main/backends/onprem/recording-api-client';
import { CxoneClient } from '../../src-main/backends/cxone/cxone-client';
import type { RecordingBackend } from '../../src-main/core/recording-backend';
import { MemoryAuditSink } from '../../src-main/core/audit-log';
import { createAgentCore, type AgentCore, type AgentCoreOptions } from '../../src-main/core/agent-core';
import type { AppState, ControlName } from '../../src-main/core/ipc-contract';
import { RetryPolicySchema } from '../../src-main/core/retry-policy';
import { PollIntervalsSchema } from '../../src-main/core/poll-schedule';
import { realScheduler } from '../../src-main/core/scheduler';
import { TEST_AGENT, type Harness } from './simulator-harness';

export const FAST_RETRY = RetryPolicySchema.parse({ baseDelayMs: 20, maxDelayMs: 80, deadlineMs: 2000, confirmReads: 3, confirmGapMs: 30 });

export function onPremBackend(url: string, timeoutMs = 2000, options: { pipelining?: boolean } = {}): RecordingApiClient {
  return new RecordingApiClient({ baseUrl: url, agent: { kind: 'Phone', value: TEST_AGENT.agentPhone }, auth: { type: 'none' }, timeoutMs, ...options });
}

/** A CXone client for the test agent: status from get-recording-status, or from a Recording API status server. */
export function cxoneBackend(url: string, options: { statusServer?: boolean; now?: () => number } = {}): CxoneClient {
  const { statusServer = false, now = Date.now } = options;
  return new CxoneClient(
    {
      apiBaseUrl: url,
      tokenUrl: `${url}/auth/token`,
      clientId: 'recordkey-demo',
      clientSecret: 'demo-client-secret',
      accessKeyId: `AK${TEST_AGENT.agentId}`,
      accessKeySecret: `secret-${TEST_AGENT.agentId}`,
      pathPrefix: '',
      userIdParam: 'user-id',
      userId: String(1234000 + TEST_AGENT.agentId),
      timeoutMs: 2000,
    },
    now,
    statusServer ? onPremBackend(url) : undefined,
  );
}

/** A backend whose requests in flight can be awaited, so a fake clock never runs ahead of real HTTP. */
export function trackInFlight<B extends RecordingBackend>(backend: B): B & { settled(): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };
  const getAgent = backend.getAgent.bind(backend);
  const execute = backend.execute.bind(backend);
  return Object.assign(backend, {
    getAgent: () => track(getAgent()),
    execute: (command: Parameters<B['execute']>[0]) => track(execute(command)),
    async settled() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  });
}

export interface CoreUnderTest {
  core: AgentCore;
  audit: MemoryAuditSink;
  /** Every AppState the core published, in order. */
  states: AppState[];
  statusesOf: (control: ControlName) => string[];
}

export function buildCore(backend: RecordingBackend, overrides: Partial<AgentCoreOptions> = {}): CoreUnderTest {
  const audit = new MemoryAuditSink();
  const core = createAgentCore({
    backend,
    agentLabel: `Phone ${TEST_AGENT.agentPhone}`,
    audit,
    retry: FAST_RETRY,
    intervals: PollIntervalsSchema.parse({ activeMs: 60_000, idleMs: 60_000 }),
    scheduler: realScheduler,
    random: () => 0.5,
    ...overrides,
  });
  const states: AppState[] = [];
  core.subscribe((s) => states.push(s));
  const statusesOf = (control: ControlName) =>
    states.map((s) => s.controls[control].kind).filter((s, i, all) => i === 0 || s !== all[i - 1]);
  return { core, audit, states, statusesOf };
}

export async function resetWorld(h: Harness, call: { record?: boolean; ani?: string; dnis?: string; direction?: 'I' | 'O' } | null = { record: false }): Promise<void> {
  await h.control('POST', '/sim/reset');
  await h.control('POST', '/sim/settings', { maxAgentBlackoutSeconds: 0, processingDelayMs: 0 });
  await h.control('POST', '/sim/agents', TEST_AGENT);
  if (call) await h.control('POST', `/sim/agents/${TEST_AGENT.agentId}/call`, call);
}

/** Ends a test's core: lets its queued commands finish first, so none reaches the next test's freshly reset simulator. */
export async function stopCore(t: CoreUnderTest | undefined): Promise<void> {
  if (!t) return;
  await t.core.controller.idle();
  t.core.stop();
}
