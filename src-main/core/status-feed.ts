/**
 * A pushed source of the agent's status (the site relay, backends/relay/relay-feed.ts), and the
 * one rule for when RecordKey may use it instead of reading the server itself: the feed is
 * connected, has this agent, read the server RecordKey is using, and its data is at most
 * RELAY_MAX_AGE_MS old. Otherwise RecordKey polls directly at its usual rates.
 *
 * The feed only replaces the periodic reads. Commands, their confirming reads, and so every
 * "confirmed" and the pause lifecycle stay direct (poller.ts applies no feed snapshot while a
 * command is out).
 */
import type { AgentSnapshot } from './agent-snapshot';
import { STATUS_SOURCE_WORDS } from './agent-words';
import type { Event } from './emitter';

export const RELAY_MAX_AGE_MS = 3000;

/** What the feed last said: its link, and the freshness and agent of its newest message. */
export interface FeedView {
  link: { state: 'connected'; url: string } | { state: 'connecting' | 'down'; url: string | null; reason: string };
  /** When the data it holds was read from the server (ms); null before any. */
  polledAt: number | null;
  server: string | null;
  /** Whether its last snapshot had the agent (null: no snapshot yet). */
  hasAgent: boolean | null;
}

export interface FeedSnapshot {
  agent: AgentSnapshot | null;
  polledAt: number;
  server: string | null;
}

export interface StatusFeed {
  /** The relay's address, for the window and doctor. */
  readonly label: string;
  /** The agent's snapshot: on subscribe, then whenever it changed. */
  readonly onSnapshot: Event<[FeedSnapshot]>;
  /** Anything else the feed learnt: the link came or went, a heartbeat's freshness. */
  readonly onView: Event<[FeedView]>;
  readonly view: FeedView;
  start(): void;
  close(): void;
}

/** Whether the feed may stand in for a direct read now; if not, why (in the agent's words). */
export function feedUsability(view: FeedView, now: number, serverInUse: string): { usable: true } | { usable: false; why: string } {
  if (view.link.state === 'connecting') return { usable: false, why: STATUS_SOURCE_WORDS.relayConnecting };
  if (view.link.state === 'down') return { usable: false, why: STATUS_SOURCE_WORDS.relayDown(view.link.reason) };
  if (view.polledAt === null || view.hasAgent === null) return { usable: false, why: STATUS_SOURCE_WORDS.relayNoData };
  if (view.server !== serverInUse) return { usable: false, why: STATUS_SOURCE_WORDS.relayOtherServer(view.server ?? 'no server') };
  if (!view.hasAgent) return { usable: false, why: STATUS_SOURCE_WORDS.relayNoAgent };
  const age = now - view.polledAt;
  if (age > RELAY_MAX_AGE_MS) return { usable: false, why: STATUS_SOURCE_WORDS.relayOld(Math.round(age / 1000)) };
  return { usable: true };
}
