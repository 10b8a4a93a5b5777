#!/usr/bin/env node
// `npm test`: type-check, lint, every Vitest project, then the Playwright suite in Debian
// Chromium. Every step runs even if an earlier one failed, so one run shows everything that
// is wrong. Counts come from the runners' JSON reports; the last line is
// `tests: N passed, N failed, N skipped` (type-check and lint count as one check each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { chromiumPath, chromiumMissingMessage } from './chromium-path.mjs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(label, command, args, env = {}) {
  process.stdout.write(`\n── ${label}: ${[command, ...args].join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function check(label, command, args) {
  if (run(label, command, args) === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    problems.push(`${label} failed`);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// Said first and plainly: a missing tool fails its tests, and the reason should not be buried in their output.
if (!['/usr/sbin/nginx', '/usr/bin/nginx'].some((p) => existsSync(p))) {
  process.stdout.write('nginx was not found: the reverse-proxy test will fail. Install it (Debian: sudo apt-get install nginx-light).\n');
  problems.push('nginx is missing, so the reverse-proxy test fails');
}
if (!existsSync('/usr/sbin/rabbitmq-server')) {
  process.stdout.write('rabbitmq-server was not found: the failover tests against a real RabbitMQ will fail. Install it (Debian: sudo apt-get install rabbitmq-server).\n');
  problems.push('rabbitmq-server is missing, so the broker tests fail');
}

check('type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('lint', 'npx', ['eslint', '.']);
// The production build first: the bundle test (Vitest) runs dist/main/main.js, the browser
// suite serves dist/renderer with its CSP. A build that fails counts as one failure.
check('build (renderer + main bundle)', 'npm', ['run', 'build', '--silent']);

const vitestStatus = run('vitest', 'npx', ['vitest', 'run']);
const vitest = readJson(`${results}/vitest.json`);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  // A file that fails to load has no tests to count: count it as one failure.
  const brokenFiles = vitest.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  totals.failed += brokenFiles;
}
if (!vitest || (vitestStatus !== 0 && totals.failed === 0)) {
  totals.failed += 1;
  problems.push('vitest did not produce a result report');
}

const browser = chromiumPath();
if (!browser) {
  process.stdout.write(`\n── playwright: not run\n${chromiumMissingMessage()}\n`);
  totals.failed += 1;
  problems.push('Chromium is missing, so the browser tests did not run');
} else {
  const pwStatus = run('playwright', 'npx', ['playwright', 'test'], { RECORDKEY_CHROMIUM: browser });
  const pw = readJson(`${results}/playwright.json`);
  if (pw) {
    totals.passed += pw.stats.expected + pw.stats.flaky;
    totals.failed += pw.stats.unexpected;
    totals.skipped += pw.stats.skipped;
    for (const error of pw.errors ?? []) {
      totals.failed += 1;
      problems.push(`playwright: ${error.message?.split('\n')[0]}`);
    }
  }
  if (!pw || (pwStatus !== 0 && pw.stats.unexpected === 0 && (pw.errors ?? []).length === 0)) {
    totals.failed += 1;
    problems.push('playwright did not produce a result report');
  }
}

writeFileSync(`${results}/summary.json`, JSON.stringify(totals));
process.stdout.write('\n');
for (const p of problems) process.stdout.write(`problem: ${p}\n`);
if (!existsSync('node_modules/electron/dist')) {
  process.stdout.write('note: the Electron suite (npm run test:electron) is separate and needs the Electron binary; it was not run.\n');
}
process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(totals.failed === 0 ? 0 : 1);
