/**
 * Which failed commands are tried again, and when. 425 (locked by a previous request) always
 * is, until a deadline; a 202 (accepted, still processing) never is, since it was accepted:
 * the controller confirms it by reading the status. Server errors, timeouts, a
 * dropped connection and a garbled answer are retried only for the commands that protect the customer or the
 * evidence (pause start, recording stop, do-not-record); others are shown at once, because
 * an agent who pressed Start wants to know now, not in twenty seconds.
 */
import { z } from 'zod';
import type { BackendError } from './result';
import type { BackendCommandType } from './recording-backend';

export const RetryPolicySchema = z.object({
  baseDelayMs: z.number().int().min(10).max(10_000).default(250),
  maxDelayMs: z.number().int().min(10).max(60_000).default(2000),
  /** How long a command may take, retries included, before it is reported failed. */
  deadlineMs: z.number().int().min(1000).max(300_000).default(20_000),
  /** How many status reads may disagree before an accepted command is reported unconfirmed. */
  confirmReads: z.number().int().min(1).max(20).default(4),
  confirmGapMs: z.number().int().min(0).max(10_000).default(250),
});
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;
export const DEFAULT_RETRY_POLICY: RetryPolicy = RetryPolicySchema.parse({});

/**
 * The automatic resume's attempts while the server will not take it: 1 s doubling to 30 s
 * (each attempt is itself a command with DEFAULT_RETRY_POLICY's retries). A pause must end,
 * but a failing server must not be flooded by every desktop at once.
 */
export const RESUME_RETRY_POLICY: RetryPolicy = RetryPolicySchema.parse({ baseDelayMs: 1000, maxDelayMs: 30_000 });

const PRIVACY_CRITICAL = new Set<BackendCommandType>(['blackout-start', 'voice-stop', 'screen-stop', 'do-not-record']);

export function isPrivacyCritical(type: BackendCommandType, source?: string): boolean {
  // The timer's automatic resume protects the evidence: a pause must not outlive its limit.
  return PRIVACY_CRITICAL.has(type) || (type === 'blackout-stop' && source === 'timer');
}

export function shouldRetry(error: BackendError, critical: boolean): boolean {
  switch (error.kind) {
    case 'busy':
      return true;
    case 'server-error':
    case 'timeout':
    case 'unreachable':
    case 'bad-response': // a garbled answer: whether the server acted is unknown, so ask again
      return critical;
    default:
      return false;
  }
}

/** Exponential backoff with ±20 % jitter; `random` returns [0, 1). */
export function retryDelay(attemptNumber: number, policy: RetryPolicy, random: () => number): number {
  const base = Math.min(policy.baseDelayMs * 2 ** attemptNumber, policy.maxDelayMs);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Reconnect delay with exponential backoff and **full** jitter (anywhere from 0 to the cap):
 * what thousands of clients losing one server at once need, so they do not all return in the
 * same second. `attempt` counts from 1.
 */
export function reconnectDelay(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  return Math.round(random() * Math.min(maxMs, minMs * 2 ** attempt));
}
