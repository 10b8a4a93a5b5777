/**
 * The append-only audit log: every intent, command, answer and automatic action as one JSON
 * line, each chained to the one before by a SHA-256 hash so a missing or edited line is
 * detectable. Rotated by size; the chain runs on across rotated files. Never holds a secret:
 * call data values are not logged (agents type card numbers into odd places), only field
 * names, and credentials in URLs are stripped.
 *
 * Durable by group commit: the lines appended in one turn of the event loop (an intent and its
 * "sent", or an answer, its confirming read and the outcome) go to the file in one write, and
 * one fsync runs on the thread pool while the command's request is on the wire. So no fsync
 * sits on a command's critical path, and a crash loses at most the lines of the command in
 * flight; the next start reads the interrupted run and records it (lastRunOf).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { Emitter, type Event } from './emitter';
import { join } from 'node:path';
import type { AuditEntryView } from './ipc-contract';
import type { AuditRecord } from './audit-protocol';

export type { AuditRecord } from './audit-protocol';

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
  /**
   * A pause start that was still in flight when the run stopped: when it was first sent (ISO)
   * and to which server. Its outcome is unknown, so the next run treats it as a pause that may
   * be on, with its deadline counted from here, not from the restart.
   */
  pauseInFlight: { sentAt: string; server: string | null } | null;
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
  if (start < 0) return { ended: records.length ? 'interrupted' : 'none', inFlight: [], pauseInFlight: null };
  const run = records.slice(start);
  const finished = new Set(run.filter((r) => r.detail?.outcome === true).map((r) => r.intentId));
  const open = run.filter((r) => r.intentId && !finished.has(r.intentId));
  const inFlight = open.filter((r) => r.result === 'intent').map((r) => `${r.action} (${r.source}, ${r.time})`);
  const sent = open.find((r) => r.action === 'blackout start' && r.result === 'sent');
  const server = typeof sent?.detail?.server === 'string' ? sent.detail.server : null;
  return { ended: run.some((r) => r.result === 'run-end') ? 'clean' : 'interrupted', inFlight, pauseInFlight: sent ? { sentAt: sent.time, server } : null };
}

const GENESIS = '0'.repeat(64);

function lastByteOf(file: string): number {
  const fd = openSync(file, 'r');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, statSync(file).size - 1);
    return byte[0];
  } finally {
    closeSync(fd);
  }
}
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

/** What `audit verify` finds: the chain holds across every file, or where and why it breaks. */
export interface AuditVerification {
  ok: boolean;
  /** Lines checked, over all files. */
  lines: number;
  files: string[];
  /** Where the chain breaks: the file, the 1-based line in it, and why. */
  broken: { file: string; line: number; reason: string } | null;
  /** Things worth knowing that break nothing: a run killed mid-line, a start after rotated-away files. */
  notes: string[];
}

/** The verification in words, the same for `audit verify` and History's raw view. */
export function describeVerification(result: AuditVerification): string {
  const files = `${result.files.length} file${result.files.length === 1 ? '' : 's'}`;
  return result.ok ? `the audit log is intact: ${result.lines} lines in ${files} chain without a gap` : `the chain breaks at ${result.broken!.file} line ${result.broken!.line}: ${result.broken!.reason}`;
}

/** A log folder's files, oldest first (audit.4.jsonl … audit.1.jsonl, audit.jsonl). */
export function auditFilesIn(dir: string): string[] {
  const files: string[] = [];
  for (let i = 99; i >= 0; i--) {
    const file = join(dir, AuditLog.fileName(i));
    if (existsSync(file)) files.push(file);
  }
  return files;
}

/**
 * Checks the hash chain across a log's files, oldest first: every line's own hash, its link to
 * the line before (across a rotation too), and its sequence number. A run killed while writing
 * leaves one incomplete last line; the next run chains on from the line before it, so that is
 * noted, not a break. An edited or missing line is a break, named by file and line.
 */
export function verifyAuditFiles(files: string[]): AuditVerification {
  const notes: string[] = [];
  let prev: string | null = null;
  let seq: number | null = null;
  let lines = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8').split('\n');
    for (const [index, line] of text.entries()) {
      if (line.trim() === '') continue;
      const at = { file, line: index + 1 };
      let record: ChainedRecord;
      try {
        record = JSON.parse(line) as ChainedRecord;
      } catch {
        const restOfFile = text.slice(index + 1).some((l) => l.trim() !== '');
        if (!restOfFile) {
          notes.push(`${file} line ${index + 1} is incomplete: RecordKey was stopped while writing it (a crash or power cut); the chain goes on from the line before`);
          continue;
        }
        const next = text.slice(index + 1).find((l) => l.trim() !== '')!;
        let chainsOn = false;
        try {
          chainsOn = (JSON.parse(next) as ChainedRecord).prev === prev;
        } catch {
          chainsOn = false;
        }
        if (chainsOn) {
          notes.push(`${file} line ${index + 1} is incomplete: RecordKey was stopped while writing it; the next run chained on from the line before`);
          continue;
        }
        return { ok: false, lines, files, broken: { ...at, reason: 'not a JSON line' }, notes };
      }
      lines += 1;
      const { hash, ...rest } = record;
      if (hashRecord(rest) !== hash) return { ok: false, lines, files, broken: { ...at, reason: 'the line was edited: its hash does not match its contents' }, notes };
      if (prev === null && record.prev !== GENESIS) notes.push(`${file} starts mid-chain (line ${record.seq}): older files were rotated away`);
      if (prev !== null && record.prev !== prev) return { ok: false, lines, files, broken: { ...at, reason: 'the line before it is missing or was edited: it does not chain to it' }, notes };
      if (seq !== null && record.seq !== seq + 1) return { ok: false, lines, files, broken: { ...at, reason: `a line is missing: the sequence jumps from ${seq} to ${record.seq}` }, notes };
      prev = hash;
      seq = record.seq;
    }
  }
  return { ok: true, lines, files, broken: null, notes };
}

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
  /** fsync each commit (default). Benchmarks of many in-process agents turn it off. */
  sync?: boolean;
}

