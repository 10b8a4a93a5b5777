/**
 * The append-only audit log: every intent, command, answer and automatic action as one JSON
 * line, each chained to the one before by a SHA-256 hash so a missing or edited line is
 * detectable. Written with an fsync per line (a crash loses nothing that was reported as
 * done), rotated by size; the chain runs on across rotated files. Never holds a secret: call
 * data values are not logged (agents type card numbers into odd places), only field names,
 * and credentials in URLs are stripped.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntryView } from './ipc-contract';

export interface AuditRecord {
  time: string;
  agent: string;
  callInstance: string | null;
  /** e.g. "voice start", "blackout stop", "poll" */
  action: string;
  source: string;
  /** intent | sent | retrying | scheduled | an outcome (controller.ts OUTCOMES) | run-start | run-end | server-changed | reminder … */
  result: string;
  error: string | null;
  /** Ties an intent to its steps and its one outcome line. */
  intentId?: string;
  detail?: Record<string, string | number | boolean | string[]>;
}

export interface ChainedRecord extends AuditRecord {
  seq: number;
  prev: string;
  hash: string;
}

export interface AuditSink {
  append(record: AuditRecord): void;
  recent(count: number): AuditEntryView[];
}

/** How the previous run ended, read from the log at start: said in the new run's first line. */
export interface LastRun {
  ended: 'clean' | 'interrupted' | 'none';
  /** Intents of that run with no outcome line: commands that were in flight when it stopped. */
  inFlight: string[];
}

/** Reads the tail of a log (oldest first): the last run's start, whether it ended, and what it left unfinished. */
export function lastRunOf(lines: string[]): LastRun {
  const records: ChainedRecord[] = [];
  for (const line of lines) {
    try {
      records.push(JSON.parse(line) as ChainedRecord);
    } catch {
      // A torn line: verification reports it; here it only cannot be counted.
    }
  }
  const start = records.findLastIndex((r) => r.result === 'run-start');
  if (start < 0) return { ended: records.length ? 'interrupted' : 'none', inFlight: [] };
  const run = records.slice(start);
  const finished = new Set(run.filter((r) => r.detail?.outcome === true).map((r) => r.intentId));
  const inFlight = run.filter((r) => r.result === 'intent' && r.intentId && !finished.has(r.intentId)).map((r) => `${r.action} (${r.source}, ${r.time})`);
  return { ended: run.some((r) => r.result === 'run-end') ? 'clean' : 'interrupted', inFlight };
}

const GENESIS = '0'.repeat(64);
const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key/i;

export function hashRecord(record: Omit<ChainedRecord, 'hash'>): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

/** Strips anything that could be a credential before it reaches the disk. */
export function sanitize(record: AuditRecord): AuditRecord {
  const stripUrlCredentials = (s: string) => s.replace(/(\w+:\/\/)[^/@\s]+@/g, '$1');
  const detail: AuditRecord['detail'] = {};
  for (const [key, value] of Object.entries(record.detail ?? {})) {
    if (!SECRET_KEY.test(key)) detail[key] = typeof value === 'string' ? stripUrlCredentials(value) : value;
  }
  return {
    ...record,
    error: record.error === null ? null : stripUrlCredentials(record.error),
    ...(record.detail ? { detail } : {}),
  };
}

export type ChainVerdict = { ok: true; count: number } | { ok: false; line: number; reason: string };

/** Checks each line's hash and its link to the line before. Line numbers are 1-based. */
export function verifyChain(lines: string[]): ChainVerdict {
  let prev: string | null = null;
  let seq: number | null = null;
  let count = 0;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let record: ChainedRecord;
    try {
      record = JSON.parse(line) as ChainedRecord;
    } catch {
      return { ok: false, line: index + 1, reason: 'not a JSON line' };
    }
    const { hash, ...rest } = record;
    if (hashRecord(rest) !== hash) return { ok: false, line: index + 1, reason: 'the line was edited (its hash does not match)' };
    if (prev !== null && record.prev !== prev) return { ok: false, line: index + 1, reason: 'a line before it is missing or was edited (the chain is broken)' };
    if (seq !== null && record.seq !== seq + 1) return { ok: false, line: index + 1, reason: `sequence jumps from ${seq} to ${record.seq}` };
    prev = hash;
    seq = record.seq;
    count += 1;
  }
  return { ok: true, count };
}

