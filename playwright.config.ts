import { defineConfig } from '@playwright/test';

// Browser tests run in Debian's Chromium (never a Playwright download). Flags: no sandbox
// (CI runs as root), and no background networking, which this machine's closed network
// refuses loudly. Video stays off: it needs a downloaded ffmpeg.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/playwright-artifacts',
  use: {
    headless: true,
    // The status window's real default size (380×600); the glance suite also runs at its minimum, 320×420.
    viewport: { width: 380, height: 600 },
    video: 'off',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.RECORDKEY_CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
});
