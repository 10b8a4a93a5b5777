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
      ['Resumed automatically — maximum pause reached', 'info'],
      ['Pause — Paused, confirmed by the server', 'ok'],
      ['Start screen recording — FAILED: server error 500', 'failed'],
      ['Start recording — replaced by your next press', 'info'],
      ['Start recording — Recording, the server said OK', 'ok'],
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
    expect(texts).toEqual(['Resumed automatically — maximum pause reached', 'Pause — Paused, confirmed by the server', 'Start screen recording — FAILED: server error 500', 'Start recording — replaced by your next press']);
    // One date format everywhere: local time with its offset.
    expect(within(list).getAllByRole('listitem')[0].querySelector('time')!.textContent).toMatch(/^(\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d [+-]\d\d:\d\d$/);
    expect(screen.queryByRole('table')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Show the raw audit log' }));
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(ENTRIES.length + 1);
    // The raw view says whether the chain holds, as `audit verify` does.
    expect((await screen.findByTestId('audit-verdict')).textContent).toMatch(/the audit log is intact/);
  });

  it('a broken chain is said loudly above the raw log', async () => {
    const bridge = new FakeBridge(stateFrom([idle()]));
    bridge.getHistory = async () => ENTRIES;
    bridge.verifyAudit = async () => ({ status: 'broken', summary: 'the chain breaks at /x/audit.jsonl line 7: the line was edited: its hash does not match its contents', notes: [] });
    render(<HistoryView bridge={bridge} currentCall={CALL} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Show the raw audit log' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/the chain breaks at \/x\/audit.jsonl line 7: the line was edited/);
  });
});
