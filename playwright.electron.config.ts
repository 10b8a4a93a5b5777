import { defineConfig } from '@playwright/test';

// The real-Electron suite (`npm run test:electron`): needs the Electron binary, which this
// project's own install never downloads. scripts/run-electron-tests.mjs skips it, saying
// so, when the binary is missing.
export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/electron.json' }]],
  outputDir: 'test-results/electron-artifacts',
  use: { video: 'off', trace: 'off' },
});
