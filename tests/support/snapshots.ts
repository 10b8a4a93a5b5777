/** Small AgentSnapshot builders for reducer and model tests. */
import type { AgentSnapshot, CallSnapshot } from '../../src-main/core/agent-snapshot';
import { DEFAULT_VOCABULARY, observeSnapshot } from '../../src-main/core/recording-vocabulary';
import type { CoreEvent } from '../../src-main/core/state-reducer';

export function call(states: string[] = [], instance = 'c1'): CallSnapshot {
  return {
    callInstance: instance,
    callState: 'OnCall',
    direction: 'inbound',
    ani: '1',
    dnis: '2',
    startTime: '',
    metadata: {},
    recordings: states.map((state, i) => ({ id: `r${i}`, isDuplicate: false, state })),
  };
}

export function agent(active: CallSnapshot | null, held: CallSnapshot[] = []): AgentSnapshot {
  return { agentId: '7', businessUnit: '1', agentPhone: '805003', systemUsername: '', crmUsername: '', username: '', deviceId: '', deviceAlias: '', activeCall: active, inactiveCalls: held, desktopOnlySessions: [] };
}

export function poll(a: AgentSnapshot, at: number): CoreEvent {
  return { type: 'poll-ok', snapshot: a, observation: observeSnapshot(a, DEFAULT_VOCABULARY), at };
}
