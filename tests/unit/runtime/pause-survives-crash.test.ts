/**
 * Issue 20, Why 5: a crash mid-start gave the pause a new deadline. Here RecordKey runs in its
 * own process against the simulator; its pause start reaches the server, which carries it out
 * but whose answer never arrives, and the process is killed (SIGKILL) right then. The next run:
 *
 * - finds the pause record, written before the start left, and keeps its deadline;
 * - with that record lost, takes the deadline from the audit log's sent time;
 * - and the server's pause lasts no longer than the maximum plus one poll and one retry.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-main/core/audit-log';
import type { RecordKeyRuntime } from '../../../src-main/runtime/recordkey-runtime';
import { memoryInFile } from '../../../src-main/runtime/runtime-memory';
import { resetWorld } from '../../support/core-harness';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';
import { startTestRuntime } from '../../support/test-runtime';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const MAX_SECONDS = 10; // the shortest maximum the settings accept

let h: Harness;
let child: ChildProcess | null = null;
let second: RecordKeyRuntime | null = null;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => resetWorld(h, { record: true }));
afterEach(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  child = null;
  await second?.stop();
  second = null;
});

const settings = () => ({
  version: 2,
  connection: { backend: 'onprem', baseUrl: h.url, agent: { kind: 'Phone', value: TEST_AGENT.agentPhone } },
  polling: { activeMs: 300, idleMs: 600, backoffBaseMs: 300, backoffMaxMs: 1200, jitter: 0 },
  maxBlackoutSeconds: MAX_SECONDS,
});

type SimEvent = { at: string; method: string; path: string; status: number | string };
const events = () => h.control<SimEvent[]>('GET', '/sim/events');

async function until<T>(read: () => Promise<T | undefined> | T | undefined, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts RecordKey in a child process, presses Pause, and kills it the moment the server has carried the start out. */
async function pauseThenCrash(dir: string): Promise<{ appliedAt: number }> {
  // The server carries the start out, then the connection drops: RecordKey never learns the outcome and keeps retrying.
  await h.control('POST', '/sim/faults', { path: '/api/Blackout/StartForAgent', drop: true, applied: true });
  child = spawn(TSX, ['tests/support/runtime-child.ts'], { env: { ...process.env, RK_DIR: dir, RK_SETTINGS: JSON.stringify(settings()) }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  await until(() => out.includes('ready'), 'the child to connect', 8000);
  await h.control('DELETE', '/sim/events');
  child.stdin!.write('pause\n');
  const applied = await until(async () => (await events()).find((e) => e.path === '/api/Blackout/StartForAgent'), 'the pause start at the server');
  child.kill('SIGKILL');
  await new Promise((resolve) => child!.once('exit', resolve));
  await h.control('DELETE', '/sim/faults');
  expect((await h.agentStatus()).ActiveCall!.Recordings[0].RecordingState).toBe('BlackedOut');
  return { appliedAt: Date.parse(applied.at) };
}

function restart(dir: string): Promise<RecordKeyRuntime> {
  return startTestRuntime({ memory: memoryInFile(join(dir, 'recording-state.json')), audit: new AuditLog(join(dir, 'audit')) }, settings());
}

describe('a crash mid-start keeps the pause\'s deadline', () => {
  it('the pause record is on disk before the start leaves; the next run keeps its deadline, and the pause ends on time', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-crash-'));
    const { appliedAt } = await pauseThenCrash(dir);
    // Killed while the start was in flight, yet the record was already on disk.
    const record = JSON.parse(readFileSync(join(dir, 'recording-state.json'), 'utf8')).pause;
    expect(record).toMatchObject({ server: `onprem:${h.url}` });
    const deadline = Date.parse(record.deadline);
    expect(deadline - appliedAt).toBeLessThanOrEqual(MAX_SECONDS * 1000);
    await new Promise((r) => setTimeout(r, 1500));

    second = await restart(dir);
    expect(second.getState().pause.current).toMatchObject({ deadline: record.deadline, origin: 'last-run' });
    const runStart = second.history(500).find((e) => e.result === 'run-start');
    expect(runStart).toBeDefined();
    // The server shows it on: confirmed by its status, with the old deadline still.
    await until(() => {
      const pause = second!.getState().controls.blackout;
      return pause.kind === 'on' && pause.evidence === 'status';
    }, 'the pause confirmed by status');
    expect(second.getState().pause.current?.deadline).toBe(record.deadline);
    // And it ends by the old deadline: no longer than the maximum plus one poll and one retry.
    const stop = await until(async () => (await events()).find((e) => e.path === '/api/Blackout/StopForAgent' && e.status === 200), 'the automatic resume', 15_000);
    const lasted = Date.parse(stop.at) - appliedAt;
    expect(lasted).toBeLessThanOrEqual(MAX_SECONDS * 1000 + 300 + 1000);
  });

  it('with the pause record lost, the audit log\'s sent time sets the deadline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-crash-'));
    const { appliedAt } = await pauseThenCrash(dir);
    rmSync(join(dir, 'recording-state.json'));
    second = await restart(dir);
    const pause = second.getState().pause.current;
    expect(pause).toMatchObject({ origin: 'last-run' });
    const deadline = Date.parse(pause!.deadline);
    // Sent just before the server carried it out: the deadline counts from then, not from this restart.
    expect(deadline).toBeGreaterThan(appliedAt + MAX_SECONDS * 1000 - 1000);
    expect(deadline).toBeLessThanOrEqual(appliedAt + MAX_SECONDS * 1000);
    // Not confirmed until the server's status shows it: the agent is told so.
    expect(second.getState().controls.blackout).toMatchObject({ kind: 'on', evidence: 'assumed' });
  });

  it('with neither record nor audit, the pause the server shows counts from when it was found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-crash-'));
    await pauseThenCrash(dir);
    rmSync(join(dir, 'recording-state.json'));
    rmSync(join(dir, 'audit'), { recursive: true });
    const foundAt = Date.now();
    second = await restart(dir);
    await until(() => second!.getState().pause.current, 'the pause found at the server');
    expect(second.getState().pause.current).toMatchObject({ origin: 'server' });
    expect(Date.parse(second.getState().pause.current!.deadline)).toBeGreaterThanOrEqual(foundAt + MAX_SECONDS * 1000);
  });
});
