#!/usr/bin/env node
// `npm run screenshots`: refreshes the README's screenshots (docs/screenshots) by running the
// browser suite with RECORDKEY_SCREENSHOTS pointing there. `npm test` writes its screenshots to
// test-results/screenshots instead, so it never changes tracked files.
import { spawnSync } from 'node:child_process';
import { chromiumMissingMessage, chromiumPath } from './chromium-path.mjs';

const browser = chromiumPath();
if (!browser) {
  process.stderr.write(`${chromiumMissingMessage()}\n`);
  process.exit(1);
}
const run = (command, args, env = {}) => spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);
process.exit(run('npx', ['playwright', 'test'], { RECORDKEY_CHROMIUM: browser, RECORDKEY_SCREENSHOTS: 'docs/screenshots' }));
