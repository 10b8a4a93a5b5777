import { AGENT, control, expect, pauseButton, screenshot, seriousA11yViolations, test } from './harness-fixture';

test.describe('status window against the real core and the simulator (on-premise)', () => {
  test('an idle agent, then a call that appears within one poll', async ({ app, sim }) => {
    await expect(app.getByTestId('call-line')).toHaveText('No call');
    await expect(control(app, 'voice').getByRole('button', { name: 'Start' })).toBeDisabled();
    await expect(control(app, 'voice').getByText('no active call to record')).toBeVisible();
    await screenshot(app, 'idle');
    await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { ani: '+44 20 7946 0123', dnis: '+44 800 111', direction: 'I' });
    // Idle polling is 600 ms in this suite: one poll, plus rendering.
    await expect(app.getByText('+44 20 7946 0123 → +44 800 111')).toBeVisible({ timeout: 1500 });
    await expect(app.getByText('Inbound', { exact: true })).toBeVisible();
  });

  test('voice and screen toggles change the server, showing pending, then confirmed', async ({ app, sim }) => {
    await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, {});
    await sim.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', latencyMs: 700, times: 1 });
    const voice = control(app, 'voice');
    await voice.getByRole('button', { name: 'Start' }).click();
    await expect(voice.getByTestId('voice-status')).toHaveText(/Starting…/);
    await expect(voice.getByTestId('voice-evidence')).toHaveText(/sent, waiting for the server|checking with the server/);
    await expect(voice.getByTestId('voice-status')).toHaveText(/Recording/);
    expect(await sim.recordingStates()).toEqual(['Recording']);
    const screen = control(app, 'screen');
    await screen.getByRole('button', { name: 'Start' }).click();
    await expect(screen.getByTestId('screen-status')).toHaveText(/Recording the screen/);
    expect((await sim.recordingStates()).sort()).toEqual(['Recording', 'ScreenRecording']);
    await screenshot(app, 'on-call-recording');
    await screen.getByRole('button', { name: 'Stop' }).click();
    await expect(screen.getByTestId('screen-status')).toHaveText(/Not recording the screen/);
    expect(await sim.recordingStates()).toEqual(['Recording']);
  });

  test('a pause shows its countdown and resumes by itself at the deadline', async ({ app, sim }) => {
    await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
    const pause = control(app, 'blackout');
    await expect(control(app, 'voice').getByTestId('voice-status')).toHaveText(/Recording/);
    await pauseButton(app, 'Pause').click();
    await expect(pause.getByTestId('blackout-status')).toHaveText(/Paused/);
    await expect(app.getByTestId('blackout-countdown')).toHaveText(/^Resumes by itself in 0:(10|0\d)$/);
    expect(await sim.recordingStates()).toEqual(['BlackedOut']);
    await screenshot(app, 'blackout');
    // The suite's maximum pause is 10 s.
    await expect(pause.getByTestId('blackout-status')).toHaveText(/Not paused/, { timeout: 15_000 });
    expect(await sim.recordingStates()).toEqual(['Recording']);
  });

  test('an injected 500 shows the failure with its reason, and Retry recovers', async ({ app, sim }) => {
    await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, {});
    await sim.control('POST', '/sim/faults', { path: '/api/Record/StartForAgent', status: 500, times: 1 });
    const voice = control(app, 'voice');
    await voice.getByRole('button', { name: 'Start' }).click();
    await expect(voice.getByTestId('voice-status')).toHaveText(/Start failed/);
    await expect(voice.getByRole('alert')).toHaveText(/server error 500.* — the server shows it off/);
    await screenshot(app, 'error');
    await voice.getByRole('button', { name: 'Retry' }).click();
    await expect(voice.getByTestId('voice-status')).toHaveText(/^ Recording$/);
    await expect(voice.getByTestId('voice-evidence')).toHaveText('confirmed by the server');
  });

  test('stopping the simulator shows the unknown-state strip within the backoff time', async ({ app, sim }) => {
    await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
    await expect(control(app, 'voice').getByTestId('voice-status')).toHaveText(/Recording/);
    sim.stop();
    // One active-call poll (300 ms) plus the request failing; well inside the first backoff.
    await expect(app.getByRole('alert').filter({ hasText: 'Recording state unknown' })).toBeVisible({ timeout: 3000 });
    await expect(app.getByRole('status', { name: /Connection: (Reconnecting…|Server unreachable)/ })).toBeVisible();
  });

  test('history lists what happened, newest first', async ({ app, sim }) => {
    await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, {});
    await control(app, 'voice').getByRole('button', { name: 'Start' }).click();
    await expect(control(app, 'voice').getByTestId('voice-status')).toHaveText(/Recording/);
    await app.getByRole('tab', { name: 'History' }).click();
    const lines = app.getByRole('list', { name: 'What happened, newest first' });
    await expect(lines.getByRole('listitem').first()).toHaveText(/^\d\d:\d\d:\d\d [+-]\d\d:\d\d Start recording — Recording, confirmed by the server$/);
    await app.getByRole('checkbox', { name: 'This call only' }).check();
    await expect(lines.getByRole('listitem').first()).toHaveText(/Start recording — Recording, confirmed by the server$/);
    // The raw audit log, one click away, with whether its chain holds (the harness writes a real log).
    await app.getByRole('button', { name: 'Show the raw audit log' }).click();
    await expect(app.getByRole('row').filter({ hasText: 'voice start' }).first()).toBeVisible();
    await expect(app.getByTestId('audit-verdict')).toHaveText(/the audit log is intact: \d+ lines in 1 file chain without a gap/);
  });

  test('settings: invalid input is shown next to the field, valid input is saved', async ({ app }) => {
    await app.getByRole('tab', { name: 'Settings' }).click();
    const longest = app.getByLabel('Longest pause (seconds)');
    await longest.fill('5');
    await app.getByRole('button', { name: 'Save' }).click();
    await expect(app.getByText('at least 10 seconds')).toBeVisible();
    await screenshot(app, 'settings');
    await longest.fill('90');
    await app.getByRole('button', { name: 'Save' }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  });

  test('no serious accessibility violations on the status, history and settings views', async ({ app, sim }) => {
    await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
    await expect(control(app, 'voice').getByTestId('voice-status')).toHaveText(/Recording/);
    expect(await seriousA11yViolations(app)).toEqual([]);
    await app.getByRole('tab', { name: 'History' }).click();
    expect(await seriousA11yViolations(app)).toEqual([]);
    await app.getByRole('tab', { name: 'Settings' }).click();
    expect(await seriousA11yViolations(app)).toEqual([]);
  });
});

