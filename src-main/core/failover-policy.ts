/**
 * When RecordKey moves between the Recording API servers of a site, defined once. One slow or
 * failed answer is not a failover; a server that went away must answer well for a while before
 * RecordKey returns to it, so a flapping server does not make RecordKey flap.
 */
import { z } from 'zod';

export const FailoverPolicySchema = z.object({
  /** Consecutive failures (no answer, a timeout, a 5xx, not the server's answer) before moving to the next server. */
  afterFailures: z.number().int().min(1).max(10).default(2),
  /** How long the first server must answer well before RecordKey returns to it. */
  returnAfterMs: z.number().int().min(100).max(3_600_000).default(60_000),
  /** How often the first server is asked while RecordKey is on another one. */
  probeEveryMs: z.number().int().min(50).max(600_000).default(5000),
});
export type FailoverPolicy = z.infer<typeof FailoverPolicySchema>;
export const DEFAULT_FAILOVER_POLICY: FailoverPolicy = FailoverPolicySchema.parse({});

/**
 * After a failover, how long the new server may take to show a pause the old one had (the
 * servers sync blackouts between them, late or not at all) before RecordKey sends it again.
 */
export const DEFAULT_SYNC_GRACE_MS = 3000;

/** NICE's own clients take up to four locations; so does RecordKey (the first and three more). */
export const MAX_FAILOVER_SERVERS = 3;
