/**
 * `doctor`'s look at the site relay: subscribes the way the desktop does (relay-feed.ts) and
 * says whether the window's status will come via the relay, or why it will be read directly.
 * A relay that cannot be used is a warning, not a failure: RecordKey then reads the server
 * itself, as it does without a relay.
 */
import type { AgentRef } from '../../core/agent-snapshot';
import { STATUS_SOURCE_WORDS, type CheckMark } from '../../core/agent-words';
import { feedUsability } from '../../core/status-feed';
import { RelayFeed } from './relay-feed';

export interface RelayCheck {
  mark: CheckMark;
  detail: string;
}

/** How long doctor waits for a relay's first answer. */
const ANSWER_WITHIN_MS = 5000;

export async function checkRelay(url: string, agent: AgentRef, serverInUse: string, options: { token?: string; extraCaFile?: string } = {}): Promise<RelayCheck> {
  const feed = new RelayFeed({ urls: [url], agent, token: options.token, extraCaFile: options.extraCaFile });
  try {
    const settled = new Promise<'answered' | 'down'>((resolve) => {
      feed.onSnapshot(() => resolve('answered'));
      feed.onView((view) => view.link.state === 'down' && resolve('down'));
      setTimeout(() => resolve('down'), ANSWER_WITHIN_MS).unref();
    });
    feed.start();
    const outcome = await settled;
    const view = feed.view;
    if (outcome === 'down') {
      const why = view.link.state === 'down' ? view.link.reason : view.polledAt === null ? STATUS_SOURCE_WORDS.relayNoData : `no answer within ${ANSWER_WITHIN_MS / 1000} s`;
      return { mark: 'warning', detail: `${url}: ${STATUS_SOURCE_WORDS.relayDown(why)}; RecordKey will read the status directly` };
    }
    const usability = feedUsability(view, Date.now(), serverInUse);
    if (!usability.usable) return { mark: 'warning', detail: `${url}: ${STATUS_SOURCE_WORDS.directBecause(usability.why)}` };
    const age = ((Date.now() - view.polledAt!) / 1000).toFixed(1);
    return { mark: 'proved', detail: `${STATUS_SOURCE_WORDS.viaRelay(url)} (data ${age} s old, read from ${view.server}); commands and their confirmations stay direct` };
  } finally {
    feed.close();
  }
}
