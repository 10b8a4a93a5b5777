/**
 * Issue 20, Why 12 and Build 11: History lost lines ("do not-record"; a refused call-data
 * intent written one way and looked up another). Here every intent type goes through the real
 * core against the simulator — done, refused and superseded — and every intent that has an
 * audit line has exactly one outcome line and a History line.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_RESULTS } from '../../../src-main/core/audit-protocol';
import { HISTORY, historyLines } from '../../../src-main/core/history-lines';
import type { Intent } from '../../../src-main/core/ipc-contract';
import { buildCore, cxoneBackend, onPremBackend, resetWorld, stopCore, type CoreUnderTest } from '../../support/core-harness';
import { startHarness, type Harness } from '../../support/simulator-harness';

let h: Harness;
let t: CoreUnderTest | undefined;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => resetWorld(h, null));
afterEach(async () => {
  await stopCore(t);
  t = undefined;
});

/** Every intent an agent, a script or RecordKey itself can send, as the IPC contract allows. */
const ON_PREMISE: Intent[] = [
  { type: 'voice', action: 'start' },
  { type: 'voice', action: 'toggle' },
  { type: 'voice', action: 'toggle' },
  { type: 'screen', action: 'start' },
  { type: 'screen', action: 'stop' },
  { type: 'screen', action: 'toggle' },
  { type: 'duplicate', action: 'start' },
  { type: 'duplicate', action: 'stop' },
  { type: 'duplicate', action: 'toggle' },
  { type: 'blackout', action: 'start' },
  { type: 'pause-extend' },
  { type: 'blackout', action: 'stop' },
  { type: 'blackout', action: 'toggle' },
  { type: 'blackout', action: 'toggle' },
  { type: 'call-data', target: 'voice', metadata: { user1: 'x' } },
  { type: 'call-data', target: 'screen', metadata: { user2: 'y' } },
  { type: 'do-not-record', confirmed: true }, // refused: the on-premise API has none
  { type: 'retry', control: 'voice' }, // refused: nothing failed
  { type: 'pause-extend' }, // refused: no pause
  { type: 'refresh' },
  { type: 'voice', action: 'stop' },
  { type: 'call-data', target: 'voice', metadata: { user1: 'z' } }, // after the call: refused or failed, never lost
];

function checkEveryIntentHasItsLines(): void {
  const records = t!.audit.records;
  const intents = records.filter((r) => r.result === 'intent');
  expect(intents.length).toBeGreaterThan(0);
  const lines = historyLines(t!.audit.recent(1000));
  for (const intent of intents) {
    const outcomes = records.filter((r) => r.intentId === intent.intentId && r.detail?.outcome === true);
    expect(outcomes, `${intent.action} (${intent.intentId})`).toHaveLength(1);
    // Its History line, at the outcome's time, in words (never the raw action).
    const outcome = outcomes[0];
    const line = lines.find((l) => l.time === outcome.time && !l.text.startsWith(outcome.action));
    expect(line, `${intent.action} → ${outcome.action} ${outcome.result}`).toBeDefined();
  }
  // Every line the log holds is of the protocol.
  for (const r of records) {
    expect(AUDIT_ACTIONS).toContain(r.action);
    expect(AUDIT_RESULTS).toContain(r.result);
  }
}

describe('every intent has one outcome and a History line', () => {
  it("History's table has an entry for every action of the audit protocol", () => {
    expect(AUDIT_ACTIONS.filter((a) => !(a in HISTORY))).toEqual([]);
  });

  it('on-premise: done, refused and superseded alike', async () => {
    await h.control('POST', `/sim/agents/7/call`, {});
    t = buildCore(onPremBackend(h.url));
    t.core.start();
    await t.core.poller.pollNow();
    for (const intent of ON_PREMISE) {
      if (intent === ON_PREMISE.at(-1)) await h.control('POST', '/sim/agents/7/hangup');
      t.core.submit(intent, 'window');
      await t.core.controller.idle();
    }
    // Superseded: three presses while the first is still out; the middle one is replaced.
    await h.control('POST', '/sim/agents/7/call', {});
    await t.core.poller.pollNow();
    await h.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', latencyMs: 200, times: 1 });
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    t.core.submit({ type: 'voice', action: 'stop' }, 'hotkey');
    t.core.submit({ type: 'voice', action: 'start' }, 'hotkey');
    await t.core.controller.idle();
    expect(t.audit.records.some((r) => r.result === 'superseded')).toBe(true);
    expect(t.audit.records.some((r) => r.result === 'refused' && r.action === 'do-not-record')).toBe(true);
    expect(t.audit.records.some((r) => r.result === 'refused' && r.action === 'retry voice')).toBe(true);
    checkEveryIntentHasItsLines();
    const words = historyLines(t.audit.recent(1000)).map((l) => l.text);
    expect(words).toContain('Customer declined recording — not sent: the on-premise Recording API has no do-not-record command; stop the recording instead');
    expect(words.some((w) => w.startsWith('Add call data (voice) — '))).toBe(true);
    expect(words.join('\n')).not.toMatch(/do not-record|call-data|voice start|blackout start/);
  });

  it('CXone: do-not-record, mask and unmask', async () => {
    await h.control('POST', `/sim/agents/7/call`, { record: true });
    t = buildCore(cxoneBackend(h.url));
    t.core.start();
    await t.core.poller.pollNow();
    for (const intent of [{ type: 'blackout', action: 'start' }, { type: 'blackout', action: 'stop' }, { type: 'do-not-record', confirmed: true }, { type: 'call-data', target: 'voice', metadata: { user1: 'x' } }] as Intent[]) {
      t.core.submit(intent, 'tray');
      await t.core.controller.idle();
    }
    checkEveryIntentHasItsLines();
    expect(historyLines(t.audit.recent(1000)).map((l) => l.text)).toContain('Customer declined recording — Declined: not recorded, confirmed by the server');
  });
});
