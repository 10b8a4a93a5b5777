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
