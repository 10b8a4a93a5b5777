/**
 * Fault injection per route, so tests can show how the client behaves when the server
 * misbehaves: a status for the next N requests or at a rate, added latency, a malformed
 * body, a dropped connection, a web page instead of the API's answer (a captive portal or a
 * proxy's error page), or an answer that is not HTTP at all (an SSH port).
 */
import { z } from 'zod';

export const FaultRuleSchema = z
  .object({
    /** Case-insensitive path; `*` matches every API route, a trailing `*` is a prefix. */
    path: z.string().min(1),
    method: z.string().toUpperCase().optional(),
    status: z.number().int().min(100).max(599).optional(),
    /** How many matching requests it applies to; omitted: all of them. */
    times: z.number().int().positive().optional(),
    /** Probability (0..1) a matching request is hit; omitted: every one. */
    rate: z.number().min(0).max(1).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    malformed: z.boolean().optional(),
    drop: z.boolean().optional(),
    /** Answer with a web page (text/html): with `status` a proxy's error page ("502 Bad Gateway"), without it a login page with 200. */
    html: z.boolean().optional(),
    /** Answer with bytes that are not HTTP (an SSH server's greeting), then close. */
    notHttp: z.boolean().optional(),
    /** The server carries the request out first, then the fault replaces its answer: a lost or garbled answer to a command that took effect. */
    applied: z.boolean().optional(),
  })
  .refine((r) => r.status !== undefined || r.latencyMs !== undefined || r.malformed || r.drop || r.html || r.notHttp, {
    message: 'a fault needs one of status, latencyMs, malformed, drop, html or notHttp',
  });

export type FaultRule = z.infer<typeof FaultRuleSchema>;

export interface FaultHit {
  status?: number;
  latencyMs: number;
  malformed: boolean;
  drop: boolean;
  html: boolean;
  notHttp: boolean;
  applied: boolean;
}

interface ActiveRule {
  id: number;
  rule: FaultRule;
  remaining: number;
}

function pathMatches(pattern: string, path: string): boolean {
  const p = pattern.toLowerCase();
  const actual = path.toLowerCase();
  if (p === '*') return true;
  if (p.endsWith('*')) return actual.startsWith(p.slice(0, -1));
  return actual === p;
}

export class FaultTable {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  /** `random` is injected so a rate-based fault is reproducible in tests. */
  constructor(private readonly random: () => number) {}

  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.rules.push({ id, rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<FaultRule & { id: number; remaining: number | null }> {
    return this.rules.map((r) => ({ ...r.rule, id: r.id, remaining: Number.isFinite(r.remaining) ? r.remaining : null }));
  }

  /**
   * Latency from every matching rule adds up; of the rules that shape the answer (status,
   * malformed, drop) only the first matching one applies, so faults queued one after another
   * (a 202, then a 425) hit successive requests. Each applied rule uses up one of its times.
   */
  match(method: string, path: string): FaultHit | null {
    let hit: FaultHit | null = null;
    let shaped = false;
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0) continue;
      if (rule.method && rule.method !== method.toUpperCase()) continue;
      if (!pathMatches(rule.path, path)) continue;
      const shapes = rule.status !== undefined || !!rule.malformed || !!rule.drop || !!rule.html || !!rule.notHttp;
      if (shapes && shaped) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      active.remaining -= 1;
      hit ??= { latencyMs: 0, malformed: false, drop: false, html: false, notHttp: false, applied: false };
      hit.latencyMs += rule.latencyMs ?? 0;
      if (shapes) {
        shaped = true;
        hit.status = rule.status;
        hit.malformed = rule.malformed ?? false;
        hit.drop = rule.drop ?? false;
        hit.html = rule.html ?? false;
        hit.notHttp = rule.notHttp ?? false;
        hit.applied = rule.applied ?? false;
      }
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return hit;
  }
}

/** A seeded PRNG (mulberry32): the same seed gives the same fault sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
