/**
 * "Can an agent mid-call tell in one glance whether the call is recorded and whether the pause
 * really took effect?" At the window's real sizes (380×600 default, 320×420 minimum), light and
 * dark: the banner (and a pause's countdown) stay inside the viewport for every state, a pause
 * never shows text that claims recording, a failing pause start says NOT PAUSED within 2 s, and
 * a hang-up during a pause is explained. Each state is saved as a screenshot (see SCREENSHOT_DIR).
 */
import type { Page } from '@playwright/test';
import { AGENT, expect, pauseButton, screenshot, seriousA11yViolations, test } from './harness-fixture';

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
        await expect(app.getByTestId('banner-evidence')).toHaveText('confirmed by the server');
        await screenshot(app, `recording-${tag}`);

        await pauseButton(app, 'Pause').click();
        await bannerInView(app, /^PAUSED 0:(10|0\d)$/);
        await expect(app.getByTestId('banner-instruction')).toHaveText('Safe to take card details');
        await expect(app.getByTestId('blackout-countdown')).toBeInViewport({ ratio: 1 });
        // Resume, fully in view while paused, at every size.
        await expect(pauseButton(app, 'Resume')).toBeInViewport({ ratio: 1 });
        expect(await app.locator('body').innerText()).not.toMatch(CLAIMS_RECORDING);
        await screenshot(app, `paused-${tag}`);
        await pauseButton(app, 'Resume').click();
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
        await pauseButton(app, 'Pause').click();
        await expect(app.getByTestId('banner-headline')).toHaveText(/^NOT PAUSED/, { timeout: 2000 });
        await expect(app.getByTestId('banner-instruction')).toHaveText(/^Do not take card details/);
        await expect(app.getByTestId('banner')).toHaveAttribute('role', 'alert');
        await expect(app.getByTestId('banner')).toBeInViewport({ ratio: 1 });
        await expect(app.getByTestId('banner-evidence')).toContainText('server error 500');
        await screenshot(app, `not-paused-${tag}`);
        await sim.control('DELETE', '/sim/faults');
      });

      // Issue 20, Why 6: the hang-up was told 790 px down, in the call details.
      test('a hang-up during a pause is in the banner, in view, and the pause ends by itself', async ({ app, sim }) => {
        await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
        await pauseButton(app, 'Pause').click();
        await expect(app.getByTestId('banner-headline')).toHaveText(/^PAUSED/);
        await sim.control('POST', `/sim/agents/${AGENT.agentId}/hangup`);
        await bannerInView(app, /^CALL ENDED — PAUSE ENDS IN 0:0[0-5]$/);
        await screenshot(app, `call-ended-${tag}`);
        await expect(app.getByTestId('pause-ended')).toHaveText(/^Resumed automatically at \d\d:\d\d:\d\d [+-]\d\d:\d\d — the call ended$/, { timeout: 15_000 });
      });

      test.describe('with a one-minute maximum pause', () => {
        // So the pause is still counting down when the 20 s of retries give up.
        test.use({ maxBlackoutSeconds: 60 });

        // Issue 20, Why 1 and Done-when: a pause start never answered is never headlined PAUSED, during the retries or after.
        test('a pause start that is never answered: no PAUSED headline at any moment; not confirmed, do not take card details', async ({ app, sim }) => {
          test.setTimeout(45_000);
          await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
          await bannerInView(app, /^RECORDING$/);
          await sim.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', drop: true });
          await pauseButton(app, 'Pause').click();
          const headlines = new Set<string>();
          const until = Date.now() + 23_000;
          while (Date.now() < until) {
            headlines.add(await app.getByTestId('banner-headline').innerText());
            await app.waitForTimeout(200);
          }
          expect([...headlines].filter((h) => /^PAUSED/.test(h))).toEqual([]);
          expect([...headlines]).toEqual(expect.arrayContaining(['NOT PAUSED — RETRYING']));
          await bannerInView(app, /^PAUSE NOT CONFIRMED$/);
          await expect(app.getByTestId('banner-instruction')).toHaveText('Do not take card details yet');
          await expect(app.getByTestId('blackout-countdown')).toHaveText(/^Resumes by itself in 0:[34]\d$/);
          await expect(pauseButton(app, 'Resume')).toBeInViewport({ ratio: 1 });
          await screenshot(app, `not-confirmed-${tag}`);
          await sim.control('DELETE', '/sim/faults');
        });
      });
    });
  }
}

test.describe('at the minimum width (320 px)', () => {
  test.use({ viewport: { width: 320, height: 420 } });

  // Issue 20, Why 10: the title touched the hotkey chip; Save was about 950 px down; the server list was cut off.
  test('nothing touches or is cut off; Save and Cancel are in view without scrolling', async ({ app, sim }) => {
    await sim.control('POST', `/sim/agents/${AGENT.agentId}/call`, { record: true });
    await bannerInView(app, /^RECORDING$/);
    const crowded = await app.evaluate(() =>
      [...document.querySelectorAll('.control-head')].flatMap((head) => {
        const title = head.querySelector('h2')!.getBoundingClientRect();
        const chip = head.querySelector('kbd')?.getBoundingClientRect();
        if (!chip) return [];
        const sameLine = chip.top < title.bottom && title.top < chip.bottom;
        return sameLine && chip.left - title.right < 4 ? [head.textContent] : [];
      }),
    );
    expect(crowded).toEqual([]);
    await app.getByRole('tab', { name: 'Settings' }).click();
    await expect(app.getByRole('button', { name: 'Save' })).toBeInViewport({ ratio: 1 });
    await expect(app.getByRole('button', { name: 'Cancel' })).toBeInViewport({ ratio: 1 });
    // The chosen server's name fits its box (the select's own arrow takes about 24 px).
    const fits = await app.evaluate(() => {
      const select = document.getElementById('f-connection-backend') as HTMLSelectElement;
      const style = getComputedStyle(select);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return [...select.options].map((o) => ({ text: o.text, fits: context.measureText(o.text).width <= select.clientWidth - 24 - parseFloat(style.paddingLeft) }));
    });
    expect(fits.filter((f) => !f.fits)).toEqual([]);
    await screenshot(app, 'settings-320x420');
  });

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