test.describe('CXone (status from get-recording-status)', () => {
  test.use({ backend: 'cxone' });

  test('a pause (mask) is confirmed by the status, counts down, and reads exactly as on-premise', async ({ app, sim }) => {
    await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
    const pause = control(app, 'blackout');
    await expect(control(app, 'voice').getByTestId('voice-status')).toHaveText(/Recording/);
    await pauseButton(app, 'Pause').click();
    await expect(pause.getByTestId('blackout-status')).toHaveText(/Paused/);
    await expect(pause.getByText('confirmed by the server', { exact: true })).toBeVisible();
    await expect(app.getByTestId('banner-instruction')).toHaveText('Safe to take card details');
    await expect(app.getByTestId('blackout-countdown')).toHaveText(/^Resumes by itself in 0:(10|0\d)$/);
    const agent = await sim.control<{ cxoneStatus: { statusReason: string } }>('GET', `/sim/agents/${AGENT.agentId}`);
    expect(agent.cxoneStatus.statusReason).toBe('Mask');
    await screenshot(app, 'cxone-paused');
  });

  test('do-not-record, once confirmed, disables starting a recording for the call', async ({ app, sim }) => {
    await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
    await expect(control(app, 'voice').getByTestId('voice-status')).toHaveText(/Recording/);
    await control(app, 'doNotRecord').getByRole('button', { name: 'Customer declined…' }).click();
    const dialog = app.getByRole('alertdialog', { name: 'The customer declined recording?' });
    await expect(dialog).toContainText('cannot be undone');
    await dialog.getByRole('button', { name: 'Yes, do not record' }).click();
    await expect(control(app, 'doNotRecord').getByTestId('doNotRecord-status')).toHaveText(/Declined: not recorded/);
    await expect(control(app, 'voice').getByTestId('voice-status')).toHaveText(/Not recording/);
    await expect(control(app, 'voice').getByRole('button', { name: 'Start' })).toBeDisabled();
    await expect(control(app, 'voice').getByText('the customer declined recording for this call')).toBeVisible();
    await expect(app.getByTestId('banner-headline')).toHaveText('DECLINED — NOT RECORDED');
    await screenshot(app, 'declined');
    expect(await sim.recordingStates()).toEqual([]);
  });
});

test.describe('demo mode', () => {
  test.use({ backend: 'demo' });

  test('is badged DEMO so it is never mistaken for real recording', async ({ app }) => {
    await expect(app.getByText('DEMO', { exact: true })).toBeVisible();
    await expect(app.getByText('Phone 805003')).toBeVisible();
    await screenshot(app, 'demo');
  });
});
