/**
 * "Find me": the agents the Recording API knows (GET /api/Agent/GetAll), with the one whose
 * SystemUsername or Username matches the computer's login name suggested, so an agent never
 * has to know their AgentId or phone extension to set RecordKey up.
 */
import type { AgentSnapshot } from '../../core/agent-snapshot';
import { ok, type Result } from '../../core/result';
import { RecordingApiClient, type OnPremConfig } from './recording-api-client';

export interface AgentChoice {
  agentId: string;
  label: string;
}

export interface AgentDirectory {
  agents: AgentChoice[];
  /** Index into `agents` of the agent whose user name matches the login name, or null. */
  suggested: number | null;
}

function labelOf(a: AgentSnapshot): string {
  const names = [a.username, a.systemUsername].filter(Boolean);
  return `${names[0] ?? `agent ${a.agentId}`}${a.agentPhone ? ` · phone ${a.agentPhone}` : ''} · id ${a.agentId}`;
}

/** Whether an agent is the person logged in: SystemUsername, or Username (also its part before @, and a DOMAIN\\ prefix ignored). */
export function matchesLogin(agent: Pick<AgentSnapshot, 'systemUsername' | 'username'>, loginName: string): boolean {
  const login = loginName.trim().toLowerCase().replace(/^.*\\/, '');
  if (!login) return false;
  const candidates = [agent.systemUsername, agent.username, agent.username.split('@')[0]].map((n) => n.trim().toLowerCase().replace(/^.*\\/, ''));
  return candidates.includes(login);
}

export async function findAgents(config: Omit<OnPremConfig, 'agent'>, loginName: string): Promise<Result<AgentDirectory>> {
  const client = new RecordingApiClient({ ...config, agent: { kind: 'Id', value: '0' } });
  try {
    const all = await client.getAllAgents();
    if (!all.ok) return all;
    const agents = [...all.value].sort((a, b) => labelOf(a).localeCompare(labelOf(b)));
    const matches = agents.map((a, i) => (matchesLogin(a, loginName) ? i : -1)).filter((i) => i >= 0);
    return ok({ agents: agents.map((a) => ({ agentId: a.agentId, label: labelOf(a) })), suggested: matches.length === 1 ? matches[0] : null });
  } finally {
    client.close();
  }
}
