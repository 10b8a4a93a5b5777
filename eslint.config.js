import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import local from './eslint-rules/layering.js';

const electronOnlyInShell = {
  paths: [{ name: 'electron', message: 'Only src-main/shell, main.ts and preload.ts may import electron: keep decisions in pure, tested code.' }],
  patterns: [{ group: ['electron/*', 'electron-store'], message: 'Only src-main/shell may touch Electron modules.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The Electron stand-in is plain Node ESM.
    files: ['tests/support/**/*.mjs'],
    languageOptions: { globals: { setImmediate: 'readonly', structuredClone: 'readonly', Request: 'readonly', Response: 'readonly' } },
  },
  {
    // Folder layering: core ← backends ← settings/runtime ← shell, web-harness, cli (eslint-rules/layering.js).
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    plugins: { local },
    rules: { 'local/layering': 'error' },
  },
  {
    // The layering the architecture asks for: no Electron outside the shell.
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'tests/unit/**/*.ts', 'tests/component/**/*.tsx', 'bench/**/*.ts'],
    ignores: ['src-main/shell/**', 'src-main/main.ts', 'src-main/preload.ts'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInShell] },
  },
  {
    // IPC handlers only through ValidatedIpcMain (sender + schema checks); one place holds the raw ipcMain.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/shell/validated-ipc-main.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(handle|handleOnce|on|once)$/][callee.object.name='ipcMain'], CallExpression[callee.property.name=/^(handle|handleOnce|on|once)$/][callee.object.property.name='ipcMain']",
          message: 'Register IPC handlers with ValidatedIpcMain.handle (src-main/shell/validated-ipc-main.ts): it checks the sender frame and parses the arguments with the IPC contract.',
        },
      ],
    },
  },
  {
    // Time goes through the Scheduler, so tests drive it with a fake clock (core/scheduler.ts is the one real timer).
    files: ['src-main/core/**/*.ts', 'src-main/runtime/**/*.ts', 'src-main/shell/**/*.ts'],
    ignores: ['src-main/core/scheduler.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use the injected Scheduler (core/scheduler.ts): after() / sleep().' },
        { name: 'setInterval', message: 'Use the injected Scheduler (core/scheduler.ts): re-arm after().' },
      ],
    },
  },
  {
    // The renderer never touches the network or Node.
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'electron/*', '**/src-main/backends/**', '**/src-main/simulator/**', '**/src-main/cli/**', '**/src-main/shell/**', '**/src-main/runtime/**', '**/src-main/web-harness/**', '**/src-main/main', '**/src-main/preload'],
              message: 'The renderer only renders AppState and sends intents through the Bridge: it may import contracts (core/ipc-contract, settings schemas), never I/O code.',
            },
          ],
        },
      ],
    },
  },
);
