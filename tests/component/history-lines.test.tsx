/** The history as an agent reads it: one line per action, in the buttons' words, with its outcome. */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { historyLines } from '../../src-main/core/history-lines';
import type { AuditEntryView } from '../../src-main/core/ipc-contract';
import { HistoryView } from '../../src-renderer/components/HistoryView';
import { FakeBridge, idle, stateFrom } from './fake-bridge';

afterEach(cleanup);

const CALL = 'fe0b6231-1ffcce90-c84c9c5f@10.100.6.20';
const at = (hhmm: string) => `2026-11-21T${hhmm}:00.000Z`;
const entry = (e: Partial<AuditEntryView> & Pick<AuditEntryView, 'action' | 'result'>): AuditEntryView => ({ time: at('10:00'), source: 'hotkey', error: null, callInstance: CALL, ...e });

// Newest first, as the audit log answers; the raw lines around each outcome are left out.
const ENTRIES: AuditEntryView[] = [
  entry({ time: at('10:07'), action: 'pause ended', result: 'state-changed', source: 'observed', endedBy: 'maximum' }),
  entry({ time: at('10:07'), action: 'blackout stop', result: 'confirmed', source: 'timer', outcome: true }),
  entry({ time: at('10:05'), action: 'blackout start', result: 'confirmed', outcome: true }),
  entry({ time: at('10:05'), action: 'blackout start', result: 'sent' }),
  entry({ time: at('10:04'), action: 'screen start', result: 'failed', error: 'server error 500', outcome: true, source: 'window' }),
  entry({ time: at('10:03'), action: 'voice start', result: 'superseded', outcome: true }),
  entry({ time: at('10:02'), action: 'voice start', result: 'accepted', outcome: true, callInstance: 'an-earlier-call' }),
  entry({ time: at('10:01'), action: 'call started', result: 'state-changed', source: 'observed', callInstance: 'an-earlier-call' }),
];

describe('history lines', () => {
  it('one line per agent action, in the buttons\' words, with the outcome; automatic endings said as such', () => {
    expect(historyLines(ENTRIES).map((l) => [l.text, l.tone])).toEqual([
      ['Pause ended automatically — maximum pause reached', 'info'],
      ['Pause — on, confirmed', 'ok'],
      ['Start screen recording — FAILED: server error 500', 'failed'],
      ['Start voice recording — replaced by your next press', 'info'],
      ['Start voice recording — on, accepted by the server (its status does not show it)', 'ok'],
      ['Call started', 'info'],
    ]);
  });

  it('a failed automatic resume gets its own loud line', () => {
    expect(historyLines([entry({ action: 'blackout stop', result: 'failed', source: 'timer', error: 'server error 503', outcome: true })])).toEqual([
      expect.objectContaining({ text: 'Automatic resume — FAILED: server error 503', tone: 'failed' }),
    ]);
  });
});

describe('history view', () => {
  it('shows the plain lines, filters to this call, and keeps the raw audit one click away', async () => {
    const bridge = new FakeBridge(stateFrom([idle()]));
    bridge.getHistory = async () => ENTRIES;
    render(<HistoryView bridge={bridge} currentCall={CALL} />);
    const list = await screen.findByRole('list', { name: 'What happened, newest first' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(6);
    await userEvent.click(screen.getByRole('checkbox', { name: 'This call only' }));
    const texts = within(list).getAllByRole('listitem').map((li) => li.textContent!.replace(li.querySelector('time')!.textContent!, '').trim());
    expect(texts).toEqual(['Pause ended automatically — maximum pause reached', 'Pause — on, confirmed', 'Start screen recording — FAILED: server error 500', 'Start voice recording — replaced by your next press']);
    expect(screen.queryByRole('table')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Show the raw audit log' }));
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(ENTRIES.length + 1);
  });
});
