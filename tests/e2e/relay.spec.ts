/**
 * Issue 22 in the browser: a desktop pointed at the site relay takes its status from it, and
 * when the relay is stopped mid-pause it keeps the pause's countdown and automatic resume,
 * falls back to reading the server itself, and says so.
 */
import { AGENT, control, expect, pauseButton, screenshot, test } from './harness-fixture';

test.describe('with the site relay', () => {
  test.use({ withRelay: true, maxBlackoutSeconds: 10 });

  test('the relay stopped mid-pause: the countdown and the automatic resume go on, and the window says the status is read directly', async ({ app, sim, relay }) => {
    await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
    const source = app.getByTestId('status-source');
    await expect(source).toHaveText(/^Status via the site relay ws:\/\//);
    await expect(control(app, 'voice').getByTestId('voice-status')).toHaveText(/Recording/);
    await pauseButton(app, 'Pause').click();
    const pause = control(app, 'blackout');
    await expect(pause.getByTestId('blackout-status')).toHaveText(/Paused/);
    await expect(app.getByTestId('banner')).toContainText('PAUSED');
    await screenshot(app, 'relay-paused');

    relay!.stop();
    await expect(source).toHaveText(/^Status read directly: the site relay is not reachable/);
    await expect(app.getByTestId('blackout-countdown')).toHaveText(/^Resumes by itself in 0:0\d$/);
    // Direct reads again: the server's status still confirms the pause.
    await expect(pause.getByTestId('blackout-status')).toHaveText(/Paused/);
    await screenshot(app, 'relay-stopped-paused');
    // The suite's maximum pause is 10 s: it ends by itself, on the server too.
    await expect(pause.getByTestId('blackout-status')).toHaveText(/Not paused/, { timeout: 15_000 });
    expect(await sim.recordingStates()).toEqual(['Recording']);
  });
});
