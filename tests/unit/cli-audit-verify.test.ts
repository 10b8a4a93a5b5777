/**
 * Issue 20, Build 11: tamper-evidence that a person can check. `npm run cli -- audit verify`
 * reads the chain across rotated files and through a run that was killed (a real SIGKILL while
 * RecordKey wrote), and names the line that breaks it: one byte edited, one line deleted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, auditFilesIn } from '../../src-main/core/audit-log';
import { auditRecord } from '../../src-main/core/audit-protocol';
import { runCli } from '../../src-main/cli/run-cli';

async function verify(path: string) {
  const out: string[] = [];
  const code = await runCli(['audit', 'verify', path], {}, { out: (l) => out.push(l), err: (l) => out.push(l) });
  return { code, text: out.join('\n') };
}

const line = (i: number) => auditRecord(Date.UTC(2026, 11, 6, 10, 0, i), null, { action: 'blackout start', source: 'hotkey', result: 'sent', intentId: `r-${i}` });

/** A log over several rotated files, with a run killed mid-write between two runs. */
function logWithRotationAndAKilledRun(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rk-verify-'));
  const first = new AuditLog(dir, { maxBytes: 1500, sync: false });
  for (let i = 0; i < 12; i++) first.append(line(i));
  first.commitNow();
  first.close();
  // A real process, killed while it was writing a line: what it leaves is a torn last line.
  const script = `
    import { appendFileSync } from 'node:fs';
    appendFileSync(${JSON.stringify(join(dir, AuditLog.fileName(0)))}, '{"seq":13,"time":"2026-12-06T10:00:13');
    process.kill(process.pid, 'SIGKILL');
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(child.signal).toBe('SIGKILL');
  const second = new AuditLog(dir, { maxBytes: 1500, sync: false });
  for (let i = 13; i < 20; i++) second.append(line(i));
  second.commitNow();
  second.close();
  return dir;
}

describe('npm run cli -- audit verify', () => {
  it('an intact log: rotated files and a killed run chain without a gap', async () => {
    const dir = logWithRotationAndAKilledRun();
    expect(auditFilesIn(dir).length).toBeGreaterThan(2);
    const { code, text } = await verify(dir);
    expect(code).toBe(0);
    expect(text).toMatch(new RegExp(`^✓ the audit log is intact: 19 lines in ${auditFilesIn(dir).length} files chain without a gap$`, 'm'));
    expect(text).toMatch(/note: .* is incomplete: RecordKey was stopped while writing it/);
  });

  it('one byte edited: the line is named, with why, and the exit code says so', async () => {
    const dir = logWithRotationAndAKilledRun();
    const file = auditFilesIn(dir)[1];
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1].replace('"hotkey"', '"hotkez"');
    writeFileSync(file, lines.join('\n'));
    const { code, text } = await verify(dir);
    expect(code).toBe(6);
    expect(text).toBe(`✗ the chain breaks at ${file} line 2: the line was edited: its hash does not match its contents`);
  });

  it('one line deleted: the line after the gap is named', async () => {
    const dir = logWithRotationAndAKilledRun();
    const file = auditFilesIn(dir)[1];
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    writeFileSync(file, [...lines.slice(0, 2), ...lines.slice(3)].join('\n') + '\n');
    const { code, text } = await verify(dir);
    expect(code).toBe(6);
    expect(text).toMatch(new RegExp(`^✗ the chain breaks at ${file.replace(/[.]/g, '\\.')} line 3: the line before it is missing or was edited`, 'm'));
  });

  it('a path with no log says where RecordKey keeps it', async () => {
    const { code, text } = await verify(join(tmpdir(), 'no-such-audit-folder'));
    expect(code).toBe(2);
    expect(text).toMatch(/^audit verify: no audit log at .*no-such-audit-folder: give the file or the folder \(RecordKey's is .*RecordKey.audit\)$/);
  });
});

