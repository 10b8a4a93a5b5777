/**
 * The relay's picture of the site: the last snapshot of every agent in the tracker, found by
 * any of the identifiers a desktop may name it by, and which agents a new GetAll changed.
 * Each snapshot is kept serialized too, so a push costs one string concatenation whatever the
 * number of subscribers.
 */
import type { AgentRef, AgentSnapshot } from '../core/agent-snapshot';

export interface AgentEntry {
  snapshot: AgentSnapshot;
  /** JSON.stringify(snapshot), made once per change. */
  json: string;
}

/** Which GetAll the table holds. */
export interface TableFreshness {
  version: number;
  /** When that GetAll was asked (ms since the epoch); null before the first. */
  polledAt: number | null;
  server: string | null;
}

const IDENTIFIER_OF: Record<AgentRef['kind'], (a: AgentSnapshot) => string> = {
  Id: (a) => a.agentId,
  Phone: (a) => a.agentPhone,
  Username: (a) => a.username,
  SystemUsername: (a) => a.systemUsername,
  CrmUsername: (a) => a.crmUsername,
};
const KINDS = Object.keys(IDENTIFIER_OF) as AgentRef['kind'][];

/** The key a subscription is filed under: the identifier as the desktop names it (matched exactly, as the server matches it). */
export function refKey(ref: AgentRef): string {
  return `${ref.kind}\u0000${ref.value}`;
}

function keysOf(snapshot: AgentSnapshot): string[] {
  const keys: string[] = [];
  for (const kind of KINDS) {
    const value = IDENTIFIER_OF[kind](snapshot);
    if (value !== '') keys.push(refKey({ kind, value }));
  }
  return keys;
}

export class AgentTable {
  private readonly byId = new Map<string, AgentEntry>();
  private readonly idByKey = new Map<string, string>();
  freshness: TableFreshness = { version: 0, polledAt: null, server: null };

  get size(): number {
    return this.byId.size;
  }

  /** The agent a subscription's key (refKey) names, or null: not in the tracker. */
  entryFor(key: string): AgentEntry | null {
    const id = this.idByKey.get(key);
    return id === undefined ? null : (this.byId.get(id) ?? null);
  }

  /** Every agent, as a full snapshot for a replica that just joined. */
  all(): AgentSnapshot[] {
    return [...this.byId.values()].map((e) => e.snapshot);
  }

  /**
   * A whole GetAll: returns the identifier keys whose answer changed (an agent that changed,
   * appeared or left the tracker), so only their subscribers hear of it.
   */
  replaceAll(agents: AgentSnapshot[], freshness: TableFreshness): { changedKeys: Set<string>; changedAgents: Array<{ agentId: string; agent: AgentSnapshot | null }> } {
    const changedKeys = new Set<string>();
    const changedAgents: Array<{ agentId: string; agent: AgentSnapshot | null }> = [];
    const seen = new Set<string>();
    for (const agent of agents) {
      seen.add(agent.agentId);
      if (this.put(agent.agentId, agent, changedKeys)) changedAgents.push({ agentId: agent.agentId, agent });
    }
    for (const id of [...this.byId.keys()]) {
      if (seen.has(id)) continue;
      this.put(id, null, changedKeys);
      changedAgents.push({ agentId: id, agent: null });
    }
    this.freshness = freshness;
    return { changedKeys, changedAgents };
  }

  /** One agent's change (heard from the poller through the broker); returns the keys whose answer changed. */
  applyChange(agentId: string, agent: AgentSnapshot | null, freshness: TableFreshness): Set<string> {
    const changedKeys = new Set<string>();
    this.put(agentId, agent, changedKeys);
    this.advance(freshness);
    return changedKeys;
  }

  /** A GetAll that changed nothing here (or whose changes came separately): the data is this fresh. */
  advance(freshness: TableFreshness): void {
    if (this.freshness.polledAt === null || (freshness.polledAt ?? 0) >= this.freshness.polledAt) this.freshness = freshness;
  }

  /** Files the agent's new snapshot (null: gone); true when it differs from what was held. */
  private put(agentId: string, agent: AgentSnapshot | null, changedKeys: Set<string>): boolean {
    const old = this.byId.get(agentId);
    // The list parser hands back the very object for an agent whose JSON did not change.
    if (old && agent && old.snapshot === agent) return false;
    const json = agent ? JSON.stringify(agent) : null;
    if (old?.json === json || (!old && !agent)) return false;
    if (old) {
      for (const key of keysOf(old.snapshot)) {
        changedKeys.add(key);
        if (this.idByKey.get(key) === agentId) this.idByKey.delete(key);
      }
    }
    if (agent && json) {
      this.byId.set(agentId, { snapshot: agent, json });
      for (const key of keysOf(agent)) {
        changedKeys.add(key);
        this.idByKey.set(key, agentId);
      }
    } else {
      this.byId.delete(agentId);
    }
    return true;
  }
}
