/**
 * Every way a recording server can fail, as values a person can act on. The core never
 * throws these; it carries them in `Result`s and shows their `message` as they are.
 * Free of zod (the status window imports these rules); the schema is in result-schema.ts.
 */
import type { BackendError } from './result-schema';

export type { BackendError } from './result-schema';

export const BACKEND_ERROR_KINDS = [
  'not-configured', // RecordKey has no usable server settings: it says which and sends nothing
  'not-found', // 404: agent unknown, or no active call for a command that needs one
  'unreachable', // connection refused, DNS, TLS, dropped connection
  'timeout',
  'unauthorized', // 401 / 403
  'busy', // 425: a previous start/stop is still being processed
  'conflict', // 409: e.g. the customer declined recording
  'not-possible', // 422: the server cannot do it for this interaction (CXone: no masking on internal calls)
  'no-status', // the status endpoint is forbidden for this user (CXone 403): commands rest on their answers
  'bad-request', // 400
  'server-error', // 5xx, 504, anything else unexpected
  'bad-response', // the body is not what the API publishes (a proxy's web page, garbled JSON): whether it acted is unknown
  'not-http', // what answered does not speak HTTP (the parser failed): nothing can have been applied
  'refused-locally', // RecordKey itself refused (e.g. do-not-record is final)
  'unconfirmed', // the server answered OK, but its status shows otherwise
] as const;
export type BackendErrorKind = (typeof BACKEND_ERROR_KINDS)[number];

/**
 * Whether the server certainly did not act on the command: it answered with an error, or what
 * answered does not speak HTTP at all (so no HTTP request was carried out). A timeout, a
 * dropped connection or a gateway timeout (504) leave the outcome unknown.
 */
export function isRefusal(error: BackendError): boolean {
  if (error.kind === 'not-http') return true;
  return error.status !== undefined && error.status !== 504 && error.kind !== 'unconfirmed';
}

export type Result<T, E = BackendError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (kind: BackendErrorKind, message: string, status?: number): Result<never> => ({
  ok: false,
  error: status === undefined ? { kind, message } : { kind, message, status },
});

/** What an accepted command answered: `done` (200) or `accepted` (202: still being processed). */
export type CommandOutcome = 'done' | 'accepted';

