import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, hashRecord, verifyChain, type AuditRecord } from '../../../src-main/core/audit-log';

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
const linesOf = (log: AuditLog) => log.files().flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));

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
    const text = readFileSync(log.files()[0], 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('s3');
    expect(text).toContain('https://rec.example.test');
    expect(text).toContain('user2');
  });

  it('lists the most recent entries first for the history view', () => {
    const log = new AuditLog(freshDir(), { maxBytes: 800 });
    for (let i = 0; i < 10; i++) log.append(record(i, { action: `action ${i}` }));
    expect(log.recent(3).map((r) => r.action)).toEqual(['action 9', 'action 8', 'action 7']);
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
});
