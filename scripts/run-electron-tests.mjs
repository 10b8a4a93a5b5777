#!/usr/bin/env node
// `npm run test:electron`: the Playwright _electron suite against the built app. Without the
// Electron binary it runs nothing and says so; skipped tests are never reported as passed.
import { spawnSync } from 'node:child_process';
import { ELECTRON_MISSING, electronBinary } from './electron-binary.mjs';

const binary = electronBinary();
if (!binary) {
  const list = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.electron.config.ts', '--list'], { encoding: 'utf8' });
  const count = (list.stdout.match(/^Total: (\d+) tests?/m) ?? [])[1] ?? '?';
  process.stdout.write(`SKIPPED: the Electron suite did not run. ${ELECTRON_MISSING}\n`);
  process.stdout.write(`tests: 0 passed, 0 failed, ${count} skipped\n`);
  process.exit(0);
}

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const headless = !process.env.DISPLAY && process.platform === 'linux';
const command = headless ? 'xvfb-run' : 'npx';
const args = [...(headless ? ['-a', 'npx'] : []), 'playwright', 'test', '-c', 'playwright.electron.config.ts'];
const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, RECORDKEY_ELECTRON: binary } });
process.exit(run.status ?? 1);
