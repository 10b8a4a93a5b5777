/** The folder layering is enforced by lint: a core file importing a backend is an error. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const lint = async (filePath: string, code: string) => {
  const [result] = await new ESLint().lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'local/layering').map((m) => m.message);
};

describe('folder layering (eslint-rules/layering.js)', () => {
  it('rejects an import against the layering, naming both folders', async () => {
    expect(await lint('src-main/core/example.ts', "import { createBackend } from '../backends/backend-config';\nexport const x = createBackend;\n")).toEqual([
      'src-main/core may not import from src-main/backends (allowed: nothing outside itself); see the module map in README.md',
    ]);
    expect(await lint('src-main/backends/example.ts', "import { RecordKeyRuntime } from '../runtime/recordkey-runtime';\nexport const x = RecordKeyRuntime;\n")).toHaveLength(1);
    expect(await lint('src-renderer/example.ts', "import { startSimulator } from '../src-main/simulator/server';\nexport const x = startSimulator;\n")).toHaveLength(1);
  });

  it('allows imports down the layers', async () => {
    expect(await lint('src-main/backends/example.ts', "import type { Result } from '../core/result';\nexport type X = Result<number>;\n")).toEqual([]);
    expect(await lint('src-renderer/example.ts', "import { CONTROL_LABELS } from '../src-main/core/control-state';\nexport const x = CONTROL_LABELS;\n")).toEqual([]);
  });
});

describe('IPC and timers go through their one guarded place', () => {
  const messages = async (filePath: string, code: string, rule: string) => {
    const [result] = await new ESLint().lintText(code, { filePath });
    return result.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
  };

  it('a raw ipcMain.handle outside ValidatedIpcMain is an error', async () => {
    const code = "declare const api: { ipcMain: { handle(c: string, f: () => void): void } };\napi.ipcMain.handle('x', () => {});\n";
    expect(await messages('src-main/shell/new-feature.ts', code, 'no-restricted-syntax')).toEqual([expect.stringMatching(/^Register IPC handlers with ValidatedIpcMain/)]);
    expect(await messages('src-main/shell/validated-ipc-main.ts', code, 'no-restricted-syntax')).toEqual([]);
    const direct = "import { ipcMain } from 'electron';\nipcMain.on('x', () => {});\n";
    expect(await messages('src-main/main.ts', direct, 'no-restricted-syntax')).toHaveLength(1);
  });

  it('a raw timer in core, runtime or shell is an error; the Scheduler is the way', async () => {
    expect(await messages('src-main/shell/ticker.ts', 'export const t = setInterval(() => {}, 1000);\n', 'no-restricted-globals')).toHaveLength(1);
    expect(await messages('src-main/runtime/wait.ts', 'export const t = setTimeout(() => {}, 1000);\n', 'no-restricted-globals')).toHaveLength(1);
    expect(await messages('src-main/core/scheduler.ts', 'export const t = setTimeout(() => {}, 1000);\n', 'no-restricted-globals')).toEqual([]);
  });
});