/** What the log has done, for tests and benchmarks: each write and fsync is one group of lines. */
export interface AuditCommitStats {
  lines: number;
  writes: number;
  fsyncs: number;
}

export class AuditLog implements AuditSink {
  private fd: number | null = null;
  private size = 0;
  private seq = 0;
  private prev = GENESIS;
  private readonly maxBytes: number;
  private readonly keepFiles: number;
  private readonly sync: boolean;
  private previousRun: LastRun = { ended: 'none', inFlight: [], pauseInFlight: null };
  /** The current file ends in a line a crash cut short (no newline): the next write starts a new line. */
  private tornLine = false;
  /** Chained lines not yet written: the current group. */
  private pending: string[] = [];
  private commitScheduled = false;
  /** An fsync is running on the thread pool; another is owed for lines written since it began. */
  private syncing = false;
  private syncOwed = false;
  private readonly problems = new Emitter<[problem: string | null]>();
  private failing = false;
  /**
   * Fires with a message when the disk refuses a write or an fsync (the lines stay queued and
   * are tried again with the next group), and with null once a group is written again.
   */
  readonly onProblem: Event<[problem: string | null]> = this.problems.event;
  readonly stats: AuditCommitStats = { lines: 0, writes: 0, fsyncs: 0 };

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

  /** Oldest first: what `verifyChain` should read (after `commitNow`, to include the current group). */
  files(): string[] {
    return auditFilesIn(this.dir);
  }

  /** Chains the record now (its place in the log is fixed) and commits it with its group. */
  append(record: AuditRecord): void {
    const chained: Omit<ChainedRecord, 'hash'> = { seq: this.seq + 1, ...sanitize(record), prev: this.prev };
    const hash = hashRecord(chained);
    this.pending.push(`${JSON.stringify({ ...chained, hash })}\n`);
    this.seq += 1;
    this.prev = hash;
    this.stats.lines += 1;
    if (!this.commitScheduled) {
      this.commitScheduled = true;
      // After the microtasks of this turn: the controller's "sent" and the request itself come first.
      setImmediate(() => {
        this.commitScheduled = false;
        this.commit(false);
      });
    }
  }

  /** Writes the current group and waits for its fsync (shutdown, the history view, tests). */
  commitNow(): void {
    this.commit(true);
  }

  recent(count: number): AuditEntryView[] {
    this.commit(false);
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
    this.commit(true);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.problems.dispose();
  }

  /** One write for the group, rotating between lines; then one fsync, on the thread pool unless `wait`. */
  private commit(wait: boolean): void {
    try {
      while (this.pending.length) {
        const group: string[] = [];
        let bytes = 0;
        for (const line of this.pending) {
          const size = Buffer.byteLength(line);
          if ((this.size > 0 || group.length > 0) && this.size + bytes + size > this.maxBytes) break;
          group.push(line);
          bytes += size;
        }
        if (group.length === 0) {
          this.rotate();
          continue;
        }
        // After a line torn by a crash, start on a line of its own so the torn one stays alone (and is noted, not a break).
        const text = (this.tornLine ? '\n' : '') + group.join('');
        writeSync(this.open(), text);
        this.tornLine = false;
        this.stats.writes += 1;
        this.size += bytes;
        this.pending = this.pending.slice(group.length);
        this.syncOwed = true;
        if (this.pending.length) this.rotate();
      }
    } catch (error) {
      this.report(`the audit log could not be written (${(error as Error).message}); RecordKey keeps the lines and tries again`);
      return;
    }
    if (this.failing) this.report(null);
    if (!this.sync || this.fd === null || !this.syncOwed) return;
    if (wait) {
      this.syncOwed = false;
      this.stats.fsyncs += 1;
      fsyncSync(this.fd);
    } else this.syncInBackground();
  }

  private syncInBackground(): void {
    if (this.syncing || this.fd === null) return;
    this.syncing = true;
    this.syncOwed = false;
    this.stats.fsyncs += 1;
    fsync(this.fd, (error) => {
      this.syncing = false;
      // EBADF: closed meanwhile by close() or a rotation, which synced it themselves.
      if (error && error.code !== 'EBADF') this.report(`the audit log could not be synced to disk (${error.message})`);
      if (this.syncOwed) this.syncInBackground();
    });
  }

  private report(problem: string | null): void {
    this.failing = problem !== null;
    this.problems.fire(problem);
  }

  private open(): number {
    this.fd ??= openSync(join(this.dir, AuditLog.fileName(0)), 'a');
    return this.fd;
  }

  private rotate(): void {
    if (this.fd !== null) {
      // The rotated file is complete and durable before a new one begins.
      if (this.sync && this.syncOwed) fsyncSync(this.fd);
      this.syncOwed = false;
      closeSync(this.fd);
      this.fd = null;
    }
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
    this.tornLine = this.size > 0 && lastByteOf(current) !== 0x0a;
    for (const file of this.files().reverse()) {
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      if (!lines.length) continue;
      this.previousRun = lastRunOf(lines);
      // The last whole line: a torn one (killed mid-write) is skipped, so the chain goes on unbroken and verification notes it.
      for (const line of [...lines].reverse()) {
        try {
          const record = JSON.parse(line) as ChainedRecord;
          this.seq = record.seq;
          this.prev = record.hash;
          break;
        } catch {
          continue;
        }
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
  if (typeof r.detail?.server === 'string' && r.result === 'state-changed') view.server = r.detail.server;
  return view;
}
