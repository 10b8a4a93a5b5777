/**
 * What one HTTP exchange with a recording server is, whichever connection carries it, and how
 * its transport failures are said to the agent.
 */
import { fail, type Result } from '../core/result';

export interface HttpExchange {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** The largest answer taken (default MAX_ANSWER_BYTES); a larger one is a bad response. */
  maxAnswerBytes?: number;
}

export interface HttpAnswer {
  status: number;
  text: string;
  /** The Content-Type the server declared ('' when none). */
  contentType?: string;
}

/** No recording-server answer is anywhere near this; a larger one is a misrouted request. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
/** GET /api/Agent/GetAll lists every agent of a site: about 680 bytes each, so 10,000 agents are 6.8 MB. */
export const MAX_AGENT_LIST_BYTES = 64 * 1024 * 1024;

/** Only when a timeout is said: formatting a number for every request was a measurable share of a poll. */
export function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/**
 * A transport failure as the core's error. A response the HTTP parser cannot read (`HPE_…`:
 * an SSH or database port, a TLS port spoken to as http://) is not an unknown outcome: nothing
 * that speaks HTTP received the command, so it fails at once and is not retried.
 */
export function transportFailure(error: NodeJS.ErrnoException, origin: string): Result<never> {
  if (error.code?.startsWith('HPE_')) {
    return fail('not-http', `what answers at ${origin} does not speak HTTP (${error.code}): check the server address and port; nothing was sent to a recording server`);
  }
  return fail('unreachable', describeNetworkError(error, origin));
}

export function describeNetworkError(error: NodeJS.ErrnoException, origin: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `server unreachable at ${origin} (connection refused)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `server unreachable at ${origin} (host name not found)`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `server unreachable at ${origin} (the connection was dropped)`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the certificate of ${origin} could not be verified (${error.code}); add your company CA file in the settings`;
    default:
      return `server unreachable at ${origin} (${error.code ?? error.message})`;
  }
}
