/**
 * Every way a recording server can fail, as values a person can act on. The core never
 * throws these; it carries them in `Result`s and shows their `message` as they are.
 */
export type BackendErrorKind =
  | 'not-found' // 404: agent unknown, or no active call for a command that needs one
  | 'unreachable' // connection refused, DNS, TLS, dropped connection
  | 'timeout'
  | 'unauthorized' // 401 / 403
  | 'busy' // 425: a previous start/stop is still being processed
  | 'conflict' // 409: e.g. the customer declined recording
  | 'bad-request' // 400
  | 'server-error' // 5xx, 504, anything else unexpected
  | 'bad-response' // the body is not what the API publishes
  | 'refused-locally'; // RecordKey itself refused (e.g. do-not-record is final)

export interface BackendError {
  kind: BackendErrorKind;
  message: string;
  /** The HTTP status, when there was one. */
  status?: number;
}

export type Result<T, E = BackendError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (kind: BackendErrorKind, message: string, status?: number): Result<never> => ({
  ok: false,
  error: status === undefined ? { kind, message } : { kind, message, status },
});

/** What an accepted command answered: `done` (200) or `accepted` (202: still being processed). */
export type CommandOutcome = 'done' | 'accepted';

/**
 * Maps an HTTP status to the error an agent reads. `subject` names what was asked about
 * ("agent Phone=805003"); `authHint` says which credential to check.
 */
export function errorForStatus(status: number, subject: string, authHint: string, body: string): BackendError {
  const detail = body.trim().slice(0, 200);
  switch (status) {
    case 400:
      return { kind: 'bad-request', status, message: `the server rejected the request as malformed (400)${detail ? `: ${detail}` : ''}` };
    case 401:
    case 403:
      return { kind: 'unauthorized', status, message: `not authorized (${status}) — ${authHint}` };
    case 404:
      return { kind: 'not-found', status, message: `no active call for ${subject}, or the agent is not known to the server (404)` };
    case 409:
      return { kind: 'conflict', status, message: `the server refused in its current state (409)${detail ? `: ${detail}` : ''}` };
    case 425:
      return { kind: 'busy', status, message: 'server busy with a previous request (425)' };
    case 504:
      return { kind: 'server-error', status, message: 'the server timed out handling the request (504)' };
    default:
      return { kind: 'server-error', status, message: `server error ${status}${detail ? `: ${detail}` : ''}` };
  }
}
