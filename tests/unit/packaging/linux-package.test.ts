/**
 * electron-builder's real Linux `dir` build of electron-builder.yml, against a stand-in
 * Electron folder (scripts/check-package.mjs): fuses applied, app.asar holding exactly the
 * bundles and the production modules, tray icons outside it. About 3 s.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the Linux package (electron-builder --linux dir, stand-in Electron)', () => {
  it('has the fuses of electron-builder.yml and only the expected files in app.asar', () => {
    // Without VITEST: builder-util switches to hard links when it sees it (for its own test
    // suite), and then trips over its own copy of the tray icons (EEXIST).
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
    const run = spawnSync(process.execPath, ['scripts/check-package.mjs'], { encoding: 'utf8', timeout: 120_000, env });
    const checks = run.stdout.split('\n').filter((l) => /^(ok|FAIL)/.test(l));
    expect(checks.filter((l) => l.startsWith('FAIL')), run.stderr).toEqual([]);
    expect(checks.length).toBeGreaterThan(15);
    expect(run.stdout).toMatch(/fuse RunAsNode is off — binary says off/);
    expect(run.stdout).toMatch(/package checks passed/);
    expect(run.status).toBe(0);
  }, 120_000);
});
