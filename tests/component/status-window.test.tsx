import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/App';
import { formatCountdown } from '../../src-main/core/control-state';
import { FakeBridge, idle, onCall, stateFrom, T0 } from './fake-bridge';

afterEach(cleanup);

async function renderApp(bridge: FakeBridge) {
  render(<App bridge={bridge} />);
  return screen.findByRole('status', { name: /Connection:/ });
}

const section = (title: string) => screen.getByRole('region', { name: title });

describe('control states', () => {
  it('shows confirmed on, with symbol and words, and a Stop button', async () => {
    await renderApp(new FakeBridge(stateFrom([onCall(['Recording'])])));
    const voice = section('Voice recording');
    const status = within(voice).getByTestId('voice-status');
    expect(status.textContent).toBe(' Recording');
    expect(within(voice).getByTestId('voice-evidence').textContent).toBe('confirmed by the server');
    // The shape says it too (a filled dot), for an agent who cannot tell the colours apart.
    expect(status.querySelector('svg.icon-recording')).not.toBeNull();
    expect(within(voice).getByRole('button', { name: 'Stop' })).toBeEnabled();
  });

  it('shows pending while the server has not confirmed; a press then is still taken (the last press wins)', async () => {
    const bridge = new FakeBridge(stateFrom([onCall([]), { type: 'command-sent', control: 'voice', target: 'on', at: T0 }]));
    await renderApp(bridge);
    const voice = section('Voice recording');
    expect(within(voice).getByTestId('voice-status').textContent).toBe(' Starting…');
    expect(within(voice).getByTestId('voice-evidence').textContent).toBe('sent, waiting for the server');
    await userEvent.click(within(voice).getByRole('button', { name: 'Stop' }));
    expect(bridge.sent).toEqual([{ type: 'voice', action: 'stop' }]);
  });

  it('shows a failure with its reason and the truth behind it, and Retry sends a retry intent', async () => {
    const bridge = new FakeBridge(
      stateFrom([
        onCall(['Recording']),
        { type: 'command-sent', control: 'blackout', target: 'on', at: T0 },
        { type: 'control', control: 'blackout', event: { type: 'errored', error: { kind: 'server-error', message: 'server error 500', status: 500 }, at: T0 } },
      ]),
    );
    await renderApp(bridge);
    const pause = section('Pause for card details');
    expect(within(pause).getByTestId('blackout-status').textContent).toBe(' Not paused: the pause failed');
    expect(within(pause).getByTestId('blackout-status').querySelector('svg.icon-alert')).not.toBeNull();
    expect(within(pause).getByRole('alert').textContent).toBe('server error 500');
    // The banner says the same, in the words an agent acts on.
    expect(screen.getByTestId('banner-headline').textContent).toBe('NOT PAUSED');
    expect(screen.getByTestId('banner-instruction').textContent).toBe('Do not take card details: press Pause again');
    await userEvent.click(within(pause).getByRole('button', { name: 'Retry' }));
    expect(bridge.sent).toEqual([{ type: 'retry', control: 'blackout' }]);
  });

  it('a toggle sends start or stop according to the confirmed state', async () => {
    const bridge = new FakeBridge(stateFrom([onCall(['Recording'])]));
    await renderApp(bridge);
    await userEvent.click(within(section('Voice recording')).getByRole('button', { name: 'Stop' }));
    await userEvent.click(within(section('Screen recording')).getByRole('button', { name: 'Start' }));
    expect(bridge.sent).toEqual([
      { type: 'voice', action: 'stop' },
      { type: 'screen', action: 'start' },
    ]);
  });

  it('a disabled control says why', async () => {
    await renderApp(new FakeBridge(stateFrom([idle()])));
    const voice = section('Voice recording');
    expect(within(voice).getByRole('button', { name: 'Start' })).toBeDisabled();
    expect(within(voice).getByRole('button', { name: 'Start' })).toHaveAccessibleDescription('no active call to record');
  });

  it('a refusal from the core is shown, not swallowed', async () => {
    const bridge = new FakeBridge(stateFrom([onCall([])]));
    bridge.receipt = { accepted: false, reason: 'already waiting for the server to confirm the voice recording' };
    await renderApp(bridge);
    await userEvent.click(within(section('Voice recording')).getByRole('button', { name: 'Start' }));
    expect(await screen.findByText('Not sent: already waiting for the server to confirm the voice recording')).toBeInTheDocument();
  });

  it('a request refused on the way (the IPC guard) is shown like a refusal, not lost in a rejected promise', async () => {
    const bridge = new FakeBridge(stateFrom([onCall([])]));
    bridge.send = async () => {
      throw new Error("Error invoking remote method 'recordkey:send-intent': refused recordkey:send-intent: Invalid input at 0.action");
    };
    await renderApp(bridge);
    await userEvent.click(within(section('Voice recording')).getByRole('button', { name: 'Start' }));
    expect(await screen.findByText(/Not sent: .*refused recordkey:send-intent/)).toBeInTheDocument();
  });

  it('opens on the view main asked for in the URL (the tray\'s Settings… on a new window)', async () => {
    window.location.hash = '#settings';
    try {
      await renderApp(new FakeBridge(stateFrom([idle()])));
      expect(screen.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
    } finally {
      window.location.hash = '';
    }
  });

  it('follows pushed states', async () => {
    const bridge = new FakeBridge(stateFrom([onCall([])]));
    await renderApp(bridge);
    act(() => bridge.push(stateFrom([onCall(['Recording', 'ScreenRecording'])])));
    expect(within(section('Screen recording')).getByTestId('screen-status').textContent).toBe(' Recording the screen');
  });
});

describe('the call', () => {
  it('says "No call" from the verdict, and "Not known" when the status is lost (never "no call" then)', async () => {
    const bridge = new FakeBridge(stateFrom([idle()]));
    await renderApp(bridge);
    expect(screen.getByTestId('call-line').textContent).toBe('No call');
    act(() => bridge.push(stateFrom([idle(), { type: 'poll-failed', error: { kind: 'unreachable', message: 'down' }, at: T0 }])));
    expect(screen.getByTestId('call-line').textContent).toMatch(/^Not known — /);
  });
});

describe('the first frame', () => {
  it('shows the recording banner alone with the state main sent, then the whole window keeps that same banner element', async () => {
    const bridge = new FakeBridge(stateFrom([onCall(['Recording'])]));
    const first = bridge.state;
    const { rerender } = render(<App bridge={bridge} initialState={first} bannerOnly />);
    const banner = screen.getByTestId('banner');
    expect(screen.getByTestId('banner-headline').textContent).toBe('RECORDING');
    expect(screen.queryByRole('region', { name: 'Voice recording' })).toBeNull();
    rerender(<App bridge={bridge} initialState={first} />);
    expect(within(section('Voice recording')).getByTestId('voice-status').textContent).toBe(' Recording');
    // The same element, so a screen reader does not hear the state announced a second time.
    expect(screen.getByTestId('banner')).toBe(banner);
  });
});

describe('the pause countdown', () => {
  it('counts down to the automatic resume', async () => {
    const now = Date.now();
    const bridge = new FakeBridge(stateFrom([onCall(['BlackedOut'])].map((e) => ({ ...e, at: now }))));
    await renderApp(bridge);
    expect(screen.getByTestId('banner-headline').textContent).toMatch(/^PAUSED (2:00|1:59)$/);
    expect(screen.getByTestId('banner-instruction').textContent).toBe('Safe to take card details');
    expect(screen.getByTestId('blackout-countdown').textContent).toMatch(/^Resumes by itself in (2:00|1:59)$/);
    // The pause's own button is in the banner, always in view.
    expect(within(screen.getByTestId('banner')).getByRole('button', { name: /^Resume/ })).toBeEnabled();
  });

  it('a pause that just started never shows more than its maximum, however old the window\'s last clock tick', async () => {
    const bridge = new FakeBridge(stateFrom([idle()]));
    await renderApp(bridge);
    // Most of a second after the window's clock last ticked, a pause of the 2-minute maximum starts.
    await new Promise((r) => setTimeout(r, 900));
    const now = Date.now();
    act(() => bridge.push(stateFrom([onCall(['BlackedOut'])].map((e) => ({ ...e, at: now })))));
    expect(screen.getByTestId('banner-headline').textContent).toBe('PAUSED 2:00');
  });

  it('formats minutes and seconds, never negative', () => {
    expect(formatCountdown(125_000)).toBe('2:05');
    expect(formatCountdown(9_001)).toBe('0:10');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});

describe('do-not-record', () => {
  it('asks for confirmation that says it cannot be undone; Cancel sends nothing, Yes sends it confirmed', async () => {
    const bridge = new FakeBridge(stateFrom([onCall(['Recording'])], { backend: 'cxone' }));
    await renderApp(bridge);
    const dnr = section('Customer declined recording');
    await userEvent.click(within(dnr).getByRole('button', { name: 'Customer declined…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'The customer declined recording?' });
    expect(dialog).toHaveTextContent('cannot be undone');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.sent).toEqual([]);
    await userEvent.click(within(dnr).getByRole('button', { name: 'Customer declined…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, do not record' }));
    expect(bridge.sent).toEqual([{ type: 'do-not-record', confirmed: true }]);
  });
});

describe('stale state and demo', () => {
  it('says loudly when the state is unknown', async () => {
    await renderApp(new FakeBridge(stateFrom([onCall(['Recording']), { type: 'poll-failed', error: { kind: 'unreachable', message: 'server unreachable at https://rec.example.test (connection refused)' }, at: T0 }])));
    expect(screen.getByTestId('banner-headline').textContent).toBe('STATE UNKNOWN');
    expect(screen.getByTestId('banner').getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('banner-evidence').textContent).toMatch(/connection refused/);
    expect(screen.getAllByRole('alert').map((a) => a.textContent).join(' ')).toMatch(/Recording state unknown.*connection refused.*Do not rely on the indicators/);
  });

  it('badges demo mode', async () => {
    await renderApp(new FakeBridge(stateFrom([], { demo: true })));
    expect(screen.getByText('DEMO')).toBeInTheDocument();
  });
});

describe('settings', () => {
  it('shows a validation error next to the field, and saves valid input', async () => {
    const bridge = new FakeBridge(stateFrom([]));
    await renderApp(bridge);
    await userEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    const longest = await screen.findByLabelText('Longest pause (seconds)');
    await userEvent.clear(longest);
    await userEvent.type(longest, '5');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('at least 10 seconds')).toBeInTheDocument();
    expect(longest).toHaveAttribute('aria-invalid', 'true');
    await userEvent.clear(longest);
    await userEvent.type(longest, '90');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(bridge.view.settings.maxBlackoutSeconds).toBe(90);
  });

  it('shows locked settings as locked and does not send them', async () => {
    const bridge = new FakeBridge(stateFrom([]));
    bridge.view = { ...bridge.view, locked: ['connection', 'hotkeys'] };
    await renderApp(bridge);
    await userEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    expect(await screen.findAllByText('locked by your administrator')).toHaveLength(2);
    expect(screen.getByLabelText('Server')).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
  });

  it('captures a hotkey from a key press and flags a conflict', async () => {
    const bridge = new FakeBridge(stateFrom([]));
    await renderApp(bridge);
    await userEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    const screenKey = await screen.findByLabelText('Screen recording');
    await userEvent.click(screenKey);
    await userEvent.keyboard('{Control>}{Alt>}r{/Alt}{/Control}');
    expect(screenKey).toHaveValue('Ctrl+Alt+R');
    expect(screen.getAllByText(/Also used by: Voice recording/).length).toBeGreaterThan(0);
  });
});
