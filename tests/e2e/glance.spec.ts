/**
 * "Can an agent mid-call tell in one glance whether the call is recorded and whether the pause
 * really took effect?" At the window's real sizes (380×600 default, 320×420 minimum), light and
 * dark: the banner (and a pause's countdown) stay inside the viewport for every state, a pause
 * never shows text that claims recording, a failing pause start says NOT PAUSED within 2 s, and
 * a hang-up during a pause is explained. Each state is saved as a screenshot (see SCREENSHOT_DIR).
 */
import type { Page } from '@playwright/test';
import { AGENT, control, expect, screenshot, seriousA11yViolations, test } from './harness-fixture';

const SIZES = [
  { width: 380, height: 600 },
  { width: 320, height: 420 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** Visible text that would claim the call is being recorded (titles such as "Voice recording" are names, not claims). */
const CLAIMS_RECORDING = /\bRECORDING\b|\bRecording \(|Recording the screen/;

async function bannerInView(page: Page, headline: RegExp): Promise<void> {
  const banner = page.getByTestId('banner');
  await expect(page.getByTestId('banner-headline')).toHaveText(headline);
  await expect(banner).toBeInViewport({ ratio: 1 });
}

for (const size of SIZES) {
  for (const colorScheme of SCHEMES) {
    const tag = `${size.width}x${size.height}-${colorScheme}`;

    test.describe(`at ${tag}`, () => {
      test.use({ viewport: size, colorScheme });

      test('every banner state is in view, and a pause never claims recording', async ({ app, sim }) => {
        await bannerInView(app, /^NOT RECORDED — NO CALL$/);
        await screenshot(app, `not-recorded-${tag}`);

        await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true, ani: '02079460123', dnis: '08001234' });
        await bannerInView(app, /^RECORDING$/);
        await expect(app.getByTestId('banner-evidence')).toHaveText("confirmed by the server's status");
        await screenshot(app, `recording-${tag}`);

        await control(app, 'blackout').getByRole('button', { name: 'Pause' }).click();
        await bannerInView(app, /^PAUSED 0:(10|0\d)$/);
        await expect(app.getByTestId('blackout-countdown')).toBeInViewport({ ratio: 1 });
        expect(await app.locator('body').innerText()).not.toMatch(CLAIMS_RECORDING);
        await screenshot(app, `paused-${tag}`);
        await control(app, 'blackout').getByRole('button', { name: 'Resume' }).click();
        await bannerInView(app, /^RECORDING$/);

        await sim.control('POST', '/sim/faults', { path: '/api/Agent', drop: true });
        await bannerInView(app, /^STATE UNKNOWN$/);
        await screenshot(app, `state-unknown-${tag}`);
        await sim.control('DELETE', '/sim/faults');
        await bannerInView(app, /^RECORDING$/);
        expect(await seriousA11yViolations(app)).toEqual([]);
      });

      test('a pause start that fails says NOT PAUSED at once, in the alert style', async ({ app, sim }) => {
        await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
        await bannerInView(app, /^RECORDING$/);
        await sim.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', status: 500 });
        await control(app, 'blackout').getByRole('button', { name: 'Pause' }).click();
        await expect(app.getByTestId('banner-headline')).toHaveText(/^NOT PAUSED/, { timeout: 2000 });
        await expect(app.getByTestId('banner')).toHaveAttribute('role', 'alert');
        await expect(app.getByTestId('banner')).toBeInViewport({ ratio: 1 });
        await expect(app.getByTestId('banner-evidence')).toContainText('server error 500');
        await screenshot(app, `not-paused-${tag}`);
        await sim.control('DELETE', '/sim/faults');
      });
    });
  }
}

test('a hang-up during a pause: the window says what happened to the pause', async ({ app, sim }) => {
  await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
  await control(app, 'blackout').getByRole('button', { name: 'Pause' }).click();
  await expect(app.getByTestId('banner-headline')).toHaveText(/^PAUSED/);
  await sim.control('POST', `/sim/agents/${AGENT.agentId}/hangup`);
  await expect(app.getByText('The call ended while paused')).toBeVisible();
  await expect(app.getByTestId('pause-ended')).toHaveText(/^Resumed automatically at \d\d?:\d\d( [AP]M)? — the call ended$/, { timeout: 15_000 });
});

test.describe('at the minimum width (320 px)', () => {
  test.use({ viewport: { width: 320, height: 420 } });

  test('no view scrolls sideways', async ({ app }) => {
    for (const view of ['Status', 'History', 'Settings']) {
      await app.getByRole('tab', { name: view }).click();
      await app.waitForTimeout(100);
      const overflow = await app.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${view} overflows by ${overflow} px`).toBeLessThanOrEqual(0);
    }
    await app.getByText('Advanced (for administrators)').click();
    expect(await app.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});
