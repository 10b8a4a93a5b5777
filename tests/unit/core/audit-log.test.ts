import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, hashRecord, lastRunOf, verifyChain, type AuditRecord } from '../../../src-main/core/audit-log';

const record = (i: number, extra: Partial<AuditRecord> = {}): AuditRecord => ({
  time: new Date(Date.UTC(2026, 10, 21, 10, 0, i)).toISOString(),
  agent: 'Phone 805003',
  callInstance: 'c1@host',
  action: 'blackout start',
  source: 'hotkey',
  result: 'sent',
  error: null,
  ...extra,
});

const freshDir = () => mkdtempSync(join(tmpdir(), 'rk-audit-'));
const linesOf = (log: AuditLog) => {
  log.commitNow();
  return log.files().flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));
};
const nextTurn = () => new Promise((r) => setImmediate(r));
/** Until the background fsync of the last group has run (it reports nothing when it succeeds). */
const synced = async (log: AuditLog, fsyncs: number) => {
  for (let i = 0; i < 200 && log.stats.fsyncs < fsyncs; i++) await new Promise((r) => setTimeout(r, 5));
};

describe('audit log', () => {
  it('writes one JSON line per record, each chained to the one before', () => {
    const log = new AuditLog(freshDir());
    for (let i = 0; i < 5; i++) log.append(record(i));
    const lines = linesOf(log);
    expect(lines).toHaveLength(5);
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(parsed[1].prev).toBe(parsed[0].hash);
    expect(verifyChain(lines)).toEqual({ ok: true, count: 5 });
  });

  it('detects an edited line', () => {
    const log = new AuditLog(freshDir());
    for (let i = 0; i < 4; i++) log.append(record(i));
    const lines = linesOf(log);
    lines[2] = lines[2].replace('"result":"sent"', '"result":"done"');
    expect(verifyChain(lines)).toEqual({ ok: false, line: 3, reason: 'the line was edited (its hash does not match)' });
  });

  it('detects a missing line', () => {
    const log = new AuditLog(freshDir());
    for (let i = 0; i < 4; i++) log.append(record(i));
    const lines = linesOf(log);
    lines.splice(1, 1);
    expect(verifyChain(lines)).toMatchObject({ ok: false, line: 2, reason: expect.stringMatching(/missing or was edited/) });
  });

  it('detects a line rewritten with a recomputed hash, by the chain to the next line', () => {
    const log = new AuditLog(freshDir());
    for (let i = 0; i < 3; i++) log.append(record(i));
    const lines = linesOf(log);
    const forged = JSON.parse(lines[1]);
    forged.result = 'confirmed';
    const { hash: _drop, ...rest } = forged;
    void _drop;
    forged.hash = hashRecord(rest);
    lines[1] = JSON.stringify(forged);
    expect(verifyChain(lines)).toMatchObject({ ok: false, line: 3 });
  });

  it('rotates by size and keeps the chain running across files', () => {
    const dir = freshDir();
    const log = new AuditLog(dir, { maxBytes: 1500, keepFiles: 10 });
    for (let i = 0; i < 20; i++) log.append(record(i));
    log.commitNow();
    expect(log.files().length).toBeGreaterThan(3);
    const lines = linesOf(log);
    expect(lines).toHaveLength(20);
    expect(verifyChain(lines)).toEqual({ ok: true, count: 20 });
  });

  it('picks the chain up after a restart', () => {
    const dir = freshDir();
    const first = new AuditLog(dir);
    first.append(record(1));
    first.append(record(2));
    first.close();
    const second = new AuditLog(dir);
    second.append(record(3));
    const lines = linesOf(second);
    expect(verifyChain(lines)).toEqual({ ok: true, count: 3 });
  });

  it('never writes a secret: credential-like detail keys are dropped, URL credentials stripped', () => {
    const log = new AuditLog(freshDir());
    log.append(record(1, { error: 'server unreachable at https://rk:hunter2@rec.example.test', detail: { password: 'hunter2', accessKeySecret: 's3', callDataFields: ['user2'] } }));
    log.commitNow();
    const text = readFileSync(log.files()[0], 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('s3');
    expect(text).toContain('https://rec.example.test');
    expect(text).toContain('user2');
  });

  it('lists the most recent entries first for the history view', () => {
    const log = new AuditLog(freshDir(), { maxBytes: 800 });
    for (let i = 0; i < 10; i++) log.append(record(i, { intentId: `intent ${i}` }));
    expect(log.recent(3).map((r) => r.time)).toEqual([record(9).time, record(8).time, record(7).time]);
  });

  it('reports a torn last line (power cut mid-write) instead of trusting it', () => {
    const dir = freshDir();
    const log = new AuditLog(dir);
    log.append(record(1));
    log.close();
    const file = join(dir, AuditLog.fileName(0));
    writeFileSync(file, readFileSync(file, 'utf8') + '{"seq":2,"time":"2026');
    expect(verifyChain(readFileSync(file, 'utf8').split('\n'))).toEqual({ ok: false, line: 2, reason: 'not a JSON line' });
  });

  it('group commit: the lines of one turn (an intent and its "sent") go out in one write and one fsync, off the caller', async () => {
    const log = new AuditLog(freshDir());
    log.append(record(1, { result: 'intent' }));
    log.append(record(2, { result: 'sent' }));
    // Nothing has touched the disk yet: the caller (the controller, about to send the request) is not held up.
    expect(log.stats).toEqual({ lines: 2, writes: 0, fsyncs: 0 });
    await nextTurn();
    expect(log.stats).toMatchObject({ writes: 1, fsyncs: 1 });
    log.append(record(3, { result: 'confirmed' }));
    log.append(record(4, { result: 'state-changed' }));
    await nextTurn();
    await synced(log, 2);
    expect(log.stats).toEqual({ lines: 4, writes: 2, fsyncs: 2 });
    expect(verifyChain(linesOf(log))).toEqual({ ok: true, count: 4 });
  });

  it('the history view and shutdown see lines appended this turn', () => {
    const dir = freshDir();
    const log = new AuditLog(dir);
    log.append(record(1, { action: 'voice start' }));
    expect(log.recent(1).map((r) => r.action)).toEqual(['voice start']);
    log.append(record(2, { action: 'voice stop' }));
    log.close();
    expect(readFileSync(join(dir, AuditLog.fileName(0)), 'utf8')).toContain('voice stop');
  });

  it('a disk that refuses a write is reported, keeps the lines, and writes them once it recovers', () => {
    const dir = freshDir();
    const file = join(dir, AuditLog.fileName(0));
    const log = new AuditLog(dir);
    log.append(record(1));
    log.close();
    const reopened = new AuditLog(dir);
    const problems: Array<string | null> = [];
    reopened.onProblem((p) => problems.push(p));
    // The log file cannot be opened (a directory stands in its place, which stops root too).
    renameSync(file, `${file}.aside`);
    mkdirSync(file);
    reopened.append(record(2));
    reopened.commitNow();
    expect(problems).toEqual([expect.stringMatching(/could not be written \(EISDIR.*tries again/)]);
    rmdirSync(file);
    renameSync(`${file}.aside`, file);
    reopened.commitNow();
    expect(problems.at(-1)).toBeNull();
    expect(verifyChain(linesOf(reopened))).toEqual({ ok: true, count: 2 });
  });

  it('a crash loses at most the lines of the command in flight, and the next start reads the run as interrupted', () => {
    const dir = freshDir();
    // A real process killed mid-command: its last group (the outcome) was never committed.
    const script = `
      import { AuditLog } from ${JSON.stringify(resolve('src-main/core/audit-log.ts'))};
      const log = new AuditLog(${JSON.stringify(dir)});
      const line = (result, extra = {}) => ({ time: new Date().toISOString(), agent: 'a', callInstance: null, action: 'blackout start', source: 'hotkey', result, error: null, ...extra });
      log.append(line('run-start'));
      log.append(line('intent', { intentId: 'r-1' }));
      log.append(line('sent', { intentId: 'r-1' }));
      setImmediate(() => {
        log.append(line('confirmed', { intentId: 'r-1', detail: { outcome: true } }));
        process.kill(process.pid, 'SIGKILL');
      });
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const lines = readFileSync(join(dir, AuditLog.fileName(0)), 'utf8').split('\n').filter(Boolean);
    expect(lines.map((l) => JSON.parse(l).result)).toEqual(['run-start', 'intent', 'sent']);
    expect(verifyChain(lines)).toEqual({ ok: true, count: 3 });
    const next = new AuditLog(dir);
    // The pause start in flight, with when it was sent: the next run restores it as a pause that may be on.
    expect(next.lastRun()).toEqual({ ended: 'interrupted', inFlight: [expect.stringMatching(/^blackout start \(hotkey, /)], pauseInFlight: { sentAt: expect.any(String), server: null } });
    expect(lastRunOf(lines).ended).toBe('interrupted');
  });
});
