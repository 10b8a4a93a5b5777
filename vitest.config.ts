import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two projects: plain Node for everything without a DOM (core, backends, simulator, shell
// adapters against a typed Electron fake), jsdom for React components. Playwright specs
// (*.spec.ts) are not Vitest's.
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 15_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.tsx'],
          setupFiles: ['tests/component/setup.ts'],
        },
      },
    ],
  },
});