export interface AuditLogOptions {
  maxBytes?: number;
  keepFiles?: number;
  /** fsync every line (default). Benchmarks of many in-process agents turn it off. */
  sync?: boolean;
}

export class AuditLog implements AuditSink {
  private fd: number | null = null;
  private size = 0;
  private seq = 0;
  private prev = GENESIS;
  private readonly maxBytes: number;
  private readonly keepFiles: number;
  private readonly sync: boolean;
  private previousRun: LastRun = { ended: 'none', inFlight: [] };

  constructor(
    private readonly dir: string,
    options: AuditLogOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.keepFiles = options.keepFiles ?? 5;
    this.sync = options.sync ?? true;
    mkdirSync(dir, { recursive: true });
    this.resumeChain();
  }

  /** How the run before this one ended (read once, at open). */
  lastRun(): LastRun {
    return this.previousRun;
  }

  static fileName(index: number): string {
    return index === 0 ? 'audit.jsonl' : `audit.${index}.jsonl`;
  }

  /** Oldest first: what `verifyChain` should read. */
  files(): string[] {
    const out: string[] = [];
    for (let i = this.keepFiles; i >= 0; i--) {
      const path = join(this.dir, AuditLog.fileName(i));
      if (existsSync(path)) out.push(path);
    }
    return out;
  }

  append(record: AuditRecord): void {
    const chained: Omit<ChainedRecord, 'hash'> = { seq: this.seq + 1, ...sanitize(record), prev: this.prev };
    const hash = hashRecord(chained);
    const line = `${JSON.stringify({ ...chained, hash })}\n`;
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    const fd = this.open();
    writeSync(fd, line);
    if (this.sync) fsyncSync(fd);
    this.size += bytes;
    this.seq += 1;
    this.prev = hash;
  }

  recent(count: number): AuditEntryView[] {
    const lines: string[] = [];
    for (const file of this.files().reverse()) {
      lines.unshift(...readFileSync(file, 'utf8').split('\n').filter(Boolean));
      if (lines.length >= count) break;
    }
    return lines.slice(-count).reverse().map((line) => {
      return entryView(JSON.parse(line) as ChainedRecord);
    });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    this.fd ??= openSync(join(this.dir, AuditLog.fileName(0)), 'a');
    return this.fd;
  }

  private rotate(): void {
    this.close();
    for (let i = this.keepFiles - 1; i >= 0; i--) {
      const from = join(this.dir, AuditLog.fileName(i));
      if (existsSync(from)) renameSync(from, join(this.dir, AuditLog.fileName(i + 1)));
    }
    this.size = 0;
  }

  /** Picks the chain up where the last run left it, so restarts do not break it. */
  private resumeChain(): void {
    const current = join(this.dir, AuditLog.fileName(0));
    this.size = existsSync(current) ? statSync(current).size : 0;
    for (const file of this.files().reverse()) {
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      const last = lines.at(-1);
      if (!last) continue;
      this.previousRun = lastRunOf(lines);
      try {
        const record = JSON.parse(last) as ChainedRecord;
        this.seq = record.seq;
        this.prev = record.hash;
      } catch {
        // A torn last line (power cut mid-write): verification will point at it.
      }
      return;
    }
  }
}

/** For the CLI and benchmarks: keeps the last records in memory only. */
export class MemoryAuditSink implements AuditSink {
  readonly records: AuditRecord[] = [];

  lastRun(): LastRun {
    return lastRunOf(this.records.map((r) => JSON.stringify(r)));
  }

  append(record: AuditRecord): void {
    this.records.push(sanitize(record));
    if (this.records.length > 1000) this.records.shift();
  }

  recent(count: number): AuditEntryView[] {
    return this.records
      .slice(-count)
      .reverse()
      .map(entryView);
  }
}

/** What a front end sees of an audit record: never call-data values, only what the history needs. */
function entryView(r: AuditRecord): AuditEntryView {
  const view: AuditEntryView = { time: r.time, source: r.source, action: r.action, result: r.result, error: r.error, callInstance: r.callInstance };
  if (r.detail?.outcome === true) view.outcome = true;
  if (typeof r.detail?.by === 'string') view.endedBy = r.detail.by;
  return view;
}
